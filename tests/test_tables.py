"""Every public function names a missing column in a clear error, never a bare KeyError."""

from __future__ import annotations

import inspect

import pandas as pd
import pytest

import analysis
from analysis.tables import MissingColumnError

PUBLIC = {
    name: getattr(analysis, name)
    for name in analysis.__all__
    if inspect.isfunction(getattr(analysis, name))
}
TAKES_TABLES = {
    name: f
    for name, f in PUBLIC.items()
    if any(
        p.annotation in (pd.DataFrame, "pd.DataFrame")
        for p in inspect.signature(f).parameters.values()
    )
    and name != "save_table"
}


def test_every_public_function_that_takes_a_table_declares_its_columns():
    assert len(TAKES_TABLES) >= 30
    undeclared = [name for name, f in TAKES_TABLES.items() if not hasattr(f, "required_columns")]
    assert not undeclared


CASES = [
    (name, table, column)
    for name, f in TAKES_TABLES.items()
    for table, columns in getattr(f, "required_columns", {}).items()
    for column in columns
]


@pytest.mark.parametrize("name,table,column", CASES, ids=[f"{n}-{t}-{c}" for n, t, c in CASES])
def test_a_missing_column_is_named(name, table, column):
    func = TAKES_TABLES[name]
    tables = {t: pd.DataFrame({c: [] for c in cols}) for t, cols in func.required_columns.items()}
    tables[table] = tables[table].drop(columns=[column])
    params = list(inspect.signature(func).parameters)
    args = [tables[p] for p in params if p in tables]
    with pytest.raises(MissingColumnError, match=rf"{name} needs a column '{column}'"):
        func(*args, colors={}, title="t") if "colors" in params and "title" in params else func(
            *args, colors={}
        ) if "colors" in params else func(*args)


def test_group_events_without_an_event_column_groups_everything():
    articles = pd.DataFrame(
        {
            "article_id": ["a1", "b1", "a2", "b2"],
            "outlet": ["A", "B", "A", "B"],
            "published": pd.to_datetime(["2020-01-01", "2020-01-01", "2020-03-01", "2020-03-01"]),
            "text": ["Flood waters rose in the river valley overnight, flooding farms and roads."]
            * 2
            + ["The central bank raised interest rates to curb stubborn inflation."] * 2,
        }
    )
    grouped = analysis.group_events(articles)
    assert grouped["event"].notna().all()
    assert (
        grouped.loc[0, "event"]
        == grouped.loc[1, "event"]
        != grouped.loc[2, "event"]
        == grouped.loc[3, "event"]
    )
    assert "event" not in articles  # the input is left as it was
    undated = analysis.group_events(articles.drop(columns=["published"]))
    assert undated["event"].nunique() == 2


def test_contrast_terms_names_the_event_column_a_matched_scope_needs():
    articles = pd.DataFrame({"outlet": ["A", "B"], "text": ["one two", "three four"]})
    with pytest.raises(MissingColumnError, match="contrast_terms needs a column 'event'"):
        analysis.contrast_terms(articles, scope="matched")
