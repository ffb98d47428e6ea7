"""Sentence scoring (exact VADER, cache, parallel) and aggregates on planted corpora."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis import (
    article_sentiment,
    clean_articles,
    event_adjusted_sentiment,
    group_sentiment,
    load_corpus,
    pairwise_sentiment,
    score_sentences,
    split_sentences,
    voice_sentiment,
)
from analysis import sentiment as S

from .conftest import BASIL
from .synthetic import sentiment_corpus


@pytest.fixture(scope="module")
def sample_sentences(sample_path):
    return split_sentences(clean_articles(load_corpus(sample_path)))


@pytest.fixture
def counted(monkeypatch):
    """Wrap the real scorer to count how many sentences VADER is asked to score."""
    calls = []
    real = S._score_texts

    def counting(texts, *args, **kwargs):
        calls.append(len(texts))
        return real(texts, *args, **kwargs)

    monkeypatch.setattr(S, "_score_texts", counting)
    return calls


def test_scores_equal_direct_vader(sample_sentences, tmp_path):
    scored = score_sentences(sample_sentences, cache_dir=tmp_path)
    sia = SentimentIntensityAnalyzer()
    for text, neg, neu, pos, comp in scored[["text", "neg", "neu", "pos", "compound"]].itertuples(
        index=False
    ):
        assert sia.polarity_scores(text) == {"neg": neg, "neu": neu, "pos": pos, "compound": comp}
    cached = score_sentences(sample_sentences, cache_dir=tmp_path)
    pd.testing.assert_frame_equal(scored, cached)


EMOJI_AND_EDGES = [
    "",
    "   ",
    "Good.",
    "  padded on both sides  ",
    "I love it \U0001f600",
    "\U0001f600 first",
    "two\U0001f622\U0001f622 in a row",
    "a \u2639 frown",
    "#\ufe0f\u20e3 keycap",
    ":) and :(",
    "NOT good at ALL!!!",
    "kind of bad",
    "The regime's brutal crackdown killed dozens, but it was fine.",
    "It was never so good.",
    "never this bad",
    "He is without doubt great.",
    "without a doubt the best",
    "I don't like it",
    "This isn't bad at all",
    "Nobody was hurt, nor happy",
    "no good deed",
    "not at all ALARMING",
    "the least bad option",
    "at least good",
    "Cannot be worse. Can't be better.",
]


def _sentence_texts(path) -> list[str]:
    return split_sentences(clean_articles(load_corpus(path)))["text"].tolist()


def test_the_analyzer_scores_exactly_as_vader(sample_sentences):
    """The analyzer (VADER less the work that cannot change a score) gives VADER's own scores, dict for
    dict: on every sample sentence, on BASIL's and NewsMTSC's where they are on this machine, and on texts
    with emoji (which go through VADER's method whole), padding, negations, "never so", "without doubt",
    "least" and VADER's other special cases."""
    from analysis.models import train_targets
    from analysis.vader import Analyzer, analyzer

    texts = sample_sentences["text"].tolist() + EMOJI_AND_EDGES
    if BASIL.exists():
        texts += _sentence_texts(BASIL)
    if train_targets.default_data().is_file():
        with open(train_targets.default_data(), encoding="utf-8") as handle:
            texts += [json.loads(line)["sentence_normalized"] for line in handle]
    ours, vader = analyzer(), SentimentIntensityAnalyzer()
    assert isinstance(ours, Analyzer)
    skipped = [t for t in texts if ours._emoji_chars.isdisjoint(t)]
    assert len(skipped) > 0.9 * len(texts) and len(skipped) < len(texts)  # both paths are taken
    for text in texts:
        assert ours.polarity_scores(text) == vader.polarity_scores(text), text
    with pytest.raises(TypeError):  # what is not text fails as in VADER
        ours.polarity_scores(None)


def test_serial_parallel_and_cached_are_identical(
    sample_sentences, tmp_path, monkeypatch, pool_always
):
    serial = score_sentences(sample_sentences, cache_dir=False, n_jobs=1)
    monkeypatch.setattr(S, "CHUNK", 10)  # several chunks, so two worker processes share them
    parallel = score_sentences(sample_sentences, cache_dir=tmp_path, n_jobs=2)
    cached = score_sentences(sample_sentences, cache_dir=tmp_path, n_jobs=2)
    pd.testing.assert_frame_equal(serial, parallel)
    pd.testing.assert_frame_equal(serial, cached)


def test_cache_scores_only_new_sentences(tmp_path, counted):
    corpus = sentiment_corpus(with_grim=False)
    first, extra = (
        corpus.iloc[:-1],
        corpus.iloc[-1:].assign(
            article_id="new",
            text="A brand new sentence about the weather. The sun shone brightly today!",
        ),
    )
    score_sentences(split_sentences(first), cache_dir=tmp_path)
    assert counted == [split_sentences(first)["text"].nunique()]
    score_sentences(split_sentences(first), cache_dir=tmp_path)
    assert len(counted) == 1  # a rerun scores nothing
    score_sentences(split_sentences(pd.concat([first, extra])), cache_dir=tmp_path)
    assert counted[1:] == [2]  # adding one article scores only its two new sentences


@pytest.mark.parametrize("damage", ["garbage", "foreign", "tampered", "tampered-key"])
def test_corrupt_or_foreign_cache_is_rebuilt(sample_sentences, tmp_path, counted, damage, caplog):
    reference = score_sentences(sample_sentences, cache_dir=tmp_path)
    (shard,) = tmp_path.glob("vader-*.parquet")
    if damage == "garbage":
        shard.write_bytes(b"not a parquet file at all")
    elif damage == "foreign":
        pd.DataFrame(
            {"h0": [1], "h1": [2], "neg": [0.0], "neu": [1.0], "pos": [0.0], "compound": [0.0]}
        ).to_parquet(shard)
    else:  # our format, values changed after writing: the checksum no longer matches
        import pyarrow.parquet as pq

        table = pq.read_table(shard)
        frame = table.to_pandas()
        if damage == "tampered":
            frame["compound"] = 0.5
        else:  # one bit of one key: a float64 checksum would not see it
            frame.loc[0, "h0"] = frame.loc[0, "h0"] ^ np.uint64(1)
        import pyarrow as pa

        pq.write_table(
            pa.Table.from_pandas(frame, preserve_index=False).replace_schema_metadata(
                table.schema.metadata
            ),
            shard,
        )
    rescored = score_sentences(sample_sentences, cache_dir=tmp_path)
    pd.testing.assert_frame_equal(reference, rescored)
    assert counted[-1] == sample_sentences["text"].nunique()
    assert "corrupt or not ours" in caplog.text


def test_article_and_group_tables(sample_sentences, tmp_path):
    scored = score_sentences(sample_sentences, cache_dir=tmp_path)
    arts = article_sentiment(scored)
    assert len(arts) == 5 and arts["n_sentences"].sum() == len(scored)
    one = scored[scored["article_id"] == arts["article_id"][0]]
    assert arts["compound_mean"][0] == pytest.approx(one["compound"].mean())
    assert arts["negative_share"][0] == pytest.approx((one["compound"] <= -0.05).mean())
    groups = group_sentiment(arts, by=["event", "outlet"])
    assert list(groups.columns) == [
        "event",
        "outlet",
        "n_articles",
        "n_sentences",
        "mean",
        "ci_low",
        "ci_high",
        "positive_share",
        "negative_share",
    ]
    assert groups["ci_low"].isna().all()  # one article per group: no interval is claimed


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    with_grim = article_sentiment(
        score_sentences(split_sentences(sentiment_corpus()), cache_dir=cache)
    )
    no_grim = article_sentiment(
        score_sentences(split_sentences(sentiment_corpus(with_grim=False)), cache_dir=cache)
    )
    return with_grim, no_grim


def test_darker_outlet_is_lowest_with_a_clear_interval(planted):
    _, arts = planted
    table = group_sentiment(arts).set_index("outlet")
    assert table["mean"].idxmin() == "Dark"
    assert table.loc["Dark", "ci_high"] < table.drop("Dark")["ci_low"].min()


def test_event_adjustment_does_not_flag_an_outlet_for_grim_events(planted):
    arts, _ = planted
    raw = group_sentiment(arts).set_index("outlet")
    evens = raw.loc[["Even A", "Even B", "Even C"]]
    assert raw.loc["Grim", "ci_high"] < evens["ci_low"].min()  # unadjusted, Grim looks darker ...
    adjusted = event_adjusted_sentiment(arts).set_index("outlet")
    # ... adjusted, it is not
    assert adjusted.loc["Grim", "ci_low"] < 0 < adjusted.loc["Grim", "ci_high"]
    assert adjusted.loc["Dark", "ci_high"] < 0  # while the darker writer still is
    assert adjusted["mean"].idxmin() == "Dark"
    assert adjusted.loc["Grim", "n_events"] == 12 and adjusted.loc["Even A", "n_events"] == 24


def test_pairwise_differences(planted):
    arts, _ = planted
    pairs = pairwise_sentiment(arts)
    row = pairs[(pairs["outlet_a"] == "Dark") & (pairs["outlet_b"] == "Even A")].iloc[0]
    assert row["n_events"] == 24 and row["ci_high"] < 0
    row = pairs[(pairs["outlet_a"] == "Even A") & (pairs["outlet_b"] == "Grim")].iloc[0]
    assert row["n_events"] == 12 and row["ci_low"] < 0 < row["ci_high"]


def test_bootstrap_is_reproducible(planted):
    arts, _ = planted
    pd.testing.assert_frame_equal(group_sentiment(arts), group_sentiment(arts))
    pd.testing.assert_frame_equal(event_adjusted_sentiment(arts), event_adjusted_sentiment(arts))
    assert not group_sentiment(arts, seed=1).equals(group_sentiment(arts, seed=2))


def test_group_sentiment_is_the_plain_loop_over_groups_float_for_float():
    """Groups are summed and resampled without a pandas object per group: the same floats as the obvious loop
    (each group's own default_rng(seed), Series.mean, Series.sum), missing keys and values included."""
    rng = np.random.default_rng(4)
    n = 900
    arts = pd.DataFrame(
        {
            "event": rng.choice(["e1", "e2", "e3", None], n),
            "outlet": rng.choice(list("ABCDEFG"), n),
            "n_sentences": rng.integers(1, 40, n),
            "compound_mean": rng.normal(0, 0.4, n),
            "positive_share": rng.uniform(0, 1, n),
            "negative_share": rng.uniform(0, 1, n),
        }
    )
    arts.loc[::37, "compound_mean"] = np.nan
    for by in (["event", "outlet"], "outlet", ["outlet", "event"]):
        keys = [by] if isinstance(by, str) else by
        want = []
        for key, grp in arts.groupby(keys, sort=True, dropna=False):
            values = grp["compound_mean"].to_numpy()
            if len(values) < 2:
                low = high = np.nan
            else:
                means = values[
                    np.random.default_rng(7).integers(0, len(values), size=(300, len(values)))
                ].mean(axis=1)
                low, high = (
                    np.quantile(means, (1 - 0.95) / 2),
                    np.quantile(means, 1 - (1 - 0.95) / 2),
                )
            n_sent = grp["n_sentences"].sum()
            want.append(
                (
                    *key,
                    len(grp),
                    int(n_sent),
                    grp["compound_mean"].mean(),
                    low,
                    high,
                    (grp["positive_share"] * grp["n_sentences"]).sum() / n_sent,
                    (grp["negative_share"] * grp["n_sentences"]).sum() / n_sent,
                )
            )
        want = pd.DataFrame(
            want,
            columns=[
                *keys,
                "n_articles",
                "n_sentences",
                "mean",
                "ci_low",
                "ci_high",
                "positive_share",
                "negative_share",
            ],
        )
        got = group_sentiment(arts, by=by, n_boot=300, seed=7)
        pd.testing.assert_frame_equal(got, want, check_exact=True)
    # NaN values and a missing event, both kept
    assert got["ci_low"].isna().any() and got["event"].isna().any()


def test_voice_separates_reporter_and_quotes(tmp_path):
    corpus = sentiment_corpus(with_grim=False)
    scored = score_sentences(split_sentences(corpus), cache_dir=tmp_path)
    voice = voice_sentiment(scored).set_index(["outlet", "voice"])
    assert set(voice.index.get_level_values("voice")) == {"reporter", "quoted"}
    # Dark's own (reporter) voice is darker than the Even outlets'; quotes are drawn alike for everyone
    assert voice.loc[("Dark", "reporter"), "mean"] < voice.loc[("Even A", "reporter"), "mean"] - 0.2
    assert (
        abs(voice.loc[("Dark", "quoted"), "mean"] - voice.loc[("Even A", "quoted"), "mean"]) < 0.25
    )
    assert voice["n_sentences"].sum() == len(scored)


def test_bootstrap_interval_matches_percentiles():
    values = np.array([0.1, 0.2, 0.3, 0.4, 0.9])
    low, high = S._bootstrap_ci(values, n_boot=4000, seed=1)
    rng = np.random.default_rng(1)
    means = values[rng.integers(0, 5, size=(4000, 5))].mean(axis=1)
    assert (low, high) == (np.quantile(means, 0.025), np.quantile(means, 0.975))
    assert low < values.mean() < high


def test_hash_collisions_are_scored_apart(sample_sentences, monkeypatch):
    """Force every sentence to share the first 64-bit hash: each must still get its own scores."""
    real = S._keys

    def colliding(texts):
        keys = real(texts)
        keys["h0"] = np.uint64(42)
        return keys

    monkeypatch.setattr(S, "_keys", colliding)
    scored = score_sentences(sample_sentences, cache_dir=False)
    sia = SentimentIntensityAnalyzer()
    assert scored["compound"].tolist() == [
        sia.polarity_scores(t)["compound"] for t in scored["text"]
    ]


def _co_coverage_scores(seed: int = 3, dark: float = -0.10) -> pd.DataFrame:
    """Neutral A, B, C and a uniformly darker D, with co-coverage that differs by outlet:
    40 events all four covered, 40 only A and D, 40 only B and C (2 articles per outlet and event)."""
    rng = np.random.default_rng(seed)
    groups = [("ABCD", 40), ("AD", 40), ("BC", 40)]
    rows, e = [], 0
    for who, n in groups:
        for _ in range(n):
            tone = rng.normal(0, 0.2)
            for o in who:
                for k in range(2):
                    rows.append(
                        (
                            f"{o}{e}-{k}",
                            o,
                            f"e{e:03d}",
                            tone + (dark if o == "D" else 0) + rng.normal(0, 0.05),
                        )
                    )
            e += 1
    return pd.DataFrame(rows, columns=["article_id", "outlet", "event", "compound_mean"])


def test_event_adjusted_neutral_outlets_do_not_depend_on_who_else_covered():
    table = event_adjusted_sentiment(_co_coverage_scores()).set_index("outlet")
    neutral = table.loc[["A", "B", "C"]]
    # indistinguishable from zero: each interval reaches to within 0.005 of it (a 95% interval misses
    # zero now and then by chance: benchmarks/bench_event_adjusted.py measures how often)
    assert (neutral["ci_low"] < 0.005).all() and (neutral["ci_high"] > -0.005).all(), neutral
    assert neutral["mean"].abs().max() < 0.015
    # found at its planted depth
    assert table.loc["D", "ci_low"] < -0.10 < table.loc["D", "ci_high"]
    assert table.loc["D", "ci_high"] < -0.07
    assert list(table["n_events"]) == [80, 80, 80, 80]


def test_event_adjusted_mean_reference_is_dragged_by_the_dark_outlet():
    """Why the reference changed: the mean of outlets' means makes A (often beside D) look brighter than B."""
    table = event_adjusted_sentiment(_co_coverage_scores(), reference="mean").set_index("outlet")
    assert table.loc["A", "ci_low"] > table.loc["B", "ci_high"]
    median = event_adjusted_sentiment(_co_coverage_scores(), reference="median").set_index("outlet")
    # on two-outlet events the median is the mean: dragged too
    assert median.loc["A", "mean"] > 0.02


@pytest.mark.parametrize("seed", range(5))
def test_event_adjusted_recovers_planted_offsets_whatever_the_seed(seed):
    table = event_adjusted_sentiment(_co_coverage_scores(seed, dark=-0.2), n_boot=500).set_index(
        "outlet"
    )
    assert abs(table.loc["D", "mean"] + 0.2) < 0.02
    assert table.loc[["A", "B", "C"], "mean"].abs().max() < 0.02


def test_event_adjusted_rejects_an_unknown_reference():
    with pytest.raises(ValueError, match="reference must be one of"):
        event_adjusted_sentiment(_co_coverage_scores(), reference="mode")


def test_event_adjusted_with_one_shared_event_claims_no_interval():
    scores = pd.DataFrame(
        {"event": ["e1", "e1", "e2"], "outlet": ["A", "B", "A"], "compound_mean": [0.1, -0.1, 0.5]}
    )
    table = event_adjusted_sentiment(scores).set_index("outlet")
    assert table["n_events"].tolist() == [1, 1]  # e2 has one outlet: not a comparison
    assert table.loc["A", "mean"] == pytest.approx(0.1) and table.loc["B", "mean"] == pytest.approx(
        -0.1
    )
    assert table[["ci_low", "ci_high"]].isna().all().all()


def test_no_shared_event_is_insufficient_data_not_a_crash():
    from analysis import InsufficientData

    scores = pd.DataFrame(
        {"event": ["e1", "e2"], "outlet": ["A", "B"], "compound_mean": [0.1, -0.1]}
    )
    for func in (event_adjusted_sentiment, pairwise_sentiment):
        with pytest.raises(InsufficientData, match="no event is covered by two or more outlets"):
            func(scores)


def test_kept_resamples_stay_within_their_budget(monkeypatch):
    monkeypatch.setattr(S, "DRAWS_BYTES", 3 * 2**20)
    draws: dict = {}
    rng = np.random.default_rng(0)
    for n in range(2, 400, 3):
        values = rng.normal(size=n)
        assert S._bootstrap_ci(values, n_boot=500, seed=1, draws=draws) == S._bootstrap_ci(
            values, n_boot=500, seed=1
        )
    kept = sum(p.nbytes for p in draws.values())
    assert 0 < kept <= 3 * 2**20 and max(p.nbytes for p in draws.values()) <= 2**20
