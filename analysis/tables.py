"""Checks on the tables the public functions take: a missing column is named, never a bare KeyError."""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd


class MissingColumnError(ValueError):
    """A table handed to a public function lacks a column the function needs."""


def require_columns(table: pd.DataFrame, columns: Iterable[str], function: str) -> None:
    """Raise :class:`MissingColumnError` naming every column of ``columns`` that ``table`` lacks.

    >>> require_columns(pd.DataFrame({"text": []}), ["text", "outlet"], "contrast_terms")
    Traceback (most recent call last):
    ...
    analysis.tables.MissingColumnError: contrast_terms needs a column 'outlet' in its table (it has: text)
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"{function} takes a pandas DataFrame, not {type(table).__name__}")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        have = ", ".join(map(str, table.columns)) or "no columns"
        names = ", ".join(repr(c) for c in missing)
        plural = "s" if len(missing) > 1 else ""
        raise MissingColumnError(f"{function} needs a column{plural} {names} in its table (it has: {have})")


def with_optional(table: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """``table`` with each of ``columns`` it lacks added as all missing (a copy only when one is added)."""
    absent = [c for c in columns if c not in table.columns]
    if not absent:
        return table
    return table.assign(**{c: pd.Series(pd.NA, index=table.index, dtype=object) for c in absent})
