"""How each outlet names an actor: the words around its mentions, outlet against outlet.

For every mention in an article's text (:func:`analysis.find_actors`; headlines have no sentence around
them), its *label words* are the title before the name ("President"), the ``window`` words either side of
it in the same sentence ("dictator", "regime"), and the words of its appositions and title phrase however
long ("Kim Jong-un, the North Korean leader," / "the reclusive North Korean dictator Kim",
:mod:`analysis.descriptions`); a definite description later in the paragraph ("the dictator") adds its
words to the one actor named before it that the corpus describes so. Honorifics ("Mr.", "Ms.") are house
style and never labels. Stop words dropped and not counted, tokens as the term contrasts take them. An
actor's label words are gathered per
article and compared outlet against the rest with the project's own log-odds
machinery (:func:`analysis.contrast_terms`: informative Dirichlet prior, z,
Benjamini-Hochberg q), on matched events by default, so that which events an
outlet covered does not pass for how it labels the actor.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from .actors import in_text
from .contrast import _comparisons, contrast_terms
from .descriptions import COURTESY, descriptions, head_word, phrases
from .evidence import fewest_alone
from .findings import kept_tokens
from .languages import in_english
from .parallel import gc_paused, map_chunks
from .sentences import spans_by_article, split_text
from .tables import InsufficientData, needs


@lru_cache(maxsize=4096)
def _title_words(title: str) -> list[str]:
    return [t for _, _, t in kept_tokens(title)]


CHUNK = 20_000  # mentions per chunk of work (about 1 s)


def _label_chunk(chunk) -> list[tuple[str, tuple[str, ...]]]:
    """The label words of each mention of a chunk, and the head words of its title and phrases: ``(rows,
    window)``, each row the mention's sentence, its offsets into it and its title."""
    rows, window = chunk
    tokens: dict[str, list] = {}
    out = []
    with gc_paused():
        for sentence, start, end, title in rows:
            if sentence not in tokens:  # a sentence's tokens once, for all its mentions
                tokens[sentence] = kept_tokens(sentence)
            found = phrases(sentence, start, end)
            heads = tuple(
                h
                for h in [head_word(title or ""), *map(head_word, found)]
                if h and h not in COURTESY
            )
            out.append((_label_words(tokens[sentence], start, end, title, window, found), heads))
    return out


def _label_words(tokens, start: int, end: int, title: str, window: int, found=()) -> str:
    """The title's words, the ``window`` kept words either side of ``[start, end)`` from the sentence's
    ``tokens`` (:func:`analysis.findings.kept_tokens`), and the words of the phrases ``found`` around it
    that the window leaves out; honorifics dropped."""
    before = [t for _, b, t in tokens if b <= start][-window:] if window else []
    after = [t for a, _, t in tokens if a >= end][:window] if window else []
    words = _title_words(title or "") + before + after
    seen = set(words)
    for phrase in found:
        for _, _, t in kept_tokens(phrase):
            if t not in seen:
                words.append(t)
                seen.add(t)
    return " ".join(w for w in words if w not in COURTESY)


@needs(
    mentions=["article_id", "outlet", "event", "actor", "start", "end", "sentence_index"],
    articles=["article_id", "text"],
)
def actor_labels(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    scope: str = "matched",
    window: int = 3,
    min_mentions: int = 5,
    actors=None,
    top: int | None = 100,
    sentences: pd.DataFrame | None = None,
    n_jobs: int | None = None,
    scheduler=None,
    progress: bool | None = None,
    **contrast_options,
) -> pd.DataFrame:
    """The words each outlet uses for each actor, one-vs-rest: :func:`analysis.contrast_terms`'s columns plus
    ``actor`` and ``needs_articles``, what the comparison could find: the fewest of the outlet's articles
    naming the actor that a word only this outlet uses must be in to reach q < 0.05 (empty where no count
    can: too few articles for the terms compared; :func:`analysis.evidence.fewest_alone`). Where no label
    reaches q < 0.05, it tells "no difference this large" from "none could be seen".

    ``window``: words either side of a mention, within its sentence.
    ``scope``: ``"matched"`` (default) or ``"all"``. Actors with fewer than
    ``min_mentions`` mentions, or named by fewer than two outlets (on shared
    events, for ``matched``), are left out; of the others, the ``top`` named
    in most articles are compared (``None``: all); ``actors`` restricts the
    table to those named instead. ``sentences``: :func:`analysis.split_sentences`'s
    table for the same articles, if at hand (saves splitting them again). Unigrams, every term kept (``min_df=1``) unless
    ``contrast_options`` say otherwise. The label words are found ``CHUNK`` mentions at a time where
    ``n_jobs`` and ``scheduler`` say (:func:`analysis.parallel_config`); the table is the same wherever they are found.
    """
    texts = dict(zip(articles["article_id"], articles["text"]))
    mentions = in_english(mentions, articles)  # the labels' stop words are English's
    mentions = in_text(mentions)  # a headline has no sentence around its names
    chosen = mentions if actors is None else mentions[mentions["actor"].isin(list(actors))]
    counts = chosen.groupby("actor").size()
    chosen = chosen[chosen["actor"].map(counts) >= min_mentions]
    if actors is None and top is not None:
        n_art = (
            chosen.groupby("actor")["article_id"]
            .nunique()
            .sort_values(ascending=False, kind="stable")
        )
        chosen = chosen[chosen["actor"].isin(n_art.index[:top])]
    spans: dict = (
        {}
        if sentences is None
        else spans_by_article(sentences, articles=chosen["article_id"].unique())
    )
    # (actor, article, outlet, event) -> label words of each mention
    docs: dict[tuple, list[str]] = {}
    rows = []
    titles = chosen["title"].fillna("").tolist() if "title" in chosen else [""] * len(chosen)
    columns = [chosen[c].tolist() for c in ("article_id", "start", "end", "sentence_index")]
    for (aid, start, end, k), title in zip(zip(*columns), titles):
        if aid not in spans:
            spans[aid] = split_text(texts[aid])
        s, _, body = spans[aid][k]
        rows.append((body, start - s, end - s, title or ""))
    chunks = [(rows[lo : lo + CHUNK], window) for lo in range(0, len(rows), CHUNK)]
    found = [
        w
        for chunk in map_chunks(
            _label_chunk,
            chunks,
            n_jobs=n_jobs,
            scheduler=scheduler,
            progress=progress,
            sizes=[len(p[0]) for p in chunks],
            desc="actor labels",
            unit="mention",
        )
        for w in chunk
    ]
    keys = list(zip(*(chosen[c].tolist() for c in ("actor", "article_id", "outlet", "event"))))
    heads: dict[str, set[str]] = {}
    for key, (label, head) in zip(keys, found):
        docs.setdefault(key, []).append(label)
        heads.setdefault(key[0], set()).update(head)
    tied = _described(chosen, texts, heads, docs)
    frame = pd.DataFrame(
        [(*key, " ".join(words)) for key, words in docs.items()],
        columns=["actor", "article_id", "outlet", "event", "text"],
    )
    frame = frame.sort_values(
        ["actor", "article_id", "outlet", "event"], kind="stable", na_position="last"
    )
    frame = frame.reset_index(drop=True)
    options = {
        "min_df": 1,
        "ngram_range": (1, 1),
        "stop_words": "english",
        "n_jobs": 1,
        **contrast_options,
    }
    parts = []
    for actor, rows in frame.groupby("actor", sort=True):
        rows = rows.reset_index(drop=True)
        try:
            table = contrast_terms(rows, scope=scope, **options)
        except InsufficientData:
            continue
        parts.append(table.assign(actor=actor, needs_articles=_needs(rows, scope, table)))
    if not parts:
        raise InsufficientData(
            "no actor is named by two or more outlets"
            + (" on events they share" if scope != "all" else "")
            + f" with {min_mentions} or more mentions: no labels to compare"
        )
    out = pd.concat(parts, ignore_index=True)
    out["needs_articles"] = out["needs_articles"].astype("Int64")
    out = out[["actor", *[c for c in out.columns if c != "actor"]]]
    out.attrs["notes"] = [
        f'{tied:,} definite descriptions ("the dictator") tied to the one actor named before them in '
        "their paragraph that the corpus describes so; those that fit no actor or several are left out"
    ]
    return out


@needs(
    labels=[
        "actor", "scope", "outlet", "term", "n_articles", "n_articles_rest", "total_articles", "z", "q",
        "needs_articles",
    ]
)  # fmt: skip
def label_reach(labels: pd.DataFrame, actors=None) -> pd.DataFrame:
    """What :func:`actor_labels` could find, and what it found, one row per actor and outlet compared.

    Parameters
    ----------
    labels : DataFrame
        :func:`actor_labels`'s table.
    actors : list of str, optional
        These actors only, in this order (default: all, by name).

    Returns
    -------
    DataFrame
        ``actor``, ``scope``, ``outlet``; ``articles`` (the outlet's articles naming the actor, compared);
        ``needs_articles`` (how many of them a label only this outlet uses must be in to reach q < 0.05;
        empty where no count can); ``most_alone`` (the most of them any label only this outlet uses is
        in) and ``alone`` (that label); ``found`` (its labels at q < 0.05, most distinctive first).
    """
    rows = labels if actors is None else labels[labels["actor"].isin(list(actors))]
    keys = ["actor", "scope", "outlet"]
    reach = rows.groupby(keys, sort=True).agg(
        articles=("total_articles", "first"), needs_articles=("needs_articles", "first")
    )
    only = rows[(rows["n_articles_rest"] == 0) & (rows["n_articles"] > 0)]
    top = (
        only.sort_values(["n_articles", "z"], ascending=False, kind="stable").groupby(keys).head(1)
    )
    top = top.set_index(keys)
    reach["most_alone"] = top["n_articles"].reindex(reach.index).fillna(0).astype("int64")
    reach["alone"] = top["term"].reindex(reach.index).fillna("")
    distinct = rows[(rows["q"] < 0.05) & (rows["z"] > 0)].sort_values("z", ascending=False)
    found = distinct.groupby(keys, sort=True)["term"].agg(", ".join)
    reach["found"] = found.reindex(reach.index).fillna("")
    reach = reach.reset_index()
    if actors is not None:
        order = {a: i for i, a in enumerate(dict.fromkeys(actors))}
        reach = reach.sort_values("actor", key=lambda a: a.map(order), kind="stable")
    return reach.reset_index(drop=True)


def _needs(rows: pd.DataFrame, scope, table: pd.DataFrame) -> np.ndarray:
    """For each row of one actor's ``table``, :func:`analysis.evidence.fewest_alone` of its comparison: the
    fewest of the outlet's articles (``rows``: one per article naming the actor) a label only it uses must
    be in to reach q < 0.05 among the comparison's terms; NaN where no count can."""
    n_terms = table.groupby(["scope", "outlet"]).size()
    events = rows["event"].to_numpy(dtype=object)
    fewest: dict[tuple, float] = {}
    for one in [scope] if isinstance(scope, str) else list(scope):
        for label, outlet, own, rest in _comparisons(rows, one, "outlet"):
            if (label, outlet) not in n_terms.index or not len(own):
                continue
            if label == "all":
                shares = np.full(len(own), len(own) / (len(own) + len(rest)))
            else:  # the outlet's share of each event it is compared on
                compared = pd.Series(events[np.concatenate([own, rest])])
                mine = pd.Series(events[own])
                shares = (
                    mine.map(mine.value_counts()) / mine.map(compared.value_counts())
                ).to_numpy()
            k = fewest_alone(shares, int(n_terms[(label, outlet)]))
            fewest[(label, outlet)] = np.nan if k is None else k
    keys = zip(table["scope"], table["outlet"])
    return np.array([fewest.get(key, np.nan) for key in keys], dtype="float64")


def _described(chosen: pd.DataFrame, texts: dict, heads: dict, docs: dict) -> int:
    """Add the words of each definite description tied to an actor (:func:`analysis.descriptions.
    descriptions`) to that actor's label words in its article; how many were tied."""
    tied = 0
    columns = ["article_id", "outlet", "event", "actor", "start"]
    for (aid, outlet, event), rows in chosen[columns].groupby(
        ["article_id", "outlet", "event"], sort=False, dropna=False
    ):
        text = texts[aid]
        named = sorted(zip(rows["start"], rows["actor"]))
        at = 0
        for paragraph in text.split("\n"):
            end = at + len(paragraph)
            inside = [(s - at, a) for s, a in named if at <= s < end]
            for actor, phrase in descriptions(paragraph, inside, heads):
                words = [t for _, _, t in kept_tokens(phrase) if t not in COURTESY]
                docs.setdefault((actor, aid, outlet, event), []).append(" ".join(words))
                tied += 1
            at = end + 1
    return tied
