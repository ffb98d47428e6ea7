"""Write figures and tables: one function each, byte-identical on rerun."""
from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import pandas as pd

from . import config

FIGURE_FORMATS = ("png", "svg", "pdf")
# Fixed metadata: no dates, no hostnames, so the same input gives the same bytes.
_METADATA = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None},
             "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None}}


def use_style() -> None:
    """Apply the project's style sheet (and fixed dates for file metadata) to matplotlib."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", config.SOURCE_DATE_EPOCH)
    matplotlib.style.use(config.STYLE_SHEET)


def output_folder(path=None) -> Path:
    """The report folder figures and tables go to: ``path``, or ``reports/lab`` for interactive use."""
    folder = Path(path) if path else config.REPORTS_DIR / "lab"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_figure(fig, name: str, *, out_dir) -> list[Path]:
    """Save ``fig`` as ``figures/NAME.png`` (200 dpi), ``.svg`` and ``.pdf`` under ``out_dir``.

    ``name`` describes the content (``sentiment-by-outlet``); anything that is
    not a plain slug is made one (config.safe_name), so names from data can
    never leave the folder. Returns the paths written.
    """
    folder = Path(out_dir) / "figures"
    folder.mkdir(parents=True, exist_ok=True)
    slug = config.safe_name(name)
    paths = []
    with matplotlib.rc_context({"svg.hashsalt": "framing-analysis"}):
        for fmt in FIGURE_FORMATS:
            path = config.inside(folder, f"{slug}.{fmt}")
            fig.savefig(path, format=fmt, metadata=_METADATA[fmt])
            paths.append(path)
    return paths


def save_table(table: pd.DataFrame, name: str, *, out_dir, index: bool = False) -> Path:
    """Save ``table`` as ``tables/NAME.csv`` under ``out_dir`` (UTF-8, ``\\n`` line ends)."""
    folder = Path(out_dir) / "tables"
    folder.mkdir(parents=True, exist_ok=True)
    path = config.inside(folder, f"{config.safe_name(name)}.csv")
    table.to_csv(path, index=index, lineterminator="\n")
    return path
