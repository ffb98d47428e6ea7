"""Sentiment towards a target: how a sentence treats the person or institution it names.

Sentence VADER answers "is this sentence dark?", not "is it dark about
*this* actor?": in "Smith praised the reforms, which Jones called a
disgrace" the two actors get opposite tones. :func:`score_targets` puts a
linear model over features of the target's place in its sentence:

- the sentence's words and word pairs with the target replaced by ``TGT``
  and the sentence's other targets by ``OTH`` (so "TGT attacked OTH" and
  "OTH attacked TGT" differ), stemmed (Snowball);
- the words of the target's clause (cut at commas, semicolons, dashes,
  brackets and words such as "but", "while", "which"), and the six words
  either side of it, the two nearest by position;
- whether the target sits inside a quotation, whether the sentence quotes,
  whether the target opens the sentence, whether it is the speaker
  ("TGT said");
- VADER: the sentence's compound, positive and negative scores, and the
  lexicon's valence (negation-flipped as VADER does) summed over the
  clause, the left and the right windows, and over the sentence weighted
  by 1 / (1 + distance to the target).

The model (multinomial logistic regression on TF-IDF of those features plus
the standardised VADER figures) is trained on the NewsMTSC training split
(Hamborg & Donnay, EACL 2021; MIT licence, see
``analysis/models/LICENSE-NewsMTSC.txt``) by ``analysis/models/train_targets.py``,
which retrains it and prints its cross-validated figures (docs/methods.md:
"Tone towards an actor").
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import repeat
from pathlib import Path

import numpy as np
import pandas as pd
import snowballstemmer
from vaderSentiment.vaderSentiment import NEGATE

from . import config
from ._docs import shared_docs
from .actors import in_text
from .errors import TargetError
from .languages import in_english
from .modelfile import ModelFile
from .parallel import gc_paused, map_chunks
from .sentences import split_text
from .sentiment import N_BOOT, SEED, NoSharedEvents, _bootstrap_ci, event_adjusted_sentiment
from .tables import InsufficientData, needs
from .vader import analyzer as _vader  # one VADER per process, shared with sentence scoring

MODEL_PATH = Path(__file__).parent / "models" / "target_sentiment.zip"
CLASSES = np.array([-1, 0, 1])
WINDOW = 6
TOKEN = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)?|[^\sA-Za-z0-9]")
CLAUSE_MARKS = frozenset({",", ";", ":", "(", ")", "\u2014", "\u2013", "-"})
CLAUSE_WORDS = frozenset(
    {
        "but",
        "while",
        "although",
        "though",
        "whereas",
        "because",
        "however",
        "yet",
        "after",
        "before",
        "when",
        "as",
        "and",
        "which",
        "who",
        "that",
    }
)
SAY = frozenset(
    {
        "said",
        "says",
        "say",
        "told",
        "tells",
        "added",
        "wrote",
        "writes",
        "argued",
        "argues",
        "noted",
        "stated",
        "explained",
        "claimed",
        "claims",
        "asked",
        "according",
    }
)
NEGATIONS = frozenset(NEGATE)
QUOTE_MARKS = ('"', "\u201c", "\u201d")
N_DENSE = 15
CHUNK = 5_000  # targets featurised at once: one chunk of work (about 1 s), and memory stays flat


_stem = lru_cache(maxsize=200_000)(snowballstemmer.stemmer("english").stemWord)


def target_features(
    text: str, start: int, end: int, others=(), sentence_scores=None
) -> tuple[list[str], list[float]]:
    """The model's features for the target ``text[start:end]``: a list of feature names (see the module's
    docstring) and ``N_DENSE`` numbers. ``others``: ``(start, end)`` of the sentence's other targets;
    ``sentence_scores``: VADER's (compound, pos, neg) of ``text`` if already known. What does not depend
    on which target is scored (the words, stems and valences) is worked out once per sentence."""
    if sentence_scores is None:
        d = _vader().polarity_scores(text)
        sentence_scores = (d["compound"], d["pos"], d["neg"])
    spans = tuple(
        sorted([(start, end), *((oa, ob) for oa, ob in others if ob <= start or oa >= end)])
    )
    words, placed, stems, valence, nonzero, clause_lo, clause_hi, quotes, named = (
        _sentence_features(text, spans)
    )
    at = placed[(start, end)]
    lo, hi = clause_lo[at], clause_hi[at]
    before = text[:start]
    inside_quote = sum(before.count(q) for q in QUOTE_MARKS) % 2 == 1 or before.count(
        "\u201c"
    ) > before.count("\u201d")
    s_names, b_names, c_names, l_names, r_names = (
        named  # with OTH in the target's place: put TGT there
    )
    single, pairs, clause = s_names.copy(), b_names.copy(), c_names[lo:hi]
    single[at], clause[at - lo] = "s:TGT", "c:TGT"
    if at > 0:
        pairs[at - 1] = "b:" + stems[at - 1] + " TGT"
    if at < len(pairs):
        pairs[at] = "b:TGT " + stems[at + 1]
    names = (
        single
        + pairs
        + clause
        + l_names[max(0, at - WINDOW) : at]
        + r_names[at + 1 : at + 1 + WINDOW]
    )
    names += [f"L{k}:{stems[at - 1 - k]}" for k in range(min(2, at))]
    names += [f"R{k}:{stems[at + 1 + k]}" for k in range(min(2, len(stems) - at - 1))]
    if inside_quote:
        names.append("Q:in")
    if quotes:
        names.append("Q:sent")
    if at == 0:
        names.append("P:first")
    if SAY.intersection(words[at + 1 : at + 3]):
        names.append("SPEAKER")

    def sums(a: int, b: int) -> list[float]:
        part = valence[a:b]
        return [sum(part), sum([v for v in part if v > 0]), sum([v for v in part if v < 0])]

    weighted = sum([v / (1 + abs(j - at)) for j, v in nonzero])
    dense = [
        *sentence_scores,
        *sums(lo, hi),
        *sums(max(0, at - WINDOW), at),
        *sums(at + 1, at + 1 + WINDOW),
        weighted,
        float(inside_quote),
        float(len(others) > 0),
    ]
    return names, dense


@lru_cache(maxsize=256)
def _sentence_features(text: str, spans: tuple) -> tuple:
    """What :func:`target_features` needs of a sentence and its target spans (sorted ``(start, end)``, the
    target's among them), whichever of them is the target: the tokens with each span as one ``OTH``,
    where each span went, the stems, the lexicon's valences (negation-flipped), the non-zero ones, the
    clause bounds of each position, whether the sentence quotes and the feature names of each position
    (as :func:`target_features` spells them). Read only: the cached lists are shared."""
    words: list[str] = []
    placed: dict = {}
    pos = 0
    for a, b in spans:
        if a < pos:  # overlaps the previous span: part of it
            pos = max(pos, b)
            continue
        words += TOKEN.findall(text[pos:a].lower())
        placed[(a, b)] = len(words)
        words.append("OTH")
        pos = b
    words += TOKEN.findall(text[pos:].lower())
    at_span = set(placed.values())
    stems = [w if j in at_span else _stem(w) for j, w in enumerate(words)]
    lexicon = _vader().lexicon
    # neither OTH nor TGT is a lexicon word or a negation
    valence = [lexicon.get(w, 0.0) for w in words]
    for j, v in enumerate(valence):
        if v and NEGATIONS.intersection(words[max(0, j - 3) : j]):
            valence[j] = -0.74 * v  # VADER's own negation factor
    nonzero = [(j, v) for j, v in enumerate(valence) if v]
    breaks = [w in CLAUSE_MARKS or w in CLAUSE_WORDS for w in words]
    n = len(words)
    clause_lo, clause_hi = [0] * n, [n] * n
    edge = 0
    for j in range(n):  # the clause of position j starts after the last break before it...
        clause_lo[j] = edge
        if breaks[j]:
            edge = j + 1
    edge = n
    for j in range(n - 1, -1, -1):  # ... and ends at the first break after it
        clause_hi[j] = edge
        if breaks[j]:
            edge = j
    quotes = any(q in text for q in QUOTE_MARKS)
    named = (
        ["s:" + w for w in stems],
        ["b:" + x + " " + y for x, y in zip(stems, stems[1:])],
        ["c:" + w for w in stems],
        ["L:" + w for w in stems],
        ["R:" + w for w in stems],
    )
    return words, placed, stems, valence, nonzero, clause_lo, clause_hi, quotes, named


class TargetModel(ModelFile):
    """The trained model: feature vocabulary, IDF weights, dense-feature scaling and the logistic regression's
    coefficients; :meth:`load` reads the shipped file, :meth:`save` writes one byte for byte the same
    for the same arrays."""

    def __init__(self, vocabulary: list[str], idf, mean, scale, coef, intercept, meta: dict):
        self.vocabulary = list(vocabulary)
        self.index = {f: i for i, f in enumerate(self.vocabulary)}  # feature name -> column
        self.idf, self.mean, self.scale = (
            np.asarray(idf, "float64"),
            np.asarray(mean, "float64"),
            np.asarray(scale, "float64"),
        )
        self.coef, self.intercept = np.asarray(coef, "float64"), np.asarray(intercept, "float64")
        self.meta = dict(meta)
        self.prior = np.asarray(self.meta.get("class_factors", [1.0, 1.0, 1.0]), "float64")
        self.dense_weight = float(self.meta.get("dense_weight", 0.3))

    ARRAYS = ("idf", "mean", "scale", "coef", "intercept")
    PATH = MODEL_PATH

    def matrix(self, features: list[tuple[list[str], list[float]]]):
        """Sparse design matrix: sublinear TF-IDF of the feature names (L2-normalised, as scikit-learn's
        ``TfidfVectorizer(sublinear_tf=True)``) beside the standardised dense figures."""
        from scipy import sparse

        n, width = len(features), len(self.vocabulary)
        names = [f for row, _ in features for f in row]
        # -1: unknown
        cols = np.fromiter(map(self.index.get, names, repeat(-1, len(names))), "int64", len(names))
        rows = np.repeat(np.arange(n, dtype="int64"), [len(row) for row, _ in features])
        known = cols >= 0
        pairs, first, counts = np.unique(
            rows[known] * width + cols[known], return_index=True, return_counts=True
        )
        # each row's features in the order they first appear
        order = np.argsort(first, kind="stable")
        pairs, counts = pairs[order], counts[order]
        rows, cols = pairs // width, pairs % width
        vals = (1.0 + np.log(counts.astype("float64"))) * self.idf[cols]
        bounds = np.searchsorted(rows, np.arange(n + 1))
        for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
            if b > a:  # row by row, so each norm is summed exactly as numpy sums one row's array
                v = vals[a:b]
                v /= np.sqrt((v * v).sum())
        text = sparse.csr_matrix((vals, (rows, cols)), shape=(n, width))
        dense = (
            np.asarray([d for _, d in features], "float64").reshape(n, N_DENSE) - self.mean
        ) / self.scale
        return sparse.hstack([text, sparse.csr_matrix(dense * self.dense_weight)]).tocsr()

    def probabilities(self, features) -> np.ndarray:
        """Class probabilities (negative, neutral, positive), with the class factors applied."""
        logits = self.matrix(features) @ self.coef.T + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits) * self.prior
        return p / p.sum(axis=1, keepdims=True)


@lru_cache(maxsize=1)
def default_model() -> TargetModel:
    return TargetModel.load(MODEL_PATH)


def _check_rows(frame: pd.DataFrame, source: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The texts and offsets of ``frame``; :class:`TargetError` naming the first bad row and column."""
    texts = frame["text"].tolist()
    starts = pd.to_numeric(frame["start"], errors="coerce").to_numpy("float64")
    ends = pd.to_numeric(frame["end"], errors="coerce").to_numpy("float64")
    lengths = np.fromiter(
        (len(t) if isinstance(t, str) else -1 for t in texts), dtype="float64", count=len(texts)
    )
    whole_start = np.isfinite(starts) & (starts == np.floor(starts))
    whole_end = np.isfinite(ends) & (ends == np.floor(ends))
    inside = (0 <= starts) & (starts < ends) & (ends <= lengths)
    bad = (lengths < 0) | ~whole_start | ~whole_end | ~inside
    if bad.any():
        i = int(np.argmax(bad))
        label, text, a, b = frame.index[i], texts[i], starts[i], ends[i]
        if lengths[i] < 0:
            raise TargetError(f"{source}, row {label}, column 'text': not a string ({text!r})")
        for column, ok, v in (("start", whole_start[i], a), ("end", whole_end[i], b)):
            if not ok:
                raise TargetError(
                    f"{source}, row {label}, column '{column}': not a whole number ({v!r})"
                )
        column = "start" if not 0 <= a < len(text) else "end"
        raise TargetError(
            f"{source}, row {label}, column '{column}': the mention [{int(a)}, {int(b)}) is not inside "
            f"its text of {len(text)} characters"
        )
    return texts, starts.astype("int64"), ends.astype("int64")


def _with_scores(texts, starts, ends, nears, known):
    """Each target of a batch with its sentence's VADER scores (given, or computed once per sentence)."""
    polarity = _vader().polarity_scores
    scores: dict[str, tuple] = {}
    for i, (text, a, b, near) in enumerate(zip(texts, starts, ends, nears)):
        if known is not None:
            yield text, a, b, near, known[i]
            continue
        if text not in scores:
            d = polarity(text)
            scores[text] = (d["compound"], d["pos"], d["neg"])
        yield text, a, b, near, scores[text]


def _score_batch(batch, model: "TargetModel | None" = None) -> np.ndarray:
    """Class probabilities of one batch of targets; in a worker process the shipped model is loaded once."""
    model = model or default_model()
    with gc_paused():
        return model.probabilities([target_features(*row) for row in _with_scores(*batch)])


@needs(frame=["text", "start", "end"])
def score_targets(
    frame: pd.DataFrame,
    *,
    model: TargetModel | None = None,
    others: str | None = "text",
    source: str = "frame",
    n_jobs: int | None = None,
    scheduler=None,
) -> pd.DataFrame:
    """The tone of each sentence towards its target: ``frame`` (rows of ``text``, a sentence, and
    ``start``/``end``, the mention's character offsets in it) with ``target_polarity`` (-1, 0 or 1) and
    ``target_score`` (P(positive) - P(negative), in [-1, 1]) added.

    Where ``frame`` has VADER's sentence scores (``compound``, ``pos``,
    ``neg``, as :func:`analysis.score_sentences` gives them) they are used,
    not computed again. Rows with the same ``others`` column value (by default the same
    sentence text) are one sentence's targets, and each is scored with the
    others marked as such; ``others=None`` scores every row alone. A row
    whose offsets fall outside its text raises :class:`TargetError` naming
    ``source``, the row and the column. ``frame`` is not modified.
    ``n_jobs``, ``scheduler``: where the shipped model scores
    (:func:`analysis.parallel_config`); the result is the same wherever it runs.
    Targets are featurised ``CHUNK`` at a time, so memory stays flat.
    """
    texts, starts, ends = _check_rows(frame, source)
    keys = frame[others].tolist() if others is not None else None
    groups: dict = {}
    for i, k in enumerate(keys or ()):
        groups.setdefault(k, []).append(i)
    starts, ends = starts.tolist(), ends.tolist()
    nears = [
        []
        if keys is None or len(groups[keys[i]]) == 1
        else [
            (starts[j], ends[j])
            for j in groups[keys[i]]
            if (starts[j], ends[j]) != (starts[i], ends[i])
        ]
        for i in range(len(texts))
    ]
    known = None
    if all(c in frame for c in ("compound", "pos", "neg")):
        known = list(
            zip(*(frame[c].to_numpy("float64").tolist() for c in ("compound", "pos", "neg")))
        )
    polarity, score = _score_rows(
        texts, starts, ends, nears, known, model=model, n_jobs=n_jobs, scheduler=scheduler
    )
    return frame.assign(target_polarity=polarity, target_score=score)


def _score_rows(
    texts, starts, ends, nears, known, *, model, n_jobs, scheduler=None, progress=None
) -> tuple[np.ndarray, np.ndarray]:
    """Polarity and score of each target, ``CHUNK`` at a time, where ``scheduler`` says (the shipped model only;
    another ``model`` is used in this process)."""
    batches = [
        (
            texts[lo : lo + CHUNK],
            starts[lo : lo + CHUNK],
            ends[lo : lo + CHUNK],
            nears[lo : lo + CHUNK],
            None if known is None else known[lo : lo + CHUNK],
        )
        for lo in range(0, len(texts), CHUNK)
    ]
    if model is None:
        parts = map_chunks(
            _score_batch,
            batches,
            n_jobs=n_jobs,
            scheduler=scheduler,
            progress=progress,
            sizes=[len(b[0]) for b in batches],
            desc="tone towards targets",
            unit="target",
        )
    else:
        parts = [_score_batch(batch, model) for batch in batches]
    p = np.vstack(parts) if parts else np.zeros((0, 3))
    return (CLASSES[p.argmax(axis=1)] if len(p) else np.zeros(0, "int64")), p[:, 2] - p[:, 0]


@needs(mentions=["article_id", "start", "end", "sentence_index"], articles=["article_id", "text"])
@shared_docs
def score_mentions(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    sentences: pd.DataFrame | None = None,
    context: pd.DataFrame | None = None,
    model: TargetModel | None = None,
    source: str = "mentions",
    n_jobs: int | None = None,
    scheduler=None,
) -> pd.DataFrame:
    """:func:`analysis.find_actors`'s mentions with their sentence and the tone towards each.

    Parameters
    ----------
    {mentions}
    {articles}
    sentences : DataFrame, optional
        :func:`analysis.split_sentences`'s table for the same articles, if at hand (saves splitting them
        again; with VADER's columns from :func:`analysis.score_sentences`, saves scoring them again).
    context : DataFrame, optional
        The mention table whose mentions count as a sentence's other targets (default: ``mentions``); pass
        the whole table when scoring a part of it, so that a mention gets the same score whichever part it is
        in.
    model : TargetModel, optional
        The target-sentiment model (default: the shipped one).
    source : str, default "mentions"
        What the mentions are called in errors.
    n_jobs, scheduler
        Where the model scores (:func:`analysis.parallel_config`); the table is the same wherever.

    Returns
    -------
    DataFrame
        The mention table plus ``sentence`` (the sentence's text), ``sentence_start`` (its offset in the
        article), ``target_polarity`` and ``target_score`` (:func:`score_targets`; the sentence's other
        mentions are its other targets). A mention whose offsets fall outside its article's text, or whose
        article is missing, raises :class:`analysis.TargetError` naming the row.
    """
    mentions = in_english(mentions, articles)  # VADER and the model's features read English only
    mentions = in_text(mentions)  # a headline's mentions have no sentence to score
    vader_columns = ["compound", "pos", "neg"]
    with_vader = sentences is not None and all(c in sentences for c in vader_columns)
    ids = mentions["article_id"]
    starts, ends = (mentions[c].to_numpy("int64") for c in ("start", "end"))
    k = mentions["sentence_index"].to_numpy("int64")
    lengths = pd.Series(
        articles["text"].str.len().to_numpy("float64"), index=articles["article_id"]
    )
    # NaN: not in the articles
    length = ids.map(lengths.groupby(level=0).first()).to_numpy("float64")
    outside = ~np.isnan(length) & ~((0 <= starts) & (starts < ends) & (ends <= length))
    needed = pd.unique(ids[~np.isnan(length)])
    if sentences is None:
        texts = dict(zip(articles["article_id"], articles["text"]))
        sentences = pd.DataFrame(
            [
                (aid, j, a, b, body)
                for aid in needed
                for j, (a, b, body) in enumerate(split_text(texts[aid]))
            ],
            columns=["article_id", "sentence_index", "start", "end", "text"],
        )
    table = sentences[sentences["article_id"].isin(needed)]
    codes, uniques = pd.factorize(pd.concat([ids, table["article_id"]], ignore_index=True))
    width = int(max(k.max(initial=0), table["sentence_index"].max() if len(table) else 0)) + 2
    key = codes[: len(ids)].astype("int64") * width + np.where((k >= 0) & (k < width), k, width - 1)
    table_key = codes[len(ids) :].astype("int64") * width + table["sentence_index"].to_numpy(
        "int64"
    )
    order = np.argsort(table_key, kind="stable")
    at = np.searchsorted(table_key[order], key).clip(0, max(len(order) - 1, 0))
    row = order[at] if len(order) else np.zeros(len(key), "int64")
    found = (table_key[row] == key) & (k >= 0) if len(order) else np.zeros(len(key), bool)
    s, e = (
        np.where(found, table[c].to_numpy("int64")[row] if len(order) else 0, 0)
        for c in ("start", "end")
    )
    unheld = ~np.isnan(length) & ~outside & ~(found & (s <= starts) & (ends <= e))
    bad = np.isnan(length) | outside | unheld
    if bad.any():
        i = int(np.argmax(bad))
        label, aid, a, b = mentions.index[i], ids.iloc[i], int(starts[i]), int(ends[i])
        if np.isnan(length[i]):
            raise TargetError(
                f"{source}, row {label}, column 'article_id': article {aid!r} is not in the articles"
            )
        if outside[i]:
            raise TargetError(
                f"{source}, row {label}, column 'start': the mention [{a}, {b}) is not inside article "
                f"{aid!r} of {int(length[i])} characters"
            )
        raise TargetError(
            f"{source}, row {label}, column 'sentence_index': sentence {int(k[i])} of article {aid!r} "
            f"does not hold the mention [{a}, {b})"
        )
    sentence = table["text"].take(row).tolist()
    frame = mentions.assign(sentence=sentence, sentence_start=s)
    vader = (
        list(zip(*(table[c].to_numpy("float64")[row].tolist() for c in vader_columns)))
        if with_vader
        else None
    )
    polarity, score = _score_rows(
        sentence,
        (starts - s).tolist(),
        (ends - s).tolist(),
        _others(mentions if context is None else context, key, starts, ends, s, uniques, width),
        vader,
        model=model,
        n_jobs=n_jobs,
        scheduler=scheduler,
    )
    return frame.assign(target_polarity=polarity, target_score=score)


def _others(
    context: pd.DataFrame, key, starts, ends, sentence_start, uniques, width: int
) -> list[list[tuple]]:
    """For each mention (its sentence ``key``, offsets and sentence start), the other mentions of ``context`` in
    the same sentence as sorted ``(start, end)`` offsets into the sentence, each span once."""
    codes = pd.Index(uniques).get_indexer(context["article_id"])
    sentence = context["sentence_index"].to_numpy("int64")
    usable = (codes >= 0) & (sentence >= 0) & (sentence < width - 1)
    spans = pd.DataFrame(
        {
            "key": codes[usable].astype("int64") * width + sentence[usable],
            "start": context["start"].to_numpy("int64")[usable],
            "end": context["end"].to_numpy("int64")[usable],
        }
    )
    spans = spans.drop_duplicates().sort_values(["key", "start", "end"], kind="stable")
    ckey, cstart, cend = (spans[c].to_numpy() for c in ("key", "start", "end"))
    lo, hi = np.searchsorted(ckey, key, "left"), np.searchsorted(ckey, key, "right")
    counts = hi - lo
    # every span of each sentence
    pick = np.repeat(lo - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
    owner = np.repeat(np.arange(len(key)), counts)
    keep = (cstart[pick] != starts[owner]) | (cend[pick] != ends[owner])  # not the mention itself
    pick, owner = pick[keep], owner[keep]
    offset = sentence_start[owner]
    bounds = np.searchsorted(owner, np.arange(len(key) + 1)).tolist()
    with gc_paused():
        pairs = list(zip((cstart[pick] - offset).tolist(), (cend[pick] - offset).tolist()))
        return [pairs[a:b] for a, b in zip(bounds[:-1], bounds[1:])]


ACTOR_SENTIMENT_COLUMNS = [
    "actor",
    "outlet",
    "n_mentions",
    "n_articles",
    "mean",
    "ci_low",
    "ci_high",
    "negative_share",
    "positive_share",
    "n_events",
    "adjusted",
    "adjusted_low",
    "adjusted_high",
    "caution",
]
SMALL = 10
TONE_BUDGET = config.TONE_BUDGET
CELL = ["actor", "outlet", "event"]


def per_cell_cap(sizes, budget: int) -> int | None:
    """The largest ``N`` such that keeping at most ``N`` of each cell's ``sizes`` keeps at most ``budget``
    in all (at least 1); ``None`` when every cell fits whole."""
    sizes = np.sort(np.asarray(sizes, "int64"))
    if sizes.sum() <= budget:
        return None
    caps = np.arange(1, sizes[-1] + 1)
    below = np.searchsorted(sizes, caps, "left")  # cells smaller than each cap
    # sum(min(size, cap))
    total = np.concatenate([[0], np.cumsum(sizes)])[below] + caps * (len(sizes) - below)
    fits = caps[total <= budget]
    return int(fits[-1]) if len(fits) else 1


@needs(mentions=["article_id", "actor"])
def tone_mentions(
    mentions: pd.DataFrame,
    *,
    actors=None,
    top: int | None = 100,
    min_articles: int = 5,
    budget: int | None = TONE_BUDGET,
) -> pd.DataFrame:
    """The mentions :func:`actor_sentiment` measures with the same options, in their order.

    Parameters
    ----------
    mentions : DataFrame
        :func:`analysis.find_actors`'s mention table.
    actors : list of str, optional
        The actors to measure, by name; default: the ``top`` named in most articles.
    top : int or None, default 100
        How many actors, of those named in ``min_articles`` or more articles (``None``: all).
    min_articles : int, default 5
        An actor is measured when it is named in this many articles.
    budget : int or None, default ``TONE_BUDGET`` (500,000)
        At most this many mentions are kept: where the chosen actors have more, at most ``N`` mentions of
        each actor by each outlet on each event are kept, ``N`` the largest that fits, chosen by a hash of
        the article and offset (the same mentions every run). ``None``: every mention.

    Returns
    -------
    DataFrame
        The chosen rows of ``mentions``. Where the budget sampled them, ``cell_mentions`` gives each row's
        count of mentions of its actor by its outlet on its event before sampling, and ``article_mentions``
        its article's count of mentions of the actor. Score them once with :func:`score_mentions` and pass the
        result to :func:`actor_sentiment` and to anything else that reads mention scores.
    """
    mentions = in_text(mentions)  # tone is read in sentences: a headline has none
    chosen = mentions if actors is None else mentions[mentions["actor"].isin(list(actors))]
    n_art = chosen.groupby("actor")["article_id"].nunique()
    chosen = chosen[chosen["actor"].map(n_art) >= min_articles]
    if actors is None and top is not None:
        keep = n_art[n_art >= min_articles].sort_values(ascending=False, kind="stable").index[:top]
        chosen = chosen[chosen["actor"].isin(keep)]
    if chosen.empty:
        raise InsufficientData(
            f"no actor is named in {min_articles} or more articles: no tone towards actors to "
            "compare"
        )
    return chosen if budget is None or len(chosen) <= budget else _sampled(chosen, budget)


def _sampled(chosen: pd.DataFrame, budget: int) -> pd.DataFrame:
    """At most N mentions per actor, outlet and event, N the largest that keeps ``budget``: in each cell the
    mentions first in the order of a hash of their article and offset, so that a rerun keeps the same."""
    cell = chosen.groupby(CELL, sort=False, dropna=False).ngroup().to_numpy()
    sizes = np.bincount(cell)
    cap = per_cell_cap(sizes, budget)
    digest = pd.util.hash_pandas_object(chosen[["article_id", "start"]], index=False).to_numpy()
    order = np.lexsort((digest, cell))
    ranked = cell[order]
    rank = np.empty(len(cell), "int64")
    # place within its cell
    rank[order] = np.arange(len(cell)) - np.searchsorted(ranked, ranked, "left")
    in_article = (
        chosen.groupby(["actor", "article_id"], sort=False)["actor"].transform("size").to_numpy()
    )
    keep = rank < cap
    return chosen[keep].assign(cell_mentions=sizes[cell[keep]], article_mentions=in_article[keep])


@needs(
    mentions=["article_id", "outlet", "event", "actor", "start", "end", "sentence_index"],
    articles=["article_id", "text"],
)
def actor_sentiment(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    sentences: pd.DataFrame | None = None,
    actors=None,
    top: int | None = 100,
    min_articles: int = 5,
    n_boot: int = N_BOOT,
    seed: int = SEED,
    model: TargetModel | None = None,
    n_jobs: int | None = None,
    scheduler=None,
    budget: int | None = TONE_BUDGET,
) -> pd.DataFrame:
    """Per actor and outlet, the tone of the outlet's sentences towards the actor, with intervals.

    Each mention gets :func:`score_targets`'s ``target_score``; an article's score for an actor is the
    mean over its mentions of that actor, and an outlet's ``mean`` is the mean over its articles with a
    95% percentile bootstrap interval over articles, as outlet sentiment is.

    Parameters
    ----------
    mentions : DataFrame
        :func:`analysis.find_actors`'s mentions, or :func:`tone_mentions`'s scored by
        :func:`score_mentions` (those are not scored again).
    articles : DataFrame
        The articles the mentions are in (``article_id``, ``text``).
    sentences : DataFrame, optional
        :func:`analysis.split_sentences`'s table of the same articles, to save splitting them again.
    actors : list of str, optional
        The actors to measure, by name; default: the ``top`` named in most articles.
    top : int or None, default 100
        How many actors, of those named in ``min_articles`` or more articles (``None``: all).
    min_articles : int, default 5
        Actors named in fewer articles are left out.
    n_boot : int, default 2000
        Bootstrap resamples for every interval (fixed ``seed``).
    seed : int
        The bootstrap's seed.
    model : TargetModel, optional
        Another target model than the shipped one.
    n_jobs, scheduler
        Where the mentions are scored (:mod:`analysis.parallel`); the result is the same anywhere.
    budget : int or None, default 500,000
        Where the measured actors have more mentions, at most ``N`` of each actor by each outlet on each
        event are scored (:func:`tone_mentions`); ``None``: every mention.

    Returns
    -------
    DataFrame
        One row per actor and outlet: ``n_mentions``; ``n_articles``; ``mean``, ``ci_low``,
        ``ci_high``; ``negative_share``/``positive_share`` (shares of mentions scored -1 / 1);
        ``n_events``, ``adjusted``, ``adjusted_low``, ``adjusted_high`` (the event-adjusted offset of
        :func:`analysis.event_adjusted_sentiment`: how much darker or brighter the outlet writes about
        the actor than the other outlets on the same events; NaN where the actor shares no event across
        outlets); ``caution`` (fewer than 10 articles). Where the budget sampled the mentions,
        ``n_scored`` follows ``n_mentions`` (counted before sampling), ``n_articles`` counts the
        articles with a scored mention, each weighted by one over its chance of having one (Hajek's
        estimator) so that means, shares and offsets estimate what every mention would give, and the
        intervals, over the scored articles, are as wide as the sample makes them. Below the budget
        nothing is sampled and nothing changes.
    """
    # sampled by tone_mentions already: chosen, and counted before sampling
    if "cell_mentions" in mentions:
        chosen = mentions if actors is None else mentions[mentions["actor"].isin(list(actors))]
    else:
        chosen = tone_mentions(
            mentions, actors=actors, top=top, min_articles=min_articles, budget=budget
        )
    scored = (
        chosen
        if "target_score" in chosen
        else score_mentions(
            chosen,
            articles,
            sentences=sentences,
            context=mentions,
            model=model,
            n_jobs=n_jobs,
            scheduler=scheduler,
        )
    )
    sampled = "cell_mentions" in scored
    scored = scored.assign(
        _negative=scored["target_polarity"] < 0, _positive=scored["target_polarity"] > 0
    )
    per_article = (
        scored.groupby(["actor", "article_id", "outlet", "event"], sort=True, dropna=False)
        .agg(
            compound_mean=("target_score", "mean"),
            n_mentions=("target_score", "size"),
            negative=("_negative", "sum"),
            positive=("_positive", "sum"),
        )
        .reset_index()
    )
    if sampled:
        per_article = _sample_weights(scored, per_article)
    rows = []
    for actor, grp in per_article.groupby("actor", sort=True):
        try:
            adjusted = event_adjusted_sentiment(
                _cell_means(grp) if sampled else grp, n_boot=n_boot, seed=seed
            ).set_index("outlet")
        except NoSharedEvents:
            adjusted = pd.DataFrame(columns=["n_events", "mean", "ci_low", "ci_high"])
        for outlet, part in grp.groupby("outlet", sort=True):
            values = part["compound_mean"].to_numpy()
            n_mentions = int(part["n_mentions"].sum())
            if sampled:
                weights, share = part["weight"].to_numpy(), part["mention_weight"].to_numpy()
                mean = float(np.average(values, weights=weights))
                low, high = _bootstrap_ci(values, n_boot=n_boot, seed=seed, weights=weights)
                negative, positive = (
                    (part[c] * share).sum() / (part["n_mentions"] * share).sum()
                    for c in ("negative", "positive")
                )
                counts = (int(part.drop_duplicates("event")["cell_n"].sum()), n_mentions)
            else:
                mean = float(values.mean())
                low, high = _bootstrap_ci(values, n_boot=n_boot, seed=seed)
                negative, positive = (
                    part["negative"].sum() / n_mentions,
                    part["positive"].sum() / n_mentions,
                )
                counts = (n_mentions,)
            adj = adjusted.loc[outlet] if outlet in adjusted.index else None
            rows.append(
                (
                    actor,
                    outlet,
                    *counts,
                    len(part),
                    mean,
                    low,
                    high,
                    negative,
                    positive,
                    int(adj["n_events"]) if adj is not None else 0,
                    float(adj["mean"]) if adj is not None else np.nan,
                    float(adj["ci_low"]) if adj is not None else np.nan,
                    float(adj["ci_high"]) if adj is not None else np.nan,
                    f"only {len(part)} article{'s' if len(part) != 1 else ''}"
                    if len(part) < SMALL
                    else "",
                )
            )
    columns = ACTOR_SENTIMENT_COLUMNS
    return pd.DataFrame(
        rows, columns=[*columns[:3], "n_scored", *columns[3:]] if sampled else columns
    )


@needs(scored=["actor", "outlet", "event", "cell_mentions"])
def tone_sample_note(scored: pd.DataFrame) -> str:
    """What a sampled tone table rests on, in a sentence for the report.

    Parameters
    ----------
    scored : DataFrame
        :func:`tone_mentions`'s sampled rows.

    Returns
    -------
    str
        The cap ``N`` per actor, outlet and event, and how many of the mentions were scored.
    """
    cells = scored.groupby(CELL, sort=False, dropna=False)["cell_mentions"]
    cap, total = int(cells.size().max()), int(cells.first().sum())
    return (
        f"Tone towards actors is measured on a sample: at most {cap} mentions of each actor by each outlet on "
        f"each event, {len(scored):,} of {total:,} mentions, the same every run. Means and shares are weighted "
        "back to every article, and the intervals are as wide as the sample makes them."
    )


def _sample_weights(scored: pd.DataFrame, per_article: pd.DataFrame) -> pd.DataFrame:
    """``per_article`` with the weights that undo :func:`tone_mentions`'s sampling: ``weight``, one over the
    chance that the article had a mention kept (an article with ``m`` of its cell's ``n`` mentions, of which
    ``k`` were kept at random, is left out with chance C(n - m, k) / C(n, k)), so that an outlet's mean is
    over its articles as without sampling (Hajek's estimator); ``mention_weight``, ``n / k``, which does the
    same for shares of mentions; ``cell_n``, the article's cell's mentions before sampling."""
    from scipy.special import gammaln

    keys = ["actor", "article_id", "outlet", "event"]
    kept = scored.groupby(CELL, sort=False, dropna=False)["cell_mentions"].transform("size")
    facts = (
        scored.assign(_kept=kept)
        .groupby(keys, sort=True, dropna=False)
        .agg(n=("cell_mentions", "first"), m=("article_mentions", "first"), k=("_kept", "first"))
        .reset_index()
    )
    n, m, k = (facts[c].to_numpy("float64") for c in ("n", "m", "k"))
    out = n - m >= k  # the article could have been left out
    missed = np.zeros(len(n))
    missed[out] = np.exp(
        gammaln(n[out] - m[out] + 1)
        - gammaln(n[out] - m[out] - k[out] + 1)
        - gammaln(n[out] + 1)
        + gammaln(n[out] - k[out] + 1)
    )
    return per_article.assign(weight=1 / (1 - missed), mention_weight=n / k, cell_n=n)


def _cell_means(grp: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet and event with the weighted mean of its articles' scores, as
    :func:`analysis.event_adjusted_sentiment` reads them."""
    weighted = grp.assign(_wv=grp["compound_mean"] * grp["weight"])
    sums = weighted.groupby(["outlet", "event"], sort=True, dropna=False)[["_wv", "weight"]].sum()
    return sums.assign(compound_mean=sums["_wv"] / sums["weight"]).reset_index()[
        ["outlet", "event", "compound_mean"]
    ]
