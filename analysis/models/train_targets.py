"""Retrain the target-sentiment model (``target_sentiment.zip``) and measure it by cross-validation.

    python -m analysis.models.train_targets [--data PATH] [--out DIR] [--no-cv]

``--data``: the NewsMTSC training split (default ``$FRAMING_NEWSMTSC`` or
``../shared/corpora/newsmtsc/train.jsonl`` beside the project). The model is
fitted on every target of it; with the same data and the same package
versions it has the same features and the same weights up to the last
digits, which follow the machine's BLAS kernels: byte for byte only on the
machine that trained it (tests/test_targets.py checks it where the data is
present; on another machine the weights were 1e-6 apart). Cross-validation: 5 folds grouped by
sentence (a sentence's targets never straddle train and test), fixed order;
macro-F1 per fold on the training split's own class mix, on two reweighted
"real-world" mixes (negative/neutral/positive 25/50/25 and 20/60/20: real
news has more neutral targets than this class-boosted split), and on
sentences with two or more targets; beside each, sentence-level VADER
(compound >= 0.05 positive, <= -0.05 negative). The figures go to
``target_sentiment_cv.json`` and the README.

The sentences themselves never leave the data file: the model holds
feature names (words, word pairs), weights and scaling only.
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
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold

from analysis.targets import CLASSES, MODEL_PATH, TargetModel, _with_scores, target_features

HERE = Path(__file__).parent
DEFAULT_DATA = (
    Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "newsmtsc" / "train.jsonl"
)
CV_PATH = HERE / "target_sentiment_cv.json"
POLARITY = {2.0: -1, 4.0: 0, 6.0: 1}
C = 2.0
MIN_DF = 2
DENSE_WEIGHT = 0.3
CLASS_FACTORS = [1.0, 1.2, 1.0]  # neutral probabilities x1.2: chosen by the cross-validation below
MIXES = {"train_mix": None, "mix_25_50_25": (0.25, 0.50, 0.25), "mix_20_60_20": (0.20, 0.60, 0.20)}
FOLDS = 5


def default_data() -> Path:
    return Path(os.environ.get("FRAMING_NEWSMTSC", DEFAULT_DATA))


def read_targets(path) -> pd.DataFrame:
    """One row per target: ``sentence`` (its number in the file), ``text``, ``start``, ``end``, ``y``
    (-1, 0, 1), ``n_targets`` (targets in its sentence) and ``others`` (the other targets' offsets)."""
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            record = json.loads(line)
            text = record["sentence_normalized"]
            spans = [(t["from"], t["to"]) for t in record["targets"]]
            for t in record["targets"]:
                if t["polarity"] not in POLARITY:
                    sys.exit(f"{path}, line {number}: polarity {t['polarity']!r} is not 2, 4 or 6")
                rows.append(
                    (
                        number,
                        text,
                        t["from"],
                        t["to"],
                        POLARITY[t["polarity"]],
                        len(spans),
                        [s for s in spans if s != (t["from"], t["to"])],
                    )
                )
    return pd.DataFrame(
        rows, columns=["sentence", "text", "start", "end", "y", "n_targets", "others"]
    )


def featurize(frame: pd.DataFrame) -> list[tuple[list[str], list[float]]]:
    rows = _with_scores(
        frame["text"].tolist(),
        frame["start"].tolist(),
        frame["end"].tolist(),
        frame["others"].tolist(),
        None,
    )
    return [target_features(*row) for row in rows]


def fit(features, y: np.ndarray, meta: dict | None = None) -> TargetModel:
    vectorizer = TfidfVectorizer(analyzer=lambda names: names, min_df=MIN_DF, sublinear_tf=True)
    vectorizer.fit([names for names, _ in features])
    dense = np.asarray([d for _, d in features], "float64")
    mean, scale = dense.mean(axis=0), dense.std(axis=0) + 1e-9
    vocabulary = list(vectorizer.get_feature_names_out())
    model = TargetModel(
        vocabulary,
        vectorizer.idf_,
        mean,
        scale,
        np.zeros((3, 1)),
        np.zeros(3),
        {"class_factors": CLASS_FACTORS, "dense_weight": DENSE_WEIGHT, **(meta or {})},
    )
    classifier = LogisticRegression(C=C, max_iter=5000).fit(model.matrix(features), y)
    assert list(classifier.classes_) == list(CLASSES)
    model.coef, model.intercept = classifier.coef_, classifier.intercept_
    return model


def scores_of(y: np.ndarray, predicted: np.ndarray, n_targets: np.ndarray) -> dict[str, float]:
    out = {}
    share = {c: np.mean(y == c) for c in CLASSES}
    for name, mix in MIXES.items():
        weight = (
            None if mix is None else np.array([dict(zip(CLASSES, mix))[c] / share[c] for c in y])
        )
        out[name] = float(f1_score(y, predicted, average="macro", sample_weight=weight))
    multi = n_targets >= 2
    out["multi_target"] = float(f1_score(y[multi], predicted[multi], average="macro"))
    return out


def cross_validate(frame: pd.DataFrame, features) -> dict:
    y, n_targets = frame["y"].to_numpy(), frame["n_targets"].to_numpy()
    groups = frame["text"].factorize()[0]
    compound = np.array([d[0] for _, d in features])
    vader = np.where(compound >= 0.05, 1, np.where(compound <= -0.05, -1, 0))
    folds = []
    for number, (train, test) in enumerate(GroupKFold(FOLDS).split(frame, y, groups), start=1):
        model = fit([features[i] for i in train], y[train])
        predicted = CLASSES[model.probabilities([features[i] for i in test]).argmax(axis=1)]
        row = {
            "fold": number,
            "targets": int(len(test)),
            "model": scores_of(y[test], predicted, n_targets[test]),
            "vader": scores_of(y[test], vader[test], n_targets[test]),
        }
        folds.append(row)
        print(
            f"fold {number}: " + ", ".join(f"{k} {v:.3f}" for k, v in row["model"].items()),
            flush=True,
        )
    summary = {}
    for who in ("model", "vader"):
        summary[who] = {
            k: {
                "mean": round(float(np.mean([f[who][k] for f in folds])), 4),
                "sd": round(float(np.std([f[who][k] for f in folds], ddof=1)), 4),
            }
            for k in folds[0][who]
        }
    return {
        "folds": FOLDS,
        "grouped_by": "sentence",
        "targets": int(len(frame)),
        "summary": summary,
        "per_fold": [
            {
                **f,
                "model": {k: round(v, 4) for k, v in f["model"].items()},
                "vader": {k: round(v, 4) for k, v in f["vader"].items()},
            }
            for f in folds
        ],
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m analysis.models.train_targets", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--data", type=Path, default=default_data())
    parser.add_argument(
        "--out", type=Path, default=HERE, help="folder for target_sentiment.zip and its CV figures"
    )
    parser.add_argument("--no-cv", action="store_true", help="fit only; skip the cross-validation")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(
            f"error: {args.data}: no such file (the NewsMTSC training split; set --data or FRAMING_NEWSMTSC)",
            file=sys.stderr,
        )
        return 2
    frame = read_targets(args.data)
    features = featurize(frame)
    args.out.mkdir(parents=True, exist_ok=True)
    if not args.no_cv:
        figures = cross_validate(frame, features)
        (args.out / CV_PATH.name).write_text(json.dumps(figures, indent=1) + "\n")
        for who, values in figures["summary"].items():
            print(
                f"{who:>5}: "
                + ", ".join(f"{k} {v['mean']:.3f} (sd {v['sd']:.3f})" for k, v in values.items())
            )
    meta = {
        "data_sha256": hashlib.sha256(args.data.read_bytes()).hexdigest(),
        "targets": int(len(frame)),
        "C": C,
        "min_df": MIN_DF,
        "versions": {
            p: version(p) for p in ("scikit-learn", "numpy", "vaderSentiment", "snowballstemmer")
        },
        "licence": "trained on NewsMTSC (Hamborg & Donnay, EACL 2021), MIT: see LICENSE-NewsMTSC.txt",
    }
    model = fit(features, frame["y"].to_numpy(), meta)
    model.save(args.out / MODEL_PATH.name)
    size = (args.out / MODEL_PATH.name).stat().st_size
    print(
        f"wrote {args.out / MODEL_PATH.name}: {len(model.vocabulary):,} features, {size / 1e6:.2f} MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
