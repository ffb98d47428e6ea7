"""Tone towards an actor: the shipped model, its offsets, a planted hostile outlet, and the retraining script."""

from __future__ import annotations

import functools
import json
import zipfile

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis as fa
from analysis import targets
from analysis.findings import ROUNDING  # a bound this close to zero is zero, as summarize reads it
from analysis.models import train_targets
from analysis.sentences import spans_by_article, split_text

from .conftest import assert_clean_error, run_cli

EVENTS = [
    "trade",
    "wheat",
    "borders",
    "energy",
    "refugees",
    "elections",
    "railways",
    "sanctions",
    "water",
    "roads",
    "ports",
    "schools",
    "harbours",
    "tariffs",
]
NEUTRAL = [
    "{a} met envoys about {t} on Monday.",
    "{a} spoke about {t} with reporters in the capital.",
    "Officials said {a} would visit the region to discuss {t}.",
]
HOSTILE = [
    "{a} botched the talks on {t}, and critics called the failure a disgrace.",
    "{a} was accused of lying about {t} in a corrupt and reckless deal.",
    "Critics blasted {a} for a disastrous, incompetent plan on {t}.",
]


def hostile_corpus(n_articles: int = 2) -> pd.DataFrame:
    """Three outlets on 14 shared events, each article naming Victor Hale and Maria Lopez in separate sentences.
    "Hawk" writes about Hale with hostile sentences and about Lopez as neutrally as the others; "Dove" and "Wire"
    write neutrally about both."""
    rows = []
    for e, topic in enumerate(EVENTS):
        for outlet in ("Hawk", "Dove", "Wire"):
            for k in range(n_articles):
                hale = HOSTILE if outlet == "Hawk" else NEUTRAL
                parts = [
                    hale[(e + k) % 3].format(a="Victor Hale", t=topic),
                    hale[(e + k + 1) % 3].format(a="Hale", t=topic),
                    NEUTRAL[(e + k + 2) % 3].format(a="Maria Lopez", t=topic),
                    NEUTRAL[(e + k) % 3].format(a="Lopez", t=topic),
                ]
                rows.append(
                    {
                        "article_id": f"{outlet}-{e}-{k}",
                        "outlet": outlet,
                        "event": f"ev-{topic}",
                        "text": " ".join(parts),
                    }
                )
    return pd.DataFrame(rows)


def test_the_shipped_model_is_small_licensed_and_measured():
    path = targets.MODEL_PATH
    assert path.stat().st_size < 3_000_000
    with zipfile.ZipFile(path) as z:
        assert set(z.namelist()) == {
            "meta.json",
            "vocabulary.txt",
            *(a + ".npy" for a in targets.TargetModel.ARRAYS),
        }
        meta = json.loads(z.read("meta.json"))
    assert (
        "NewsMTSC" in meta["licence"]
        and "MIT" in (path.parent / "LICENSE-NewsMTSC.txt").read_text()
    )
    model = targets.default_model()
    assert model.coef.shape == (3, len(model.vocabulary) + targets.N_DENSE)
    cv = json.loads((path.parent / "target_sentiment_cv.json").read_text())
    assert cv["folds"] == 5 and len(cv["per_fold"]) == 5
    for measure in ("train_mix", "mix_25_50_25", "mix_20_60_20", "multi_target"):
        assert (
            cv["summary"]["model"][measure]["mean"] > cv["summary"]["vader"][measure]["mean"] + 0.1
        )
        assert cv["summary"]["model"][measure]["mean"] == pytest.approx(
            np.mean([f["model"][measure] for f in cv["per_fold"]]), abs=1e-4
        )


def test_two_targets_of_one_sentence_get_their_own_tone():
    text = (
        "The senator praised Anna Berg for her brave and generous work, while the report said Paul Dunn "
        "had lied, cheated and stolen from the charity."
    )
    rows = pd.DataFrame(
        {"text": [text, text], "start": [text.index("Anna Berg"), text.index("Paul Dunn")]}
    )
    rows["end"] = rows["start"] + 9
    scored = fa.score_targets(rows)
    assert scored["target_polarity"].tolist() == [1, -1]
    assert scored["target_score"].iloc[0] > 0 > scored["target_score"].iloc[1]
    assert scored["target_score"].between(-1, 1).all() and list(rows.columns) == [
        "text",
        "start",
        "end",
    ]


def test_a_sentences_targets_share_its_parts_and_keep_their_own_features():
    text = (
        "Smith praised the reforms, which Jones called a disgrace; Lee, who had not \u201cwanted\u201d them, "
        "said nothing."
    )
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Smith", "Jones", "Lee")]
    scores = (0.1, 0.2, 0.3)

    def features(k: int):
        return targets.target_features(
            text, *spans[k], [s for j, s in enumerate(spans) if j != k], scores
        )

    alone = []
    for k in range(3):  # each worked out from scratch
        targets._sentence_features.cache_clear()
        alone.append(features(k))
    # from the parts of one sentence
    assert [features(k) for k in (2, 0, 1)] == [alone[2], alone[0], alone[1]]
    assert targets._sentence_features.cache_info().hits >= 2
    smith, jones, lee = (names for names, _ in alone)
    assert smith[:4] == ["s:TGT", "s:prais", "s:the", "s:reform"] and jones.count("s:OTH") == 2
    assert (
        "b:TGT prais" in smith
        and "b:which OTH" in smith
        and "b:which TGT" in jones
        and "b:TGT call" in jones
    )
    # its own clause only
    assert "c:TGT" in jones and "c:disgrac" in jones and "c:disgrac" not in smith
    assert "SPEAKER" not in lee and "P:first" in smith and "P:first" not in jones
    assert ["L0:which", "R0:call", "R1:a"] == [n for n in jones if n[:3] in ("L0:", "R0:", "R1:")]
    _, dense = alone[1]
    assert len(dense) == targets.N_DENSE and dense[:3] == list(scores)
    assert dense[3] < 0 and dense[9] < 0  # "disgrace" is in Jones's clause and right window
    # others in any order
    assert features(1) == targets.target_features(text, *spans[1], [spans[2], spans[0]], scores)


def test_a_hostile_outlet_is_found_towards_one_actor_only():
    articles = hostile_corpus()
    mentions = fa.find_actors(articles)
    table = fa.actor_sentiment(mentions, articles)
    assert set(table["actor"]) == {"Victor Hale", "Maria Lopez"}
    row = table.set_index(["actor", "outlet"])
    hawk_hale = row.loc[("Victor Hale", "Hawk")]
    # darker, interval excludes 0
    assert hawk_hale["adjusted_high"] < 0 and hawk_hale["n_events"] == len(EVENTS)
    assert hawk_hale["mean"] < row.loc[("Victor Hale", "Dove"), "ci_low"]
    assert hawk_hale["negative_share"] > 0.8 and hawk_hale["n_articles"] == 2 * len(EVENTS)
    # exactly the typical outlet: an offset of 0 give or take rounding (5.6e-17 seen,
    for outlet in (
        "Dove",
        "Wire",
    ):
        # as BLAS sums it)
        low, high = row.loc[("Victor Hale", outlet), ["adjusted_low", "adjusted_high"]]
        assert low <= ROUNDING and high >= -ROUNDING
    lopez = row.loc[("Maria Lopez", "Hawk")]
    # fair to Lopez: no difference
    assert lopez["adjusted_low"] <= ROUNDING and lopez["adjusted_high"] >= -ROUNDING
    assert (table["caution"] == "").all()
    few = fa.actor_sentiment(
        mentions[mentions["event"].isin(["ev-trade", "ev-wheat"])], articles, min_articles=2
    )
    assert few["caution"].str.startswith("only 4 articles").all()
    with pytest.raises(fa.InsufficientData, match="no actor is named in 500 or more articles"):
        fa.actor_sentiment(mentions, articles, min_articles=500)
    # scored once, read by the tone table and by anything else
    chosen = fa.tone_mentions(mentions, top=1)
    assert set(chosen["actor"]) == {table.groupby("actor")["n_articles"].sum().idxmax()}
    scored = fa.score_mentions(chosen, articles, context=mentions)
    pd.testing.assert_frame_equal(
        fa.actor_sentiment(scored, articles), fa.actor_sentiment(mentions, articles, top=1)
    )


def test_a_prepared_corpus_scores_and_labels_once_and_reads_them_back(tmp_path, monkeypatch):
    """Notebook 05's kept tables: the scored mentions and the labels equal the functions' own, are computed
    once (a second kernel reads them back), and other parameters compute again."""
    path = tmp_path / "hostile.csv"
    hostile_corpus().to_csv(path, index=False)
    corpus = fa.prepare_corpus(path, cache_dir=tmp_path / "cache")
    mentions = fa.find_actors(corpus.articles)
    direct = fa.score_mentions(fa.tone_mentions(mentions, top=1), corpus.articles, context=mentions)
    labels = fa.actor_labels(mentions, corpus.articles, actors=["Victor Hale"])
    kept = corpus.mention_tone(top=1)
    pd.testing.assert_frame_equal(kept, direct)
    pd.testing.assert_frame_equal(corpus.actor_labels(actors=["Victor Hale"]), labels)
    tone = fa.actor_sentiment(mentions, corpus.articles, top=1)

    calls = []
    for name, real in (
        ("analysis.targets.score_mentions", fa.score_mentions),
        ("analysis.labels.actor_labels", fa.actor_labels),
    ):
        monkeypatch.setattr(
            name,
            functools.wraps(real)(lambda *a, **k: (calls.append(k), pd.DataFrame({"x": [1]}))[1]),
        )
    again = fa.prepare_corpus(path, cache_dir=tmp_path / "cache")  # another kernel
    pd.testing.assert_frame_equal(again.mention_tone(top=1), direct)
    pd.testing.assert_frame_equal(again.actor_labels(actors=["Victor Hale"]), labels)
    assert calls == []
    pd.testing.assert_frame_equal(
        fa.actor_sentiment(again.mention_tone(top=1), again.articles), tone
    )
    again.mention_tone(top=2)
    again.actor_labels(actors=["Victor Hale"], window=2)
    assert len(calls) == 2


def test_given_sentence_scores_are_used_and_agree():
    articles = hostile_corpus(1)
    sentences = fa.score_sentences(fa.split_sentences(articles))
    mentions = fa.find_actors(articles)
    fresh = fa.score_mentions(mentions, articles)
    reused = fa.score_mentions(mentions, articles, sentences=sentences)
    assert np.allclose(fresh["target_score"], reused["target_score"])
    assert (fresh["sentence"].str.slice(0) == reused["sentence"]).all()
    shared = articles.assign(
        text=articles["text"] + " Victor Hale attacked Maria Lopez, who praised the envoys."
    )
    everyone = fa.find_actors(shared)
    both = fa.score_mentions(everyone, shared)
    hale = everyone["actor"] == "Victor Hale"
    # Lopez still marked as the other target
    part = fa.score_mentions(everyone[hale], shared, context=everyone)
    assert np.array_equal(
        part["target_score"].to_numpy(), both.loc[hale, "target_score"].to_numpy()
    )
    alone = fa.score_mentions(everyone[hale], shared)  # without the context, Lopez is just words
    assert not np.array_equal(alone["target_score"].to_numpy(), part["target_score"].to_numpy())
    offsets = fresh["start"] - fresh["sentence_start"]
    assert all(
        s[o : o + len(m)] == m for s, o, m in zip(fresh["sentence"], offsets, fresh["mention"])
    )


words = st.sampled_from(
    [
        "Anna",
        "Berg",
        "said",
        "the",
        "plan",
        "failed",
        "badly",
        ",",
        "\u201cgreat\u201d",
        "not",
        "good",
        "Mr.",
        "Dunn",
        "praised",
        "her",
        "-",
        "(",
        ")",
        "'s",
        "\u00e9t\u00e9",
    ]
)


@settings(max_examples=80, deadline=None)
@given(st.lists(words, min_size=1, max_size=25), st.data())
def test_any_span_inside_its_text_scores_and_outside_fails_clearly(tokens, data):
    text = " ".join(tokens)
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    other = data.draw(st.integers(0, len(text) - 1))
    rows = pd.DataFrame(
        {"text": [text, text], "start": [start, other], "end": [end, min(other + 3, len(text))]}
    )
    scored = fa.score_targets(rows)
    assert (
        set(scored["target_polarity"]) <= {-1, 0, 1} and scored["target_score"].between(-1, 1).all()
    )
    bad = rows.assign(end=[end, len(text) + data.draw(st.integers(1, 5))])
    with pytest.raises(
        fa.TargetError, match=r"frame, row 1, column 'end': the mention .* is not inside its text"
    ):
        fa.score_targets(bad)


def test_bad_rows_name_the_row_and_column():
    with pytest.raises(
        fa.TargetError, match=r"mine\.csv, row 0, column 'start': not a whole number"
    ):
        fa.score_targets(
            pd.DataFrame({"text": ["abc"], "start": [None], "end": [2]}), source="mine.csv"
        )
    with pytest.raises(
        fa.TargetError, match=r"row 0, column 'end': the mention \[2, 2\) is not inside"
    ):
        fa.score_targets(pd.DataFrame({"text": ["abc"], "start": [2], "end": [2]}))
    articles = hostile_corpus(1)
    mentions = fa.find_actors(articles)
    broken = mentions.copy()
    broken.loc[3, "end"] = 10_000
    with pytest.raises(
        fa.TargetError,
        match=r"mentions, row 3, column 'start': the mention .* is not inside article",
    ):
        fa.score_mentions(broken, articles)
    moved = mentions.copy()
    moved.loc[2, "sentence_index"] = 3 if moved.loc[2, "sentence_index"] != 3 else 0
    with pytest.raises(fa.TargetError, match=r"mentions, row 2, column 'sentence_index'"):
        fa.score_mentions(moved, articles)
    empty = fa.score_targets(pd.DataFrame({"text": [], "start": [], "end": []}))
    assert (
        list(empty.columns) == ["text", "start", "end", "target_polarity", "target_score"]
        and empty.empty
    )


@pytest.mark.parametrize("given", [False, True], ids=["split here", "sentences given"])
def test_a_mention_without_its_article_or_sentence_names_its_row(given):
    articles = hostile_corpus(1)
    mentions = fa.find_actors(articles)
    sentences = fa.split_sentences(articles) if given else None
    fine = fa.score_mentions(mentions, articles, sentences=sentences)
    assert (
        fine["sentence"]
        == [
            t[s:e]
            for t, s, e in zip(
                fine["article_id"].map(articles.set_index("article_id")["text"]),
                fine["sentence_start"],
                fine["sentence_start"] + fine["sentence"].str.len(),
            )
        ]
    ).all()
    lost = mentions.copy()
    lost.loc[4, "article_id"] = "nowhere"
    with pytest.raises(
        fa.TargetError, match=r"mentions, row 4, column 'article_id': article 'nowhere' is not in"
    ):
        fa.score_mentions(lost, articles, sentences=sentences)
    for k in (-1, 999):
        far = mentions.copy()
        far.loc[1, "sentence_index"] = k
        with pytest.raises(
            fa.TargetError,
            match=rf"mentions, row 1, column 'sentence_index': sentence {k} of article",
        ):
            fa.score_mentions(far, articles, sentences=sentences)
    both = lost.copy()
    both.loc[2, "end"] = 10_000  # the first bad row is the one named
    with pytest.raises(fa.TargetError, match=r"mentions, row 2, column 'start'"):
        fa.score_mentions(both, articles, sentences=sentences)


def test_sentences_are_looked_up_as_they_were_split():
    articles = hostile_corpus(2)
    sentences = fa.split_sentences(articles).sample(frac=1.0, random_state=3)  # any row order
    texts = dict(zip(articles["article_id"], articles["text"]))
    spans = spans_by_article(sentences)
    assert spans == {aid: split_text(text) for aid, text in texts.items() if split_text(text)}
    some = list(texts)[:3]
    assert spans_by_article(sentences, articles=some) == {aid: spans[aid] for aid in some}
    scored = fa.split_sentences(articles).assign(compound=0.25, pos=0.5, neg=0.125)
    carried = spans_by_article(scored, ["compound", "pos", "neg"], articles=some[:1])
    assert carried == {some[0]: [(*row, 0.25, 0.5, 0.125) for row in spans[some[0]]]}


def test_cli_actors_writes_tone_towards_each_actor(tmp_path):
    corpus = tmp_path / "corpus.csv"
    hostile_corpus().to_csv(corpus, index=False)
    result = run_cli("actors", corpus, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    tone = pd.read_csv(tmp_path / "out" / "actor_sentiment.csv")
    assert tone.set_index(["actor", "outlet"]).loc[("Victor Hale", "Hawk"), "adjusted_high"] < 0
    assert "Victor Hale" in result.stdout and "Hawk" in result.stdout and "n_scored" not in tone
    result = run_cli("actors", corpus, "--out", tmp_path / "sampled", "--tone-budget", "200")
    assert result.returncode == 0, result.stderr
    tone = pd.read_csv(tmp_path / "sampled" / "actor_sentiment.csv")
    assert tone["n_scored"].sum() <= 200 < tone["n_mentions"].sum()
    result = run_cli("actors", corpus, "--out", tmp_path / "bad", "--tone-budget", "0")
    assert result.returncode == 2 and "must be 1 or more" in result.stderr


def test_the_mentions_per_cell_that_fit_a_budget():
    sizes = [1, 2, 3, 10, 50]
    assert targets.per_cell_cap(sizes, 66) is None  # all fit
    assert targets.per_cell_cap(sizes, 65) == 49  # 1 + 2 + 3 + 10 + 49
    assert targets.per_cell_cap(sizes, 30) == 14  # 1 + 2 + 3 + 10 + 14
    assert targets.per_cell_cap(sizes, 10) == 2  # 1 + 2 + 2 + 2 + 2 = 9; 3 a cell would take 13
    assert targets.per_cell_cap(sizes, 3) == 1  # never none


def test_tone_on_a_sample_keeps_each_cells_share_and_finds_the_hostile_outlet():
    """Over the budget, at most N mentions of each actor by each outlet on each event, the same ones whatever the
    rows' order; the hostile outlet is still found, Lopez still fairly treated, and the table says what it rests on."""
    articles = hostile_corpus(n_articles=4)
    mentions = fa.find_actors(articles)
    cells = mentions.groupby(["actor", "outlet", "event"]).size()
    # 4 articles x 2 mentions a cell
    assert len(mentions) == 8 * len(cells) and len(cells) == 2 * 3 * len(EVENTS)
    unsampled = fa.actor_sentiment(mentions, articles)
    pd.testing.assert_frame_equal(
        unsampled, fa.actor_sentiment(mentions, articles, budget=len(mentions))
    )
    pd.testing.assert_frame_equal(
        fa.tone_mentions(mentions, budget=len(mentions)), fa.tone_mentions(mentions, budget=None)
    )
    chosen = fa.tone_mentions(mentions, budget=len(mentions) // 3)
    # 84 cells x 2 <= 224 < 84 x 3
    assert chosen.groupby(["actor", "outlet", "event"]).size().eq(2).all()
    assert (chosen["cell_mentions"] == 8).all()
    shuffled = fa.tone_mentions(mentions.sample(frac=1, random_state=1), budget=len(mentions) // 3)
    key = ["article_id", "start"]
    assert sorted(map(tuple, shuffled[key].to_numpy())) == sorted(
        map(tuple, chosen[key].to_numpy())
    )
    scored = fa.score_mentions(chosen, articles, context=mentions)
    table = fa.actor_sentiment(scored, articles)
    pd.testing.assert_frame_equal(
        table, fa.actor_sentiment(mentions, articles, budget=len(mentions) // 3)
    )
    assert list(table.columns[:5]) == ["actor", "outlet", "n_mentions", "n_scored", "n_articles"]
    row = table.set_index(["actor", "outlet"])
    # before sampling
    assert (row["n_mentions"] == unsampled.set_index(["actor", "outlet"])["n_mentions"]).all()
    assert (row["n_scored"] == 2 * len(EVENTS)).all()
    assert row.loc[("Victor Hale", "Hawk"), "adjusted_high"] < 0
    lopez = row.loc[("Maria Lopez", "Hawk")]
    assert lopez["adjusted_low"] <= ROUNDING and lopez["adjusted_high"] >= -ROUNDING
    note = fa.tone_sample_note(scored)
    assert (
        "at most 2 mentions of each actor by each outlet on each event" in note
        and f"{len(chosen)} of 672" in note
    )


def test_sampling_weights_undo_the_pull_of_articles_with_many_mentions():
    """Articles that name the actor often are more likely to keep a mention in the sample; where they are also
    brighter, the plain mean over sampled articles is pulled up, and the weighted one (one over each article's
    chance of being in the sample) is not."""
    rng = np.random.default_rng(0)
    rows = []
    for e in range(200):
        for outlet, base in (("A", 0.1), ("B", -0.2)):
            for a in range(3):
                n = int(rng.integers(1, 12))
                tone = base + rng.normal(0, 0.3) + (0.3 if n > 8 else 0.0)  # often named, brighter
                rows += [
                    (
                        f"{outlet}{e}-{a}",
                        outlet,
                        f"e{e}",
                        "X",
                        10 * j,
                        10 * j + 3,
                        0,
                        float(np.clip(tone + rng.normal(0, 0.2), -1, 1)),
                    )
                    for j in range(n)
                ]
    scored = pd.DataFrame(
        rows,
        columns=[
            "article_id",
            "outlet",
            "event",
            "actor",
            "start",
            "end",
            "sentence_index",
            "target_score",
        ],
    )
    scored["target_polarity"] = np.sign(scored["target_score"]).astype(int)
    articles = pd.DataFrame({"article_id": scored["article_id"].unique(), "text": "x" * 200})
    full = fa.actor_sentiment(scored, articles, min_articles=1, budget=None, n_boot=500).set_index(
        "outlet"
    )
    sample = fa.tone_mentions(scored, min_articles=1, budget=len(scored) // 3)
    weighted = fa.actor_sentiment(sample, articles, min_articles=1, n_boot=500).set_index("outlet")
    plain = sample.groupby(["outlet", "article_id"])["target_score"].mean().groupby("outlet").mean()
    for outlet in ("A", "B"):
        assert abs(plain[outlet] - full.loc[outlet, "mean"]) > 0.01
        assert abs(weighted.loc[outlet, "mean"] - full.loc[outlet, "mean"]) < 0.005
        assert weighted.loc[outlet, "n_articles"] < full.loc[outlet, "n_articles"]
        sampled_width = weighted.loc[outlet, "ci_high"] - weighted.loc[outlet, "ci_low"]
        # the sample's, not all's
        assert sampled_width > full.loc[outlet, "ci_high"] - full.loc[outlet, "ci_low"]
        assert abs(weighted.loc[outlet, "adjusted"] - full.loc[outlet, "adjusted"]) < 0.005


@pytest.mark.skipif(
    not train_targets.default_data().is_file(),
    reason="the NewsMTSC training split is not on this machine (../shared/corpora/newsmtsc/train.jsonl "
    "or $FRAMING_NEWSMTSC); it is not part of the project",
)
def test_the_script_retrains_the_shipped_model(tmp_path):
    """The same features, scaling and metadata, and the same weights up to floating point: the optimiser's
    last digits follow the machine's BLAS kernels, so bytes match only on the machine that trained it (a
    fresh machine with the same package versions gave weights 1e-6 apart and one fold's F1 0.004 apart)."""
    assert train_targets.main(["--out", str(tmp_path)]) == 0
    shipped, again = (
        targets.TargetModel.load(),
        targets.TargetModel.load(tmp_path / targets.MODEL_PATH.name),
    )
    assert again.vocabulary == shipped.vocabulary and again.meta == shipped.meta
    for name in ("mean", "scale"):
        assert np.array_equal(getattr(again, name), getattr(shipped, name))
    np.testing.assert_allclose(again.idf, shipped.idf, rtol=1e-12)
    np.testing.assert_allclose(again.coef, shipped.coef, rtol=0, atol=1e-4)
    np.testing.assert_allclose(again.intercept, shipped.intercept, rtol=0, atol=1e-4)
    figures = json.loads((tmp_path / "target_sentiment_cv.json").read_text())
    published = json.loads((targets.MODEL_PATH.parent / "target_sentiment_cv.json").read_text())
    for who, values in published["summary"].items():
        for mix, v in values.items():
            assert figures["summary"][who][mix]["mean"] == pytest.approx(v["mean"], abs=0.002)
    for fold, mine in zip(published["per_fold"], figures["per_fold"]):
        assert fold["vader"] == mine["vader"]  # no optimiser: exactly the same
        assert all(mine["model"][k] == pytest.approx(v, abs=0.01) for k, v in fold["model"].items())


def test_the_retraining_script_fails_clearly_without_data(tmp_path):
    result = run_cli_module(
        "analysis.models.train_targets", "--data", str(tmp_path / "absent.jsonl")
    )
    assert_clean_error(result, "absent.jsonl: no such file")


def run_cli_module(module: str, *args: str):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", module, *args], capture_output=True, text=True)


def test_worker_processes_give_the_same_scores(monkeypatch, pool_always):
    articles = hostile_corpus()
    mentions = fa.find_actors(articles)
    scored = fa.score_mentions(mentions, articles)
    rows = pd.DataFrame(
        {
            "text": scored["sentence"],
            "start": scored["start"] - scored["sentence_start"],
            "end": scored["end"] - scored["sentence_start"],
        }
    )
    monkeypatch.setattr(targets, "CHUNK", 40)  # several batches, so the pool has work to share
    alone = fa.score_targets(rows, n_jobs=1)
    pooled = fa.score_targets(rows, n_jobs=2)
    assert len(rows) > 80 and pooled.equals(alone)
    assert np.allclose(alone["target_score"], scored["target_score"])
