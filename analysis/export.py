"""Write figures and tables: one function each, byte-identical on rerun."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd

from . import config
from ._docs import shared_docs
from .tables import needs

FIGURE_FORMATS = ("png", "svg", "pdf")
# Fixed metadata: no dates, no hostnames, so the same input gives the same bytes.
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}


def use_style() -> None:
    """Apply the project's style sheet (and fixed dates for file metadata) to matplotlib."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", config.SOURCE_DATE_EPOCH)
    matplotlib.style.use(config.STYLE_SHEET)


def output_folder(path=None) -> Path:
    """The report folder figures and tables go to, made if missing.

    Parameters
    ----------
    path : str or Path, optional
        The folder; default ``reports/lab`` (interactive use).

    Returns
    -------
    Path
        The folder, which exists.
    """
    folder = Path(path) if path else config.REPORTS_DIR / "lab"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_figure(fig, name: str, *, out_dir) -> list[Path]:
    """Save ``fig`` as ``figures/NAME.png`` (200 dpi), ``.svg`` and ``.pdf`` under ``out_dir``, the same bytes
    for the same figure.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    name : str
        What it shows (``sentiment-by-outlet``); anything that is not a plain slug is made one
        (:func:`analysis.config.safe_name`), so names from data never leave the folder.
    out_dir : str or Path
        The report folder (:func:`output_folder`).

    Returns
    -------
    list of Path
        The files written.
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


#: A cell starting with one of these is run as a formula by spreadsheets (CSV injection, OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _starts_like_formula(values) -> np.ndarray:
    # in Arrow's C: 40x faster
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.StringDtype):
        return values.str.startswith(FORMULA_STARTS).fillna(False).to_numpy(dtype=bool)
    return np.fromiter(
        (isinstance(v, str) and v.startswith(FORMULA_STARTS) for v in values),
        dtype=bool,
        count=len(values),
    )


def _defused(values: pd.Series) -> pd.Series | None:
    """``values`` with a leading apostrophe on text that starts like a formula, or None if none does.

    A categorical column is fixed through its categories (a few thousand
    terms, not millions of rows); text columns cell by cell.
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        categories = values.cat.categories
        risky = _starts_like_formula(categories)
        if not risky.any():
            return None
        renamed = [f"'{c}" if r else c for c, r in zip(categories, risky)]
        if len(set(renamed)) == len(renamed):
            return values.cat.rename_categories(renamed)
        values = values.astype(object)  # a renamed category would collide with an existing one
    elif not (values.dtype == object or isinstance(values.dtype, pd.StringDtype)):
        return None
    risky = _starts_like_formula(values)
    if not risky.any():
        return None
    return values.astype(object).where(~risky, "'" + values[risky].astype(str))


def spreadsheet_safe(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``table`` whose text cells cannot run as spreadsheet formulas.

    A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
    carriage return gets a leading apostrophe (``'=1+1``), which spreadsheets
    show as text and hide. Numbers are left as they are (``-0.5`` stays a
    number). Column names are treated the same way. The exact values are in
    the Parquet twin that :func:`save_table` writes beside every CSV.
    """
    # columns are replaced, never changed in place: the input stays as it was
    out = table.copy(deep=False)
    for col in out.columns:
        fixed = _defused(out[col])
        if fixed is not None:
            out[col] = fixed
    out.columns = [
        f"'{c}" if isinstance(c, str) and c.startswith(FORMULA_STARTS) else c for c in out.columns
    ]
    return out


BIG_CSV = 100_000  # rows from which a table's CSV is written by Arrow (1,000,000 contrast rows: pandas 16.7 s, Arrow 0.8 s)


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    """``frame`` as CSV; big tables through Arrow, with dates and booleans spelled as pandas spells them."""
    if len(frame) >= BIG_CSV:
        import pyarrow as pa
        import pyarrow.csv as pa_csv

        columns = {}
        for name, col in frame.items():
            if isinstance(col.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_dtype(
                col.dtype
            ):
                midnight = col.dropna().dt.normalize().eq(col.dropna()).all()
                col = (
                    col.dt.strftime("%Y-%m-%d")
                    if midnight and col.dt.tz is None
                    else col.astype(str).where(col.notna())
                )
            elif pd.api.types.is_bool_dtype(col.dtype):
                col = col.map({True: "True", False: "False"})
            columns[str(name)] = col
        try:
            table = pa.Table.from_pandas(pd.DataFrame(columns), preserve_index=False)
            table = pa.table(
                {
                    c: table[c].cast(table[c].type.value_type)
                    if pa.types.is_dictionary(table[c].type)
                    else table[c]
                    for c in table.column_names
                }
            )
        # mixed types in a column: pandas writes it
        except (
            pa.ArrowException,
            TypeError,
            ValueError,
        ):
            table = None
        if table is not None and table.num_columns == frame.shape[1]:
            pa_csv.write_csv(table, path, pa_csv.WriteOptions(quoting_style="needed"))
            return
    frame.to_csv(path, index=False, lineterminator="\n")


def save_table(
    table: pd.DataFrame, name: str, *, out_dir, index: bool = False, csv_rows=None
) -> Path:
    """Save ``table`` as ``tables/NAME.csv`` and ``tables/NAME.parquet`` under ``out_dir``.

    The CSV (UTF-8, ``\\n`` line ends) is meant for spreadsheets: text cells
    that a spreadsheet would run as a formula get a leading apostrophe (see
    :func:`spreadsheet_safe`). The Parquet twin keeps every value exactly,
    for code (categorical columns keep only the categories in use). Tables
    of ``BIG_CSV`` rows or more are written by Arrow's CSV writer (20 times
    faster than pandas' on millions of rows): the same values, with text
    quoted and no exponents in numbers.

    Parameters
    ----------
    table : DataFrame
        The table.
    name : str
        What it holds (``sentiment-by-outlet``), made a slug as :func:`save_figure` does.
    out_dir : str or Path
        The report folder (:func:`output_folder`).
    index : bool, default False
        Keep the index as columns.
    csv_rows : array of bool, optional
        The rows the CSV keeps (the Parquet twin keeps them all).

    Returns
    -------
    Path
        The CSV's path.
    """
    folder = Path(out_dir) / "tables"
    folder.mkdir(parents=True, exist_ok=True)
    slug = config.safe_name(name)
    path = config.inside(folder, f"{slug}.csv")
    frame = table.reset_index() if index else table
    _write_csv(
        spreadsheet_safe(frame if csv_rows is None else frame[np.asarray(csv_rows, dtype=bool)]),
        path,
    )
    frame = frame.rename(columns=str)
    for col in frame.columns[[isinstance(t, pd.CategoricalDtype) for t in frame.dtypes]]:
        # a few rows cut from a big table would otherwise carry all its categories (100 top terms: a 6 MB file)
        frame[col] = frame[col].cat.remove_unused_categories()
    frame.to_parquet(config.inside(folder, f"{slug}.parquet"), index=False)
    return path


SPREADSHEET_ROWS = 1_048_576  # a spreadsheet's rows, the header's included


@needs(contrasts=["scope", "outlet", "z", "q"])
@shared_docs
def save_contrasts(contrasts: pd.DataFrame, name: str = "term-contrasts", *, out_dir) -> Path:
    """Save a contrast table as :func:`save_table` does, its CSV cut to what a spreadsheet opens.

    The CSV keeps, of each scope and outlet, the rows with ``q < 0.05`` or its 1,000 highest ``|z|``,
    whichever are more, and at most ``SPREADSHEET_ROWS - 1`` rows in all (the most distinctive of each
    comparison first); ``tables/NAME.parquet`` keeps every row. ``contrasts.attrs["notes"]`` gains a line
    when rows were cut.

    Parameters
    ----------
    {contrasts}
    name : str, default "term-contrasts"
        The tables' file name, without extension.
    {out_dir}

    Returns
    -------
    Path
        The CSV's path.
    """
    from .contrast import spreadsheet_rows

    keep = spreadsheet_rows(contrasts, limit=SPREADSHEET_ROWS - 1)
    note = (
        f"{name}.csv keeps {int(keep.sum()):,} of {len(contrasts):,} rows (q < 0.05, or the 1,000 highest |z| "
        f"of each scope and outlet); {name}.parquet keeps them all"
    )
    notes = contrasts.attrs.get("notes", [])
    if not keep.all() and note not in notes:
        # a new list: tables sharing the old one keep theirs
        contrasts.attrs["notes"] = [*notes, note]
    return save_table(contrasts, name, out_dir=out_dir, csv_rows=keep)
