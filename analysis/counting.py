"""Out-of-core term counting for the contrasts: the articles counted a chunk at a time, only sums kept.

The first pass counts every chunk of ``CHUNK`` articles with scikit-learn's
CountVectorizer where the scheduler says (:mod:`analysis.parallel`), folds
each chunk's terms into one vocabulary (a thread, while the next round is
counted) and keeps the chunk's counts (:class:`_Spill`: in memory up to
``SPILL`` bytes, then in a temporary folder). The terms are pruned as
scikit-learn prunes them over the whole corpus (:func:`_limit_terms`). The
second pass sums, chunk by chunk, each side's counts, TF-IDF weights and
articles holding each term (:class:`_Sums`), and per event for the matched
comparisons (:class:`_EventStrata`): the article x term matrix is never
built. :mod:`analysis.contrast` turns the sums into the contrasts.
"""

from __future__ import annotations

import itertools
import logging
import os
import queue
import shutil
import tempfile
import threading
from collections import Counter
from numbers import Integral
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from scipy import sparse

from .errors import NothingToCompare
from .evidence import stratified_moments
from .languages import UNKNOWN, stop_words
from .parallel import LOCAL, SERIAL, capacity, map_chunks, progress_bar, resolve_scheduler
from .tables import needs
from .tokens import make_vectorizer

log = logging.getLogger(__name__)
AUTO_MIN_DF = (
    100_000  # min_df="auto": a term must be in two articles, and in one of every this many
)


def auto_min_df(n_articles: int) -> int:
    """``contrast_terms``'s default ``min_df``: 2, or one article in ``AUTO_MIN_DF`` where that is more (3 for
    250,000 articles, 10 for a million), so that the table grows with the corpus's common vocabulary, not
    with its rare word pairs."""
    return max(2, -(-int(n_articles) // AUTO_MIN_DF))


CHUNK = 1_000  # articles counted per chunk of work
# chunks: smaller inputs are counted in one go by count_terms, faster than merging chunks
PARALLEL_MIN = 10
ROUND = 32  # chunks handed out at once by contrast_terms: bounds the texts and counts in flight
# bytes of chunk counts kept in memory between contrast_terms' two passes; the rest go to disk
SPILL = 256 * 2**20
FOLD = 1 << 23  # summed entries waiting before they are folded into the running sums
# The sums of a comparison's side with DENSE_MIN articles or more are kept dense, the largest sides
# first, as long as their dense counts and weights fit in DENSE_BYTES.
DENSE_MIN = 1_000
DENSE_BYTES = 2**30


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
            rest = sparse.csr_matrix(
                (rest.data, cols[rest.indices], rest.indptr),
                shape=(len(self.sparse_rows), self.width),
            )
            self.pending.append(rest)
            self.waiting += rest.nnz
            if self.waiting >= max(FOLD, self.total.nnz if self.total is not None else 0):
                self._fold()

    def _fold(self) -> None:
        if not self.pending:
            return
        pieces = self.pending
        # pairwise, then into the total: one pass over the total per fold, not per piece
        while len(pieces) > 1:
            pieces = [
                pieces[k] + pieces[k + 1] if k + 1 < len(pieces) else pieces[k]
                for k in range(0, len(pieces), 2)
            ]
        self.total = pieces[0] if self.total is None else self.total + pieces[0]
        self.pending, self.waiting = [], 0

    def columns(self, rows) -> np.ndarray:
        """The term columns any of ``rows`` holds, sorted."""
        self._fold()
        slots = [self._slot(row) for row in rows]
        held = (
            [
                self.total.indices[self.total.indptr[r] : self.total.indptr[r + 1]]
                for r in np.searchsorted(
                    self.sparse_rows, [row for row, slot in zip(rows, slots) if slot is None]
                )
            ]
            if self.total is not None
            else []
        )
        # sparse rows only (one event's): no pass over every term
        if all(slot is None for slot in slots):
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
            part = sparse.csr_matrix(
                (matrix.data, matrix.indices, matrix.indptr), shape=(matrix.shape[0], n)
            )[wanted[a:b] - lo]
            lo = hi
            start = 0
            while start < part.shape[0]:
                step = min(CHUNK - n_held, part.shape[0] - start)
                held.append(part[start : start + step])
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
        pid = path.name[len(SPILL_PREFIX) :].split("-")[0]
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


def _count_chunk(work: tuple) -> tuple[sparse.csr_matrix, pa.Array]:
    """One chunk's article x term counts and its terms, numbered in the order first seen.

    ``work`` is ``(texts, params)`` or ``(texts, params, languages)``. The
    terms are the vectorizer's own (its analyzer: the same tokens, stop words
    and n-grams as ``fit_transform``), with each text's own language's stop
    words where ``languages`` are given and the stop words are the default
    (:func:`analysis.languages.stop_words`). The chunk's vocabulary is neither
    sorted nor pruned, as ``fit_transform`` would, since the merge numbers and
    prunes the terms once for the whole corpus (a quarter of the counting's
    time went to sorting and pruning every chunk).
    """
    texts, params, languages = (*work, None)[:3]
    vectorizer = make_vectorizer(**params)
    if vectorizer.vocabulary is not None:  # a fixed vocabulary: its terms only, in its own order
        matrix = vectorizer.fit_transform(texts).tocsr()
        return matrix, pa.array(vectorizer.get_feature_names_out(), type=pa.large_string())
    analyzers = {None: vectorizer.build_analyzer()}
    if languages is None or params.get("stop_words", "english") != "english":
        languages = itertools.repeat(None)  # one analyzer: the vectorizer's own stop words
    vocabulary: dict[str, int] = {}
    indices: list[int] = []
    values: list[int] = []
    indptr = [0]
    for text, language in zip(texts, languages):
        if language not in analyzers:
            words = sorted(stop_words(language)) if language != UNKNOWN else "english"
            analyzers[language] = make_vectorizer(
                **{**params, "stop_words": words}
            ).build_analyzer()
        # in C: the text's terms and their counts
        counted = Counter(analyzers[language](text))
        indices += [vocabulary.setdefault(term, len(vocabulary)) for term in counted]
        values += counted.values()
        indptr.append(len(indices))
    matrix = sparse.csr_matrix(
        (
            np.asarray(values, dtype=vectorizer.dtype),
            np.asarray(indices, dtype=np.int32),
            np.asarray(indptr, dtype=np.int32),
        ),
        shape=(len(texts), len(vocabulary)),
    )
    if vectorizer.binary:
        matrix.data.fill(1)
    matrix.sort_indices()
    # terms travel back as one Arrow buffer, not millions of Python strings
    return matrix, pa.array(list(vocabulary), type=pa.large_string())


def _merge_chunks(parts, min_df, max_df) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Stack per-chunk counts on one vocabulary, then apply min_df/max_df as scikit-learn does.
    Empties ``parts`` as it goes, so each chunk's memory is released once remapped."""
    names = (
        pa.chunked_array([p[1] for p in parts], type=pa.large_string())
        .combine_chunks()
        .dictionary_encode()
    )
    codes = names.indices.to_numpy(zero_copy_only=False).astype(np.int32)
    vocab = names.dictionary
    blocks, offset = [], 0
    while parts:
        matrix, local = parts.pop(0)
        remap = codes[offset : offset + len(local)]
        offset += len(local)
        blocks.append(
            sparse.csr_matrix(
                (matrix.data, remap[matrix.indices], matrix.indptr),
                shape=(matrix.shape[0], len(vocab)),
            )
        )
        del matrix
    counts = sparse.vstack(blocks, format="csr")
    del blocks
    n_docs = counts.shape[0]
    df = np.bincount(counts.indices, minlength=len(vocab))
    order = _limit_terms(
        vocab, df, None, min_df=min_df, max_df=max_df, max_features=None, n_docs=n_docs
    )
    new_index = np.full(len(vocab), -1, dtype=np.int32)
    new_index[order] = np.arange(len(order))
    mapped = new_index[counts.indices]
    ok = mapped >= 0
    # kept entries before each row's start
    indptr = np.concatenate([[0], np.cumsum(ok)])[counts.indptr]
    result = sparse.csr_matrix((counts.data[ok], mapped[ok], indptr), shape=(n_docs, len(order)))
    result.sort_indices()
    return result, vocab.take(pa.array(order)).to_numpy(zero_copy_only=False)


@needs(articles=["text"])
def count_terms(
    articles: pd.DataFrame,
    *,
    n_jobs: int | None = None,
    scheduler=None,
    progress: bool | None = None,
    **vectorizer_params,
) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Sparse article x term counts of ``articles["text"]`` and the terms (columns), in article order.

    scikit-learn's CountVectorizer counts. From ``PARALLEL_MIN`` chunks of
    ``CHUNK`` articles on, the chunks are counted where ``n_jobs`` and
    ``scheduler`` say (:func:`analysis.parallel_config`) and merged on one vocabulary: the same result.
    """
    texts = articles["text"].tolist()
    params = dict(vectorizer_params)
    chunkable = not {"vocabulary", "max_features"} & set(params)
    vectorizer = make_vectorizer(**params)
    where = resolve_scheduler(scheduler)
    try:
        if (
            n_jobs == 1
            and where == LOCAL
            or where == SERIAL
            or not chunkable
            or len(texts) < PARALLEL_MIN * CHUNK
        ):
            matrix = vectorizer.fit_transform(texts)
            return matrix.tocsr(), vectorizer.get_feature_names_out()
        chunks = [(texts[i : i + CHUNK], params) for i in range(0, len(texts), CHUNK)]
        parts = map_chunks(
            _count_chunk,
            chunks,
            n_jobs=n_jobs,
            scheduler=where,
            progress=progress,
            sizes=[len(c[0]) for c in chunks],
            desc="counting terms",
            unit="article",
        )
        return _merge_chunks(parts, vectorizer.min_df, vectorizer.max_df)
    except ValueError as err:  # scikit-learn: empty vocabulary, or min_df pruned everything
        raise NothingToCompare(
            f"no term is left to compare ({err}); lower min_df (now "
            f"{vectorizer.min_df}) or check the texts"
        ) from None


def _in_chunks(texts):
    """Lists of ``CHUNK`` texts from any iterable of texts."""
    it = iter(texts)
    while chunk := list(itertools.islice(it, CHUNK)):
        yield chunk


def _membership(groups: list[np.ndarray], n_rows: int) -> sparse.csr_matrix:
    """A rows x groups 0/1 matrix: 1 where a row (an article's position) is in a group."""
    sizes = np.array([len(rows) for rows in groups], dtype=np.int64)
    return sparse.csr_matrix(
        (
            np.ones(int(sizes.sum())),
            (
                np.concatenate(groups) if len(groups) else [],
                np.repeat(np.arange(len(groups)), sizes),
            ),
        ),
        shape=(n_rows, len(groups)),
    )


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
        return sparse.csr_matrix(
            (np.ones(len(rows)), (rows, codes[rows])), shape=(hi - lo, self.n_events)
        )

    def moments(
        self, own: np.ndarray, rest: np.ndarray, cols: np.ndarray
    ) -> tuple[np.ndarray, ...]:
        """:func:`analysis.evidence.stratified_moments` over the events of one comparison (``own`` and ``rest``:
        positions of its articles), of each term in ``cols``."""
        if self._held is None:  # the sums, once, by term; the row-wise copy is let go
            self.sums._fold()
            held = (
                self.sums.total
                if self.sums.total is not None
                else sparse.csr_matrix((self.n_events, self.sums.width))
            )
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


class _Vocabulary:
    """Every term seen so far, with its code (in order of first sight), document frequency and total count."""

    def __init__(self):
        self.codes: dict[str, int] = {}
        self.df = np.zeros(1 << 16, dtype=np.int64)
        self.tf = np.zeros(1 << 16, dtype=np.int64)

    def add(self, matrix: sparse.csr_matrix, names: pa.Array) -> sparse.csr_matrix:
        """Count one chunk in; its counts on the global codes."""
        codes = np.fromiter(
            (self.codes.setdefault(t, len(self.codes)) for t in names.to_pylist()),
            dtype=np.int64,
            count=len(names),
        )
        if len(self.codes) > len(self.df):
            grown = max(len(self.codes), 2 * len(self.df))
            self.df, self.tf = (
                np.concatenate([a, np.zeros(grown - len(a), dtype=np.int64)])
                for a in (self.df, self.tf)
            )
        self.df[codes] += np.bincount(matrix.indices, minlength=len(names))
        self.tf[codes] += np.asarray(matrix.sum(axis=0, dtype=np.int64)).ravel()
        return sparse.csr_matrix(
            (matrix.data, codes[matrix.indices].astype(np.int32), matrix.indptr),
            shape=(matrix.shape[0], len(self.codes)),
        )


def _dense(sizes: np.ndarray, n_terms: int) -> np.ndarray:
    """Which sides keep dense sums (counts, weights and articles: 24 bytes a term): those of ``DENSE_MIN``
    articles or more, largest first, within ``DENSE_BYTES``."""
    dense = np.zeros(len(sizes), dtype=bool)
    largest = np.argsort(-sizes, kind="stable")[: max(0, DENSE_BYTES // (24 * max(n_terms, 1)))]
    dense[largest[sizes[largest] >= DENSE_MIN]] = True
    return dense


def _first_pass(chunks, n: int, params, spill, *, n_jobs, scheduler, progress, languages=None):
    """Count every chunk; keep the vocabulary, each term's document frequency and total count, and
    the chunk's counts (on global term codes) for the second pass. ``languages``: each text's language
    code, in the order of the chunks' texts (each is read with its language's stop words), or None.

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
            chunks, done = iter(chunks), 0  # done: texts handed out so far
            while not failed and (work := list(itertools.islice(chunks, step))):
                sizes = [len(texts) for texts in work]
                if languages is None:
                    work = [(texts, params) for texts in work]
                else:
                    ends = done + np.cumsum(sizes)
                    work = [
                        (texts, params, languages[end - len(texts) : end])
                        for texts, end in zip(work, ends)
                    ]
                    done = int(ends[-1])
                results = map_chunks(
                    _count_chunk, work, n_jobs=n_jobs, scheduler=scheduler, progress=False
                )
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
        rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))[
            new_index[matrix.indices] >= 0
        ]
        found[outlet_codes[lo + np.unique(rows)]] = True
        lo += matrix.shape[0]
    return found


def _kept_terms(names: pa.Array, df, tf, vectorizer, n_docs: int) -> tuple[np.ndarray, np.ndarray]:
    """The terms kept and their codes, sorted, as scikit-learn's CountVectorizer would keep them
    counting the whole corpus at once (min_df, max_df, max_features, a fixed vocabulary). ``names``:
    every term seen, by code; a term no document compared holds (``df`` 0) is not seen."""
    if not (df > 0).any():
        raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
    if vectorizer.vocabulary is not None:  # a fixed vocabulary, in its own order: nothing is pruned
        order = np.arange(len(names))
    else:
        order = _limit_terms(
            names,
            df,
            tf,
            min_df=vectorizer.min_df,
            max_df=vectorizer.max_df,
            max_features=vectorizer.max_features,
            n_docs=n_docs,
        )
    return names.take(pa.array(order)).to_numpy(zero_copy_only=False), order


def _limit_terms(
    names: pa.Array,
    df: np.ndarray,
    tf: np.ndarray | None,
    *,
    min_df,
    max_df,
    max_features,
    n_docs: int,
) -> np.ndarray:
    """The codes of the terms kept, in the terms' sorted order, as scikit-learn's ``_limit_features`` keeps
    them over the whole corpus: ``min_df`` <= document frequency <= ``max_df`` (counts, or shares of
    ``n_docs``), then the ``max_features`` of highest total count ``tf``. Every counting path prunes here."""
    high = max_df if isinstance(max_df, Integral) else max_df * n_docs
    low = min_df if isinstance(min_df, Integral) else min_df * n_docs
    if high < low:
        raise ValueError("max_df corresponds to < documents than min_df")
    keep = np.flatnonzero((df <= high) & (df >= low) & (df > 0))
    # sorted, as scikit-learn sorts
    order = keep[pc.array_sort_indices(names.take(pa.array(keep))).to_numpy()]
    if max_features is not None and len(order) > max_features:
        order = order[np.sort((-tf[order]).argsort()[:max_features])]
    if not len(order):
        raise ValueError("After pruning, no terms remain. Try a lower min_df or a higher max_df.")
    return order


def _second_pass(
    spill: _Spill, new_index, n_terms: int, idf, membership, dense, events: _EventStrata | None
):
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
        # kept entries before each row's start
        indptr = np.concatenate([[0], np.cumsum(ok)])[matrix.indptr]
        kept = sparse.csr_matrix(
            (matrix.data[ok].astype("float64"), local, indptr), shape=(hi - lo, len(cols))
        )
        kept.sort_indices()  # each row's terms in term order, whichever chunk counted it: the norms' sums follow it
        local = kept.indices
        rows = np.repeat(np.arange(hi - lo), np.diff(indptr))
        norms = np.sqrt(
            np.bincount(rows, weights=(kept.data * idf[cols][local]) ** 2, minlength=hi - lo)
        )
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
