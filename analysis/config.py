"""Every path the project uses is built here, and nowhere else.

Names that come from data (outlets, events) become file names only through
:func:`safe_name`, which keeps them inside the folder they are written to.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
DATA_DIR = REPO_DIR / "data"
RAW_DIR = DATA_DIR / "raw"
SAMPLE_CORPUS = DATA_DIR / "sample_manifest.csv"
SAMPLE_CODEBOOK = DATA_DIR / "sample_codebook.csv"
NOTEBOOKS_DIR = REPO_DIR / "notebooks"
REPORTS_DIR = REPO_DIR / "reports"
DEFAULT_REPORT_DIR = REPORTS_DIR / "sample"
STYLE_SHEET = PACKAGE_DIR / "style.mplstyle"
DEFAULT_RULES = PACKAGE_DIR / "furniture.ini"
TEMPLATES_DIR = PACKAGE_DIR / "templates"

#: Fixed timestamp for every file the report writes (2020-01-01T00:00:00Z).
SOURCE_DATE_EPOCH = "1577836800"
TONE_BUDGET = 500_000  # mentions scored for tone towards actors at most, by default (benchmarks/bench_tone_sample.py)


def default_codebook(corpus=None) -> Path | None:
    """The actor codebook that goes with ``corpus`` when none is given: the sample's for the bundled sample."""
    return (
        SAMPLE_CODEBOOK
        if corpus is None or Path(corpus).resolve() == SAMPLE_CORPUS.resolve()
        else None
    )


def cache_dir() -> Path:
    """Folder of the sentence-score cache: $FRAMING_CACHE_DIR, else ~/.cache/framing-analysis."""
    env = os.environ.get("FRAMING_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "framing-analysis"


def safe_name(name: object, *, max_len: int = 60) -> str:
    """A file-name-safe slug for a name that comes from data.

    ASCII letters, digits, ``-`` and ``_`` only, never empty, never ``.`` or
    ``..``, and unique per input: a short hash of the original is appended
    whenever the slug is not the name itself.

    >>> safe_name("Fox News")
    'fox-news-34fb92'
    >>> safe_name("../../etc/passwd")
    'etc-passwd-936d7c'
    """
    text = str(name)
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9_]+", "-", ascii_).strip("-_").lower()[:max_len] or "unnamed"
    if slug == text:
        return slug
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]
    return f"{slug}-{digest}"


def inside(folder: Path, name: str) -> Path:
    """``folder / name``, refusing any result that would leave ``folder``."""
    folder = Path(folder).resolve()
    path = (folder / name).resolve()
    if folder != path and folder not in path.parents:
        raise ValueError(f"refusing to write outside {folder}: {name!r}")
    return path
