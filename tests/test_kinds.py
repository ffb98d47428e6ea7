"""Kinds of terms: framing words apart from names, house style and an outlet naming itself."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis as fa
from analysis.explorer import explorer_data
from analysis.kinds import name_words, outlet_forms, read_rules

from .conftest import run_cli
from .synthetic import kinds_corpus


@pytest.fixture(scope="module")
def planted():
    articles = kinds_corpus()
    mentions = fa.find_actors(articles)
    return (
        articles,
        mentions,
        fa.contrast_terms(articles, scope=["all", "matched"], mentions=mentions),
    )


def _row(table, outlet, term, scope="matched"):
    return table[
        (table["scope"] == scope) & (table["outlet"] == outlet) & (table["term"] == term)
    ].iloc[0]


def test_each_planted_difference_gets_its_kind(planted):
    _, _, table = planted
    assert _row(table, "Daily Ledger", "regime")["kind"] == "framing"
    assert _row(table, "Daily Ledger", "regime")["q"] < 0.001
    assert _row(table, "Daily Ledger", "ledger")["kind"] == "self"  # "told the Daily Ledger"
    assert _row(table, "Daily Ledger", "daily ledger")["kind"] == "self"
    # the full name against the surname
    assert _row(table, "Morning Courier", "victor")["kind"] == "name"
    assert _row(table, "Morning Courier", "victor okafor")["kind"] == "name"
    assert _row(table, "Evening Sentinel", "mr")["kind"] == "style"
    assert _row(table, "Evening Sentinel", "contributed reporting")["kind"] == "style"
    blizzard = _row(table, "Morning Courier", "blizzard")  # 24 uses in 2 articles
    assert blizzard["count"] == 24 and blizzard["n_articles"] == 2 and blizzard["q"] > 0.05
    fbi = _row(table, "Evening Sentinel", "fbi")  # "F.B.I." is the word "FBI"
    assert fbi["n_articles"] == fbi["total_articles"] and fbi["z"] == 0
    assert (
        "f" not in set(table["term"])
        and not table["term"].astype(str).str.contains(r"\bb i\b").any()
    )


def test_top_terms_and_plots_show_framing_by_default(planted):
    _, _, table = planted
    top = fa.top_terms(table, n=10)
    assert set(top["kind"]) == {"framing"}
    first = top.groupby(["scope", "outlet"], observed=True)["term"].first()
    assert (
        first[("matched", "Daily Ledger")] == "regime"
        and first[("all", "Daily Ledger")] == "regime"
    )
    words = {w for t in top["term"] for w in t.split()}
    assert not words & {
        "mr",
        "ledger",
        "daily",
        "victor",
        "okafor",
        "blizzard",
        "contributed",
        "fbi",
    }
    other = fa.top_terms(table, n=10, kinds=["name", "style", "self"])
    assert {"mr", "victor", "ledger"} <= set(other["term"]) and "regime" not in set(other["term"])
    assert len(fa.top_terms(table, n=10, kinds=None)) >= len(top)
    fig = fa.plot_term_panels(table, scope="matched", colors=fa.outlet_colors(table["outlet"]))
    labels = {t.get_text() for ax in fig.axes for t in ax.get_yticklabels()}
    assert "regime" in labels and "mr" not in labels


def test_findings_state_each_kind_as_what_it_is(planted):
    articles, _, table = planted
    findings = fa.summarize(articles, contrasts=table)
    stated = {(k, o, t) for k, o, t in findings[["kind", "outlet", "term"]].itertuples(index=False)}
    assert ("framing", "Daily Ledger", "regime") in stated
    assert ("house style", "Evening Sentinel", "mr") in stated
    assert ("self-reference", "Daily Ledger", "daily") in stated or (
        "self-reference",
        "Daily Ledger",
        "ledger",
    ) in stated
    naming = findings[findings["kind"] == "naming"]
    assert ("Morning Courier", "victor") in set(zip(naming["outlet"], naming["term"]))
    assert naming["statement"].str.contains("actors view").all()
    framing = findings[findings["kind"] == "framing"]
    assert not framing["term"].str.contains("blizzard|mr|ledger|victor|fbi").any()
    ledger = framing[framing["outlet"] == "Daily Ledger"]["term"].tolist()
    assert ledger == ["regime"]  # not again as "regime announced": a word already stated


def test_the_explorer_keeps_each_kind_s_terms(planted):
    articles, mentions, table = planted
    data = explorer_data(articles, fa.split_sentences(articles), contrasts=table, mentions=mentions)
    kinds = {row[2]: row[8] for row in data["terms"]}
    assert kinds["regime"] == "framing" and kinds["mr"] == "style" and kinds["victor"] == "name"


def test_a_word_is_a_name_only_where_most_of_its_uses_are_names():
    mentions = pd.DataFrame({"mention": ["Bill Clinton"] * 3 + ["Clinton"] * 5})
    # "the health care bill": 37 of 40 uses are no name
    counts = pd.Series({"bill": 40, "clinton": 8})
    assert name_words(mentions, counts) == {"clinton"}
    assert outlet_forms("The New York Times")[0] >= {"york", "newyorktimes", "nyt"}
    assert "news" not in outlet_forms("Fox News")[0] and "news" in outlet_forms("Fox News")[1]


def test_a_rules_file_sets_kinds_first(planted, tmp_path):
    articles, mentions, table = planted
    rules = tmp_path / "kinds.csv"
    rules.write_text(
        "kind,term,outlet\nstyle,regime,Daily Ledger\nframing,contributed reporting,\n",
        encoding="utf-8",
    )
    ruled = fa.classify_terms(table, mentions=mentions, rules=rules)
    assert _row(ruled, "Daily Ledger", "regime")["kind"] == "style"
    # the rule names one outlet
    assert _row(ruled, "Morning Courier", "regime")["kind"] == "framing"
    assert _row(ruled, "Evening Sentinel", "contributed reporting")["kind"] == "framing"
    assert _row(ruled, "Evening Sentinel", "mr")["kind"] == "style"  # untouched by the rules
    bad = tmp_path / "bad.csv"
    bad.write_text("kind,term\nframing,regime\nstyling,mr\n", encoding="utf-8")
    with pytest.raises(fa.TermRulesError, match=r"bad.csv, row 3, column kind: 'styling'"):
        read_rules(bad)


def test_cli_contrast_prints_framing_terms_and_names_the_kinds(tmp_path):
    path = tmp_path / "kinds.csv"
    kinds_corpus().rename(columns={"article_id": "id"}).to_csv(path, index=False)
    result = run_cli("contrast", path, "--out", tmp_path / "out", "--scope", "matched")
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if "Daily Ledger" in x)
    assert line.split(": ", 1)[1].startswith("regime") and "ledger" not in line
    table = pd.read_parquet(tmp_path / "out" / "term_contrasts.parquet")
    assert {"framing", "name", "style", "self"} <= set(table["kind"])
    styled = run_cli(
        "contrast", path, "--out", tmp_path / "out2", "--scope", "matched", "--kinds", "style"
    )
    assert "mr" in styled.stdout and "regime" not in styled.stdout
    wrong = run_cli("contrast", path, "--out", tmp_path / "out3", "--kinds", "framing,styles")
    assert wrong.returncode == 2 and "not a kind of term: styles" in wrong.stderr
