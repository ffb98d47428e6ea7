"""Checks on the tables the public functions take: a missing column is named, never a bare KeyError."""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from .errors import InsufficientData, MissingColumnError  # noqa: F401 (InsufficientData: its home before errors)


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
        raise MissingColumnError(
            f"{function} needs a column{plural} {names} in its table (it has: {have})"
        )


def needs(**tables: list[str]):
    """Decorator: check that each named table argument has its columns before the function runs.

    ``@needs(articles=["text", "outlet"])`` makes ``f(articles_without_outlet)``
    raise :class:`MissingColumnError` naming ``outlet`` and ``f``. The
    columns are kept on the function as ``required_columns``.
    """

    def wrap(func):
        signature = inspect.signature(func)

        @functools.wraps(func)
        def checked(*args, **kwargs):
            bound = signature.bind_partial(*args, **kwargs)
            for name, columns in tables.items():
                if name in bound.arguments:
                    table = bound.arguments[name]
                    if not isinstance(table, pd.DataFrame) and isinstance(
                        getattr(table, name, None), pd.DataFrame
                    ):
                        table = getattr(table, name)  # a PreparedCorpus stands for its articles
                    require_columns(table, columns, func.__name__)
            return func(*args, **kwargs)

        checked.required_columns = {k: list(v) for k, v in tables.items()}
        return checked

    return wrap


def narrow(table: pd.DataFrame, **wanted) -> pd.DataFrame:
    """The rows of ``table`` whose column ``name`` holds the value (or one of the values) given for it;
    ``None`` leaves that column unfiltered: ``narrow(sentences, outlet="Fox News", event=None)``."""
    for column, value in wanted.items():
        if value is not None:
            values = [value] if isinstance(value, str) or not np.iterable(value) else list(value)
            table = table[table[column].isin(values)]
    return table


def natural_sorted(names) -> list:
    """``names`` in natural order: "Outlet 2" before "Outlet 10", then as text (case-insensitive, then as is)."""

    def key(name):
        parts = re.split(r"(\d+)", str(name))
        return [(0, int(p), "") if p.isdigit() else (1, 0, p.casefold()) for p in parts], str(name)

    return sorted(names, key=key)
