"""Generic news frames: the shipped model, its evidence, the outlets compared, the findings.

The model's figures are checked where its training data (and BASIL, for the out-of-domain check) are present;
elsewhere those tests skip, saying which file is missing.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import analysis as fa
from analysis.errors import MissingColumnError, NoSharedEvents
from analysis.frames import CUES, FRAMES, FrameModel, default_model, frame_evidence, score_frames

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
CODED = CORPORA / "narrative-frames" / "articles.tsv"
BASIL = CORPORA / "basil.csv"
needs_coded = pytest.mark.skipif(not CODED.exists(), reason=f"{CODED} absent: the model's data")
needs_basil = pytest.mark.skipif(
    not BASIL.exists(), reason=f"{BASIL} absent: the out-of-domain sample"
)

ECONOMIC = (
    "The plan will cost taxpayers $4 billion over ten years, economists said. Prices and taxes would rise, "
    "thousands of jobs could be lost and the budget deficit would grow. Businesses warned of lower profits "
    "and investors sold shares as markets fell on the economic news."
)
CONFLICT = (
    "Democrats and Republicans clashed bitterly over the bill. Opponents accused the senator of lying, and "
    "he attacked his critics as partisan hacks. The two sides rejected each other's demands, and the dispute "
    "deepened as protesters fought with supporters outside."
)
HUMAN = (
    "Maria, a 34-year-old mother of three, wept as she described losing her home. 'My children cried every "
    "night,' she said. Her husband struggles to find work, and the family lives with her father now, hoping "
    "their story will touch someone's heart."
)
PLAIN = (
    "The committee met on Tuesday at ten in the morning. The meeting lasted two hours. The next meeting is "
    "scheduled for the first week of March, the chair said in a statement."
)


def _articles(texts: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({"article_id": list(texts), "text": list(texts.values())})


def test_the_shipped_model_holds_what_scoring_needs_and_was_trained_with_these_cues():
    model = default_model()
    assert model.coef.shape == (len(FRAMES), len(model.vocabulary) + len(FRAMES))
    assert ((model.thresholds > 0) & (model.thresholds < 1)).all()
    assert model.meta["cues"] == CUES  # the cue words in the code are those it learned
    assert "Narrative Frames Corpus" in model.meta["trained_on"]
    # every frame has cue words in the vocabulary
    assert (np.asarray(model.cue_words.sum(axis=0)).ravel() >= 5).all()
    licence = ROOT / "analysis" / "models" / "LICENSE-narrative-frames.txt"
    assert "MIT License" in licence.read_text()


def test_planted_frames_are_found_and_a_plain_text_has_none_of_them():
    scored = score_frames(
        _articles({"econ": ECONOMIC, "conflict": CONFLICT, "human": HUMAN, "plain": PLAIN})
    ).set_index("article_id")
    p = scored[[f + "_p" for f in FRAMES]]
    assert p.loc["econ", "economic_p"] > p.loc[["conflict", "human", "plain"], "economic_p"].max()
    assert p.loc["conflict", "conflict_p"] > p.loc[["econ", "human", "plain"], "conflict_p"].max()
    assert (
        p.loc["human", "human_interest_p"]
        > p.loc[["econ", "conflict", "plain"], "human_interest_p"].max()
    )
    assert scored.loc["econ", "economic"] == 1 and scored.loc["conflict", "conflict"] == 1
    assert scored.loc["human", "human_interest"] == 1
    assert scored.loc["plain", list(FRAMES)].sum() <= 1
    assert set(scored.attrs["thresholds"]) == set(FRAMES)


def test_score_frames_leaves_out_other_languages_and_names_a_missing_column():
    articles = _articles({"en": ECONOMIC, "de": "Die Regierung plant neue Steuern und Kosten."})
    scored = score_frames(articles.assign(language=["en", "de"]))
    assert scored["article_id"].tolist() == ["en"]
    assert any("English only" in n for n in scored.attrs["notes"])
    with pytest.raises(MissingColumnError, match="score_frames needs a column 'text'"):
        score_frames(articles.drop(columns="text"))


def test_evidence_weights_are_each_sentences_share_of_the_score():
    """The sentences' weights add up to the article's linear score less the intercept and the cue features'
    centring (which belong to no sentence); the evidence is the sentences that weigh for the frame, heaviest
    first; and the sentence with the money is the economic evidence."""
    from analysis.frames import _sentences_of, _weigh, n_tokens

    text = PLAIN + "\n" + ECONOMIC
    articles = _articles({"a": text})
    model = default_model()
    design, _ = model.design(model.counts([text]), n_tokens([text]))
    n = len(model.vocabulary)
    every = _weigh(model, articles, _sentences_of(articles, None))  # every sentence, any sign
    everyone = score_frames(articles).assign(**{f: 1 for f in FRAMES})  # evidence for every frame
    evidence = frame_evidence(articles, everyone, top=100, model=model)
    for j, frame in enumerate(FRAMES):
        score = float((design @ model.coef[j])[0])
        centring = float((-model.cue_mean / model.cue_scale * model.cue_weight) @ model.coef[j, n:])
        assert every[frame].sum() == pytest.approx(score - centring, rel=1e-9, abs=1e-9)
        weighing = every[every[frame] > 0].sort_values(frame, ascending=False)
        shown = evidence[evidence["frame"] == frame]
        assert shown["sentence_index"].tolist() == weighing["sentence_index"].tolist()
        assert shown["rank"].tolist() == list(range(1, len(shown) + 1))
    assert (
        (every[list(FRAMES)] < 0).to_numpy().any()
    )  # some sentences weigh against a frame: left out
    top = evidence[(evidence["frame"] == "economic") & (evidence["rank"] == 1)].iloc[0]
    assert "$4 billion" in top["text"]
    assert text[top["start"] : top["end"]] == top["text"]  # offsets point into the article


def test_evidence_can_draw_a_few_articles_per_outlet_and_frame_repeatably():
    texts = {f"e{i}": ECONOMIC for i in range(12)}
    articles = _articles(texts).assign(outlet=["A", "B"] * 6)
    scored = score_frames(articles)
    drawn = frame_evidence(articles, scored, per_group=2, top=1)
    economic = drawn[drawn["frame"] == "economic"]
    assert economic.groupby("outlet")["article_id"].nunique().tolist() == [2, 2]
    again = frame_evidence(articles, scored, per_group=2, top=1)
    pd.testing.assert_frame_equal(drawn, again)


def _labels(rates: dict, n_events: int, seed: int, per_event: int = 3) -> pd.DataFrame:
    """A frames table: each outlet's articles use each frame with the given probability (the rest 0.3)."""
    rng = np.random.default_rng(seed)
    rows = []
    for e in range(n_events):
        for outlet, frame_rates in rates.items():
            for k in range(per_event):
                row = {"article_id": f"{outlet}-{e}-{k}", "outlet": outlet, "event": f"ev{e}"}
                for frame in FRAMES:
                    row[frame] = int(rng.random() < frame_rates.get(frame, 0.3))
                rows.append(row)
    return pd.DataFrame(rows)


def test_prevalence_is_the_mean_over_shared_events_with_an_interval_over_events():
    table = pd.DataFrame(
        {
            "article_id": list("abcdefg"),
            "outlet": ["A", "A", "B", "A", "B", "A", "B"],
            "event": ["e1", "e1", "e1", "e2", "e2", "solo", "e3"],
            **{f: [1, 0, 1, 1, 0, 1, 0] for f in FRAMES},
        }
    )
    prevalence = fa.frame_prevalence(table, n_boot=200).set_index(["frame", "outlet"])
    a = prevalence.loc[("conflict", "A")]
    # A on the shared events: e1 1/2, e2 1/1 -> mean 0.75 (its lone event does not count); B: e1 1, e2 0
    assert a["prevalence"] == pytest.approx(0.75) and a["n_events"] == 2 and a["n_articles"] == 3
    assert a["share_all"] == pytest.approx(0.75)  # 3 of its 4 articles
    assert prevalence.loc[("conflict", "B"), "prevalence"] == pytest.approx(0.5)
    assert "only 2 matched events" in a["caution"]
    with pytest.raises(NoSharedEvents):
        fa.frame_prevalence(table.assign(event=list("abcdefg")))


def test_a_planted_frame_difference_holds_and_noise_states_none():
    planted = _labels({"A": {"economic": 0.8}, "B": {"economic": 0.2}, "C": {}}, 40, seed=1)
    pairs = fa.pairwise_frames(planted, n_boot=500)
    held = pairs[pairs["holds"]]
    assert {(r.frame, r.outlet_a, r.outlet_b) for r in held.itertuples()} >= {
        ("economic", "A", "B"),
        ("economic", "A", "C"),
    }
    ab = pairs[
        (pairs["frame"] == "economic") & (pairs["outlet_a"] == "A") & (pairs["outlet_b"] == "B")
    ]
    assert ab["mean_diff"].iloc[0] == pytest.approx(0.6, abs=0.1)
    assert (ab["adj_low"] < ab["ci_low"]).all() and (ab["adj_high"] > ab["ci_high"]).all()
    assert set(held["frame"]) == {"economic"}
    # outlets that differ only by chance: nothing holds, in any of ten corpora
    for seed in range(10):
        noise = _labels({"A": {}, "B": {}, "C": {}}, 30, seed=100 + seed)
        assert not fa.pairwise_frames(noise, n_boot=300)["holds"].any(), seed


def test_findings_state_a_frame_difference_only_for_frames_that_held_on_political_news(monkeypatch):
    import analysis.frames as frames_module

    planted = _labels(
        {"A": {"economic": 0.9, "conflict": 0.9}, "B": {"economic": 0.1, "conflict": 0.1}}, 30, 2
    )
    pairs = fa.pairwise_frames(planted, n_boot=300)
    articles = planted.assign(text="x")
    monkeypatch.setattr(frames_module, "reliable_frames", lambda: ["conflict"])
    findings = fa.summarize(articles, frames=pairs)
    stated = findings[findings["kind"] == "frame"]
    assert stated["term"].tolist() == ["conflict"] and stated["outlet"].tolist() == ["A"]
    assert "uses the conflict frame in" in stated["statement"].iloc[0]
    assert stated["evidence"].iloc[0] == "explorer.html#view=frames&frame=conflict"
    cautions = findings.loc[findings["kind"] == "caution", "statement"]
    assert cautions.str.contains("Frames not stated, .*economic consequences").any()


@needs_coded
def test_retraining_gives_the_shipped_model(tmp_path):
    """``python -m analysis.models.train_frames --no-cv`` refits the shipped model (weights equal up to the
    machine's arithmetic)."""
    done = subprocess.run(
        [sys.executable, "-m", "analysis.models.train_frames", "--no-cv", "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "row" in done.stdout and "left out" in done.stdout  # the unreadable row is listed
    fresh, shipped = FrameModel.load(tmp_path / "frames.zip"), default_model()
    assert fresh.vocabulary == shipped.vocabulary
    np.testing.assert_allclose(fresh.coef, shipped.coef, rtol=1e-6, atol=1e-8)
    np.testing.assert_array_equal(fresh.thresholds, shipped.thresholds)


@needs_coded
@needs_basil
def test_the_out_of_domain_figures_shipped_are_those_of_the_hand_coded_sample():
    from analysis.models.train_frames import out_of_domain

    shipped = json.loads((ROOT / "analysis" / "models" / "frames_cv.json").read_text())[
        "out_of_domain"
    ]
    assert out_of_domain(default_model(), BASIL) == shipped


def test_the_hand_coded_sample_holds_ids_and_labels_only():
    coded = pd.read_csv(ROOT / "tests" / "data" / "basil_frames.csv")
    assert list(coded.columns) == ["article_id", *FRAMES]
    assert len(coded) == 42 and coded["article_id"].is_unique
    assert set(np.unique(coded[list(FRAMES)])) <= {0, 1}
    assert coded["article_id"].str.fullmatch(r"[0-9a-f-]{36}_[123]").all()


def test_the_frames_command_writes_the_tables_and_says_how_far_to_trust_each_frame(tmp_path):
    from analysis import config

    from .conftest import run_cli

    done = run_cli("frames", config.SAMPLE_CORPUS, "--out", tmp_path, "--n-boot", "200")
    assert done.returncode == 0, done.stderr
    written = sorted(p.name for p in tmp_path.glob("*.csv"))
    assert written == [
        "frames_by_article.csv",
        "frames_by_outlet.csv",
        "frames_evidence.csv",
        "frames_model_checks.csv",
        "frames_pairwise.csv",
    ]
    assert "morality: cross-validated macro-F1" in done.stdout
    assert "hand-coded check: weak on political news" in done.stdout
    by_article = pd.read_csv(tmp_path / "frames_by_article.csv")
    assert len(by_article) == 5 and set(FRAMES) <= set(by_article.columns)
