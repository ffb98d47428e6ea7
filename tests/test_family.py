"""One family per report, and the shuffled-outlets check: nothing found where there is nothing."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import false_discovery_control

import analysis as fa
from analysis.family import family_q
from analysis.findings import MAX_PAIRWISE_OUTLETS
from analysis.shuffles import permute_within_events, shuffle_statement

from .synthetic import regime_corpus


def _null_scores(
    n_outlets: int, *, n_events: int = 40, seed: int = 0, dark: str | None = None
) -> pd.DataFrame:
    """Article scores of outlets that differ only by chance (and ``dark`` by -0.2)."""
    rng = np.random.default_rng(seed)
    rows = []
    for e in range(n_events):
        tone = rng.normal(0, 0.15)
        for o in range(1, n_outlets + 1):
            outlet = f"Outlet {o}"
            for k in range(2):
                rows.append(
                    (
                        f"{o}-{e}-{k}",
                        outlet,
                        f"e{e}",
                        tone + (-0.2 if outlet == dark else 0) + rng.normal(0, 0.08),
                    )
                )
    return pd.DataFrame(rows, columns=["article_id", "outlet", "event", "compound_mean"])


def test_family_q_is_benjamini_hochberg_over_every_table_at_once():
    terms = pd.DataFrame({"z": [4.0, 0.5, -3.0]})
    pairwise = pd.DataFrame(
        {
            "p": [0.001, 0.2, np.nan],
            "mean_diff": [0.1, 0.0, np.nan],
            "ci_low": [0] * 3,
            "ci_high": [0] * 3,
        }
    )
    q, n = family_q(terms=terms, pairwise=pairwise)
    from scipy.stats import norm

    pooled = np.r_[2 * norm.sf([4.0, 0.5, 3.0]), 0.001, 0.2]
    expected = false_discovery_control(pooled, method="bh")
    assert (
        n == 5
        and np.allclose(np.r_[q["terms"], q["pairwise"][:2]], expected)
        and np.isnan(q["pairwise"][2])
    )


def test_many_outlets_are_stated_through_their_offsets_not_every_pair():
    scores = _null_scores(25, dark="Outlet 7")
    articles = scores.assign(text="x")
    pairwise = fa.pairwise_sentiment(scores, n_boot=200)
    adjusted = fa.event_adjusted_sentiment(scores, n_boot=200)
    assert len(pairwise) == 300 and list(pairwise["outlet_a"][:3]) == ["Outlet 1"] * 3
    assert list(pairwise["outlet_b"][:3]) == ["Outlet 2", "Outlet 3", "Outlet 4"]  # natural order
    findings = fa.summarize(articles, pairwise=pairwise, adjusted=adjusted)
    tone = findings[findings["kind"] == "sentiment"]
    # the dark one, by its offset
    assert list(tone["outlet"]) == ["Outlet 7"] and tone["other"].isna().all()
    assert (tone["q_family"] < 0.05).all() and (findings["n_family"] == 25).all()
    assert (
        findings["statement"].str.contains("25 outlets: tone is stated through each outlet's").any()
    )
    assert 25 > MAX_PAIRWISE_OUTLETS  # the rule this corpus is past
    colors = fa.outlet_colors(scores["outlet"])
    assert len(set(colors.values())) == 25 and list(colors)[:3] == [
        "Outlet 1",
        "Outlet 2",
        "Outlet 3",
    ]
    fig = fa.plot_pairwise(pairwise)
    width, height = fig.get_size_inches() * fig.dpi
    assert height < 2400 and width < 2600  # one screen, where a bar per pair made 22,943 pixels


def test_every_outlet_axis_sorts_outlets_naturally():
    """Heatmaps and per-outlet panels put "Outlet 2" before "Outlet 10", as the pairwise matrix does."""
    scores = _null_scores(12, n_events=6)
    natural = [f"Outlet {o}" for o in range(1, 13)]
    assert list(fa.coverage_matrix(scores)) == natural
    by_event = scores.groupby(["event", "outlet"], as_index=False)["compound_mean"].mean()
    fig = fa.plot_sentiment_heatmap(by_event.rename(columns={"compound_mean": "mean"}))
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == natural
    labels = pd.DataFrame(
        {"actor": "A", "outlet": natural[::-1], "term": "word", "z": 3.0, "q": 0.01}
    )
    fig = fa.plot_actor_labels(labels, actors=["A"], colors=fa.outlet_colors(labels["outlet"]))
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == [f"{o}: word" for o in natural]
    audit = pd.DataFrame({"article_id": scores["article_id"], "step": "boilerplate", "n_chars": 10})
    fig = fa.plot_cleaning(audit, scores)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == natural


def test_the_actor_tone_matrix_marks_cells_by_q_over_every_cell_not_by_each_interval():
    """25 outlets x 6 actors: five intervals that leave out 0 by a little (p = 0.03 each) are what 150 cells
    give by chance; only the one far from 0 is marked."""
    rows = []
    for a in range(6):
        for o in range(25):
            mean, half = 0.0, 0.1
            if (a, o) == (0, 0):
                mean = 0.5
            elif a == 1 and o < 5:
                mean = 0.1 * 2.17 / 1.96  # p = 0.03
            rows.append((f"A{a}", f"Outlet {o}", 20, mean, mean - half, mean + half))
    tone = pd.DataFrame(
        rows, columns=["actor", "outlet", "n_articles", "adjusted", "adjusted_low", "adjusted_high"]
    )
    tone = tone.assign(
        mean=tone["adjusted"], ci_low=tone["adjusted_low"], ci_high=tone["adjusted_high"]
    )
    fig = fa.plot_actor_sentiment(
        tone,
        actors=[f"A{a}" for a in range(6)],
        colors=fa.outlet_colors(tone["outlet"]),
        value="adjusted",
    )
    dots = np.vstack([c.get_offsets() for c in fig.axes[0].collections])
    assert (
        dots.tolist() == [[0.0, 0.0]] and "q < 0.05 over the 150 cells" in fig.axes[0].get_title()
    )


def test_outlets_that_differ_by_chance_state_no_finding():
    """Five null corpora of 25 outlets: no tone finding, though each has 300 pairs to try."""
    stated = 0
    for seed in range(5):
        scores = _null_scores(25, seed=seed)
        findings = fa.summarize(
            scores.assign(text="x"),
            pairwise=fa.pairwise_sentiment(scores, n_boot=200),
            adjusted=fa.event_adjusted_sentiment(scores, n_boot=200),
        )
        stated += int((findings["kind"] == "sentiment").sum())
    assert stated <= 1


def test_a_permutation_within_events_keeps_each_event_s_outlets():
    rng = np.random.default_rng(0)
    articles = regime_corpus()
    shuffled = permute_within_events(articles["outlet"], articles["event"], rng)
    before = articles.groupby("event")["outlet"].apply(sorted)
    after = articles.assign(outlet=shuffled).groupby("event")["outlet"].apply(sorted)
    assert before.equals(after) and (shuffled != articles["outlet"].to_numpy()).any()


@pytest.fixture(scope="module")
def regime_scored(tmp_path_factory):
    articles = regime_corpus()
    sentences = fa.score_sentences(
        fa.split_sentences(articles), cache_dir=tmp_path_factory.mktemp("cache")
    )
    return articles, fa.article_sentiment(sentences)


def test_the_shuffled_check_states_chance_next_to_the_real_findings(regime_scored):
    articles, scores = regime_scored
    shuffled = fa.shuffled_findings(articles, scores, k=5, seed=1)
    assert list(shuffled.columns) == [
        "shuffle",
        "n_findings",
        "n_tone",
        "n_terms",
        "n_articles",
        "n_events",
    ]
    # "regime" is no shuffled outlet's
    assert len(shuffled) == 5 and shuffled["n_findings"].mean() <= 1
    again = fa.shuffled_findings(articles, scores, k=5, seed=1)
    pd.testing.assert_frame_equal(shuffled, again)  # seeded: the same every run
    evidence = fa.findings_evidence(articles, scores, n_boot=200)[0]
    findings = fa.summarize(articles, **evidence, shuffled=shuffled)
    check = findings.iloc[0]
    assert check["kind"] == "check" and check["rank"] == 0
    assert check["statement"].startswith(
        "With the outlets shuffled within events, the same rules state on average"
    )
    assert ("A", "regime") in set(zip(findings["outlet"], findings["term"]))
    assert "# Findings\n\nWith the outlets shuffled" in fa.findings_markdown(findings)
    sampled = fa.shuffled_findings(articles, scores, k=2, max_articles=40)
    assert sampled["n_articles"].max() <= 40 and sampled.attrs["sampled"]


def test_the_shuffle_statement_says_when_findings_cannot_be_told_from_chance():
    table = pd.DataFrame({"n_findings": [3, 4, 2], "n_articles": [100] * 3, "n_events": [10] * 3})
    assert shuffle_statement(4, table).endswith("These findings cannot be told apart from chance.")
    quiet = table.assign(n_findings=[0, 0, 1])
    assert shuffle_statement(12, quiet).endswith("Chance alone would state far fewer.")
    assert "on average 0.3 findings (at most 1) over 3 shuffled copies" in shuffle_statement(
        12, quiet
    )
    assert "sample of 10 whole events, 100 of the 1,000 articles" in shuffle_statement(
        12, quiet, n_articles=1000
    )
