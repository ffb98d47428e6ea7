"""The README and docs/: short where they should be, and every link and figure in them resolves."""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import pytest

from analysis import config

DOCS = [
    config.REPO_DIR / "README.md",
    config.REPO_DIR / "CHANGES.md",
    *sorted((config.REPO_DIR / "docs").glob("*.md")),
]
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")


def _anchors(path: Path) -> set[str]:
    """GitHub's anchors of a Markdown file's headings."""
    heads = re.findall(r"^#+ (.+)$", path.read_text(encoding="utf-8"), flags=re.M)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in heads}


def test_the_readme_is_read_in_five_minutes():
    assert len((config.REPO_DIR / "README.md").read_text(encoding="utf-8").splitlines()) <= 250


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_link_and_figure_resolves(doc):
    for target in LINK.findall(doc.read_text(encoding="utf-8")):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        file, _, anchor = target.partition("#")
        path = (doc.parent / file).resolve() if file else doc
        assert path.exists(), f"{doc.name} links to {target}, which does not exist"
        if anchor:
            assert anchor in _anchors(path), f"{doc.name} links to {target}: no such heading"


def test_every_benchmark_named_in_the_figures_exists():
    text = (config.REPO_DIR / "docs" / "benchmarks.md").read_text(encoding="utf-8")
    for script in set(re.findall(r"`((?:bench|calibrate)_\w+\.py)", text)):
        assert (config.REPO_DIR / "benchmarks" / script).is_file(), script


def _called_by_notebooks() -> set[str]:
    """The ``fa.<name>(`` calls in the notebooks' code cells."""
    names = set()
    for path in sorted((config.REPO_DIR / "notebooks").glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                names |= set(re.findall(r"\bfa\.([A-Za-z_]\w*)\s*\(", "".join(cell["source"])))
    return names


def test_every_function_the_notebooks_call_has_parameters_and_returns():
    import analysis

    called = _called_by_notebooks()
    assert len(called) > 40, called  # the scan found the notebooks' calls
    missing = []
    for name in sorted(called):
        doc = inspect.getdoc(getattr(analysis, name)) or ""
        sections = re.findall(r"^(\w+)\n-{3,}$", doc, flags=re.M)
        if (
            "Parameters" not in sections
            or not {"Returns", "Yields"} & set(sections)
            or re.search(r"^\s*\{\w+\}$", doc, flags=re.M)
        ):
            missing.append(name)
    assert not missing, (
        f"without numpydoc Parameters/Returns (or with an unfilled shared entry): {missing}"
    )
