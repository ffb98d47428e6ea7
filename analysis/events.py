"""Events: who covered what, grouping unlabelled articles into events, and wire copies.

Nothing here builds a dense n x n matrix: similarities are sparse products
within date windows (grouping) or over rare shingles (wire copies).
"""

from __future__ import annotations

import re
from itertools import chain
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from ._docs import shared_docs
from .corpus import word_counts
from .errors import EventsError
from .languages import ENGLISH
from .parallel import map_chunks
from .tables import natural_sorted, needs
from .tokens import TOKEN_PATTERN, preprocess

WIRE_COLUMNS = [
    "article_id_a",
    "article_id_b",
    "outlet_a",
    "outlet_b",
    "shared_fraction",
    "containment_a",
    "containment_b",
    "n_shared",
]
_WORD = re.compile(r"\w+")


# ---------------------------------------------------------------- coverage
@needs(articles=["event", "outlet"])
@shared_docs
def coverage_matrix(articles: pd.DataFrame) -> pd.DataFrame:
    """Events x outlets: the number of articles each outlet ran on each event.

    Parameters
    ----------
    {articles}

    Returns
    -------
    DataFrame
        Index ``event``; columns the outlets in natural order ("Outlet 2" before "Outlet 10"). Articles
        without an event are left out (group them first with :func:`analysis.group_events`).
    """
    known = articles.dropna(subset=["event"])
    matrix = pd.crosstab(known["event"], known["outlet"])
    return matrix[natural_sorted(matrix.columns)].rename_axis(index="event", columns="outlet")


@needs(articles=["event", "outlet"])
@shared_docs
def coverage_gaps(articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet, the events that only it, or only some outlets, covered (blindspots).

    Parameters
    ----------
    {articles}

    Returns
    -------
    DataFrame
        ``outlet``, ``event``, ``event_label``, ``n_outlets`` (how many outlets covered the event),
        ``only_this_outlet`` (bool) and ``missed_by`` (the outlets that did not cover it, "; "-separated);
        events every outlet covered are left out.
    """
    matrix = coverage_matrix(articles) > 0
    labels = _labels(articles)
    everyone = list(matrix.columns)
    rows = []
    for event, covered in matrix.iterrows():
        who = [o for o in everyone if covered[o]]
        if len(who) == len(everyone):
            continue
        missed = "; ".join(o for o in everyone if not covered[o])
        for outlet in who:
            rows.append((outlet, event, labels.get(event, event), len(who), len(who) == 1, missed))
    return pd.DataFrame(
        rows,
        columns=["outlet", "event", "event_label", "n_outlets", "only_this_outlet", "missed_by"],
    ).sort_values(["outlet", "n_outlets", "event"], ignore_index=True)


def _labels(articles: pd.DataFrame) -> dict:
    if "event_label" not in articles:
        return {}
    known = articles.dropna(subset=["event", "event_label"])
    return known.groupby("event")["event_label"].first().to_dict()


# ---------------------------------------------------------------- grouping
def _vectors(texts) -> tuple[sparse.csr_matrix, np.ndarray]:
    vec = TfidfVectorizer(
        token_pattern=TOKEN_PATTERN,
        preprocessor=preprocess,
        lowercase=False,
        stop_words="english",
        sublinear_tf=True,
        min_df=1,
        max_df=0.5 if len(texts) > 20 else 1.0,
        dtype=np.float32,
    )
    return vec.fit_transform(texts).tocsr(), vec.get_feature_names_out()


TITLE_WEIGHT = (
    3  # a headline counts this many times beside the body: it names the story, the body its context
)


def _headline_weighted(articles: pd.DataFrame, weight: int) -> list[str]:
    """Each article's text with its headline repeated ``weight`` times in front (no headline: the text)."""
    titles = (
        articles["title"].fillna("").astype(str)
        if "title" in articles
        else pd.Series("", index=articles.index)
    )
    return [(t + "\n") * weight + x if t.strip() else x for t, x in zip(titles, articles["text"])]


def _similar_pairs(X, days: np.ndarray, window: int, threshold: float):
    """Pairs (i, j, cosine), i < j, cosine >= threshold, within ``window`` days (undated: compared with all)."""
    rows, cols, sims = [], [], []
    dated = np.flatnonzero(~np.isnan(days))
    undated = np.flatnonzero(np.isnan(days))
    order = dated[np.argsort(days[dated], kind="stable")]
    sorted_days = days[order]
    block = 2000

    def keep(idx, cand, product):
        product = product.tocoo()
        ok = product.data >= threshold
        a, b = idx[product.row[ok]], cand[product.col[ok]]
        near = np.isnan(days[a]) | np.isnan(days[b]) | (np.abs(days[a] - days[b]) <= window)
        rows.append(a[near]), cols.append(b[near]), sims.append(product.data[ok][near])

    for lo in range(0, len(order), block):
        idx = order[lo : lo + block]
        hi = np.searchsorted(
            sorted_days, sorted_days[min(lo + block, len(order)) - 1] + window, side="right"
        )
        cand = order[lo:hi]
        keep(idx, cand, X[idx] @ X[cand].T)
    everyone = np.arange(X.shape[0])
    for lo in range(0, len(undated), block // 4):  # compared with every article: smaller blocks
        idx = undated[lo : lo + block // 4]
        keep(idx, everyone, X[idx] @ X.T)
    a, b, sim = (np.concatenate(v) if v else np.zeros(0) for v in (rows, cols, sims))
    a, b = np.minimum(a, b).astype(int), np.maximum(a, b).astype(int)
    edges = pd.DataFrame({"a": a, "b": b, "sim": sim})
    edges = edges[edges["a"] != edges["b"]].drop_duplicates(["a", "b"])
    return edges["a"].to_numpy(), edges["b"].to_numpy(), edges["sim"].to_numpy()


def _mutual_neighbours(a, b, sim, k: int) -> np.ndarray:
    """Which links join two articles that are each among the other's ``k`` most similar (stops chaining)."""
    both = pd.DataFrame(
        {
            "src": np.concatenate([a, b]),
            "dst": np.concatenate([b, a]),
            "sim": np.concatenate([sim, sim]),
        }
    )
    top = (
        both.sort_values(["src", "sim", "dst"], ascending=[True, False, True])
        .groupby("src")
        .head(k)
    )
    pairs = set(zip(top["src"].tolist(), top["dst"].tolist()))
    return np.array(
        [(i, j) in pairs and (j, i) in pairs for i, j in zip(a.tolist(), b.tolist())], dtype=bool
    )


def _constrained_groups(
    a, b, sim, outlets: np.ndarray, *, k: int, same_outlet: float
) -> np.ndarray:
    """Event number of each article: links joined strongest first, refusing any join that would put two
    articles of one outlet in an event unless those two are themselves similar (``same_outlet``).

    An outlet rarely runs two articles on one story; two different stories about the same actors a
    few days apart are linked across outlets but each outlet has one article on each, and those
    two are far less alike than articles on one story. Only links between mutual ``k``-nearest
    neighbours are used (a guard against chaining).
    """
    pair_sim = {(i, j): v for i, j, v in zip(a.tolist(), b.tolist(), sim.tolist())}  # a < b
    mutual = _mutual_neighbours(a, b, sim, k)
    ma, mb, ms = a[mutual], b[mutual], sim[mutual]
    order = np.lexsort((mb, ma, -ms))  # strongest first; ties by article position (deterministic)
    parent = list(range(len(outlets)))
    groups = {i: {outlets[i]: [i]} for i in range(len(outlets))}  # root -> {outlet: its articles}
    size = [1] * len(outlets)

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def compatible(g, h) -> bool:
        for outlet, mine in g.items():
            for i in h.get(outlet, ()):
                if any(pair_sim.get((min(i, j), max(i, j)), 0.0) < same_outlet for j in mine):
                    return False
        return True

    for i, j in zip(ma[order].tolist(), mb[order].tolist()):
        ri, rj = find(i), find(j)
        if ri == rj or not compatible(groups[ri], groups[rj]):
            continue
        if size[ri] < size[rj]:
            ri, rj = rj, ri
        parent[rj], size[ri] = ri, size[ri] + size[rj]
        for outlet, members in groups.pop(rj).items():
            groups[ri].setdefault(outlet, []).extend(members)
    roots = np.array([find(i) for i in range(len(outlets))])
    return np.unique(roots, return_inverse=True)[1]


@needs(articles=["article_id", "outlet", "text"])
def group_events(
    articles: pd.DataFrame,
    *,
    window_days: int = 3,
    threshold: float = 0.2,
    neighbours: int | None = None,
    same_outlet: float = 0.65,
    overrides=None,
) -> pd.DataFrame:
    """Fill in ``event`` and ``event_label`` for articles that have no event.

    Articles are compared by TF-IDF cosine similarity of their text with the
    headline counted three times (a headline names the story; the body also
    names its context, which related stories share). A link needs a
    similarity of at least ``threshold``, publication within ``window_days``
    (articles without a date are compared by text alone), and each article
    among the other's ``neighbours`` most similar (default: 2 x (number of
    outlets - 1), at most 20). Links are joined strongest first into events, but
    never so that one event holds two articles of one outlet that are less
    alike than ``same_outlet``: an outlet rarely runs two articles on one
    story, so two different stories about the same actors a few days apart
    stay apart (docs/methods.md: measured on BASIL and planted related stories).
    Ids are ``auto-0001``, ... in order of first publication (deterministic).
    Labels are the group's top terms and its date span. ``overrides``: a CSV
    path or DataFrame with ``article_id``, ``event`` (and optionally
    ``event_label``) that wins over the grouping. Articles that already have
    an event keep it; a missing ``event`` or ``published`` column counts as
    all missing.
    """
    # absent: all missing
    out = articles.assign(**{c: None for c in ("event", "event_label") if c not in articles})
    published = pd.to_datetime(out["published"], errors="coerce") if "published" in out else pd.NaT
    todo = out["event"].isna().to_numpy()
    if todo.any():
        sub = out[todo].assign(published=pd.Series(published, index=out.index)[todo])
        X, terms = _vectors(_headline_weighted(sub, TITLE_WEIGHT))
        days = sub["published"].to_numpy(dtype="datetime64[D]").astype("float64")
        days[pd.isna(sub["published"]).to_numpy()] = np.nan
        a, b, sim = _similar_pairs(X, days, window_days, threshold)
        k = neighbours or 2 * max(1, min(10, out["outlet"].nunique() - 1))
        comp = _constrained_groups(
            a, b, sim, sub["outlet"].to_numpy(), k=k, same_outlet=same_outlet
        )
        ids, labels = _name_groups(sub, comp, X, terms, 3)
        out.loc[todo, "event"] = ids
        out.loc[todo, "event_label"] = labels
    if overrides is not None:
        out = _apply_overrides(out, overrides)
    return out


def _name_groups(sub: pd.DataFrame, comp: np.ndarray, X, terms, n_terms: int):
    first = pd.DataFrame(
        {"comp": comp, "published": sub["published"].to_numpy(), "id": sub["article_id"].to_numpy()}
    )
    order = (
        first.sort_values(["published", "id"], na_position="last")
        .drop_duplicates("comp")["comp"]
        .tolist()
    )
    number = {c: i + 1 for i, c in enumerate(order)}
    width = max(4, len(str(len(order))))
    member = sparse.csr_matrix(
        (np.ones(len(comp)), (comp, np.arange(len(comp)))), shape=(comp.max() + 1, len(comp))
    )
    weight = (member @ X).tocsr()
    spans = first.groupby("comp")["published"].agg(["min", "max"])
    names = {}
    for c in number:
        row = weight[c]
        top = row.indices[np.lexsort((terms[row.indices], -row.data))][:n_terms]
        lo, hi = spans.at[c, "min"], spans.at[c, "max"]
        span = (
            ""
            if pd.isna(lo)
            else f" ({lo:%Y-%m-%d})"
            if lo.date() == hi.date()
            else f" ({lo:%Y-%m-%d} to {hi:%Y-%m-%d})"
        )
        names[c] = ", ".join(terms[top]) + span
    return [f"auto-{number[c]:0{width}d}" for c in comp], [names[c] for c in comp]


def _apply_overrides(articles: pd.DataFrame, overrides) -> pd.DataFrame:
    if isinstance(overrides, (str, Path)):
        try:
            table = pd.read_csv(overrides, dtype=str, keep_default_na=False)
        except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
            raise EventsError(f"{overrides}: cannot read the event overrides ({err})") from None
    else:
        table = overrides
    missing = {"article_id", "event"} - set(table.columns)
    if missing:
        raise EventsError(
            f"{overrides}: an event override file needs columns article_id and event "
            f"(missing: {', '.join(sorted(missing))})"
        )
    unknown = set(table["article_id"]) - set(articles["article_id"])
    if unknown:
        raise EventsError(f"{overrides}: unknown article_id(s) {', '.join(sorted(unknown)[:5])}")
    out = articles.copy()
    where = out["article_id"].map(dict(zip(table["article_id"], table["event"])))
    out.loc[where.notna(), "event"] = where[where.notna()]
    if "event_label" in table:
        label = out["article_id"].map(dict(zip(table["article_id"], table["event_label"])))
        out.loc[label.notna(), "event_label"] = label[label.notna()]
    else:
        out.loc[where.notna(), "event_label"] = where[where.notna()]
    return out


# ---------------------------------------------------------------- wire copies
WIRE_CHUNK = 2_000  # articles shingled per chunk of work
# shingles of candidate pairs compared at once (a few MB: 1.25x faster than 2**24)
WIRE_BLOCK = 1 << 19
_BASE = np.uint64(1_000_003)


def _shingle_chunk(args) -> tuple[np.ndarray, np.ndarray]:
    """``(lengths, hashes)`` for a list of texts: each text's distinct word ``size``-gram hashes, concatenated.

    Words are hashed with pandas' fixed-key hash, so a piece needs no shared
    vocabulary and gives the same hashes in any process."""
    texts, size = args
    words = [_WORD.findall(t.lower()) for t in texts]
    counts = np.fromiter((len(w) for w in words), dtype=np.int64, count=len(words))
    flat = np.fromiter(chain.from_iterable(words), dtype=object, count=int(counts.sum()))
    ids = pd.util.hash_array(flat) if len(flat) else np.zeros(0, dtype=np.uint64)
    n_grams = np.maximum(counts - size + 1, 0)
    if not n_grams.any():
        return np.zeros(len(texts), dtype=np.int64), np.zeros(0, dtype=np.uint64)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    # each article's n-gram start positions in ``flat``
    owner = np.repeat(np.arange(len(texts)), n_grams)
    pos = (
        np.arange(int(n_grams.sum()))
        - np.repeat(np.cumsum(n_grams) - n_grams, n_grams)
        + starts[owner]
    )
    with np.errstate(over="ignore"):
        h = np.zeros(len(pos), dtype=np.uint64)
        for k in range(size):
            h = h * _BASE + ids[pos + k]
    order = np.lexsort((h, owner))
    owner, h = owner[order], h[order]
    first = np.ones(len(h), dtype=bool)
    first[1:] = (owner[1:] != owner[:-1]) | (h[1:] != h[:-1])
    return np.bincount(owner[first], minlength=len(texts)), h[first]


def _columns(codes: np.ndarray, rows: np.ndarray, chosen: np.ndarray, n_rows: int, dtype=np.int32):
    """The articles x shingles 0/1 matrix on the ``chosen`` shingles only."""
    column = np.cumsum(chosen) - 1
    keep = chosen[codes]
    return sparse.csr_matrix(
        (np.ones(int(keep.sum()), dtype=dtype), (rows[keep], column[codes[keep]])),
        shape=(n_rows, int(chosen.sum())),
    )


def _shared_frequent(frequent, r: np.ndarray, c: np.ndarray) -> np.ndarray:
    """For each pair of rows ``(r[k], c[k])`` of ``frequent``, how many columns both hold; in blocks of pairs
    whose ``r`` rows hold ``WIRE_BLOCK`` entries at most, so memory stays flat however many pairs there are
    (and scipy, which gathers rows with 32-bit offsets, never gathers 2**31 or more: it wrote past its
    buffer and crashed the process on 100,000 generated articles)."""
    out = np.zeros(len(r), dtype="int64")
    ends = np.cumsum(np.diff(frequent.indptr)[r])
    lo = 0
    while lo < len(r):
        hi = max(
            lo + 1, int(np.searchsorted(ends, (ends[lo - 1] if lo else 0) + WIRE_BLOCK, "right"))
        )
        out[lo:hi] = np.asarray(
            frequent[r[lo:hi]].multiply(frequent[c[lo:hi]]).sum(axis=1), dtype="int64"
        ).ravel()
        lo = hi
    return out


@needs(articles=["article_id", "outlet", "text"])
def find_wire_copies(
    articles: pd.DataFrame,
    *,
    min_shared: float = 0.5,
    shingle_size: int = 5,
    max_df: int = 50,
    n_jobs: int | None = None,
    scheduler=None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Pairs of articles from different outlets that share most of their text.

    Text is cut into overlapping word ``shingle_size``-grams (hashed to 64
    bits); a pair's ``shared_fraction`` is the number of shingles they share
    over the shingles of the shorter one (containment), computed exactly for
    every pair that shares at least two rare shingles (found in 2 to
    ``max_df`` articles), so no n x n comparison is made. The shingling runs
    ``WIRE_CHUNK`` articles at a time where ``scheduler`` says; the candidate
    pairs are compared in blocks of ``WIRE_BLOCK`` shingles. Columns:
    ``article_id_a``, ``article_id_b``, ``outlet_a``, ``outlet_b``,
    ``shared_fraction``, ``containment_a``, ``containment_b``, ``n_shared``,
    sorted by descending shared fraction.
    """
    texts = articles["text"].tolist()
    chunks = [
        (texts[lo : lo + WIRE_CHUNK], shingle_size) for lo in range(0, len(texts), WIRE_CHUNK)
    ]
    parts = map_chunks(
        _shingle_chunk,
        chunks,
        n_jobs=n_jobs,
        scheduler=scheduler,
        progress=progress,
        sizes=[len(c[0]) for c in chunks],
        desc="wire copies",
        unit="articles",
    )
    lengths = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, dtype=np.int64)
    if lengths.sum() == 0:
        return pd.DataFrame(columns=WIRE_COLUMNS)
    flat = np.concatenate([p[1] for p in parts])
    del parts
    # candidates: pairs sharing at least two rare shingles (a sparse product over rare columns only)
    codes, _ = pd.factorize(flat)
    del flat
    df = np.bincount(codes)
    rows = np.repeat(np.arange(len(lengths)), lengths)
    rare = _columns(codes, rows, (df >= 2) & (df <= max_df), len(lengths))
    # only ANDed and summed: a byte each
    frequent = _columns(codes, rows, df > max_df, len(lengths), dtype=bool)
    del codes, rows
    C = sparse.triu(rare @ rare.T, k=1).tocoo()
    outlets = articles["outlet"].to_numpy()
    ids = articles["article_id"].to_numpy()
    cand = (C.data >= 2) & (outlets[C.row] != outlets[C.col])
    r, c, n = C.row[cand], C.col[cand], C.data[cand].astype("int64")
    # exact containment: the rare shingles a pair shares, plus the frequent ones (a shingle in one article
    # only is shared by none); pairs that cannot reach min_shared even sharing every frequent one are dropped first
    shorter = np.maximum(np.minimum(lengths[r], lengths[c]), 1)
    n_frequent = np.diff(frequent.indptr)
    possible = (n + np.minimum(n_frequent[r], n_frequent[c])) / shorter >= min_shared
    r, c, n, shorter = r[possible], c[possible], n[possible], shorter[possible]
    n = n + _shared_frequent(frequent, r, c)
    frac = n / shorter
    keep = frac >= min_shared
    r, c, n = r[keep], c[keep], n[keep]
    out = pd.DataFrame(
        {
            "article_id_a": ids[r],
            "article_id_b": ids[c],
            "outlet_a": outlets[r],
            "outlet_b": outlets[c],
            "shared_fraction": frac[keep],
            "containment_a": n / np.maximum(lengths[r], 1),
            "containment_b": n / np.maximum(lengths[c], 1),
            "n_shared": n,
        }
    )
    return out.sort_values(
        ["shared_fraction", "article_id_a", "article_id_b"],
        ascending=[False, True, True],
        ignore_index=True,
    )


@needs(pairs=["article_id_a", "article_id_b"])
def wire_copy_ids(pairs: pd.DataFrame) -> set:
    """Every article id that appears in a wire-copy pair, to leave out of the term contrasts.

    Parameters
    ----------
    pairs : DataFrame
        :func:`analysis.find_wire_copies`'s table (``article_id_a``, ``article_id_b``).

    Returns
    -------
    set
        The ids, for ``contrast_terms(exclude=...)``.
    """
    return set(pairs["article_id_a"]) | set(pairs["article_id_b"])


# ---------------------------------------------------------------- one event
@needs(articles=["event"])
@shared_docs
def event_labels(articles: pd.DataFrame) -> dict:
    """A readable label for every event.

    Parameters
    ----------
    {articles}

    Returns
    -------
    dict
        Event id to label; an event without a label is named by its id.
    """
    labels = _labels(articles)
    return {e: labels.get(e, e) for e in articles["event"].dropna().unique()}


@needs(articles=["article_id", "outlet", "event", "published"])
@shared_docs
def most_covered_event(articles: pd.DataFrame):
    """The event most outlets covered (then most articles, earliest, smallest id).

    Parameters
    ----------
    {articles}

    Returns
    -------
    object
        The event's id. Raises :class:`analysis.EventsError` when no article has an event.
    """
    known = articles.dropna(subset=["event"])
    if known.empty:
        raise EventsError("no article has an event: group them first (analysis.group_events)")
    stats = (
        known.groupby("event")
        .agg(
            n_outlets=("outlet", "nunique"),
            n_articles=("article_id", "size"),
            first=("published", "min"),
        )
        .reset_index()
    )
    stats = stats.sort_values(
        ["n_outlets", "n_articles", "first", "event"],
        ascending=[False, False, True, True],
        na_position="last",
    )
    return stats["event"].iloc[0]


@needs(
    articles=["article_id", "outlet", "event", "published", "title", "text"],
    sentences=["article_id", "text", "compound", "quoted_share"],
)
@shared_docs
def side_by_side(articles: pd.DataFrame, sentences: pd.DataFrame, *, event) -> pd.DataFrame:
    """The articles on one event, one row each, to read side by side.

    Parameters
    ----------
    {articles}
    {sentences}
    event : object
        The event's id (:func:`analysis.most_covered_event`, say).

    Returns
    -------
    DataFrame
        ``article_id``, ``outlet``, ``published``, ``title``, ``lede`` (first sentence), ``n_words``,
        ``n_sentences``, ``compound_mean`` and ``quoted_share`` (of sentences), by outlet and date. Raises
        :class:`analysis.EventsError` when no article covers ``event``.
    """
    arts = articles[articles["event"] == event]
    if arts.empty:
        raise EventsError(f"no article covers event {event!r}")
    sents = sentences[sentences["article_id"].isin(arts["article_id"])]
    if "language" in sents:  # VADER reads English only: other languages' articles have no tone
        sents = sents.assign(compound=sents["compound"].where(sents["language"].eq(ENGLISH)))
    per = sents.groupby("article_id").agg(
        lede=("text", "first"),
        n_sentences=("text", "size"),
        compound_mean=("compound", "mean"),
        quoted_share=("quoted_share", "mean"),
    )
    table = arts.set_index("article_id")[["outlet", "published", "title"]].join(per)
    table["n_words"] = word_counts(arts.set_index("article_id")["text"])
    cols = [
        "outlet",
        "published",
        "title",
        "lede",
        "n_words",
        "n_sentences",
        "compound_mean",
        "quoted_share",
    ]
    return table[cols].sort_values(["outlet", "published"]).reset_index()
