"""Which terms each outlet prefers: log-odds with an informative Dirichlet prior, and TF-IDF contrasts.

Every outlet is compared with the rest (one-vs-rest), in one table, for any
number of outlets. scikit-learn's CountVectorizer counts the articles a
chunk at a time; only sums are kept (see :func:`contrast_terms`), so the
article x term matrix is never held whole.
"""
from __future__ import annotations

import itertools
import logging
import os
import queue
import re
import shutil
import tempfile
import threading
from numbers import Integral
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from scipy import sparse
from scipy.stats import false_discovery_control, norm
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

from .errors import ContrastError, NothingToCompare
from .evidence import article_p, hypergeometric_moments, mantel_haenszel_z, stratified_moments
from .parallel import LOCAL, SERIAL, capacity, map_chunks, progress_bar, resolve_scheduler
from .tables import needs, require_columns

log = logging.getLogger(__name__)
CONTRAST_COLUMNS = ["scope", "outlet", "term", "count", "count_rest", "n_articles", "n_articles_rest", "total",
                    "total_rest", "total_articles", "total_articles_rest", "prior", "log_odds", "z_tokens", "z", "q",
                    "tfidf_diff"]
_WHOLE = ("count", "count_rest", "n_articles", "n_articles_rest", "total", "total_rest", "total_articles",
          "total_articles_rest")  # whole numbers; the other computed columns are floats
#: A token starts with a letter, has two or more characters, and may hold inner hyphens (us-russia).
TOKEN_PATTERN = r"(?u)\b[^\W\d_](?:[^\W_]+(?:-[^\W_]+)*|(?:-[^\W_]+)+)\b"
_POSSESSIVE = re.compile(r"['\u2019](?<=\w['\u2019])s\b")  # the quote first: the engine scans for it fast
DEFAULT_PRIOR_SCALE = 0.1  # see docs/methods.md: with 0.01 a term only one outlet uses can hardly reach |z| > 1.96


#: A dotted acronym ("F.B.I.", "U.S."), or an undotted one that would otherwise read as a stop word ("US",
#: "UN", "WHO"; not inside a run of capitals, where it is a shouted word). Found in two steps, so that a text
#: is scanned by two plain patterns and only their few matches are looked at closely (10x faster than one
#: pattern with look-behinds): the ``_ACRONYM`` pattern says what counts.
_ACRONYM = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}(?![A-Za-z])|(?<![A-Z]\s)\b(?:US|UN|WHO)\b(?!\s[A-Z]{2})")
_DOTTED = re.compile(r"[A-Z]\.[A-Z]\.")
_STOP_ACRONYM = re.compile(r"\b(?:US|UN|WHO)\b")


def acronyms(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` of every acronym of ``text`` as ``_ACRONYM`` finds them, in order: its letters,
    lowercased ("fbi", as "FBI" reads), or in capitals where its lower case is a stop word ("US", kept apart
    from the pronoun "us")."""
    found, last = [], -1
    for candidate in (*_DOTTED.finditer(text), *_STOP_ACRONYM.finditer(text)):  # then looked at closely
        match = _ACRONYM.match(text, candidate.start())
        if match is not None:
            found.append(match)
    out = []
    for match in sorted(found, key=lambda m: m.start()):
        if match.start() < last:  # "U.S.A." seen again from "S.A."
            continue
        last = match.end()
        letters = match.group().replace(".", "")
        out.append((match.start(), match.end(), letters if letters.lower() in ENGLISH_STOP_WORDS else letters.lower()))
    return out


def fold(text: str) -> str:
    """``text`` lowercased, with acronyms as one word each (:func:`acronyms`): "F.B.I." and "FBI" both read
    "fbi", "U.S." and "US" both read "US", and the pronoun "us" stays "us"."""
    found = acronyms(text)
    if not found:
        return text.lower()
    pieces, last = [], 0
    for start, end, word in found:
        pieces += [text[last:start].lower(), word]
        last = end
    return "".join(pieces) + text[last:].lower()


def preprocess(text: str) -> str:
    """The text as the vectorizer sees it: :func:`fold` (lowercase, acronyms as one word), possessive 's
    dropped (Trump's -> trump)."""
    return _POSSESSIVE.sub("", fold(text))


AUTO_MIN_DF = 100_000  # min_df="auto": a term must be in two articles, and in one of every this many


def auto_min_df(n_articles: int) -> int:
    """``contrast_terms``'s default ``min_df``: 2, or one article in ``AUTO_MIN_DF`` where that is more (3 for
    250,000 articles, 10 for a million), so that the table grows with the corpus's common vocabulary, not
    with its rare word pairs."""
    return max(2, -(-int(n_articles) // AUTO_MIN_DF))


def make_vectorizer(*, stop_words="english", ngram_range=(1, 2), min_df=2, **params) -> CountVectorizer:
    """The project's CountVectorizer; any scikit-learn parameter can be overridden by name."""
    params = {"token_pattern": TOKEN_PATTERN, "preprocessor": preprocess, "lowercase": False,
              "dtype": np.int32, **params}
    return CountVectorizer(stop_words=stop_words, ngram_range=tuple(ngram_range), min_df=min_df, **params)


CHUNK = 1_000  # articles counted per piece of work
PARALLEL_MIN = 10  # chunks: smaller inputs are counted in one go by count_terms, faster than merging chunks
ROUND = 32  # chunks handed out at once by contrast_terms: bounds the texts and counts in flight
SPILL = 256 * 2**20  # bytes of chunk counts kept in memory between contrast_terms' two passes; the rest go to disk
FOLD = 1 << 23  # summed entries waiting before they are folded into the running sums
DENSE_MIN = 1_000  # articles on one side of a comparison from which its sums are kept dense ...
DENSE_BYTES = 2**30  # ... the largest sides first, as long as their dense counts and weights fit in this


class _Sums:
    """Row x term sums added one chunk at a time (rows: the sides of the comparisons).

    Rows marked ``dense`` (sides of many articles: an outlet, the rest) are
    columns of a terms x sides numpy array, added to by one sparse x dense
    product per chunk; the others (one event's articles) stay sparse, their
    pieces folded into the running total once they hold ``FOLD`` entries or
    as many as the total."""

    def __init__(self, width: int, dense: np.ndarray):
        self.width, self.n_rows = width, len(dense)
        self.dense_rows, self.sparse_rows = np.flatnonzero(dense), np.flatnonzero(~dense)
        self.dense = np.zeros((width, len(self.dense_rows)))
        self.total, self.pending, self.waiting = None, [], 0

    def add(self, chunk: sparse.csr_matrix, cols: np.ndarray, sides: sparse.csr_matrix) -> None:
        """Add a chunk: ``chunk`` (articles x its own terms), ``cols`` (those terms' columns, sorted) and
        ``sides`` (articles x sides, 1 where an article is on a side)."""
        if len(self.dense_rows):
            self.dense[cols] += chunk.T @ sides[:, self.dense_rows].toarray()
        if len(self.sparse_rows):
            rest = sides[:, self.sparse_rows].T.tocsr() @ chunk
            rest = sparse.csr_matrix((rest.data, cols[rest.indices], rest.indptr),
                                     shape=(len(self.sparse_rows), self.width))
            self.pending.append(rest)
            self.waiting += rest.nnz
            if self.waiting >= max(FOLD, self.total.nnz if self.total is not None else 0):
                self._fold()

    def _fold(self) -> None:
        if not self.pending:
            return
        pieces = self.pending
        while len(pieces) > 1:  # pairwise, then into the total: one pass over the total per fold, not per piece
            pieces = [pieces[k] + pieces[k + 1] if k + 1 < len(pieces) else pieces[k] for k in range(0, len(pieces), 2)]
        self.total = pieces[0] if self.total is None else self.total + pieces[0]
        self.pending, self.waiting = [], 0

    def columns(self, rows) -> np.ndarray:
        """The term columns any of ``rows`` holds, sorted."""
        self._fold()
        slots = [self._slot(row) for row in rows]
        held = [self.total.indices[self.total.indptr[r]:self.total.indptr[r + 1]]
                for r in np.searchsorted(self.sparse_rows, [row for row, slot in zip(rows, slots) if slot is None])
                ] if self.total is not None else []
        if all(slot is None for slot in slots):  # sparse rows only (one event's): no pass over every term
            return np.unique(np.concatenate(held)) if held else np.zeros(0, dtype=np.int64)
        found = np.zeros(self.width, dtype=bool)
        for slot in slots:
            if slot is not None:
                found |= self.dense[:, slot] != 0
        for cols in held:
            found[cols] = True
        return np.flatnonzero(found)

    def at(self, row: int, cols: np.ndarray) -> np.ndarray:
        """A row's sums on ``cols`` (sorted, holding every column the row holds)."""
        slot = self._slot(row)
        if slot is not None:
            return self.dense[cols, slot]
        self._fold()
        values = np.zeros(len(cols))
        if self.total is not None:
            r = np.searchsorted(self.sparse_rows, row)
            span = slice(self.total.indptr[r], self.total.indptr[r + 1])
            values[np.searchsorted(cols, self.total.indices[span])] = self.total.data[span]
        return values

    def _slot(self, row: int) -> int | None:
        slot = int(np.searchsorted(self.dense_rows, row))
        return slot if slot < len(self.dense_rows) and self.dense_rows[slot] == row else None


class _Spill:
    """Each chunk's counts between the two passes: in memory up to ``SPILL`` bytes, then in a temporary folder."""

    def __init__(self):
        self.items, self.size, self.folder = [], 0, None

    def put(self, matrix: sparse.csr_matrix) -> None:
        size = matrix.data.nbytes + matrix.indices.nbytes + matrix.indptr.nbytes
        if self.size + size <= SPILL:
            self.size += size
            self.items.append(matrix)
            return
        if self.folder is None:
            _remove_stale_spills()
            self.folder = tempfile.TemporaryDirectory(prefix=f"{SPILL_PREFIX}{os.getpid()}-")
        path = Path(self.folder.name) / f"{len(self.items):06d}.npz"
        sparse.save_npz(path, matrix, compressed=False)
        self.items.append(path)

    def __iter__(self):
        for item in self.items:
            yield item if sparse.issparse(item) else sparse.load_npz(item).tocsr()

    def close(self) -> None:
        if self.folder is not None:
            self.folder.cleanup()


SPILL_PREFIX = "framing-contrast-"


class _Counted:
    """One contrasts call's per-article term counts: every term seen (``names``, by code), the counts of
    each chunk of ``CHUNK`` articles on those codes (``spill``) and the rows they are of (``rows``, sorted
    positions in the articles compared)."""

    def __init__(self, names: pa.Array, spill: _Spill, rows: np.ndarray):
        self.names, self.spill, self.rows = names, spill, rows

    def take(self, positions: np.ndarray, spill: _Spill) -> tuple[pa.Array, np.ndarray, np.ndarray]:
        """The counts of the rows at ``positions`` (all among ``rows``, sorted), put into ``spill`` in chunks of
        ``CHUNK`` of them, as a first pass over their texts puts them; returns ``(names, df, tf)`` over them."""
        n = len(self.names)
        df, tf = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
        wanted = np.searchsorted(self.rows, positions)  # their places among the kept rows
        held: list[sparse.csr_matrix] = []
        n_held = lo = 0

        def put(matrix: sparse.csr_matrix) -> None:
            df[:] += np.bincount(matrix.indices, minlength=n)
            tf[:] += np.bincount(matrix.indices, weights=matrix.data, minlength=n).astype(np.int64)
            spill.put(matrix)

        for matrix in self.spill:
            hi = lo + matrix.shape[0]
            a, b = np.searchsorted(wanted, [lo, hi])
            part = sparse.csr_matrix((matrix.data, matrix.indices, matrix.indptr), shape=(matrix.shape[0], n))[wanted[a:b] - lo]
            lo = hi
            start = 0
            while start < part.shape[0]:
                step = min(CHUNK - n_held, part.shape[0] - start)
                held.append(part[start:start + step])
                n_held, start = n_held + step, start + step
                if n_held == CHUNK:
                    put(sparse.vstack(held, format="csr"))
                    held, n_held = [], 0
        if n_held:
            put(sparse.vstack(held, format="csr"))
        return self.names, df, tf


def _remove_stale_spills() -> list[Path]:
    """Remove the spill folders of contrast runs whose process is gone (killed by a signal, which skips
    their clean-up); the folders of running processes stay. Not on Windows, where signal 0 is Ctrl-C."""
    removed = []
    if os.name == "nt":
        return removed
    for path in Path(tempfile.gettempdir()).glob(f"{SPILL_PREFIX}*-*"):
        pid = path.name[len(SPILL_PREFIX):].split("-")[0]
        if not pid.isdigit() or _running(int(pid)):
            continue
        shutil.rmtree(path, ignore_errors=True)
        log.info("removed %s, left by a contrast run that was stopped", path)
        removed.append(path)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _count_chunk(work: tuple[list[str], dict]) -> tuple[sparse.csr_matrix, pa.Array]:
    texts, params = work
    vectorizer = make_vectorizer(**{**params, "min_df": 1, "max_df": 1.0, "max_features": None})
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
    """(scope label, outlet, positions of the outlet's articles, positions of the rest) for one scope."""
    groups = articles[by].to_numpy()
    outlets = sorted(pd.unique(groups))
    if scope == "all":
        for outlet in outlets:
            own = groups == outlet
            yield "all", outlet, np.flatnonzero(own), np.flatnonzero(~own)
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
            yield "matched", outlet, np.flatnonzero(own & in_events), np.flatnonzero(~own & in_events)
        return
    chosen = sorted(events[shared]) if scope == "events" else [scope]
    by_event = np.argsort(codes, kind="stable")  # positions grouped by event, so each event costs its own size
    starts = np.searchsorted(codes[by_event], np.arange(len(events) + 1))
    for event in chosen:
        code = events.get_loc(event)
        rows = by_event[starts[code]:starts[code + 1]]
        for outlet in sorted(pd.unique(groups[rows])):
            own = groups[rows] == outlet
            yield str(event), outlet, rows[own], rows[~own]


@needs(articles=["text"])
def contrast_terms(articles: pd.DataFrame, *, by: str = "outlet", scope="all", prior="informative",
                   prior_scale: float = DEFAULT_PRIOR_SCALE, exclude=None, outlets=None, min_df="auto",
                   n_jobs: int | None = None, scheduler=None, progress: bool | None = None, mentions=None,
                   term_rules=None, **vectorizer_params) -> pd.DataFrame:
    """One-vs-rest term contrasts of every outlet: the full table, every term.

    Columns: ``scope``, ``outlet``, ``term``; ``count`` and ``count_rest``
    (uses of the term by the outlet and by the rest); ``n_articles`` and
    ``n_articles_rest`` (articles holding it); ``total``, ``total_rest``
    (uses of all terms) and ``total_articles``, ``total_articles_rest``
    (articles compared); ``prior`` (``a_w``); ``log_odds`` (``delta_w`` of
    Monroe, Colaresi & Quinn 2008, over uses) and ``z_tokens``, its z;
    ``z``, the evidence counted in articles: the Mantel-Haenszel (1959)
    statistic of how many of the outlet's articles hold the term, against
    the articles of the rest, stratified by event in the ``matched`` scope
    (so one article repeating a word counts once, and an outlet's events
    are compared with the same events' other articles); ``q``, the
    Benjamini-Hochberg q-value of ``z``'s two-sided p over every term of
    that comparison (read ``q < 0.05`` as "distinctive, with at most 5%
    false discoveries among such terms"); ``tfidf_diff`` (the outlet's mean
    TF-IDF weight minus the rest's); ``kind`` (``framing``, ``name``,
    ``style`` or ``self``: :func:`analysis.classify_terms`, with
    ``mentions``, :func:`analysis.find_actors`'s table, for names, and
    ``term_rules``, a rules file of the corpus's own). Sorted by scope,
    outlet, descending ``z``, then descending ``z_tokens``.

    ``scope``: ``"all"``; ``"matched"`` (each outlet against the others only
    on events they share, and only its articles on those events);
    ``"events"`` (within each event covered by two or more outlets); an
    event id; or a list of these. ``prior``: ``"informative"`` (each term's
    count over the comparison x ``prior_scale``), a number (uniform), or
    per-term counts. ``exclude``: article ids to leave out (e.g.
    :func:`analysis.wire_copy_ids`). ``outlets``: compare only these
    outlets (values of ``by``), e.g. two for a side-by-side view; the others'
    articles are left out as ``exclude`` leaves them. ``min_df``: the
    articles a term must be in (a number, a share as scikit-learn takes it,
    or ``"auto"``: :func:`auto_min_df` of the number of articles given, 2
    up to 200,000).
    Other keywords go to scikit-learn's CountVectorizer (``stop_words``,
    ``ngram_range``, ``max_df``, ...).

    Out of core: the articles are counted ``CHUNK`` at a time, where
    ``scheduler`` says (``n_jobs`` local processes by default, or a Dask
    cluster; see :mod:`analysis.parallel`), with a progress bar
    (``progress``). Only sums are kept: document frequencies per term,
    and term counts and TF-IDF weights summed per side of each comparison;
    each chunk's counts wait for the second pass on disk once they pass
    ``SPILL`` bytes. So memory grows with the vocabulary and the number of
    comparisons, not with the number of articles, and the table is the one
    the whole article x term matrix would give (tested).

    An outlet with no usable term (after stop words and ``min_df``) is left
    out, and ``table.attrs["notes"]`` says so; :class:`NothingToCompare`
    (an :class:`~analysis.InsufficientData`) when fewer than two outlets
    are left or the scope leaves nothing to compare.
    """
    from .kinds import classify_terms

    table = _contrast(*_in_memory(articles), by=by, scope=scope, prior=prior, prior_scale=prior_scale, exclude=exclude,
                      outlets=outlets, min_df=min_df, n_jobs=n_jobs, scheduler=scheduler, progress=progress,
                      **vectorizer_params)
    return classify_terms(table, mentions=mentions, rules=term_rules)


def _in_memory(articles: pd.DataFrame):
    """``articles`` without their text, and the function that gives :func:`_contrast` their texts."""
    texts = articles["text"]
    return articles.drop(columns=["text"]), lambda keep: _in_chunks(texts.to_numpy()[keep])


def contrast_parts(corpus, **options) -> pd.DataFrame:
    """:func:`contrast_terms` of a :class:`analysis.PreparedCorpus`'s articles, the same table, reading
    their text a part at a time from the prepared dataset: the corpus's text is never in memory whole.
    The corpus keeps the per-article term counts of the last call, and a call over some of the same
    articles with the same tokenizing (the two-outlet scatter after every outlet's contrasts) takes
    its counts from there instead of reading the texts again."""
    if corpus.folder is None or corpus._articles is not None:
        return _contrast(*_in_memory(corpus.articles), counted=corpus._term_counts, **options)
    meta = pd.concat(list(corpus.parts(columns=corpus.columns_but_text())))  # whatever ``by`` names

    def texts(keep: np.ndarray):
        lo = 0
        for part in corpus.parts(columns=["text"]):
            mask = keep[lo:lo + len(part)]
            lo += len(part)
            yield from part["text"].to_numpy()[mask]

    return _contrast(meta, lambda keep: _in_chunks(texts(keep)), counted=corpus._term_counts, **options)


def _in_chunks(texts):
    """Lists of ``CHUNK`` texts from any iterable of texts."""
    it = iter(texts)
    while chunk := list(itertools.islice(it, CHUNK)):
        yield chunk


def _contrast(articles: pd.DataFrame, chunks, *, by: str = "outlet", scope="all", prior="informative",
              prior_scale: float = DEFAULT_PRIOR_SCALE, exclude=None, outlets=None, min_df="auto",
              n_jobs: int | None = None, scheduler=None, progress: bool | None = None, counted: dict | None = None,
              **vectorizer_params) -> pd.DataFrame:
    """:func:`contrast_terms` of ``articles`` (without their text), whose texts ``chunks(keep)`` gives: lists
    of texts of the rows where the boolean array ``keep`` is true, in order.

    ``counted``: a dict that keeps this call's per-article term counts (:class:`_Counted`), and from
    which a later call over some of the same rows, with the same tokenizing, takes its counts instead
    of reading the texts again (the two-outlet scatter after the contrasts of all outlets). The table
    is the same either way."""
    vectorizer_params["min_df"] = auto_min_df(len(articles)) if str(min_df) == "auto" else min_df
    scopes = [scope] if isinstance(scope, str) else list(scope)
    require_columns(articles, [by] + (["event"] if set(scopes) != {"all"} else [])
                    + (["article_id"] if exclude is not None else []), "contrast_terms")
    chosen = np.ones(len(articles), dtype=bool)
    if exclude is not None:
        chosen = ~articles["article_id"].isin(set(exclude)).to_numpy()
    if outlets is not None:
        outlets = list(outlets)
        missing = sorted(set(map(str, outlets)) - set(map(str, pd.unique(articles[by]))))
        if missing:
            raise NothingToCompare(f"outlets not in the corpus ({by!r}): {', '.join(map(repr, missing))}")
        chosen &= articles[by].isin(outlets).to_numpy()
    positions = np.flatnonzero(chosen)
    if not chosen.all():
        articles = articles[chosen]
    _need_two_outlets(pd.unique(articles[by]))
    articles = articles.reset_index(drop=True)
    vectorizer = make_vectorizer(**vectorizer_params)
    outlet_codes, outlets = pd.factorize(articles[by])
    spill, owned = _Spill(), True  # owned: closed below, unless ``counted`` keeps it
    keep_counts = counted is not None and vectorizer.vocabulary is None
    how = repr(sorted((k, v) for k, v in vectorizer_params.items() if k not in ("min_df", "max_df", "max_features")))
    before = counted.get(how) if keep_counts else None
    reuse = before is not None and bool(np.isin(positions, before.rows).all())
    try:
        if reuse:
            names, df, tf = before.take(positions, spill)
        else:
            vocab, df, tf = _first_pass(chunks(chosen), len(articles), dict(vectorizer_params), spill, n_jobs=n_jobs,
                                        scheduler=scheduler, progress=progress)
            names = pa.array(list(vocab), type=pa.large_string())
            del vocab
            if keep_counts:  # kept for the next call: these counts replace the last call's
                previous = counted.pop(how, None)
                if previous is not None:
                    previous.spill.close()
                counted[how], owned = _Counted(names, spill, positions), False
        try:
            terms, order = _select_terms(names, df, tf, vectorizer, len(articles))
        except ValueError as err:  # as scikit-learn says it: empty vocabulary, or min_df pruned everything
            raise NothingToCompare(f"no term is left to compare ({err}); lower min_df (now "
                                   f"{vectorizer.min_df}) or check the texts") from None
        new_index = np.full(len(df), -1, dtype=np.int32)
        new_index[order] = np.arange(len(order))
        used = _outlets_with_terms(spill, new_index, outlet_codes, len(outlets))
        notes, keep = [], np.ones(len(articles), dtype=bool)
        if not used.all():  # nothing to compare for them: their articles leave the comparison
            empty = sorted(outlets[~used])
            notes.append(f"left out of the contrasts, with no usable terms after stop words and min_df: "
                         f"{', '.join(map(repr, empty))} (lower min_df to keep them)")
            log.warning(notes[-1])
            keep = ~articles[by].isin(empty).to_numpy()
            _need_two_outlets(pd.unique(articles.loc[keep, by]), why=" with usable terms")
        kept, positions = articles[keep].reset_index(drop=True), np.flatnonzero(keep)
        comparisons = [(label, outlet, positions[own], positions[rest]) for one in scopes
                       for label, outlet, own, rest in _comparisons(kept, one, by) if len(own) and len(rest)]
        if not comparisons:
            raise NothingToCompare(f"scope {scope!r} leaves no outlet with anything to compare against"
                                   + (" (no event is covered by two outlets)" if set(scopes) - {"all"} else ""))
        # scikit-learn's smooth idf (TfidfTransformer) over the articles compared; df of a kept term is theirs
        idf = np.log((int(keep.sum()) + 1) / (df[order] + 1.0)) + 1.0
        sides = [rows for c in comparisons for rows in c[2:]]
        sizes = np.array([len(rows) for rows in sides])
        membership = _membership(sides, len(articles))
        del sides
        events = _event_strata(articles, positions, len(terms)) if any(c[0] == "matched" for c in comparisons) else None
        sums = _second_pass(spill, new_index, len(terms), idf, membership, _dense(sizes, len(terms)), events)
    finally:
        if owned:
            spill.close()
    counts, weights, present, by_event = sums
    used = [counts.columns((2 * k, 2 * k + 1)) for k in range(len(comparisons))]  # the terms either side uses

    def parts():
        for k, cols in enumerate(used):
            y_i, y_j, w_i, w_j, d_i, d_j = (sums.at(r, cols) for sums in (counts, weights, present)
                                            for r in (2 * k, 2 * k + 1))
            n_i, n_j = sizes[2 * k], sizes[2 * k + 1]
            tfidf = (w_i / n_i - w_j / n_j) * idf[cols]
            if comparisons[k][0] == "matched":  # stratified by event: each event's articles against each other
                moments = by_event.moments(comparisons[k][2], comparisons[k][3], cols)
            else:
                moments = hypergeometric_moments(d_i + d_j, n_i, n_j)
            used[k] = None
            yield _contrast_one(y_i, y_j, tfidf, (d_i, d_j, n_i, n_j, *moments), cols, terms, prior, prior_scale)

    table = _assemble([c[:2] for c in comparisons], [len(c) if len(c) >= 2 else 0 for c in used], parts(), terms)
    table.attrs["notes"] = notes
    return table


def _membership(groups: list[np.ndarray], n_rows: int) -> sparse.csr_matrix:
    """A rows x groups 0/1 matrix: 1 where a row (an article's position) is in a group."""
    sizes = np.array([len(rows) for rows in groups], dtype=np.int64)
    return sparse.csr_matrix((np.ones(int(sizes.sum())), (np.concatenate(groups) if len(groups) else [],
                              np.repeat(np.arange(len(groups)), sizes))), shape=(n_rows, len(groups)))


class _EventStrata:
    """The events as strata of the matched comparisons: how many articles of each event hold each term,
    summed chunk by chunk (``sums``: events x terms), and each article's event (``codes``, -1 where none)."""

    def __init__(self, codes: np.ndarray, n_events: int, n_terms: int):
        self.codes, self.n_events = codes, n_events
        self.sums = _Sums(n_terms, np.zeros(n_events, dtype=bool))
        self._held = None

    def membership(self, lo: int, hi: int) -> sparse.csr_matrix:
        """Articles ``lo:hi`` x events, 1 where an article is of an event."""
        codes = self.codes[lo:hi]
        rows = np.flatnonzero(codes >= 0)
        return sparse.csr_matrix((np.ones(len(rows)), (rows, codes[rows])), shape=(hi - lo, self.n_events))

    def moments(self, own: np.ndarray, rest: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, ...]:
        """:func:`analysis.evidence.stratified_moments` over the events of one comparison (``own`` and ``rest``:
        positions of its articles), of each term in ``cols``."""
        if self._held is None:  # the sums, once, by term; the row-wise copy is let go
            self.sums._fold()
            held = self.sums.total if self.sums.total is not None else sparse.csr_matrix((self.n_events, self.sums.width))
            self._held, self.sums = held.tocsc(), None
        n_own = np.bincount(self.codes[own], minlength=self.n_events).astype("float64")
        n_all = n_own + np.bincount(self.codes[rest], minlength=self.n_events)
        return tuple(v[cols] for v in stratified_moments(self._held, n_own, n_all))


def _event_strata(articles: pd.DataFrame, positions: np.ndarray, n_terms: int) -> _EventStrata:
    """:class:`_EventStrata` of the articles at ``positions`` (the others, left out, are in no event)."""
    codes, events = pd.factorize(articles["event"])
    inside = np.full(len(articles), -1, dtype=np.int64)
    inside[positions] = codes[positions]
    return _EventStrata(inside, len(events), n_terms)


def _need_two_outlets(outlets, why: str = "") -> None:
    if len(outlets) < 2:
        raise NothingToCompare(f"contrasts need at least two outlets{why}; found {len(outlets)} "
                               f"({', '.join(map(repr, outlets)) or 'none'})")


class _Vocabulary:
    """Every term seen so far, with its code (in order of first sight), document frequency and total count."""

    def __init__(self):
        self.codes: dict[str, int] = {}
        self.df = np.zeros(1 << 16, dtype=np.int64)
        self.tf = np.zeros(1 << 16, dtype=np.int64)

    def add(self, matrix: sparse.csr_matrix, names: pa.Array) -> sparse.csr_matrix:
        """Count one chunk in; its counts on the global codes."""
        codes = np.fromiter((self.codes.setdefault(t, len(self.codes)) for t in names.to_pylist()),
                            dtype=np.int64, count=len(names))
        if len(self.codes) > len(self.df):
            grown = max(len(self.codes), 2 * len(self.df))
            self.df, self.tf = (np.concatenate([a, np.zeros(grown - len(a), dtype=np.int64)])
                                for a in (self.df, self.tf))
        self.df[codes] += np.bincount(matrix.indices, minlength=len(names))
        self.tf[codes] += np.asarray(matrix.sum(axis=0, dtype=np.int64)).ravel()
        return sparse.csr_matrix((matrix.data, codes[matrix.indices].astype(np.int32), matrix.indptr),
                                 shape=(matrix.shape[0], len(self.codes)))


def _dense(sizes: np.ndarray, n_terms: int) -> np.ndarray:
    """Which sides keep dense sums (counts, weights and articles: 24 bytes a term): those of ``DENSE_MIN``
    articles or more, largest first, within ``DENSE_BYTES``."""
    dense = np.zeros(len(sizes), dtype=bool)
    largest = np.argsort(-sizes, kind="stable")[:max(0, DENSE_BYTES // (24 * max(n_terms, 1)))]
    dense[largest[sizes[largest] >= DENSE_MIN]] = True
    return dense


def _first_pass(chunks, n: int, params, spill, *, n_jobs, scheduler, progress):
    """Count every chunk; keep the vocabulary, each term's document frequency and total count, and
    the chunk's counts (on global term codes) for the second pass.

    The chunks go out in rounds; a thread folds one round's counts into the
    vocabulary while the next round is counted, so the workers do not wait."""
    vocabulary = _Vocabulary()
    step = max(ROUND, 4 * capacity(scheduler, n_jobs))
    rounds: queue.Queue = queue.Queue(maxsize=1)
    failed: list[BaseException] = []

    def fold(bar):
        while (item := rounds.get()) is not None:
            try:
                for size, (matrix, names) in zip(*item) if not failed else ():
                    spill.put(vocabulary.add(matrix, names))
                    bar.update(size)
            except BaseException as err:  # raised in this thread, re-raised by the caller
                failed.append(err)
            del item

    with progress_bar(n, desc="counting terms", unit="article", progress=progress) as bar:
        folder = threading.Thread(target=fold, args=(bar,), name="contrast-fold", daemon=True)
        folder.start()
        try:
            chunks = iter(chunks)
            while not failed and (work := [(texts, params) for texts in itertools.islice(chunks, step)]):
                sizes = [len(texts) for texts, _ in work]
                results = map_chunks(_count_chunk, work, n_jobs=n_jobs, scheduler=scheduler, progress=False)
                del work
                rounds.put((sizes, results))
                del results
        finally:
            rounds.put(None)
            folder.join()
    if failed:
        raise failed[0]
    size = len(vocabulary.codes)
    return vocabulary.codes, vocabulary.df[:size], vocabulary.tf[:size]


def _outlets_with_terms(spill: _Spill, new_index, outlet_codes, n_outlets: int) -> np.ndarray:
    """Which outlets use at least one kept term."""
    found = np.zeros(n_outlets, dtype=bool)
    lo = 0
    for matrix in spill:
        rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))[new_index[matrix.indices] >= 0]
        found[outlet_codes[lo + np.unique(rows)]] = True
        lo += matrix.shape[0]
    return found


def _select_terms(names: pa.Array, df, tf, vectorizer, n_docs: int) -> tuple[np.ndarray, np.ndarray]:
    """The terms kept and their codes, sorted, as scikit-learn's CountVectorizer would keep them
    counting the whole corpus at once (min_df, max_df, max_features, a fixed vocabulary). ``names``:
    every term seen, by code; a term no document compared holds (``df`` 0) is not seen."""
    if not (df > 0).any():
        raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
    if vectorizer.vocabulary is not None:  # a fixed vocabulary, in its own order: nothing is pruned
        order = np.arange(len(names))
    else:
        min_df, max_df = vectorizer.min_df, vectorizer.max_df
        high = max_df if isinstance(max_df, Integral) else max_df * n_docs
        low = min_df if isinstance(min_df, Integral) else min_df * n_docs
        if high < low:
            raise ValueError("max_df corresponds to < documents than min_df")
        keep = np.flatnonzero((df <= high) & (df >= low) & (df > 0))
        order = keep[pc.array_sort_indices(names.take(pa.array(keep))).to_numpy()]  # sorted, as scikit-learn sorts
        if vectorizer.max_features is not None and len(order) > vectorizer.max_features:
            order = order[np.sort((-tf[order]).argsort()[:vectorizer.max_features])]
        if not len(order):
            raise ValueError("After pruning, no terms remain. Try a lower min_df or a higher max_df.")
    return names.take(pa.array(order)).to_numpy(zero_copy_only=False), order


def _second_pass(spill: _Spill, new_index, n_terms: int, idf, membership, dense, events: _EventStrata | None):
    """Term counts, ``tf / ||tf * idf||`` and the articles holding each term, summed per side of each
    comparison (rows of ``membership``'s transpose), and per event where ``events`` asks, chunk by chunk:
    the TF-IDF weight matrix is never built. Returns ``(counts, weights, present, events)``."""
    counts, weights, present = _Sums(n_terms, dense), _Sums(n_terms, dense), _Sums(n_terms, dense)
    seen = np.zeros(n_terms, dtype=bool)
    lo = 0
    for matrix in spill:
        hi = lo + matrix.shape[0]
        mapped = new_index[matrix.indices]
        ok = mapped >= 0
        mapped = mapped[ok]
        seen[mapped] = True  # the chunk's own kept terms, numbered 0..L-1 in column order
        cols = np.flatnonzero(seen)
        seen[cols] = False
        local = np.searchsorted(cols, mapped)
        indptr = np.concatenate([[0], np.cumsum(ok)])[matrix.indptr]  # kept entries before each row's start
        kept = sparse.csr_matrix((matrix.data[ok].astype("float64"), local, indptr), shape=(hi - lo, len(cols)))
        kept.sort_indices()  # each row's terms in term order, whichever chunk counted it: the norms' sums follow it
        local = kept.indices
        rows = np.repeat(np.arange(hi - lo), np.diff(indptr))
        norms = np.sqrt(np.bincount(rows, weights=(kept.data * idf[cols][local]) ** 2, minlength=hi - lo))
        inverse = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
        weighted = sparse.csr_matrix((kept.data * inverse[rows], local, indptr), shape=kept.shape)
        holds = sparse.csr_matrix((np.ones(len(local)), local, indptr), shape=kept.shape)
        sides = membership[lo:hi]
        counts.add(kept, cols, sides)
        weights.add(weighted, cols, sides)
        present.add(holds, cols, sides)
        if events is not None:
            events.sums.add(holds, cols, events.membership(lo, hi))
        lo = hi
    return counts, weights, present, events


def _assemble(keys: list[tuple], lengths: list[int], parts, terms: np.ndarray) -> pd.DataFrame:
    """One table from the comparisons' columns, each written once into its place (so memory holds the
    table and one comparison, not both twice); scope, outlet and term are categories (the terms'
    categories are sorted, so sorting by term is alphabetical)."""
    total, table = int(sum(lengths)), {}
    for i, name in enumerate(("scope", "outlet")):
        index = {v: j for j, v in enumerate(dict.fromkeys(k[i] for k in keys))}
        codes = np.repeat(np.array([index[k[i]] for k in keys], dtype=np.int32), lengths)
        table[name] = pd.Categorical.from_codes(codes, categories=list(index))
    where = np.empty(total, dtype=np.int32)
    columns = {name: np.empty(total, dtype="int64" if name in _WHOLE else "float64") for name in CONTRAST_COLUMNS[3:]}
    at = 0
    for length, part in zip(lengths, parts):
        assert len(part["where"]) == length
        where[at:at + length] = part["where"]
        for name, column in columns.items():
            column[at:at + length] = part[name]
        at += length
    table["term"] = pd.Categorical.from_codes(where, categories=pd.Index(terms, dtype=object))
    del where
    return pd.DataFrame({**table, **columns}, copy=False)


def _contrast_one(y_i, y_j, tfidf, articles, cols, terms, prior, scale) -> dict[str, np.ndarray]:
    """One comparison over the term columns ``cols`` (sorted); terms neither side uses are left out.

    ``y_i``, ``y_j``: each side's term counts; ``articles``: ``(d_i, d_j, n_i, n_j, expected, variance, low,
    high)``, the articles of each side holding each term, the sides' sizes, and the Mantel-Haenszel moments
    and support of ``d_i`` (:mod:`analysis.evidence`)."""
    d_i, d_j, n_i, n_j, expected, variance, low, high = articles
    present = (y_i + y_j) > 0
    if present.sum() < 2:  # one term alone has no odds against the others (log 0): nothing to contrast
        present[:] = False
    alpha = _prior(y_i + y_j, prior, scale, terms[cols])
    delta, z_tokens = log_odds_dirichlet(y_i[present], y_j[present], alpha[present])
    p = article_p(d_i[present], expected[present], variance[present], low[present], high[present],
                  (d_i + d_j)[present])
    z = np.sign(d_i[present] - expected[present]) * norm.isf(p / 2)  # the z of that p: ranked as it is tested
    beyond = np.flatnonzero(p < 1e-300)  # a p below what a float holds: the statistic itself, which stays finite
    if len(beyond):
        z[beyond] = mantel_haenszel_z(d_i[present][beyond], expected[present][beyond], variance[present][beyond])
    # by the articles' evidence, then the tokens'; terms are sorted alphabetically, so a stable sort breaks ties by term
    order = np.lexsort((-z_tokens, -z))
    where = np.flatnonzero(present)[order]
    n = len(where)
    # Benjamini-Hochberg over every term of this comparison, from the two-sided p of the articles' evidence
    q = false_discovery_control(p[order], method="bh") if n else np.zeros(0)
    return {"where": cols[where].astype(np.int32), "count": y_i[where].astype("int64"),
            "count_rest": y_j[where].astype("int64"), "n_articles": d_i[where].astype("int64"),
            "n_articles_rest": d_j[where].astype("int64"), "total": np.full(n, int(y_i.sum())),
            "total_rest": np.full(n, int(y_j.sum())), "total_articles": np.full(n, int(n_i)),
            "total_articles_rest": np.full(n, int(n_j)), "prior": alpha[where], "log_odds": delta[order],
            "z_tokens": z_tokens[order], "z": z[order], "q": q, "tfidf_diff": tfidf[where]}


@needs(contrasts=["scope", "outlet", "term", "count"])
def top_terms(contrasts: pd.DataFrame, *, n: int = 10, by: str = "z", min_count: int = 1,
              kinds=("framing",)) -> pd.DataFrame:
    """The ``n`` most distinctive terms per (scope, outlet) by ``by``, for plots and summaries.

    Parameters
    ----------
    contrasts : DataFrame
        :func:`contrast_terms`'s table.
    n : int
        Terms per scope and outlet.
    by : str
        The column ranked, largest first (ties by term).
    min_count : int
        Terms the outlet used fewer times are left out.
    kinds : sequence of str or None
        The kinds of terms shown (``framing`` by default; ``("name", "style", "self")`` for the naming
        and house-style panel); ``None``: every kind. A table without ``kind`` is taken whole.

    Returns
    -------
    DataFrame
        The rows of ``contrasts`` kept, sorted by scope, outlet and ``by``.
    """
    kept = contrasts[contrasts["count"] >= min_count]
    if kinds is not None and "kind" in kept.columns:
        kept = kept[kept["kind"].isin([kinds] if isinstance(kinds, str) else list(kinds))]
    then = ["z_tokens"] if by == "z" and "z_tokens" in kept.columns else []  # ties in articles: by uses
    return (kept.sort_values(["scope", "outlet", by, *then, "term"], ascending=[True, True, False, *[False] * len(then),
                                                                                 True], kind="stable")
            .groupby(["scope", "outlet"], sort=False, observed=True).head(n).reset_index(drop=True))


@needs(contrasts=["scope", "outlet", "z", "q"])
def spreadsheet_rows(contrasts: pd.DataFrame, *, limit: int, per_comparison: int = 1_000,
                     alpha: float = 0.05) -> np.ndarray:
    """Which rows a spreadsheet export keeps (a boolean mask): of each scope and outlet, those with
    ``q < alpha`` or its ``per_comparison`` highest ``|z|``, whichever are more; at most ``limit`` in all,
    taking each comparison's most distinctive first (its rank by ``|z|``, then the table's order)."""
    keys = [contrasts["scope"], contrasts["outlet"]]
    strength = pd.Series(-np.abs(contrasts["z"].to_numpy()), index=contrasts.index)
    rank = strength.groupby(keys, sort=False, observed=True).rank(method="first").to_numpy() - 1
    significant = pd.Series(contrasts["q"].to_numpy() < alpha).groupby(
        [k.to_numpy() for k in keys], sort=False).transform("sum").to_numpy()
    keep = rank < np.maximum(per_comparison, significant)
    if keep.sum() > limit:
        chosen = np.flatnonzero(keep)
        chosen = chosen[np.lexsort((chosen, rank[chosen]))][:limit]  # by rank, then row
        keep = np.zeros(len(rank), dtype=bool)
        keep[chosen] = True
    return keep


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
