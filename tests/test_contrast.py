"""Term contrasts: published reference values, a hand computation, and planted corpora."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from analysis import InsufficientData, contrast_terms, top_terms
from analysis.contrast import ContrastError, count_terms, log_odds_dirichlet
import analysis.contrast as contrast_module

from .conftest import assert_clean_error, run_cli
from .synthetic import regime_corpus

README_DOCS = pd.DataFrame({"article_id": ["1", "2"], "outlet": ["doc1", "doc2"], "event": [None, None],
                            "text": ["the quick brown fox jumps over the lazy pig",
                                     "the lazy purple pig jumps over the lazier donkey"]})


def test_fightin_words_readme_reference_values():
    """The worked example of the `fightin-words` package README (uniform prior 0.05,
    scikit-learn's default CountVectorizer): z = +-0.6894227886807968 for words of one
    document only, 0 for shared words."""
    table = contrast_terms(README_DOCS, prior=0.05, stop_words=None, ngram_range=(1, 1), min_df=1,
                           token_pattern=r"(?u)\b\w\w+\b")
    z = table[table["outlet"] == "doc1"].set_index("term")["z"]
    expected = {"donkey": -0.6894227886807968, "lazier": -0.6894227886807968, "purple": -0.6894227886807968,
                "jumps": 0.0, "lazy": 0.0, "over": 0.0, "pig": 0.0, "the": 0.0, "brown": 0.6894227886807968,
                "fox": 0.6894227886807968, "quick": 0.6894227886807968}
    assert set(z.index) == set(expected)
    for term, value in expected.items():
        assert z[term] == pytest.approx(value, abs=1e-12), term
    # one-vs-rest with two outlets is symmetric
    z2 = table[table["outlet"] == "doc2"].set_index("term")["z"]
    assert np.allclose(z2[list(expected)].to_numpy(), -z[list(expected)].to_numpy())


def test_hand_computed_informative_prior():
    # y_i = (10, 2, 0), y_j = (5, 5, 8); informative prior = 0.5 x (y_i + y_j) = (7.5, 3.5, 4.0)
    # a_0 = 15, n_i = 12, n_j = 18.  For the first term:
    #   delta = ln(17.5 / (12 + 15 - 10 - 7.5)) - ln(12.5 / (18 + 15 - 5 - 7.5))
    #         = ln(17.5 / 9.5) - ln(12.5 / 20.5) = 0.610909 - (-0.494696) = 1.105605
    #   var   = 1/17.5 + 1/12.5 = 0.137143;  z = 1.105605 / 0.370328 = 2.985476
    # Third term (absent from i): delta = ln(4/(12+15-0-4)) - ln(12/(18+15-8-4)) = -1.749200 - -0.559616
    #   = -1.189584;  var = 1/4 + 1/12 = 0.333333;  z = -2.060420
    delta, z = log_odds_dirichlet([10, 2, 0], [5, 5, 8], [7.5, 3.5, 4.0])
    assert delta[0] == pytest.approx(math.log(17.5 / 9.5) - math.log(12.5 / 20.5))
    assert delta[0] == pytest.approx(1.105605, abs=1e-6) and z[0] == pytest.approx(2.985476, abs=1e-6)
    assert delta[2] == pytest.approx(-1.189584, abs=1e-6) and z[2] == pytest.approx(-2.060420, abs=1e-6)


def test_informative_prior_is_scaled_comparison_counts():
    table = contrast_terms(README_DOCS, prior_scale=0.5, stop_words=None, ngram_range=(1, 1), min_df=1)
    row = table[(table["outlet"] == "doc1") & (table["term"] == "the")].iloc[0]
    assert row["prior"] == 0.5 * (2 + 2) and row["total"] == 9 and row["total_rest"] == 9


@pytest.fixture(scope="module")
def planted():
    return contrast_terms(regime_corpus(), scope=["all", "matched"])


def test_regime_tops_its_outlet_and_government_tops_another(planted):
    top = top_terms(planted, n=1).set_index(["scope", "outlet"])["term"]
    assert top[("all", "A")] == "regime" and top[("matched", "A")] == "regime"
    assert "government" in {top[("all", "B")], top[("all", "C")]}
    a = planted[(planted["scope"] == "all") & (planted["outlet"] == "A")].set_index("term")
    assert a.loc["regime", "z"] > 1.96 and a.loc["regime", "tfidf_diff"] > 0
    assert a.loc["government", "z"] < -1.96
    assert a.loc["regime", "q"] < 0.05 and a.loc["government", "q"] < 0.05  # survives false-discovery control


def test_q_values_are_benjamini_hochberg_over_each_comparison(planted):
    """q is BH over every term of one comparison: checked against the worked example of Benjamini &
    Hochberg (1995, section 4.1: 15 p-values, four rejected at 0.05) through the same p-from-z path."""
    from scipy.stats import norm
    published_p = np.array([0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240,
                            0.4262, 0.5719, 0.6528, 0.7590, 1.000])
    z = norm.isf(published_p / 2)
    from analysis.contrast import false_discovery_control
    q = false_discovery_control(2 * norm.sf(np.abs(z)), method="bh")
    assert (q <= 0.05).sum() == 4 and q[3] == pytest.approx(0.035625)
    for (_, _), grp in planted.groupby(["scope", "outlet"], observed=True):
        p = 2 * norm.sf(grp["z"].abs().to_numpy())
        m = len(p)
        order = np.argsort(p)
        expected = np.minimum.accumulate((p[order] * m / np.arange(1, m + 1))[::-1])[::-1]
        np.testing.assert_allclose(grp["q"].to_numpy()[order], np.minimum(expected, 1), rtol=1e-12)


def test_hurricane_is_distinctive_only_before_matching(planted):
    c = planted[planted["outlet"] == "C"]
    allc = c[c["scope"] == "all"].set_index("term")
    assert allc.loc["hurricane", "z"] > 1.96
    matched = c[c["scope"] == "matched"].set_index("term")
    assert "hurricane" not in matched.index or matched.loc["hurricane", "z"] < 1.96


def test_full_table_every_term_every_outlet(planted):
    assert list(planted.columns) == ["scope", "outlet", "term", "count", "count_rest", "total", "total_rest",
                                     "prior", "log_odds", "z", "tfidf_diff", "q"]
    assert planted[["log_odds", "z", "tfidf_diff", "prior", "q"]].notna().all().all()
    counts, terms = count_terms(regime_corpus())
    assert sparse.issparse(counts)
    allrows = planted[planted["scope"] == "all"]
    assert (allrows.groupby("outlet").size() == len(terms)).all()
    assert (allrows["count"] + allrows["count_rest"]).groupby(allrows["outlet"]).sum().nunique() == 1


def test_per_event_scope_and_exclusion():
    corpus = regime_corpus()
    per_event = contrast_terms(corpus, scope="events")
    assert set(per_event["scope"]) == {f"ev-{t}" for t in ("trade", "tariffs", "pipelines", "sanctions", "elections",
                                                             "borders", "energy", "refugees", "vaccines", "wheat",
                                                             "fisheries", "railways")}
    one = contrast_terms(corpus, scope="ev-trade")
    assert set(one["scope"]) == {"ev-trade"} and set(one["outlet"]) == {"A", "B", "C"}
    without = contrast_terms(corpus, exclude=[i for i in corpus["article_id"] if "storm" in i])
    assert "hurricane" not in set(without["term"])


def test_errors_are_clear():
    corpus = regime_corpus()
    with pytest.raises(ContrastError, match="at least two outlets; found 1"):
        contrast_terms(corpus[corpus["outlet"] == "A"])
    mute = pd.concat([corpus, pd.DataFrame({"article_id": ["m1", "m2"], "outlet": ["Mute", "Mute"],
                                             "event": ["x", "x"], "text": ["the and of", "it is"]})])
    table = contrast_terms(mute)  # an outlet with no usable terms is left out, and the table says so
    assert "Mute" not in set(table["outlet"]) and set(table["outlet"]) == set(corpus["outlet"])
    assert "no usable terms" in table.attrs["notes"][0] and "'Mute'" in table.attrs["notes"][0]
    pd.testing.assert_frame_equal(table, contrast_terms(corpus))  # its articles do not dilute the rest
    with pytest.raises(InsufficientData, match="at least two outlets with usable terms; found 1"):
        contrast_terms(mute[mute["outlet"].isin(["A", "Mute"])])
    with pytest.raises(ContrastError, match="no term is left to compare.*min_df"):
        contrast_terms(corpus, min_df=10_000)
    with pytest.raises(ContrastError, match="neither 'all'"):
        contrast_terms(corpus, scope="nonsense")


def test_cli_contrast(tmp_path):
    corpus = regime_corpus()
    path = tmp_path / "c.csv"
    corpus.rename(columns={"article_id": "id"}).to_csv(path, index=False)
    result = run_cli("contrast", path, "--out", tmp_path / "out", "--scope", "all,matched")
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(tmp_path / "out" / "term_contrasts.csv")
    assert set(table["scope"]) == {"all", "matched"}
    assert "regime" in result.stdout
    one = tmp_path / "one.csv"
    corpus[corpus["outlet"] == "A"].rename(columns={"article_id": "id"}).to_csv(one, index=False)
    assert_clean_error(run_cli("contrast", one, "--out", tmp_path / "o2"), "at least two outlets")


def test_basil_contrasts(basil_path):
    from analysis import clean_articles, load_corpus
    table = contrast_terms(clean_articles(load_corpus(basil_path)), scope=["all", "matched"])
    top = top_terms(table, n=3)
    nyt = top[(top["scope"] == "all") & (top["outlet"] == "New York Times")]["term"].tolist()
    assert "mr" in nyt  # the Times' house style: "Mr. Trump"
    assert table["z"].notna().all()


def test_parallel_counting_equals_serial(monkeypatch, pool_always):
    corpus = regime_corpus()
    monkeypatch.setattr(contrast_module, "CHUNK", max(1, len(corpus) // 9))  # nine chunks or so, shared with the pool
    for params in [{}, {"min_df": 1}, {"min_df": 0.05, "max_df": 0.9, "ngram_range": (1, 1)}]:
        serial, terms = count_terms(corpus, n_jobs=1, **params)
        parallel, terms2 = count_terms(corpus, n_jobs=2, **params)
        assert list(terms) == list(terms2) and (serial != parallel).nnz == 0
    pd.testing.assert_frame_equal(contrast_terms(corpus, n_jobs=1), contrast_terms(corpus, n_jobs=2))


def test_tfidf_difference_matches_scikit_learn():
    """tfidf_diff is computed without building the weight matrix: check it against TfidfTransformer."""
    from sklearn.feature_extraction.text import TfidfTransformer
    corpus = regime_corpus()
    counts, terms = count_terms(corpus)
    weights = TfidfTransformer().fit_transform(counts)
    own = (corpus["outlet"] == "A").to_numpy()
    expected = np.asarray(weights[own].mean(axis=0)).ravel() - np.asarray(weights[~own].mean(axis=0)).ravel()
    table = contrast_terms(corpus)
    got = table[table["outlet"] == "A"].set_index("term")["tfidf_diff"]
    assert np.allclose(got[list(terms)].to_numpy(), expected, rtol=0, atol=1e-12)


def test_batched_sums_equal_one_product(monkeypatch):
    """Comparisons are summed in batches (and per-event ones on their own rows only): same table."""
    import analysis.contrast as C
    corpus = regime_corpus()
    whole = contrast_terms(corpus, scope=["all", "events"], prior=0.05)
    monkeypatch.setattr(C, "BATCH", 2)
    batched = contrast_terms(corpus, scope=["all", "events"], prior=0.05)
    pd.testing.assert_frame_equal(whole, batched, check_exact=False, rtol=0, atol=1e-12)


def test_a_comparison_with_a_single_term_is_left_empty_not_nan():
    import analysis as fa
    articles = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "event": ["e", "e", "e", "e"],
                             "text": ["senate", "senate", "senate", "senate"]})
    table = fa.contrast_terms(articles, min_df=1)
    assert table.empty or table["z"].notna().all()
    assert not table["q"].isna().any()
