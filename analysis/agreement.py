"""How far the actor finder agrees with a human coder: mention recall and precision, and cross-document B³.

A coded mention is ``article_id, start, end, actor, kind`` (offsets into the article's text as the coder read
it; kinds ``person``, ``organisation``, ``place``, ``group``). A mention the finder gives matches the coded
mention of the same article whose span it overlaps most. Then:

- **recall**: the share of coded persons and organisations that some found mention matches;
- **precision**: the share of found mentions that match a coded mention of any kind, and the share that
  match a place (``places``: what "who each outlet names" should not mix with people); ``entities``: the
  share of found mentions the finder does not call a place that match a coded mention (headline mentions
  are left out: the coder read the text);
- **B³** (Bagga & Baldwin 1998), cross-document: over every coded person and organisation mention, the
  precision and recall of the finder's cluster (its actor; an unmatched mention is a cluster of its own)
  against the coder's, averaged over mentions; F1 their harmonic mean;
- the **last-word baseline**: the same mentions clustered by the last word of each found mention alone
  ("President Trump", "Trump's" and "Melania Trump" all "trump").
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd

NAMED = ("person", "organisation")


def b_cubed(gold, predicted) -> tuple[float, float, float]:
    """B³ precision, recall and F1 of a clustering ``predicted`` against ``gold``.

    Parameters
    ----------
    gold, predicted : sequence
        The cluster label of each mention, in the same order (any hashable labels).

    Returns
    -------
    tuple of float
        Precision, recall and F1, each averaged over the mentions (Bagga & Baldwin 1998).
    """
    gold, predicted = list(gold), list(predicted)
    if len(gold) != len(predicted):
        raise ValueError(
            f"b_cubed needs one label of each per mention ({len(gold)} != {len(predicted)})"
        )
    if not gold:
        return float("nan"), float("nan"), float("nan")
    pairs = Counter(zip(gold, predicted))
    g, p = Counter(gold), Counter(predicted)
    precision = sum(pairs[(a, b)] / p[b] for a, b in zip(gold, predicted)) / len(gold)
    recall = sum(pairs[(a, b)] / g[a] for a, b in zip(gold, predicted)) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return float(precision), float(recall), float(f1)


def last_word(mention: str) -> str:
    """The baseline's key: the mention's last word, lowercased, without a possessive ("Trump's" -> "trump")."""
    words = re.findall(r"[\w'’.-]+", mention)
    word = words[-1] if words else mention
    return re.sub(r"['’]s?$", "", word).lower()


def match_mentions(found: pd.DataFrame, coded: pd.DataFrame) -> np.ndarray:
    """For each coded mention, the row (position) of the found mention of its article that overlaps it most;
    -1 where none does."""
    out = np.full(len(coded), -1)
    by_article = {a: g for a, g in found.reset_index(drop=True).groupby("article_id", sort=False)}
    for i, (a, s, e) in enumerate(coded[["article_id", "start", "end"]].itertuples(index=False)):
        rows = by_article.get(a)
        if rows is None:
            continue
        overlap = np.minimum(rows["end"].to_numpy(), e) - np.maximum(rows["start"].to_numpy(), s)
        if (overlap > 0).any():
            out[i] = rows.index[int(np.argmax(overlap))]
    return out


def agreement(found: pd.DataFrame, coded: pd.DataFrame) -> dict:
    """The finder's mentions against a human coder's, and the last-word baseline on the same mentions.

    Parameters
    ----------
    found : DataFrame
        :func:`analysis.find_actors`' mentions (``article_id``, ``actor``, ``mention``, ``start``, ``end``), of
        the coded articles or more (the others are ignored).
    coded : DataFrame
        The coder's mentions: ``article_id``, ``start``, ``end``, ``actor``, ``kind``.

    Returns
    -------
    dict
        ``recall`` (coded persons and organisations found), ``precision`` (found mentions that are a coded
        mention), ``places`` (found mentions that are a coded place), ``entities`` (of the found mentions
        whose ``kind`` is not ``place``, the share that are a coded entity), ``b3`` and ``baseline_b3`` (each
        ``precision``, ``recall``, ``f1``), and the counts ``n_coded``, ``n_found``.
    """
    found = found[found["article_id"].isin(set(coded["article_id"]))]
    if "in_title" in found:  # the coder read the articles' text, not their headlines
        found = found[~found["in_title"].astype(bool)]
    found = found.reset_index(drop=True)
    named = coded[coded["kind"].isin(NAMED)].reset_index(drop=True)
    match = match_mentions(found, named)
    hit = match >= 0
    unmatched = [f"unmatched-{i}" for i in range(len(named))]
    predicted = np.where(hit, found["actor"].reindex(match.clip(0)).to_numpy(), unmatched)
    words = found["mention"].map(last_word).to_numpy()
    baseline = np.where(hit, words[match.clip(0)] if len(found) else unmatched, unmatched)
    # the other way round: which found mentions are a coded mention at all, and which a place
    back = match_mentions(coded.reset_index(drop=True), found)
    kinds = coded["kind"].reset_index(drop=True)
    # of the found mentions the finder does not call places, the share that are a coded entity of any kind
    not_place = (
        found["kind"].ne("place").to_numpy() if "kind" in found else np.ones(len(found), bool)
    )
    entities = float((back[not_place] >= 0).mean()) if not_place.any() else float("nan")
    p, r, f = b_cubed(named["actor"], predicted)
    bp, br, bf = b_cubed(named["actor"], baseline)
    return {
        "n_coded": int(len(named)),
        "n_found": int(len(found)),
        "recall": float(hit.mean()) if len(named) else float("nan"),
        "precision": float((back >= 0).mean()) if len(found) else float("nan"),
        "places": float((kinds.reindex(back[back >= 0]) == "place").sum() / len(found))
        if len(found)
        else 0.0,
        "entities": entities,
        "b3": {"precision": p, "recall": r, "f1": f},
        "baseline_b3": {"precision": bp, "recall": br, "f1": bf},
    }
