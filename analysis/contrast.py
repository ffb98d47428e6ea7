"""Which terms each outlet prefers: log-odds with an informative Dirichlet prior, and TF-IDF contrasts.

Every outlet is compared with the rest (one-vs-rest), in one table, for any
number of outlets. The article x term matrix is built once by
scikit-learn's CountVectorizer and stays sparse; group totals come from
sparse sums.
"""
from __future__ import annotations

import logging
import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from scipy import sparse
from scipy.stats import false_discovery_control, norm
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

from .parallel import LOCAL, SERIAL, map_chunks, resolve_scheduler
from .tables import InsufficientData, needs, require_columns

log = logging.getLogger(__name__)
CONTRAST_COLUMNS = ["scope", "outlet", "term", "count", "count_rest", "total", "total_rest", "prior",
                    "log_odds", "z", "tfidf_diff", "q"]
#: A token starts with a letter, has two or more characters, and may hold inner hyphens (us-russia).
TOKEN_PATTERN = r"(?u)\b[^\W\d_](?:[^\W_]+(?:-[^\W_]+)*|(?:-[^\W_]+)+)\b"
_POSSESSIVE = re.compile(r"['\u2019](?<=\w['\u2019])s\b")  # the quote first: the engine scans for it fast
DEFAULT_PRIOR_SCALE = 0.1  # see README: with 0.01 a term only one outlet uses can hardly reach |z| > 1.96


class ContrastError(ValueError):
    """A comparison that cannot be made as asked (a bad prior or scope)."""


class NothingToCompare(ContrastError, InsufficientData):
    """The corpus holds too little to compare (fewer than two outlets with usable terms)."""


def preprocess(text: str) -> str:
    """Lowercase and drop possessive 's (Trump's -> trump), as the vectorizer sees text."""
    return _POSSESSIVE.sub("", text.lower())


def make_vectorizer(*, stop_words="english", ngram_range=(1, 2), min_df=2, **params) -> CountVectorizer:
    """The project's CountVectorizer; any scikit-learn parameter can be overridden by name."""
    params = {"token_pattern": TOKEN_PATTERN, "preprocessor": preprocess, "lowercase": False,
              "dtype": np.int32, **params}
    return CountVectorizer(stop_words=stop_words, ngram_range=tuple(ngram_range), min_df=min_df, **params)


CHUNK = 1_000  # articles counted per piece of work
PARALLEL_MIN = 10  # chunks: smaller inputs are counted in one go, faster than merging chunks (bench_parallel.py)
BATCH = 16  # comparisons summed per sparse x dense product: bounds memory whatever the number of events


def _count_chunk(work: tuple[list[str], dict]) -> tuple[sparse.csr_matrix, pa.Array]:
    texts, params = work
    vectorizer = make_vectorizer(**{**params, "min_df": 1, "max_df": 1.0})
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # this chunk alone has no term
        return sparse.csr_matrix((len(texts), 0), dtype=np.int32), pa.array([], type=pa.large_string())
    # terms travel back as one Arrow buffer, not millions of Python strings
    return matrix.tocsr(), pa.array(vectorizer.get_feature_names_out(), type=pa.large_string())


def _merge_chunks(parts, min_df, max_df) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Stack per-chunk counts on one vocabulary, then apply min_df/max_df as scikit-learn does.
    Empties ``parts`` as it goes, so each chunk's memory is released once remapped."""
    names = pa.chunked_array([p[1] for p in parts], type=pa.large_string()).combine_chunks().dictionary_encode()
    codes = names.indices.to_numpy(zero_copy_only=False).astype(np.int32)
    vocab = names.dictionary
    blocks, offset = [], 0
    while parts:
        matrix, local = parts.pop(0)
        remap = codes[offset:offset + len(local)]
        offset += len(local)
        blocks.append(sparse.csr_matrix((matrix.data, remap[matrix.indices], matrix.indptr),
                                        shape=(matrix.shape[0], len(vocab))))
        del matrix
    counts = sparse.vstack(blocks, format="csr")
    del blocks
    n_docs = counts.shape[0]
    df = np.bincount(counts.indices, minlength=len(vocab))
    low = min_df if isinstance(min_df, (int, np.integer)) else min_df * n_docs
    high = max_df if isinstance(max_df, (int, np.integer)) else max_df * n_docs
    keep = np.flatnonzero((df >= low) & (df <= high))
    if not len(keep):
        raise ValueError("After pruning, no terms remain")
    kept = vocab.take(pa.array(keep))
    order = keep[pc.array_sort_indices(kept).to_numpy()]  # terms sorted, as scikit-learn sorts them
    new_index = np.full(len(vocab), -1, dtype=np.int32)
    new_index[order] = np.arange(len(order))
    mapped = new_index[counts.indices]
    ok = mapped >= 0
    indptr = np.concatenate([[0], np.cumsum(ok)])[counts.indptr]  # kept entries before each row's start
    result = sparse.csr_matrix((counts.data[ok], mapped[ok], indptr), shape=(n_docs, len(order)))
    result.sort_indices()
    return result, vocab.take(pa.array(order)).to_numpy(zero_copy_only=False)


@needs(articles=["text"])
def count_terms(articles: pd.DataFrame, *, n_jobs: int | None = None, scheduler=None, progress: bool | None = None,
                **vectorizer_params) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Sparse article x term counts of ``articles["text"]`` and the terms (columns), in article order.

    scikit-learn's CountVectorizer counts. From ``PARALLEL_MIN`` chunks of
    ``CHUNK`` articles on, the chunks are counted where ``scheduler`` says
    (this machine's ``n_jobs`` processes by default, or a Dask cluster; see
    :mod:`analysis.parallel`) and merged on one vocabulary: the same result.
    """
    texts = articles["text"].tolist()
    params = dict(vectorizer_params)
    chunkable = not {"vocabulary", "max_features"} & set(params)
    vectorizer = make_vectorizer(**params)
    where = resolve_scheduler(scheduler)
    try:
        if n_jobs == 1 and where == LOCAL or where == SERIAL or not chunkable or len(texts) < PARALLEL_MIN * CHUNK:
            matrix = vectorizer.fit_transform(texts)
            return matrix.tocsr(), vectorizer.get_feature_names_out()
        chunks = [(texts[i:i + CHUNK], params) for i in range(0, len(texts), CHUNK)]
        parts = map_chunks(_count_chunk, chunks, n_jobs=n_jobs, scheduler=where, progress=progress,
                           sizes=[len(c[0]) for c in chunks], desc="counting terms", unit="article")
        return _merge_chunks(parts, vectorizer.min_df, vectorizer.max_df)
    except ValueError as err:  # scikit-learn: empty vocabulary, or min_df pruned everything
        raise NothingToCompare(f"no term is left to compare ({err}); lower min_df (now "
                               f"{vectorizer.min_df}) or check the texts") from None


def log_odds_dirichlet(y_i, y_j, alpha) -> tuple[np.ndarray, np.ndarray]:
    """Monroe, Colaresi & Quinn (2008) log-odds ratio with Dirichlet prior: ``(delta, z)``.

    ``delta_w = log((y_i+a_w)/(n_i+a_0-y_i-a_w)) - log((y_j+a_w)/(n_j+a_0-y_j-a_w))``,
    ``var_w ~ 1/(y_i+a_w) + 1/(y_j+a_w)``, ``z_w = delta_w / sqrt(var_w)``,
    with ``n`` the totals and ``a_0`` the sum of the prior ``a``.
    """
    y_i, y_j, alpha = (np.asarray(v, dtype="float64") for v in (y_i, y_j, alpha))
    a0, n_i, n_j = alpha.sum(), y_i.sum(), y_j.sum()
    delta = (np.log(y_i + alpha) - np.log(n_i + a0 - y_i - alpha)
             - np.log(y_j + alpha) + np.log(n_j + a0 - y_j - alpha))
    z = delta / np.sqrt(1.0 / (y_i + alpha) + 1.0 / (y_j + alpha))
    return delta, z


def _prior(counts: np.ndarray, prior, scale: float, terms: np.ndarray) -> np.ndarray:
    if isinstance(prior, str):
        if prior != "informative":
            raise ContrastError(f"prior must be 'informative', a number or per-term counts, not {prior!r}")
        return counts * scale
    if np.isscalar(prior):
        if not prior > 0:
            raise ContrastError(f"a uniform prior must be positive, not {prior!r}")
        return np.full(len(terms), float(prior))
    series = pd.Series(prior, dtype="float64").reindex(terms)
    if series.isna().any() or (series <= 0).any():
        raise ContrastError("a per-term prior must give every term a positive count")
    return series.to_numpy()


def _comparisons(articles: pd.DataFrame, scope: str, by: str):
    """(scope label, outlet, mask of the outlet's articles, mask of the rest) for one scope."""
    groups = articles[by].to_numpy()
    outlets = sorted(pd.unique(groups))
    if scope == "all":
        for outlet in outlets:
            yield "all", outlet, groups == outlet, groups != outlet
        return
    codes, events = pd.factorize(articles["event"])  # integer codes: -1 where no event
    if scope not in ("matched", "events") and scope not in set(events):
        raise ContrastError(f"scope {scope!r} is neither 'all', 'matched', 'events' nor an event id")
    group_codes, _ = pd.factorize(articles[by])
    pairs = np.unique(np.stack([codes, group_codes])[:, codes >= 0], axis=1)
    shared = np.bincount(pairs[0], minlength=len(events)) >= 2  # events covered by two or more outlets
    if scope == "matched":
        for outlet in outlets:
            own = groups == outlet
            mine = np.zeros(len(events), dtype=bool)
            mine[np.unique(codes[own & (codes >= 0)])] = True
            in_events = (codes >= 0) & (mine & shared)[np.maximum(codes, 0)]
            yield "matched", outlet, own & in_events, ~own & in_events
        return
    chosen = sorted(events[shared]) if scope == "events" else [scope]
    for event in chosen:
        in_event = codes == events.get_loc(event)
        for outlet in sorted(pd.unique(groups[in_event])):
            yield str(event), outlet, in_event & (groups == outlet), in_event & (groups != outlet)


@needs(articles=["text"])
def contrast_terms(articles: pd.DataFrame, *, by: str = "outlet", scope="all", prior="informative",
                   prior_scale: float = DEFAULT_PRIOR_SCALE, exclude=None, n_jobs: int | None = None,
                   scheduler=None, **vectorizer_params) -> pd.DataFrame:
    """One-vs-rest term contrasts of every outlet: the full table, every term.

    Columns: ``scope``, ``outlet``, ``term``, ``count`` (the outlet's),
    ``count_rest``, ``total``, ``total_rest`` (all terms), ``prior``
    (``a_w``), ``log_odds`` (``delta_w``), ``z``, ``tfidf_diff`` (the
    outlet's mean TF-IDF weight minus the rest's) and ``q`` (Benjamini-Hochberg
    q-value of the two-sided p of ``z`` over every term of that comparison:
    read ``q < 0.05`` as "distinctive, with at most 5% false discoveries
    among such terms"; a lone ``|z| > 1.96`` over thousands of terms is
    not). Sorted by scope, outlet and descending ``z``.

    ``scope``: ``"all"``; ``"matched"`` (each outlet against the others only
    on events they share, and only its articles on those events);
    ``"events"`` (within each event covered by two or more outlets); an
    event id; or a list of these. ``prior``: ``"informative"`` (each term's
    count over the comparison x ``prior_scale``), a number (uniform), or
    per-term counts. ``exclude``: article ids to leave out (e.g.
    :func:`analysis.wire_copy_ids`). ``n_jobs``, ``scheduler``: where the
    counting runs (see :func:`count_terms`). Other keywords go to scikit-learn's
    CountVectorizer (``stop_words``, ``ngram_range``, ``min_df``, ...).

    An outlet with no usable term (after stop words and ``min_df``) is left
    out, and ``table.attrs["notes"]`` says so; :class:`NothingToCompare`
    (an :class:`~analysis.InsufficientData`) when fewer than two outlets
    are left or the scope leaves nothing to compare.
    """
    scopes = [scope] if isinstance(scope, str) else list(scope)
    require_columns(articles, [by] + (["event"] if set(scopes) != {"all"} else [])
                    + (["article_id"] if exclude is not None else []), "contrast_terms")
    if exclude is not None:
        articles = articles[~articles["article_id"].isin(set(exclude))]
    _need_two_outlets(pd.unique(articles[by]))
    articles = articles.reset_index(drop=True)
    counts, terms = count_terms(articles, n_jobs=n_jobs, scheduler=scheduler, **vectorizer_params)
    per_outlet = pd.Series(np.asarray(counts.sum(axis=1)).ravel()).groupby(articles[by].to_numpy()).sum()
    notes = []
    if (per_outlet == 0).any():  # nothing to compare for them: their articles leave the comparison
        empty = list(per_outlet.index[per_outlet == 0])
        notes.append(f"left out of the contrasts, with no usable terms after stop words and min_df: "
                     f"{', '.join(map(repr, empty))} (lower min_df to keep them)")
        log.warning(notes[-1])
        keep = ~articles[by].isin(empty).to_numpy()
        articles, counts = articles[keep].reset_index(drop=True), counts[np.flatnonzero(keep)]
        _need_two_outlets(pd.unique(articles[by]), why=" with usable terms")
    comparisons = [c for one in scopes for c in _comparisons(articles, one, by) if c[2].any() and c[3].any()]
    if not comparisons:
        raise NothingToCompare(f"scope {scope!r} leaves no outlet with anything to compare against"
                               + (" (no event is covered by two outlets)" if set(scopes) - {"all"} else ""))
    idf, inverse_norms = _tfidf_scaling(counts)
    parts = []
    for start in range(0, len(comparisons), BATCH):
        batch = comparisons[start:start + BATCH]
        cols, sums, means = _group_sums(counts, [m for c in batch for m in c[2:]], idf, inverse_norms)
        parts += [_contrast_one(sums[:, 2 * k], sums[:, 2 * k + 1], means[:, 2 * k] - means[:, 2 * k + 1],
                                cols, terms, prior, prior_scale) for k in range(len(batch))]
    table = _assemble(parts, [c[:2] for c in comparisons], terms)
    table.attrs["notes"] = notes
    return table


def _need_two_outlets(outlets, why: str = "") -> None:
    if len(outlets) < 2:
        raise NothingToCompare(f"contrasts need at least two outlets{why}; found {len(outlets)} "
                               f"({', '.join(map(repr, outlets)) or 'none'})")


def _tfidf_scaling(counts) -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's idf (smooth) and each article's 1 / l2 norm of ``tf * idf`` (0 for an empty one).

    A TF-IDF weight is ``tf * idf / norm``, so a group's mean weight is
    ``idf * sum_d(tf_d / norm_d) / n``: the weighted matrix is never built.
    """
    idf = TfidfTransformer().fit(counts).idf_
    scaled = counts.data.astype("float64") * idf[counts.indices]
    squares = sparse.csr_matrix((scaled ** 2, counts.indices, counts.indptr), shape=counts.shape, copy=False)
    norms = np.sqrt(np.asarray(squares.sum(axis=1)).ravel())
    return idf, np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)


def _group_sums(counts, masks: list[np.ndarray], idf, inverse_norms):
    """``(columns, sums, means)``: for each mask, term counts summed over its articles and mean
    TF-IDF weights, for the term columns given, in one sparse x dense product.

    When the masks cover few articles (one event), only those rows and the
    terms they use are multiplied, so per-event scopes stay cheap.
    """
    M = np.stack(masks, axis=1)
    rows = np.flatnonzero(M.any(axis=1))
    cols = np.arange(counts.shape[1])
    if len(rows) < counts.shape[0] // 2:
        counts, inverse_norms, M = counts[rows], inverse_norms[rows], M[rows]
        cols = np.unique(counts.indices)
        counts = counts[:, cols]
    M = M.astype("float64")
    sums = np.asarray(counts.T @ M)
    means = np.asarray(counts.T @ (M * inverse_norms[:, None] / M.sum(axis=0))) * idf[cols][:, None]
    return cols, sums, means


def _assemble(parts: list[dict], keys: list[tuple], terms: np.ndarray) -> pd.DataFrame:
    """One table from the comparisons' columns, copied once; scope, outlet and term are categories
    (the terms' categories are sorted, so sorting by term is alphabetical)."""
    sizes = [len(p["z"]) for p in parts]
    table = {}
    for i, name in enumerate(("scope", "outlet")):
        index = {v: j for j, v in enumerate(dict.fromkeys(k[i] for k in keys))}
        codes = np.repeat([index[k[i]] for k in keys], sizes)
        table[name] = pd.Categorical.from_codes(codes, categories=list(index))
    table["term"] = pd.Categorical.from_codes(np.concatenate([p["where"] for p in parts]),
                                              categories=pd.Index(terms, dtype=object))
    for name in CONTRAST_COLUMNS[3:]:
        table[name] = np.concatenate([p[name] for p in parts])
    return pd.DataFrame(table)


def _contrast_one(y_i, y_j, tfidf, cols, terms, prior, scale) -> dict[str, np.ndarray]:
    """One comparison over the term columns ``cols`` (sorted); terms neither side uses are left out."""
    present = (y_i + y_j) > 0
    if present.sum() < 2:  # one term alone has no odds against the others (log 0): nothing to contrast
        present[:] = False
    alpha = _prior(y_i + y_j, prior, scale, terms[cols])
    delta, z = log_odds_dirichlet(y_i[present], y_j[present], alpha[present])
    # terms are sorted alphabetically, so a stable sort on -z breaks ties by term
    order = np.argsort(-z, kind="stable")
    where = np.flatnonzero(present)[order]
    n = len(where)
    # Benjamini-Hochberg over every term of this comparison, from the two-sided p of z
    q = false_discovery_control(2 * norm.sf(np.abs(z[order])), method="bh") if n else np.zeros(0)
    return {"where": cols[where].astype(np.int32), "count": y_i[where].astype("int64"),
            "count_rest": y_j[where].astype("int64"), "total": np.full(n, int(y_i.sum())),
            "total_rest": np.full(n, int(y_j.sum())), "prior": alpha[where], "log_odds": delta[order],
            "z": z[order], "tfidf_diff": tfidf[where], "q": q}


@needs(contrasts=["scope", "outlet", "term", "count"])
def top_terms(contrasts: pd.DataFrame, *, n: int = 10, by: str = "z", min_count: int = 1) -> pd.DataFrame:
    """The ``n`` most distinctive terms per (scope, outlet) by ``by``, for plots and summaries."""
    kept = contrasts[contrasts["count"] >= min_count]
    return (kept.sort_values(["scope", "outlet", by, "term"], ascending=[True, True, False, True], kind="stable")
            .groupby(["scope", "outlet"], sort=False).head(n).reset_index(drop=True))


@needs(articles=["event", "outlet", "text"])
def contrast_event(articles: pd.DataFrame, *, event, min_df: int = 1, **params) -> pd.DataFrame:
    """Contrasts within one event (scope = the event id); :class:`NothingToCompare` when fewer
    than two outlets covered it."""
    within = articles[articles["event"] == event]
    if within["outlet"].nunique() < 2:
        raise NothingToCompare(f"only {within['outlet'].nunique()} outlet covered event {event!r}: "
                               f"there is no other outlet to compare its words with")
    return contrast_terms(within, scope=event, min_df=min_df, **params)


@needs(articles=["outlet"])
def default_pair(articles: pd.DataFrame) -> tuple[str, str]:
    """The two outlets with the most articles (ties broken by name), for two-outlet views."""
    counts = articles["outlet"].value_counts()
    ranked = sorted(counts.index, key=lambda o: (-counts[o], o))
    if len(ranked) < 2:
        raise NothingToCompare(f"a two-outlet comparison needs two outlets; found {len(ranked)}")
    return ranked[0], ranked[1]
