"""Sentence-level VADER sentiment, cached by content, and its aggregates with bootstrap intervals.

Scores are per sentence, never per article (VADER's compound saturates
towards +-1 on long texts). An article's score is the mean of its
sentences' compounds; a group's is the mean of its articles' scores with a
95% bootstrap interval over articles (fixed seed). Positive / negative
sentence: compound >= 0.05 / <= -0.05 (VADER's own thresholds).
"""

from __future__ import annotations

import hashlib
import logging
import os
from importlib.metadata import version
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import config
from ._docs import shared_docs
from .errors import InsufficientData, NoSharedEvents
from .languages import ENGLISH, english_only
from .parallel import LOCAL, SERIAL, map_chunks, resolve_scheduler
from .tables import natural_sorted, needs, require_columns
from .vader import score_chunk

log = logging.getLogger(__name__)
READS = "VADER reads English only"  # why other languages' sentences get no tone
SCORE_COLUMNS = ["neg", "neu", "pos", "compound"]
POSITIVE, NEGATIVE = 0.05, -0.05
VADER_VERSION = version("vaderSentiment")
CACHE_FORMAT = "framing-analysis/vader-sentence-scores/2"
_HASH_KEYS = ("framing-key-0001", "framing-key-0002")  # two 64-bit SipHashes: a 128-bit content key
CHUNK = 2_000  # most sentences per chunk of work (0.2 s of VADER); small inputs are cut finer, down to MIN_CHUNK,
MIN_CHUNK = 250  # so that the pool shares them too (benchmarks/bench_parallel.py measured these)
CLUSTER_CHUNK = (
    5_000  # per task on a Dask cluster, where each task costs about a millisecond of scheduling
)
N_BOOT = 2_000
SEED = 20170412
BOOT_BLOCK = 2**19  # values gathered per block of bootstrap resamples (4 MB)
DRAWS_BYTES = 64 * 2**20  # resampled positions kept for reuse by group size, at most (1 MB each)


# ---------------------------------------------------------------- scoring
def _score_texts(
    texts: list[str], n_jobs: int | None, progress: bool | None, scheduler=None
) -> np.ndarray:
    """VADER scores of ``texts`` (rows: neg, neu, pos, compound), where ``scheduler`` says (see analysis.parallel)."""
    size = (
        CLUSTER_CHUNK
        if resolve_scheduler(scheduler) not in (LOCAL, SERIAL)
        else min(CHUNK, max(MIN_CHUNK, len(texts) // 16))
    )
    chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
    parts = map_chunks(
        score_chunk,
        chunks,
        n_jobs=n_jobs,
        scheduler=scheduler,
        progress=progress,
        sizes=[len(c) for c in chunks],
        desc="VADER",
        unit="sentence",
    )
    return np.asarray([row for part in parts for row in part], dtype="float64").reshape(
        len(texts), 4
    )


def _keys(texts: pd.Series) -> pd.DataFrame:
    return pd.DataFrame(
        {
            f"h{i}": pd.util.hash_pandas_object(
                texts, index=False, hash_key=k, categorize=False
            ).to_numpy()
            for i, k in enumerate(_HASH_KEYS)
        }
    )


# ---------------------------------------------------------------- cache
def _cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"vader-{VADER_VERSION}-*.parquet"))


def _read_shard(path: Path) -> pd.DataFrame | None:
    """A cache shard, or None when it is corrupt or not ours (it is then removed and rebuilt)."""
    try:
        table = pq.read_table(path)
        meta = table.schema.metadata or {}
        ok = (
            meta.get(b"format") == CACHE_FORMAT.encode()
            and meta.get(b"vader_version") == VADER_VERSION.encode()
            and table.column_names == ["h0", "h1", *SCORE_COLUMNS]
        )
        if ok:
            frame = table.to_pandas()
            values = frame[SCORE_COLUMNS].to_numpy()
            ok = (
                meta.get(b"sha256") == _digest(frame).encode()
                and np.isfinite(values).all()
                and (np.abs(values) <= 1).all()
                and (values[:, :3] >= 0).all()
            )
        if ok:
            return frame
    except Exception:  # any unreadable file is simply not trusted
        pass
    log.warning(
        "sentiment cache file %s is corrupt or not ours: ignored, its sentences are scored again",
        path,
    )
    try:
        path.unlink()
    except OSError:
        pass
    return None


def _digest(frame: pd.DataFrame) -> str:
    """SHA-256 over the keys (as uint64) and the scores (as float64), bit for bit."""
    digest = hashlib.sha256(
        np.ascontiguousarray(frame[["h0", "h1"]].to_numpy(dtype="uint64")).tobytes()
    )
    digest.update(np.ascontiguousarray(frame[SCORE_COLUMNS].to_numpy(dtype="float64")).tobytes())
    return digest.hexdigest()


def _write_shard(folder: Path, frame: pd.DataFrame) -> Path:
    digest = _digest(frame)
    table = pa.Table.from_pandas(frame, preserve_index=False).replace_schema_metadata(
        {"format": CACHE_FORMAT, "vader_version": VADER_VERSION, "sha256": digest}
    )
    final = folder / f"vader-{VADER_VERSION}-{digest[:20]}.parquet"
    tmp = folder / f".{final.name}.{os.getpid()}.tmp"
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, final)  # atomic: a reader sees the whole shard or none of it
    except BaseException:
        tmp.unlink(missing_ok=True)  # a full disk keeps no half-written shard
        raise
    return final


def _load_cache(folder: Path) -> pd.DataFrame:
    shards = _cache_files(folder)
    frames = [f for f in (_read_shard(p) for p in shards) if f is not None]
    if not frames:
        return pd.DataFrame(
            {
                "h0": pd.Series(dtype="uint64"),
                "h1": pd.Series(dtype="uint64"),
                **{c: pd.Series(dtype="float64") for c in SCORE_COLUMNS},
            }
        )
    cache = pd.concat(frames, ignore_index=True).drop_duplicates(["h0", "h1"], ignore_index=True)
    if len(frames) > 16:  # compact many small shards into one (where the cache can be written)
        try:
            keep = _write_shard(folder, cache)
            for path in shards:
                if path != keep:
                    path.unlink(missing_ok=True)
        except OSError:
            pass
    return cache


@needs(sentences=["text"])
def score_sentences(
    sentences: pd.DataFrame,
    *,
    cache_dir=None,
    n_jobs: int | None = None,
    progress: bool | None = None,
    scheduler=None,
) -> pd.DataFrame:
    """Add VADER's ``neg``, ``neu``, ``pos`` and ``compound`` to each sentence.

    The scores are exactly ``SentimentIntensityAnalyzer().polarity_scores(text)``
    for each row's ``text``. They are cached on disk by sentence content and
    vaderSentiment version in ``cache_dir`` (default: ``config.cache_dir()``;
    ``False`` for no cache), so a rerun scores only sentences not seen
    before. New sentences are scored where ``n_jobs`` and ``scheduler`` say, with a
    progress bar (``progress``; all three: :func:`analysis.parallel_config`);
    the scores are the same wherever they run. Sentences of articles in
    another language (a ``language`` other than ``"en"``) get no scores
    (missing values): VADER reads English only.
    """
    if "language" in sentences and not (english := sentences["language"].eq(ENGLISH)).all():
        out = sentences.copy()
        scored = score_sentences(
            sentences[english.to_numpy()].drop(columns="language"),
            cache_dir=cache_dir,
            n_jobs=n_jobs,
            progress=progress,
            scheduler=scheduler,
        )
        for c in SCORE_COLUMNS:
            out[c] = np.nan
            out.loc[english.to_numpy(), c] = scored[c].to_numpy()
        return out
    texts = sentences["text"].astype(str).reset_index(drop=True)
    keys = _keys(texts)  # 128-bit content key per row; identical sentences share it
    codes, _ = pd.factorize(keys["h0"])
    # first row of each distinct sentence
    first = np.flatnonzero(~pd.Series(codes).duplicated().to_numpy())
    folder = None if cache_dir is False else Path(cache_dir or config.cache_dir())
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:  # a read-only cache: scored without it
            log.warning(
                "the sentence-score cache %s cannot be written (%s): sentences are scored without it",
                folder,
                err.strerror or err,
            )
            folder = None
    if folder is not None:
        known = keys.iloc[first].merge(_load_cache(folder), on=["h0", "h1"], how="left")
    else:
        known = keys.iloc[first].reset_index(drop=True).assign(**{c: np.nan for c in SCORE_COLUMNS})
    todo = known["compound"].isna().to_numpy()
    if todo.any():
        new_texts = texts.iloc[first[todo]].tolist()
        known.loc[todo, SCORE_COLUMNS] = _score_texts(new_texts, n_jobs, progress, scheduler)
        if folder is not None:
            try:
                _write_shard(
                    folder, known.loc[todo, ["h0", "h1", *SCORE_COLUMNS]].reset_index(drop=True)
                )
            except OSError as err:  # full or read-only: the scores are right, only not kept
                log.warning(
                    "the sentence scores could not be kept in %s (%s): they are scored again next time",
                    folder,
                    err.strerror or err,
                )
    log.info(
        "sentiment: %d sentences, %d distinct, %d newly scored",
        len(texts),
        len(first),
        int(todo.sum()),
    )
    out = sentences.copy()
    same_h1 = keys["h1"].to_numpy() == known["h1"].to_numpy()[codes]
    # two texts share a first 64-bit hash: vanishingly rare, score those apart
    if not same_h1.all():
        return _score_collisions(out, texts, codes, same_h1, known, progress)
    for c in SCORE_COLUMNS:
        out[c] = known[c].to_numpy()[codes]
    return out


def _score_collisions(out, texts, codes, same_h1, known, progress):
    for c in SCORE_COLUMNS:
        out[c] = known[c].to_numpy()[codes]
    odd = np.flatnonzero(~same_h1)
    scores = _score_texts(texts.iloc[odd].tolist(), 1, progress)
    for j, c in enumerate(SCORE_COLUMNS):
        values = out[c].to_numpy().copy()
        values[odd] = scores[:, j]
        out[c] = values
    return out


# ---------------------------------------------------------------- aggregates
@needs(sentences=["article_id", "outlet", "event", "compound"])
def article_sentiment(sentences: pd.DataFrame) -> pd.DataFrame:
    """Each article's tone: the mean of its sentences' VADER compounds.

    Parameters
    ----------
    sentences : DataFrame
        :func:`score_sentences`'s table (``article_id``, ``outlet``, ``event``, ``compound``).

    Returns
    -------
    DataFrame
        One row per article in English: ``article_id``, ``outlet``, ``event``, ``n_sentences``,
        ``compound_mean`` (mean of sentence compounds), ``positive_share`` and ``negative_share``
        (shares of sentences at or beyond VADER's thresholds, 0.05 and -0.05). Articles in other
        languages (the sentences' ``language``) are left out, and ``attrs["notes"]`` says how many:
        with none in English the table is empty, and the tone tables made from it say why.
    """
    try:
        sentences, note = english_only(sentences, READS)
    except InsufficientData as err:
        sentences, note = sentences.iloc[:0], str(err)
    s = sentences.assign(
        _pos=sentences["compound"] >= POSITIVE, _neg=sentences["compound"] <= NEGATIVE
    )
    keys = ["article_id", "outlet", "event"]
    g = s.groupby(keys, sort=True, dropna=False)
    scores = pd.DataFrame(
        {
            "n_sentences": g.size(),
            "compound_mean": g["compound"].mean(),
            "positive_share": g["_pos"].mean(),
            "negative_share": g["_neg"].mean(),
        }
    ).reset_index()
    if note is not None:
        scores.attrs["notes"] = [note]
    return scores


def _require_tone(article_scores: pd.DataFrame) -> None:
    """Raise :class:`InsufficientData` where no article has a tone: the reason is the table's note (no
    article in English) where it has one."""
    if not len(article_scores):
        notes = article_scores.attrs.get("notes") or ["no article has a sentence to score"]
        raise InsufficientData("; ".join(notes))


def _bootstrap_ci(
    values: np.ndarray,
    *,
    n_boot: int,
    seed: int,
    level: float = 0.95,
    draws: dict | None = None,
    weights: np.ndarray | None = None,
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean; NaN for fewer than two values. ``draws``: a dict in which the
    resampled positions are kept by number of values, for calls with the same ``n_boot`` and ``seed``.
    ``weights``: of the weighted mean instead (each value resampled with its weight)."""
    if len(values) < 2:
        return float("nan"), float("nan")
    n = len(values)
    picks = draws.get(n) if draws is not None else None
    if picks is None:
        picks = np.random.default_rng(seed).integers(0, n, size=(n_boot, n))
        if (
            draws is not None
            and picks.nbytes <= 2**20
            and picks.nbytes + sum(p.nbytes for p in draws.values()) <= DRAWS_BYTES
        ):
            draws[n] = picks  # small groups are the many, and cheap to keep; large ones are few
    # resamples gathered at once: a block stays in the cache, the same means
    block = max(1, BOOT_BLOCK // n)
    if weights is not None:
        products = values * weights
        means = np.concatenate(
            [
                products[picks[lo : lo + block]].sum(axis=1)
                / weights[picks[lo : lo + block]].sum(axis=1)
                for lo in range(0, len(picks), block)
            ]
        )
    else:
        means = np.concatenate(
            [values[picks[lo : lo + block]].mean(axis=1) for lo in range(0, len(picks), block)]
        )
    a = (1 - level) / 2
    return float(np.quantile(means, a)), float(np.quantile(means, 1 - a))


@needs(article_scores=["compound_mean", "n_sentences", "positive_share", "negative_share"])
def group_sentiment(
    article_scores: pd.DataFrame, *, by="outlet", n_boot: int = N_BOOT, seed: int = SEED
) -> pd.DataFrame:
    """Sentiment per group of articles, with intervals.

    Parameters
    ----------
    article_scores : DataFrame
        :func:`article_sentiment`'s table.
    by : str or list of str, default "outlet"
        The grouping columns, e.g. ``["event", "outlet"]``.
    n_boot : int, default 2000
        Bootstrap resamples (over articles) for the intervals.
    seed : int
        The bootstrap's seed: the same intervals on every run.

    Returns
    -------
    DataFrame
        The group keys, ``n_articles``, ``n_sentences``, ``mean`` (mean of article scores),
        ``ci_low``/``ci_high`` (95% percentile bootstrap over articles; NaN for a single article),
        ``positive_share``, ``negative_share`` (over sentences).
    """
    by = [by] if isinstance(by, str) else list(by)
    require_columns(article_scores, by, "group_sentiment")
    _require_tone(article_scores)
    columns = [
        *by,
        "n_articles",
        "n_sentences",
        "mean",
        "ci_low",
        "ci_high",
        "positive_share",
        "negative_share",
    ]
    grouped = article_scores.groupby(by, sort=True, dropna=False)
    sizes = grouped.size()
    if sizes.empty:
        return pd.DataFrame([], columns=columns)
    keys = sizes.index.tolist() if len(by) > 1 else [(k,) for k in sizes.index.tolist()]
    # each group's rows together, in their order
    order = np.argsort(grouped.ngroup().to_numpy(), kind="stable")
    bounds = np.concatenate([[0], np.cumsum(sizes.to_numpy())])
    compound = article_scores["compound_mean"].to_numpy("float64")[order]
    n_sentences = article_scores["n_sentences"].to_numpy()[order]
    shares = [
        (article_scores[c] * article_scores["n_sentences"]).to_numpy("float64")[order]
        for c in ("positive_share", "negative_share")
    ]
    # every group of n articles draws the same resamples: the same seed
    draws: dict[int, np.ndarray] = {}
    rows = []
    for key, lo, hi in zip(keys, bounds[:-1].tolist(), bounds[1:].tolist()):
        values = compound[lo:hi]
        low, high = _bootstrap_ci(values, n_boot=n_boot, seed=seed, draws=draws)
        n_sent = n_sentences[lo:hi].sum()
        rows.append(
            (
                *key,
                hi - lo,
                int(n_sent),
                _mean(values),
                low,
                high,
                _sum(shares[0][lo:hi]) / n_sent,
                _sum(shares[1][lo:hi]) / n_sent,
            )
        )
    return pd.DataFrame(rows, columns=columns)


def _sum(values: np.ndarray) -> float:
    """``pd.Series(values).sum()``: missing values count as 0."""
    missing = np.isnan(values)
    return (np.where(missing, 0.0, values) if missing.any() else values).sum()


def _mean(values: np.ndarray) -> float:
    """``pd.Series(values).mean()``, the same float: missing values left out."""
    n = int((~np.isnan(values)).sum())
    return _sum(values) / n if n else float("nan")


REFERENCES = ("joint", "median", "mean")


def _outlet_event_means(article_scores: pd.DataFrame, value: str = "compound_mean") -> pd.DataFrame:
    """Events x outlets table of mean article scores, for events covered by two or more outlets;
    :class:`NoSharedEvents` when there is none."""
    _require_tone(article_scores)
    table = article_scores.dropna(subset=["event"]).pivot_table(
        index="event", columns="outlet", values=value, aggfunc="mean"
    )
    table = table[table.notna().sum(axis=1) >= 2]
    if table.empty:
        raise NoSharedEvents(
            "no event is covered by two or more outlets, and outlets are compared only on "
            "the events they share"
        )
    return table


def _event_resamples(n_events: int, *, n_boot: int, seed: int, chunk: int = 250):
    """Bootstrap weights over events, ``chunk`` resamples at a time: how often each event is drawn."""
    rng = np.random.default_rng(seed)
    for lo in range(0, n_boot, chunk):
        draws = rng.integers(0, n_events, size=(min(chunk, n_boot - lo), n_events))
        yield np.stack([np.bincount(row, minlength=n_events) for row in draws]).astype("float64")


def _joint_offsets(table: pd.DataFrame, weights: np.ndarray) -> np.ndarray:
    """Outlet offsets of the additive fit ``score[e, o] = event[e] + offset[o]``, one row per weight vector.

    Least squares over the observed (event, outlet) cells, each event
    weighted by ``weights``; solving out the event effects leaves, for each
    weight vector ``w``, the K x K system ``A b = r`` with
    ``A = sum_e w_e (diag(m_e) - m_e m_e' / n_e)`` and
    ``r = sum_e w_e m_e (y_e - mean(y_e))`` (``m_e``: which outlets covered
    event e, ``n_e`` how many). The offsets are then centred on their
    median, so one outlying outlet cannot move the others' zero. An outlet
    with no weight (absent from a resample) gets NaN.
    """
    values = table.to_numpy(dtype="float64")
    m = (~np.isnan(values)).astype("float64")
    centred = np.where(m > 0, values - np.nanmean(values, axis=1, keepdims=True), 0.0)
    share = m / m.sum(axis=1, keepdims=True)
    covered = weights @ m  # (resamples, outlets): weighted number of events per outlet
    k = m.shape[1]
    # m_e m_e' / n_e, one row per event
    outer = (share[:, :, None] * m[:, None, :]).reshape(len(m), k * k)
    # one matrix product
    a = covered[:, :, None] * np.eye(k) - (weights @ outer).reshape(len(weights), k, k)
    beta = np.einsum("bij,bj->bi", np.linalg.pinv(a, hermitian=True), weights @ centred)
    beta[covered == 0] = np.nan
    return beta - np.nanmedian(beta, axis=1, keepdims=True)


@needs(article_scores=["event", "outlet"])
@shared_docs
def event_adjusted_sentiment(
    article_scores: pd.DataFrame,
    *,
    reference: str = "joint",
    value: str = "compound_mean",
    n_boot: int = N_BOOT,
    seed: int = SEED,
) -> pd.DataFrame:
    """Per outlet: how much darker or brighter it writes than the other outlets on the same events.

    Only events covered by two or more outlets count. ``reference`` (see docs/methods.md, measured by
    ``benchmarks/bench_event_adjusted.py``):

    - ``"joint"`` (default): every outlet's offset estimated at once by the additive fit
      ``mean score[event, outlet] = event effect + outlet offset`` (least squares over the covered cells),
      the offsets centred on their median. A neutral outlet comes out near zero whatever events it covers
      and whoever else covers them, and an outlying outlet at its own depth. With two outlets the median is
      their mean: only their difference is known.
    - ``"median"``: mean deviation from the median of the outlets' means on each event.
    - ``"mean"``: mean deviation from the mean of the outlets' means (the first version's reference; one
      dark outlet drags it, see docs/methods.md).

    Parameters
    ----------
    {article_scores}
    reference : {"joint", "median", "mean"}, default "joint"
        What an outlet is compared with on each event (above).
    value : str, default "compound_mean"
        The column of per-article scores.
    n_boot : int, default N_BOOT
        Bootstrap resamples of the events.
    seed : int, default SEED
        The bootstrap's seed: the same intervals every run.

    Returns
    -------
    DataFrame
        ``outlet``, ``n_events``, ``mean`` (the offset), ``ci_low`` and ``ci_high`` (95% interval over
        events: with ``"joint"``, the offset plus or minus Student's t with the outlet's events less one
        degrees of freedom times the bootstrap standard error, which holds its level where the percentile
        interval did not, ``benchmarks/bench_tone_coverage.py``; else the percentile interval) and ``p``.
        Raises :class:`analysis.errors.NoSharedEvents` when no event is covered by two or more outlets.
    """
    require_columns(article_scores, [value], "event_adjusted_sentiment")
    if reference not in REFERENCES:
        raise ValueError(f"reference must be one of {', '.join(REFERENCES)}, not {reference!r}")
    table = _outlet_event_means(article_scores, value)
    n_events = table.notna().sum(axis=0).astype(int)
    if reference == "joint":
        # here: worker processes that score sentences do not load scipy
        from scipy.stats import (
            t as student_t,
        )

        point = _joint_offsets(table, np.ones((1, len(table))))[0]
        boot = np.vstack(
            [
                _joint_offsets(table, w)
                for w in _event_resamples(len(table), n_boot=n_boot, seed=seed)
            ]
        )
        enough = n_events.to_numpy() >= 2  # no interval from a single event
        low, high, p = (np.full(len(point), np.nan) for _ in range(3))
        if enough.any():
            # the offset +- Student's t (its events - 1 degrees of freedom) x the bootstrap's standard error: the
            # percentile interval held 91.8% of true offsets with four outlets (the median outlet changes from one
            # resample to the next), this one at least 96% (benchmarks/bench_tone_coverage.py)
            se, df = np.nanstd(boot[:, enough], axis=0, ddof=1), n_events.to_numpy()[enough] - 1
            spread = student_t.ppf(0.975, df) * se
            low[enough], high[enough] = point[enough] - spread, point[enough] + spread
            ratio = np.divide(np.abs(point[enough]), se, out=np.zeros_like(se), where=se > 0)
            # the p the interval inverts (1 where nothing varies)
            p[enough] = 2 * student_t.sf(ratio, df)
        return pd.DataFrame(
            {
                "outlet": table.columns,
                "n_events": n_events.to_numpy(),
                "mean": point,
                "ci_low": low,
                "ci_high": high,
                "p": p,
            }
        )
    deviations = table.sub(
        table.median(axis=1) if reference == "median" else table.mean(axis=1), axis=0
    )
    rows = []
    for outlet in deviations.columns:
        values = deviations[outlet].dropna().to_numpy()
        low, high = _bootstrap_ci(values, n_boot=n_boot, seed=seed)
        rows.append(
            (outlet, len(values), values.mean() if len(values) else np.nan, low, high, _t_p(values))
        )
    return pd.DataFrame(rows, columns=["outlet", "n_events", "mean", "ci_low", "ci_high", "p"])


def _t_p(values: np.ndarray) -> float:
    """Two-sided p of Student's one-sample t test of mean 0 (paired, when the values are differences over events);
    NaN for fewer than two values, 1 where they do not vary."""
    if len(values) < 2:
        return float("nan")
    from scipy.stats import ttest_1samp

    sd = values.std(ddof=1)
    return 1.0 if not sd > 0 else float(ttest_1samp(values, 0.0).pvalue)


@needs(article_scores=["event", "outlet", "compound_mean"])
def pairwise_sentiment(
    article_scores: pd.DataFrame, *, n_boot: int = N_BOOT, seed: int = SEED
) -> pd.DataFrame:
    """Every pair of outlets: mean of (A - B) over the events both cover.

    Parameters
    ----------
    article_scores : DataFrame
        :func:`article_sentiment`'s table.
    n_boot : int, default 2000
        Bootstrap resamples (over the shared events) for the intervals.
    seed : int
        The bootstrap's seed: the same intervals on every run.

    Returns
    -------
    DataFrame
        ``outlet_a``, ``outlet_b`` (natural order), ``n_events``, ``mean_diff``, ``ci_low``, ``ci_high``
        (95% percentile bootstrap over the shared events), ``p`` (paired t test over the shared events,
        for the findings' false-discovery control); pairs that share no event have ``n_events`` 0.

    Raises
    ------
    NoSharedEvents
        When no event is covered by two or more outlets.
    """
    table = _outlet_event_means(article_scores)
    rows = []
    for a, b in combinations(natural_sorted(table.columns), 2):
        diff = (table[a] - table[b]).dropna().to_numpy()
        low, high = _bootstrap_ci(diff, n_boot=n_boot, seed=seed)
        rows.append((a, b, len(diff), diff.mean() if len(diff) else np.nan, low, high, _t_p(diff)))
    return pd.DataFrame(
        rows, columns=["outlet_a", "outlet_b", "n_events", "mean_diff", "ci_low", "ci_high", "p"]
    )


@needs(sentences=["article_id", "outlet", "event", "compound", "quoted_share"])
def voice_sentiment(
    sentences: pd.DataFrame, *, threshold: float = 0.5, n_boot: int = N_BOOT, seed: int = SEED
) -> pd.DataFrame:
    """Reporter vs quoted voice per outlet.

    Parameters
    ----------
    sentences : DataFrame
        :func:`score_sentences`'s table, with ``quoted_share``.
    threshold : float, default 0.5
        A sentence is in the ``quoted`` voice when at least this share of its characters are inside
        quotation marks, else in the ``reporter`` voice.
    n_boot, seed : int
        As for :func:`group_sentiment`.

    Returns
    -------
    DataFrame
        :func:`group_sentiment`'s columns, grouped by ``outlet`` and ``voice``.
    """
    sentences, _ = english_only(sentences, READS)  # no English article: the section says so
    voice = np.where(sentences["quoted_share"] >= threshold, "quoted", "reporter")
    parts = []
    for name in ("reporter", "quoted"):
        subset = sentences[voice == name]
        if len(subset):
            parts.append(article_sentiment(subset).assign(voice=name))
    scores = pd.concat(parts, ignore_index=True)
    return group_sentiment(scores, by=["outlet", "voice"], n_boot=n_boot, seed=seed)
