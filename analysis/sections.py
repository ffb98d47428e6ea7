"""Report sections that a corpus cannot support say why, in their place and in the index, instead of failing.

A notebook wraps each section's cell in ``with fa.section(TITLE, out_dir=out):``.
When the corpus is valid but too small or too narrow for that section (one
outlet, no event two outlets share, no usable terms: an
:class:`~analysis.tables.InsufficientData` error), the section shows the
reason where its output would be, records it in ``sections/NAME.json`` of
the report folder (the index lists it), and the notebook goes on. Any other
error still fails the notebook, and so the report: a bug is never hidden.
Notes a section adds (``sec.note(...)``: outlets left out, say) are shown
and recorded the same way.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from IPython import get_ipython
from IPython.display import Markdown, display

from . import config
from ._docs import shared_docs
from .tables import InsufficientData


@dataclass
class Section:
    """One section of a notebook: its ``title``, whether it was ``computed``, and why not (``reason``)."""

    title: str
    folder: Path
    computed: bool = True
    reason: str | None = None
    notes: list[str] = field(default_factory=list)

    def note(self, text: str) -> None:
        """Record a caveat the reader must see beside this section's output (and in the index)."""
        self.notes.append(str(text))
        _show(f"**Note:** {text}")

    def _write(self) -> None:
        path = config.inside(self.folder, f"{config.safe_name(self.title)}.json")
        if self.computed and not self.notes:
            path.unlink(missing_ok=True)  # a rerun that now works clears an old record
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        record = {
            "title": self.title,
            "computed": self.computed,
            "reason": self.reason,
            "notes": self.notes,
        }
        path.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _show(markdown: str) -> None:
    """Markdown in a notebook; plain text elsewhere."""
    if get_ipython() is not None:
        display(Markdown(markdown))
    else:
        print(markdown.replace("**", ""))


@contextlib.contextmanager
@shared_docs
def section(title: str, *, out_dir):
    """Run one report section; if the corpus cannot support it, say why and carry on.

    Only :class:`~analysis.tables.InsufficientData` is caught; its message is the reason shown in place and
    listed in the report's index.

    Parameters
    ----------
    title : str
        The section's title, as the report's index lists it.
    {out_dir}

    Yields
    ------
    Section
        ``sec.note(text)`` adds a caveat shown beside the section's output and in the index.
    """
    sec = Section(title=title, folder=Path(out_dir) / "sections")
    try:
        yield sec
    except InsufficientData as err:
        sec.computed, sec.reason = False, str(err)
        _show(f"**Not computed: {title}.** {err}")
    sec._write()


def read_sections(out_dir) -> list[dict]:
    """Every recorded section of a report folder (title, computed, reason, notes), sorted by title."""
    folder = Path(out_dir) / "sections"
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]
    return sorted(records, key=lambda r: r["title"])
