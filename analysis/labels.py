"""How each outlet names an actor: the words around its mentions, outlet against outlet.

For every mention (:func:`analysis.find_actors`), its *label words* are the
title or honorific before the name ("President", "Mr.") and the ``window``
words either side of it in the same sentence ("dictator", "regime"), stop
words dropped and not counted, tokens as the term contrasts take them. An actor's label words are gathered per
article and compared outlet against the rest with the project's own log-odds
machinery (:func:`analysis.contrast_terms`: informative Dirichlet prior, z,
Benjamini-Hochberg q), on matched events by default, so that which events an
outlet covered does not pass for how it labels the actor.
"""
from __future__ import annotations

import pandas as pd

from .contrast import contrast_terms
from .findings import kept_tokens
from .sentences import split_text
from .tables import InsufficientData, needs


def _label_words(sentence: str, start: int, end: int, title: str, window: int) -> str:
    """The title's words and the ``window`` kept words either side of ``sentence[start:end]``."""
    tokens = kept_tokens(sentence)
    before = [t for _, b, t in tokens if b <= start][-window:] if window else []
    after = [t for a, _, t in tokens if a >= end][:window] if window else []
    return " ".join([t for _, _, t in kept_tokens(title or "")] + before + after)


@needs(mentions=["article_id", "outlet", "event", "actor", "start", "end", "sentence_index"],
       articles=["article_id", "text"])
def actor_labels(mentions: pd.DataFrame, articles: pd.DataFrame, *, scope: str = "matched", window: int = 3,
                 min_mentions: int = 5, actors=None, **contrast_options) -> pd.DataFrame:
    """The words each outlet uses for each actor, one-vs-rest: :func:`analysis.contrast_terms`'s columns plus
    ``actor``.

    ``window``: words either side of a mention, within its sentence.
    ``scope``: ``"matched"`` (default) or ``"all"``. Actors with fewer than
    ``min_mentions`` mentions, or named by fewer than two outlets (on shared
    events, for ``matched``), are left out; ``actors`` restricts the table to
    those named. Unigrams, every term kept (``min_df=1``) unless
    ``contrast_options`` say otherwise.
    """
    texts = dict(zip(articles["article_id"], articles["text"]))
    chosen = mentions if actors is None else mentions[mentions["actor"].isin(list(actors))]
    counts = chosen.groupby("actor").size()
    chosen = chosen[chosen["actor"].map(counts) >= min_mentions]
    spans: dict = {}
    docs = []
    for r in chosen.itertuples():
        if r.article_id not in spans:
            spans[r.article_id] = split_text(texts[r.article_id])
        s, e, _ = spans[r.article_id][r.sentence_index]
        sentence = texts[r.article_id][s:e]
        docs.append((r.actor, r.article_id, r.outlet, r.event,
                     _label_words(sentence, r.start - s, r.end - s, getattr(r, "title", ""), window)))
    frame = pd.DataFrame(docs, columns=["actor", "article_id", "outlet", "event", "text"])
    frame = frame.groupby(["actor", "article_id", "outlet", "event"], sort=True, dropna=False)["text"].agg(" ".join)
    frame = frame.reset_index()
    options = {"min_df": 1, "ngram_range": (1, 1), "stop_words": "english", "n_jobs": 1, **contrast_options}
    parts = []
    for actor, rows in frame.groupby("actor", sort=True):
        try:
            table = contrast_terms(rows.reset_index(drop=True), scope=scope, **options)
        except InsufficientData:
            continue
        parts.append(table.assign(actor=actor))
    if not parts:
        raise InsufficientData("no actor is named by two or more outlets"
                               + (" on events they share" if scope != "all" else "")
                               + f" with {min_mentions} or more mentions: no labels to compare")
    out = pd.concat(parts, ignore_index=True)
    return out[["actor", *[c for c in out.columns if c != "actor"]]]
