"""Retrain the frame model (``frames.zip``), cross-validate it, and check it out of domain.

    python -m analysis.models.train_frames [--data DIR] [--basil CSV] [--out DIR] [--no-cv]

``--data``: the Narrative Frames Corpus folder with ``articles.tsv`` (default ``$FRAMING_NARRATIVE_FRAMES`` or
``../shared/corpora/narrative-frames`` beside the project). The model is fitted on every coded article; with
the same data and package versions it has the same weights (up to the machine's BLAS in the last digits).

Cross-validation: 5 folds, shuffled with fixed seeds, repeated 3 times; in each training part the thresholds
are chosen by a 5-fold cross-validation of its own (nested), never on the articles scored. Macro-F1 (the mean
of the F1 of "has the frame" and of "has not") per frame over each repeat's held-out predictions, then the
mean over frames; beside it the majority class, a TF-IDF logistic regression with scikit-learn's defaults,
the same with balanced classes, and the model without its frame-cue features.

``--basil``: BASIL's ``basil.csv``; with it, the hand-coded sample ``tests/data/basil_frames.csv`` (42
articles, 14 events, three outlets) is scored and each frame's precision and recall on it decide whether the
findings may state it (:data:`RELIABLE`, :data:`MIN_CODED`). The figures go to ``frames_cv.json``.

The articles never leave the data folder: the model holds words, weights and scaling only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, precision_score, recall_score
from sklearn.model_selection import KFold

from analysis.frames import CODES, CUES, CV_PATH, FRAMES, MODEL_PATH, FrameModel, n_tokens

HERE = Path(__file__).parent
PROJECT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = PROJECT.parent / "shared" / "corpora" / "narrative-frames"
DEFAULT_BASIL = PROJECT.parent / "shared" / "corpora" / "basil.csv"
GOLD = PROJECT / "tests" / "data" / "basil_frames.csv"
C = 1.0
CUE_WEIGHT = 0.1
MIN_DF = 2
FOLDS = 5
REPEATS = 3
THRESHOLDS = np.round(np.linspace(0.10, 0.90, 33), 3)
RELIABLE = 0.6  # precision and recall on the hand-coded political articles, both
MIN_CODED = 5  # articles with the frame, and without it, in the hand-coded sample


def default_data() -> Path:
    return Path(os.environ.get("FRAMING_NARRATIVE_FRAMES", DEFAULT_DATA))


def read_coded(folder) -> tuple[pd.DataFrame, list[str]]:
    """The coded articles (``ID``, ``text`` and the five frames as 0/1, named as :data:`FRAMES`) and the
    lines that say which rows were left out and why, or which values were read past a stray character."""
    path = Path(folder) / "articles.tsv"
    raw = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    said, keep = [], []
    labels = {frame: [] for frame in FRAMES}
    for i, row in raw.iterrows():
        values, bad = {}, []
        for code, frame in CODES.items():
            value = row[code].strip()
            trimmed = value.strip("()[] ")
            if trimmed in ("True", "False"):
                if trimmed != value:
                    said.append(f"{path}, row {i + 2}, column {code}: {value!r} read as {trimmed}")
                values[frame] = int(trimmed == "True")
            else:
                bad.append(f"column {code}: {value!r}")
        if bad or not row["text"].strip():
            reason = "; ".join(bad) or "column text: empty"
            said.append(f"{path}, row {i + 2}: left out ({reason}, not True or False)")
            continue
        keep.append(i)
        for frame in FRAMES:
            labels[frame].append(values[frame])
    coded = raw.loc[keep, ["ID", "text"]].reset_index(drop=True)
    for frame in FRAMES:
        coded[frame] = np.asarray(labels[frame], "int8")
    return coded, said


def _vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(sublinear_tf=True, min_df=MIN_DF, stop_words="english")


def fit(
    texts: list[str], y: np.ndarray, *, cue_weight: float = CUE_WEIGHT, tune: bool = True, seed=0
):
    """A :class:`FrameModel` fitted on ``texts`` and ``y`` (n x 5); thresholds by a 5-fold cross-validation
    of these articles (``tune``), else 0.5."""
    vectorizer = _vectorizer().fit(texts)
    vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
    k = len(FRAMES)
    meta = {"cues": CUES, "cue_weight": cue_weight}
    zeros = np.zeros((k, len(vocabulary) + k))
    model = FrameModel(
        vocabulary,
        vectorizer.idf_,
        np.zeros(k),
        np.ones(k),
        zeros,
        np.zeros(k),
        np.full(k, 0.5),
        meta,
    )
    counts, tokens = model.counts(texts), n_tokens(texts)
    _, cues = model.design(counts, tokens)
    model.cue_mean, model.cue_scale = cues.mean(axis=0), cues.std(axis=0) + 1e-9
    design, _ = model.design(counts, tokens)
    for j in range(k):
        lr = LogisticRegression(C=C, class_weight="balanced", max_iter=5000).fit(design, y[:, j])
        model.coef[j], model.intercept[j] = lr.coef_[0], lr.intercept_[0]
    if tune:
        held = np.zeros(y.shape)
        for a, b in KFold(FOLDS, shuffle=True, random_state=seed).split(texts):
            inner = fit([texts[i] for i in a], y[a], cue_weight=cue_weight, tune=False)
            held[b] = inner.probabilities([texts[i] for i in b])
        model.thresholds = np.array([best_threshold(held[:, j], y[:, j]) for j in range(k)])
    return model


def best_threshold(p: np.ndarray, y: np.ndarray) -> float:
    """The threshold of :data:`THRESHOLDS` with the highest macro-F1 (ties: the one nearest 0.5)."""
    scores = np.array([macro_f1(y, (p >= t).astype(int)) for t in THRESHOLDS])
    best = np.flatnonzero(scores >= scores.max() - 1e-12)
    return float(THRESHOLDS[best[np.argmin(np.abs(THRESHOLDS[best] - 0.5))]])


def macro_f1(y, predicted) -> float:
    return float(f1_score(y, predicted, average="macro", labels=[0, 1], zero_division=0))


def _baseline(balanced: bool):
    def predict(train_texts, y, test_texts):
        vectorizer = TfidfVectorizer()
        a, b = vectorizer.fit_transform(train_texts), None
        b = vectorizer.transform(test_texts)
        out = np.zeros((len(test_texts), y.shape[1]), int)
        for j in range(y.shape[1]):
            lr = LogisticRegression(class_weight="balanced" if balanced else None, max_iter=5000)
            out[:, j] = lr.fit(a, y[:, j]).predict(b)
        return out

    return predict


def _majority(train_texts, y, test_texts):
    return np.tile((y.mean(axis=0) > 0.5).astype(int), (len(test_texts), 1))


def _model(cue_weight: float):
    def predict(train_texts, y, test_texts):
        model = fit(train_texts, y, cue_weight=cue_weight)
        return (model.probabilities(test_texts) >= model.thresholds).astype(int)

    return predict


def cross_validate(coded: pd.DataFrame) -> dict:
    """Each method's macro-F1 per frame (mean and standard deviation over the repeats) and its mean over
    frames."""
    texts, y = coded["text"].tolist(), coded[list(FRAMES)].to_numpy()
    methods = {
        "model": _model(CUE_WEIGHT),
        "model_without_cues": _model(0.0),
        "tfidf_lr": _baseline(False),
        "tfidf_lr_balanced": _baseline(True),
        "majority": _majority,
    }
    out = {}
    for name, predict in methods.items():
        per_repeat = []
        for repeat in range(REPEATS):
            predicted = np.zeros_like(y)
            for a, b in KFold(FOLDS, shuffle=True, random_state=repeat).split(texts):
                predicted[b] = predict([texts[i] for i in a], y[a], [texts[i] for i in b])
            per_repeat.append([macro_f1(y[:, j], predicted[:, j]) for j in range(len(FRAMES))])
        scores = np.array(per_repeat)
        out[name] = {
            "frames": {f: round(float(scores[:, j].mean()), 4) for j, f in enumerate(FRAMES)},
            "frames_sd": {
                f: round(float(scores[:, j].std(ddof=1)), 4) for j, f in enumerate(FRAMES)
            },
            "mean": round(float(scores.mean()), 4),
            "mean_sd": round(float(scores.mean(axis=1).std(ddof=1)), 4),
        }
        print(
            f"{name:<20} "
            + "  ".join(f"{f} {out[name]['frames'][f]:.3f}" for f in FRAMES)
            + f"  mean {out[name]['mean']:.3f}",
            flush=True,
        )
    return out


def out_of_domain(model: FrameModel, basil: Path, gold: Path = GOLD) -> dict:
    """Precision, recall and F1 of each frame on the hand-coded BASIL articles, and whether it is reliable
    enough for the findings."""
    from analysis.frames import score_frames

    coded = pd.read_csv(gold)
    articles = pd.read_csv(basil).rename(columns={"id": "article_id"})
    missing = sorted(set(coded["article_id"]) - set(articles["article_id"]))
    if missing:
        sys.exit(f"{gold}: {len(missing)} article ids are not in {basil}: {', '.join(missing[:3])}")
    scored = score_frames(articles[articles["article_id"].isin(coded["article_id"])], model=model)
    merged = coded.merge(scored, on="article_id", suffixes=("_coded", ""))
    frames = {}
    for frame in FRAMES:
        truth, guess = merged[frame + "_coded"].to_numpy(), merged[frame].to_numpy()
        n_with, n_without = int(truth.sum()), int(len(truth) - truth.sum())
        precision = float(precision_score(truth, guess, zero_division=0))
        recall = float(recall_score(truth, guess, zero_division=0))
        enough = n_with >= MIN_CODED and n_without >= MIN_CODED
        reliable = enough and precision >= RELIABLE and recall >= RELIABLE
        if not enough:
            why = (
                f"too few coded articles {'with' if n_with < MIN_CODED else 'without'} the frame to check it: "
                f"{n_with} with, {n_without} without, {MIN_CODED} of each needed"
            )
        elif reliable:
            why = f"precision {precision:.2f} and recall {recall:.2f} on political news"
        else:
            why = f"weak on political news: precision {precision:.2f}, recall {recall:.2f}, below {RELIABLE}"
        frames[frame] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(float(f1_score(truth, guess, zero_division=0)), 4),
            "n_coded": n_with,
            "n_predicted": int(guess.sum()),
            "reliable": bool(reliable),
            "why": why,
        }
        print(f"out of domain, {frame:<15} {why}", flush=True)
    return {
        "articles": int(len(merged)),
        "events": int(
            articles.loc[articles["article_id"].isin(coded["article_id"]), "event"].nunique()
        ),
        "rule": f"precision and recall both >= {RELIABLE}, with >= {MIN_CODED} coded articles with and without the frame",
        "frames": frames,
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--data", type=Path, default=default_data(), help="folder with articles.tsv"
    )
    parser.add_argument(
        "--basil", type=Path, default=DEFAULT_BASIL, help="basil.csv, for the out-of-domain check"
    )
    parser.add_argument(
        "--out", type=Path, default=HERE, help="where frames.zip and frames_cv.json go"
    )
    parser.add_argument("--no-cv", action="store_true", help="fit and save only")
    args = parser.parse_args(argv)
    if not (args.data / "articles.tsv").exists():
        sys.exit(
            f"{args.data / 'articles.tsv'}: not found (the Narrative Frames Corpus; see --data)"
        )
    coded, said = read_coded(args.data)
    for line in said:
        print(line)
    print(
        f"{len(coded)} coded articles; " + ", ".join(f"{f} {int(coded[f].sum())}" for f in FRAMES),
        flush=True,
    )
    digest = hashlib.sha256((args.data / "articles.tsv").read_bytes()).hexdigest()[:16]
    model = fit(coded["text"].tolist(), coded[list(FRAMES)].to_numpy())
    model.meta.update(
        {
            "trained_on": f"Narrative Frames Corpus, {len(coded)} articles (articles.tsv sha256 {digest}...)",
            "c": C,
            "min_df": MIN_DF,
            "thresholds_by": f"{FOLDS}-fold cross-validation of the training articles",
            "scikit_learn": version("scikit-learn"),
        }
    )
    args.out.mkdir(parents=True, exist_ok=True)
    model.save(args.out / MODEL_PATH.name)
    print(
        f"saved {args.out / MODEL_PATH.name}: {len(model.vocabulary):,} words; thresholds "
        + ", ".join(f"{f} {t:.3f}" for f, t in zip(FRAMES, model.thresholds))
    )
    if args.no_cv:
        return
    previous = json.loads(CV_PATH.read_text()) if CV_PATH.exists() else {}
    report = {
        "articles": len(coded),
        "folds": FOLDS,
        "repeats": REPEATS,
        "thresholds": "nested: chosen inside each training part",
        "cross_validation": cross_validate(coded),
    }
    if args.basil.exists():
        report["out_of_domain"] = out_of_domain(
            FrameModel.load(args.out / MODEL_PATH.name), args.basil
        )
    elif "out_of_domain" in previous:
        print(f"{args.basil}: not found; the out-of-domain figures are kept from the last check")
        report["out_of_domain"] = previous["out_of_domain"]
    (args.out / CV_PATH.name).write_text(json.dumps(report, indent=1, sort_keys=True) + "\n")
    print(f"saved {args.out / CV_PATH.name}")


if __name__ == "__main__":
    main()
