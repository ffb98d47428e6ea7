"""Term contrasts: published reference values, a hand computation, and planted corpora."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

import analysis.contrast as contrast_module
import analysis.counting as counting_module
from analysis import InsufficientData, contrast_terms, top_terms
from analysis.contrast import ContrastError, count_terms, log_odds_dirichlet

from .conftest import assert_clean_error, run_cli
from .synthetic import regime_corpus

README_DOCS = pd.DataFrame(
    {
        "article_id": ["1", "2"],
        "outlet": ["doc1", "doc2"],
        "event": [None, None],
        "text": [
            "the quick brown fox jumps over the lazy pig",
            "the lazy purple pig jumps over the lazier donkey",
        ],
    }
)


def test_fightin_words_readme_reference_values():
    """The worked example of the `fightin-words` package README (uniform prior 0.05,
    scikit-learn's default CountVectorizer): z = +-0.6894227886807968 for words of one
    document only, 0 for shared words (the table's ``z_tokens``: Monroe et al.'s z, over uses)."""
    table = contrast_terms(
        README_DOCS,
        prior=0.05,
        stop_words=None,
        ngram_range=(1, 1),
        min_df=1,
        token_pattern=r"(?u)\b\w\w+\b",
    )
    z = table[table["outlet"] == "doc1"].set_index("term")["z_tokens"]
    expected = {
        "donkey": -0.6894227886807968,
        "lazier": -0.6894227886807968,
        "purple": -0.6894227886807968,
        "jumps": 0.0,
        "lazy": 0.0,
        "over": 0.0,
        "pig": 0.0,
        "the": 0.0,
        "brown": 0.6894227886807968,
        "fox": 0.6894227886807968,
        "quick": 0.6894227886807968,
    }
    assert set(z.index) == set(expected)
    for term, value in expected.items():
        assert z[term] == pytest.approx(value, abs=1e-12), term
    # one-vs-rest with two outlets is symmetric
    z2 = table[table["outlet"] == "doc2"].set_index("term")["z_tokens"]
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
    assert delta[0] == pytest.approx(1.105605, abs=1e-6) and z[0] == pytest.approx(
        2.985476, abs=1e-6
    )
    assert delta[2] == pytest.approx(-1.189584, abs=1e-6) and z[2] == pytest.approx(
        -2.060420, abs=1e-6
    )


def test_informative_prior_is_scaled_comparison_counts():
    table = contrast_terms(
        README_DOCS, prior_scale=0.5, stop_words=None, ngram_range=(1, 1), min_df=1
    )
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
    # survives false-discovery control
    assert a.loc["regime", "q"] < 0.05 and a.loc["government", "q"] < 0.05


def test_q_values_are_benjamini_hochberg_over_each_comparison(planted):
    """q is BH over every term of one comparison: checked against the worked example of Benjamini &
    Hochberg (1995, section 4.1: 15 p-values, four rejected at 0.05) through the same p-from-z path."""
    from scipy.stats import norm

    published_p = np.array(
        [
            0.0001,
            0.0004,
            0.0019,
            0.0095,
            0.0201,
            0.0278,
            0.0298,
            0.0344,
            0.0459,
            0.3240,
            0.4262,
            0.5719,
            0.6528,
            0.7590,
            1.000,
        ]
    )
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
    assert list(planted.columns) == [
        "scope",
        "outlet",
        "term",
        "count",
        "count_rest",
        "n_articles",
        "n_articles_rest",
        "total",
        "total_rest",
        "total_articles",
        "total_articles_rest",
        "prior",
        "log_odds",
        "z_tokens",
        "z",
        "q",
        "tfidf_diff",
        "kind",
    ]
    assert planted[["log_odds", "z_tokens", "z", "tfidf_diff", "prior", "q"]].notna().all().all()
    assert (planted["n_articles"] <= planted["total_articles"]).all() and (
        planted["n_articles"] <= planted["count"]
    ).all()
    counts, terms = count_terms(regime_corpus())
    assert sparse.issparse(counts)
    allrows = planted[planted["scope"] == "all"]
    assert (allrows.groupby("outlet").size() == len(terms)).all()
    assert (allrows["count"] + allrows["count_rest"]).groupby(
        allrows["outlet"]
    ).sum().nunique() == 1


def test_per_event_scope_and_exclusion():
    corpus = regime_corpus()
    per_event = contrast_terms(corpus, scope="events")
    assert set(per_event["scope"]) == {
        f"ev-{t}"
        for t in (
            "trade",
            "tariffs",
            "pipelines",
            "sanctions",
            "elections",
            "borders",
            "energy",
            "refugees",
            "vaccines",
            "wheat",
            "fisheries",
            "railways",
        )
    }
    one = contrast_terms(corpus, scope="ev-trade")
    assert set(one["scope"]) == {"ev-trade"} and set(one["outlet"]) == {"A", "B", "C"}
    without = contrast_terms(corpus, exclude=[i for i in corpus["article_id"] if "storm" in i])
    assert "hurricane" not in set(without["term"])
    # two outlets: the rest left out
    pair = contrast_terms(corpus, outlets=("B", "A"), scope=["all", "matched"])
    pd.testing.assert_frame_equal(
        pair, contrast_terms(corpus[corpus["outlet"] != "C"], scope=["all", "matched"])
    )
    regime = pair[(pair["scope"] == "all") & (pair["term"] == "regime")].set_index("outlet")
    assert regime.loc["A", "z"] > 0 > regime.loc["B", "z"] and regime.loc["A", "q"] < 0.05
    with pytest.raises(InsufficientData, match="outlets not in the corpus \\('outlet'\\): 'Z'"):
        contrast_terms(corpus, outlets=["A", "Z"])
    with pytest.raises(InsufficientData, match="at least two outlets; found 1"):
        contrast_terms(corpus, outlets=["A"])


def test_errors_are_clear():
    corpus = regime_corpus()
    with pytest.raises(ContrastError, match="at least two outlets; found 1"):
        contrast_terms(corpus[corpus["outlet"] == "A"])
    mute = pd.concat(
        [
            corpus,
            pd.DataFrame(
                {
                    "article_id": ["m1", "m2"],
                    "outlet": ["Mute", "Mute"],
                    "event": ["x", "x"],
                    "text": ["the and of", "it is"],
                }
            ),
        ]
    )
    # an outlet with no usable terms is left out, and the table says so
    table = contrast_terms(mute)
    assert "Mute" not in set(table["outlet"]) and set(table["outlet"]) == set(corpus["outlet"])
    assert "no usable terms" in table.attrs["notes"][0] and "'Mute'" in table.attrs["notes"][0]
    # its articles do not dilute the rest
    pd.testing.assert_frame_equal(table, contrast_terms(corpus))
    with pytest.raises(InsufficientData, match="at least two outlets with usable terms; found 1"):
        contrast_terms(mute[mute["outlet"].isin(["A", "Mute"])])
    with pytest.raises(ContrastError, match="no term is left to compare.*min_df"):
        contrast_terms(corpus, min_df=10_000)
    with pytest.raises(ContrastError, match="neither 'all'"):
        contrast_terms(corpus, scope="nonsense")


def test_auto_min_df_grows_with_big_corpora_only(monkeypatch, tmp_path):
    from analysis.contrast import auto_min_df

    assert [auto_min_df(n) for n in (1, 100_000, 200_000, 200_001, 250_000, 1_000_000)] == [
        2,
        2,
        2,
        3,
        3,
        10,
    ]
    corpus = regime_corpus()
    # the default: "auto"
    pd.testing.assert_frame_equal(contrast_terms(corpus), contrast_terms(corpus, min_df=2))
    # as if the corpus were 10,000 times bigger
    monkeypatch.setattr(counting_module, "AUTO_MIN_DF", 10)
    n = len(corpus)
    wide = contrast_terms(corpus, min_df=-(-n // 10))
    pd.testing.assert_frame_equal(contrast_terms(corpus), wide)
    assert wide["term"].nunique() < contrast_terms(corpus, min_df=2)["term"].nunique()
    counts, terms = count_terms(corpus, min_df=1)
    df = pd.Series(np.asarray((counts > 0).sum(axis=0)).ravel(), index=terms)
    # every term in that many articles, no other
    assert set(wide["term"]) == set(df[df >= -(-n // 10)].index)
    # a prepared corpus keys "auto" as the number it comes to: spelled out, it is the same kept table
    path = tmp_path / "regime.csv"
    corpus.rename(columns={"article_id": "id"}).to_csv(path, index=False)
    import analysis as fa

    prepared = fa.prepare_corpus(path, cache_dir=tmp_path / "cache")
    first = prepared.contrasts()
    assert len(list((prepared.folder / "derived").glob("contrasts-*"))) == 1
    pd.testing.assert_frame_equal(prepared.contrasts(min_df=-(-n // 10)), first)
    assert len(list((prepared.folder / "derived").glob("contrasts-*"))) == 1


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
    two = run_cli(
        "contrast", path, "--out", tmp_path / "o4", "--outlets", "A", "C", "--scope", "all"
    )
    assert two.returncode == 0, two.stderr
    assert set(pd.read_csv(tmp_path / "o4" / "term_contrasts.csv")["outlet"]) == {"A", "C"}
    bad = run_cli("contrast", path, "--out", tmp_path / "o3", "--min-df", "some")
    assert bad.returncode == 2 and "--min-df: not a whole number or 'auto': 'some'" in bad.stderr


def test_basil_contrasts(basil_path):
    from analysis import clean_articles, load_corpus

    table = contrast_terms(clean_articles(load_corpus(basil_path)), scope=["all", "matched"])
    top = top_terms(table, n=3, kinds=None)
    nyt = top[(top["scope"] == "all") & (top["outlet"] == "New York Times")]["term"].tolist()
    assert "mr" in nyt  # the Times' house style: "Mr. Trump" ...
    assert table.loc[table["term"] == "mr", "kind"].eq("style").all()  # ... is style,
    framing = top_terms(table, n=3)["term"]
    assert not framing.isin(["mr", "ms", "mrs", "fox", "huffpost"]).any()  # and no framing term
    assert table["z"].notna().all()


def test_parallel_counting_equals_serial(monkeypatch, pool_always):
    corpus = regime_corpus()
    # nine chunks or so, shared with the pool
    monkeypatch.setattr(counting_module, "CHUNK", max(1, len(corpus) // 9))
    for params in [{}, {"min_df": 1}, {"min_df": 0.05, "max_df": 0.9, "ngram_range": (1, 1)}]:
        serial, terms = count_terms(corpus, n_jobs=1, **params)
        parallel, terms2 = count_terms(corpus, n_jobs=2, **params)
        assert list(terms) == list(terms2) and (serial != parallel).nnz == 0
    pd.testing.assert_frame_equal(
        contrast_terms(corpus, n_jobs=1), contrast_terms(corpus, n_jobs=2)
    )


def test_tfidf_difference_matches_scikit_learn():
    """tfidf_diff is computed without building the weight matrix: check it against TfidfTransformer."""
    from sklearn.feature_extraction.text import TfidfTransformer

    corpus = regime_corpus()
    counts, terms = count_terms(corpus)
    weights = TfidfTransformer().fit_transform(counts)
    own = (corpus["outlet"] == "A").to_numpy()
    expected = (
        np.asarray(weights[own].mean(axis=0)).ravel()
        - np.asarray(weights[~own].mean(axis=0)).ravel()
    )
    table = contrast_terms(corpus)
    got = table[table["outlet"] == "A"].set_index("term")["tfidf_diff"]
    assert np.allclose(got[list(terms)].to_numpy(), expected, rtol=0, atol=1e-12)


STREAM_PARAMS = [
    {},
    {"min_df": 1},
    {"min_df": 0.05, "max_df": 0.9, "ngram_range": (1, 1)},
    {"max_features": 40},
    {"vocabulary": ["regime", "government", "hurricane", "storm", "trade"]},
]


@pytest.mark.parametrize(
    "params",
    STREAM_PARAMS,
    ids=["default", "min_df=1", "df-fractions", "max_features", "vocabulary"],
)
def test_streamed_counts_equal_the_whole_matrix(monkeypatch, tmp_path, params):
    """Counted 7 articles at a time, the sums folded every few entries and the chunks spilled to disk, the
    table is the one scikit-learn's whole article x term matrix gives: same terms (min_df, max_df,
    max_features and a fixed vocabulary applied to the whole corpus), same counts, TF-IDF to 1e-12."""
    from sklearn.feature_extraction.text import TfidfTransformer

    import analysis.counting as C

    corpus = regime_corpus()
    mute = pd.DataFrame(
        {
            "article_id": ["m1", "m2"],
            "outlet": ["Mute", "Mute"],
            "event": ["ev-trade"] * 2,
            "text": ["the and of", "it is"],
        }
    )
    corpus = pd.concat([corpus, mute], ignore_index=True)
    scopes = ["all", "matched", "events"]
    # one chunk: the corpus is smaller than CHUNK
    whole = contrast_terms(corpus, scope=scopes, **params)
    assert len(corpus) < C.CHUNK
    spilled = []
    real_save = sparse.save_npz
    monkeypatch.setattr(
        C.sparse, "save_npz", lambda path, m, **kw: (spilled.append(path), real_save(path, m, **kw))
    )
    for name, value in {
        "CHUNK": 7,
        "SPILL": 300,
        "FOLD": 50,
        "ROUND": 3,
        "DENSE_MIN": 20,
        "DENSE_BYTES": 16 * 1400 * 5,
    }.items():
        monkeypatch.setattr(C, name, value)
    streamed = contrast_terms(corpus, scope=scopes, **params)
    # spilled, then cleaned up
    assert len(spilled) > 5 and not any(Path(p).exists() for p in spilled)
    exact = ["scope", "outlet", "term", "count", "count_rest", "total", "total_rest"]
    pd.testing.assert_frame_equal(whole[exact], streamed[exact])
    pd.testing.assert_frame_equal(whole, streamed, check_exact=False, rtol=0, atol=1e-12)
    # the reference: scikit-learn over the whole corpus, the mute outlet's rows dropped as contrast_terms drops them
    vectorizer = C.make_vectorizer(**params)
    counts = vectorizer.fit_transform(corpus["text"]).tocsr()
    terms = vectorizer.get_feature_names_out()
    assert set(streamed["term"].cat.categories) == set(terms)
    assert streamed.attrs["notes"] and "'Mute'" in streamed.attrs["notes"][0]
    keep = (corpus["outlet"] != "Mute").to_numpy()
    weights = TfidfTransformer().fit_transform(counts[keep])
    outlets = corpus["outlet"].to_numpy()[keep]
    for outlet in ("A", "B"):
        own = outlets == outlet
        got = streamed[(streamed["scope"] == "all") & (streamed["outlet"] == outlet)].set_index(
            "term"
        )
        expected_count = pd.Series(np.asarray(counts[keep][own].sum(axis=0)).ravel(), index=terms)
        expected_tfidf = pd.Series(
            np.asarray(weights[own].mean(axis=0)).ravel()
            - np.asarray(weights[~own].mean(axis=0)).ravel(),
            index=terms,
        )
        assert (got["count"] == expected_count[got.index]).all()
        assert np.allclose(got["tfidf_diff"], expected_tfidf[got.index], rtol=0, atol=1e-12)
        assert got["total"].iloc[0] == expected_count.sum()


def test_a_killed_run_s_spill_folder_is_removed_by_the_next_run(monkeypatch, tmp_path):
    """A signal skips the clean-up of a spill folder; the next run that spills removes the folders of
    processes that are gone, and leaves those of running ones."""
    import os
    import subprocess
    import sys
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    gone.kill()
    gone.wait()
    stale = tmp_path / f"framing-contrast-{gone.pid}-x1"
    running = tmp_path / f"framing-contrast-{os.getpid()}-x2"
    for folder in (stale, running):
        folder.mkdir()
        (folder / "000001.npz").write_bytes(b"counts")
    monkeypatch.setattr(counting_module, "CHUNK", 7)
    monkeypatch.setattr(counting_module, "SPILL", 300)
    pd.testing.assert_frame_equal(
        contrast_terms(regime_corpus()), contrast_terms(regime_corpus(), n_jobs=1)
    )
    assert not stale.exists() and (running / "000001.npz").exists()
    # this run's own folder is gone too
    assert [p.name for p in tmp_path.iterdir()] == [running.name]


def test_a_comparison_with_a_single_term_is_left_empty_not_nan():
    import analysis as fa

    articles = pd.DataFrame(
        {
            "outlet": ["A", "A", "B", "B"],
            "event": ["e", "e", "e", "e"],
            "text": ["senate", "senate", "senate", "senate"],
        }
    )
    table = fa.contrast_terms(articles, min_df=1)
    assert table.empty or table["z"].notna().all()
    assert not table["q"].isna().any()


@pytest.mark.parametrize(
    "in_memory", [True, False], ids=["articles-in-memory", "read-part-by-part"]
)
def test_two_outlets_after_all_take_the_counts_of_the_call_before(tmp_path, monkeypatch, in_memory):
    """On a prepared corpus, the two-outlet contrasts after every outlet's read no text: they take the
    per-article counts the first call kept, regrouped into chunks of CHUNK articles across the kept chunks
    (most of them spilled to disk), and give the very table a first pass over those outlets' texts gives.
    Rows the first call left out, or another tokenizing, are counted again."""
    import analysis as fa

    from .conftest import write_csv

    monkeypatch.setattr(counting_module, "CHUNK", 7)  # the pair's chunks straddle the kept ones
    monkeypatch.setattr(counting_module, "SPILL", 300)  # most kept chunks on disk
    # the regime corpus, and articles of Zipf-drawn random words: each chunk sees its own words in
    # its own order
    rng = np.random.default_rng(5)
    words, zipf = (
        [f"w{k:03d}" for k in range(400)],
        1.0 / np.arange(1, 401),
    )
    noise = [
        {
            "article_id": f"{o}-r{k}",
            "outlet": o,
            "event": f"ev-r{k % 5}",
            "title": None,
            "text": " ".join(rng.choice(words, size=60, p=zipf / zipf.sum())),
        }
        for k in range(40)
        for o in "ABC"
    ]
    frame = pd.concat([regime_corpus(), pd.DataFrame(noise)], ignore_index=True)
    path = write_csv(
        tmp_path / "regime.csv", frame.rename(columns={"article_id": "id"}).to_dict("records")
    )
    corpus = fa.prepare_corpus(path, cache_dir=tmp_path / "cache")
    # the corpus itself does not load them
    articles = pd.concat(list(corpus.parts()), ignore_index=True)
    if in_memory:
        assert corpus.articles is not None
    passes = []
    real = contrast_module._first_pass
    monkeypatch.setattr(
        contrast_module, "_first_pass", lambda *a, **k: (passes.append(1), real(*a, **k))[1]
    )
    every = contrast_module.contrast_parts(
        corpus, scope=["all", "matched"], exclude=["A-0-0"], n_jobs=1
    )
    pair = contrast_module.contrast_parts(corpus, outlets=["C", "A"], exclude=["A-0-0"], n_jobs=1)
    assert len(passes) == 1  # the pair's counts came from the first call
    whole = lambda **o: contrast_terms(articles, n_jobs=1, **o).drop(columns="kind")  # noqa: E731 (parts: no kind)
    pd.testing.assert_frame_equal(pair, whole(outlets=["C", "A"], exclude=["A-0-0"]))
    pd.testing.assert_frame_equal(every, whole(scope=["all", "matched"], exclude=["A-0-0"]))
    a = pair[pair["outlet"] == "A"].sort_values("z", ascending=False)
    assert a["term"].iloc[0] == "regime" and a["q"].iloc[0] < 0.05  # and the planted term is found
    assert len(passes) == 3  # (the two direct calls)
    # A-0-0 was not counted: read again
    contrast_module.contrast_parts(corpus, outlets=["A", "C"], n_jobs=1)
    assert len(passes) == 4
    # kept just now
    again = contrast_module.contrast_parts(corpus, outlets=["C", "A"], exclude=["C-1-1"], n_jobs=1)
    assert len(passes) == 4
    # B's articles were not among them
    contrast_module.contrast_parts(corpus, outlets=["A", "B"], n_jobs=1)
    assert len(passes) == 5
    # another tokenizing
    contrast_module.contrast_parts(corpus, outlets=["A", "B"], ngram_range=(1, 1), n_jobs=1)
    assert len(passes) == 6
    pd.testing.assert_frame_equal(again, whole(outlets=["A", "C"], exclude=["C-1-1"]))


def test_an_article_s_weights_do_not_depend_on_the_order_its_terms_were_counted_in():
    """The second pass sums each article's squared TF-IDF in term order: a chunk counted with other
    articles lists a row's terms in another order, and with idf (1e8, 1, 1) the sum 1e16 + 1 + 1 is not
    1 + 1 + 1e16 in floating point; both orders must give the same weights, to the bit."""

    def weights(order):
        spill = contrast_module._Spill()
        spill.put(
            sparse.csr_matrix(
                (np.ones(3, dtype=np.int64), np.array(order), np.array([0, 3])), shape=(1, 3)
            )
        )
        membership = sparse.csr_matrix(np.ones((1, 1)))
        _, sums, _, _ = contrast_module._second_pass(
            spill,
            np.arange(3, dtype=np.int32),
            3,
            np.array([1e8, 1.0, 1.0]),
            membership,
            np.array([True]),
            None,
        )
        return sums.at(0, np.arange(3))

    assert (1e16 + 1.0) + 1.0 != (1.0 + 1.0) + 1e16  # the premise
    assert np.array_equal(weights([0, 1, 2]), weights([1, 2, 0]))
    assert np.array_equal(weights([0, 1, 2]), weights([2, 0, 1]))


def test_mantel_haenszel_reference_values():
    """R's mantelhaen.test documentation example (penicillin and rabbits, Cochran 1954): Mantel-Haenszel
    X-squared = 3.9286 with its continuity correction, over five strata of 2 x 2 tables."""
    from analysis.evidence import mantel_haenszel_z, stratified_moments

    # per stratum: cured with no delay (the "outlet's articles holding it")
    cured_none = np.array([0, 3, 6, 5, 2])
    n_none = np.array([6.0, 6, 6, 6, 2])  # treated with no delay
    n_all = np.array([11.0, 12, 12, 12, 7])
    cured = np.array([[0], [3], [8], [11], [7]], dtype=float)  # strata x one "term"
    expected, variance, _, _ = stratified_moments(sparse.csc_matrix(cured), n_none, n_all)
    z = mantel_haenszel_z(cured_none.sum(), expected, variance)
    assert expected[0] == pytest.approx(13.0) and variance[0] == pytest.approx(1.590909, abs=1e-6)
    assert z[0] ** 2 == pytest.approx(3.9286, abs=5e-5)


def _bursty_corpus(seed: int = 4) -> pd.DataFrame:
    """Three outlets of 40 articles alike but for two words of A's: "crackdown" in 29 of its articles, once
    each, and "blizzard" repeated 12 times in 2 of them."""
    rng = np.random.default_rng(seed)
    words = [f"w{k:03d}" for k in range(300)]
    rows = []
    for outlet in "ABC":
        for k in range(40):
            text = " ".join(rng.choice(words, size=80))
            if outlet == "A" and k < 29:
                text += " The crackdown went on."
            if outlet == "A" and k in (30, 31):
                text += " The blizzard" * 12 + "."
            rows.append(
                {"article_id": f"{outlet}{k}", "outlet": outlet, "event": f"e{k}", "text": text}
            )
    return pd.DataFrame(rows)


def test_evidence_is_counted_in_articles_not_uses():
    table = contrast_terms(_bursty_corpus(), scope=["all", "matched"])
    for scope in ("all", "matched"):
        a = table[(table["scope"] == scope) & (table["outlet"] == "A")].set_index("term")
        assert a.loc["crackdown", "q"] < 0.001 and a.loc["crackdown", "n_articles"] == 29
        assert a.loc["blizzard", "count"] == 24 and a.loc["blizzard", "n_articles"] == 2
        assert a.loc["blizzard", "q"] > 0.05  # 24 uses, 2 articles: that article's word, not A's
        assert a.loc["blizzard", "z_tokens"] > 3  # where counting uses would have found it
    top = top_terms(table, n=1).set_index(["scope", "outlet"])["term"]
    assert top[("all", "A")] == "crackdown" and top[("matched", "A")] == "crackdown"


def test_a_repeated_word_does_not_raise_z():
    corpus = _bursty_corpus()
    more = corpus.copy()
    more.loc[more["article_id"] == "A0", "text"] += " The crackdown went on." * 10
    z = [
        contrast_terms(c, scope="matched")
        .set_index(["outlet", "term"])
        .loc[("A", "crackdown"), "z"]
        for c in (corpus, more)
    ]
    assert z[0] == z[1]


def test_dotted_acronyms_are_one_word_apart_from_the_pronoun():
    from analysis.contrast import preprocess
    from analysis.findings import kept_tokens

    assert preprocess("The F.B.I. and the FBI") == "the fbi and the fbi"
    assert preprocess("U.S. troops, US troops, told us") == "US troops, US troops, told us"
    # a run of capitals is shouting, not an acronym
    assert preprocess("SHOUT US DOWN") == "shout us down"
    text = "The F.B.I. told us the U.S.-led team met."
    assert [(text[a:b], t) for a, b, t in kept_tokens(text)] == [
        ("F.B.I.", "fbi"),
        ("told", "told"),
        ("U.S.-led", "US-led"),
        ("team", "team"),
        ("met", "met"),
    ]
    rows = [
        {
            "article_id": f"{o}{k}",
            "outlet": o,
            "event": f"e{k}",
            "text": ("The F.B.I. said" if o == "A" else "The FBI said") + f" item {k} was ready.",
        }
        for o in "AB"
        for k in range(6)
    ]
    table = contrast_terms(pd.DataFrame(rows), min_df=1)
    fbi = table[table["term"] == "fbi"].set_index("outlet")
    assert (
        fbi.loc["A", "n_articles"] == 6
        and fbi.loc["B", "n_articles"] == 6
        and fbi.loc["A", "z"] == 0
    )


def test_basil_framing_terms_are_not_names_honorifics_or_the_outlet_s_name(basil_path):
    """The ten most distinctive framing terms of each outlet (matched scope) hold at most two names, honorifics
    or words of the outlet's own name, by a checker that does not ask find_actors: a name is a word the corpus
    capitalises mid-sentence in at least 80% of its uses, or writes in capitals."""
    import collections
    import re

    import analysis as fa

    articles = fa.clean_articles(fa.load_corpus(basil_path))
    table = contrast_terms(articles, scope="matched", mentions=fa.find_actors(articles))
    caps, low = collections.Counter(), collections.Counter()
    for text in articles["text"]:
        for word in re.findall(r"(?<=[a-z,;] )([A-Z]{2,}|[A-Za-z][a-z]+)\b", text):
            (caps if word[0].isupper() else low)[word.lower()] += 1
    names = {w for w in caps if caps[w] >= 3 and caps[w] >= 0.8 * (caps[w] + low[w])}
    honorifics = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "senator", "representative"}
    for outlet, top in top_terms(table, n=10).groupby("outlet", observed=True):
        own = set(re.findall(r"[a-z]+", outlet.lower()))
        flagged = [t for t in top["term"] if set(t.lower().split()) & (names | honorifics | own)]
        assert len(top) == 10 and len(flagged) <= 2, (outlet, list(top["term"]), flagged)


def test_a_rare_term_of_an_outlet_with_a_small_share_is_not_overstated():
    """3 of one outlet's 60 articles hold a word, none of the other 1,440: the exact (hypergeometric) p is
    C(60,3)/C(1500,3) = 6.1e-5 one-sided; the normal approximation says 3e-12. The table's p is at least the
    exact one (a binomial tail near the bound), and agrees with the normal one where counts are ample."""
    from scipy.stats import hypergeom, norm

    from analysis.evidence import article_p, hypergeometric_moments, mantel_haenszel_z

    moments = hypergeometric_moments(np.array([3.0, 300.0]), 60, 1440)
    p = article_p(np.array([3.0, 30.0]), *moments, np.array([3.0, 300.0]))
    exact = 2 * hypergeom.sf(2, 1500, 3, 60)
    assert (
        exact <= p[0] < 0.01
        and 2 * norm.sf(mantel_haenszel_z(3.0, moments[0][0], moments[1][0])) < 1e-10
    )
    assert p[1] == pytest.approx(
        2 * norm.sf(abs(mantel_haenszel_z(30.0, moments[0][1], moments[1][1])))
    )
    # over many null draws of such a word, p < 0.05 no more often than 5%
    rng = np.random.default_rng(0)
    draws = hypergeom.rvs(1500, 3, 60, size=20000, random_state=rng)
    # the moments of the word held by 3 articles
    rare = [np.full(draws.shape, v[0]) for v in moments]
    ps = article_p(draws.astype(float), *rare, np.full(draws.shape, 3.0))
    assert (ps < 0.05).mean() <= 0.05


def test_overwhelming_evidence_gives_a_finite_z():
    """Thousands of articles each way: p underflows to 0, and z is the Mantel-Haenszel statistic, not infinity."""
    rows = [
        {
            "article_id": f"{o}{k}",
            "outlet": o,
            "event": f"e{k % 50}",
            "text": ("The regime spoke." if o == "A" else "The government spoke.")
            + f" Item {k % 7} here.",
        }
        for o in "AB"
        for k in range(3000)
    ]
    table = contrast_terms(pd.DataFrame(rows), scope=["all", "matched"])
    assert np.isfinite(table["z"]).all() and table["z"].max() > 30


def test_a_prepared_corpus_gives_the_same_contrasts_again_without_reading_them_back(tmp_path):
    """02 asks for its contrasts twice (its terms, then its naming panel): the second time is the very table;
    other mentions, or another scope, are worked out again."""
    import analysis as fa

    from .conftest import write_csv

    path = write_csv(
        tmp_path / "regime.csv",
        regime_corpus().rename(columns={"article_id": "id"}).to_dict("records"),
    )
    corpus = fa.prepare_corpus(path, cache_dir=tmp_path / "cache")
    mentions = fa.find_actors(corpus.articles)
    first = corpus.contrasts(scope=["all", "matched"], mentions=mentions)
    assert corpus.contrasts(scope=["all", "matched"], mentions=mentions) is first
    assert corpus.contrasts(scope=["all", "matched"], mentions=mentions.copy()) is not first
    other = corpus.contrasts(scope="all", mentions=mentions)
    assert set(other["scope"]) == {"all"}
