"""Outlets compared on their frames, on the events they share: prevalence per outlet and pairwise differences.

Every figure is over matched events (covered by two or more outlets), each event weighing the same: an
outlet's prevalence of a frame is the mean over its matched events of the share of its articles on the event
that use the frame, so an outlet that covers more of a frame-heavy story does not look framed for it. The
intervals resample events (the unit that was sampled), never articles.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd

from .errors import InsufficientData, NoSharedEvents
from .frames import FRAME_NAMES, FRAMES
from .sentiment import _bootstrap_ci
from .tables import natural_sorted, needs

N_BOOT = 2_000
SEED = 20170412
ALPHA = 0.05
#: fewer matched events than this: the row carries a caution
FEW_EVENTS = 10


def _event_shares(frames: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Per frame, events x outlets: the share of the outlet's articles on the event that use the frame, over
    the matched events (:func:`_matched`), in one pass."""
    means = _matched(frames).groupby(["event", "outlet"], observed=True)[list(FRAMES)].mean()
    return {frame: means[frame].unstack("outlet") for frame in FRAMES}


def _boot_means(values: np.ndarray, n_boot: int, seed: int) -> np.ndarray:
    """Means of ``n_boot`` resamples (with replacement) of ``values``, drawn as
    :func:`analysis.sentiment._bootstrap_ci` draws them (whose percentile interval the prevalence takes)."""
    picks = np.random.default_rng(seed).integers(0, len(values), size=(n_boot, len(values)))
    return values[picks].mean(axis=1)


def _caution(n_events: int) -> str:
    return f"only {n_events} matched events: read with care" if n_events < FEW_EVENTS else ""


@needs(frames=["article_id", "outlet", "event", *FRAMES])
def frame_prevalence(
    frames: pd.DataFrame, *, n_boot: int = N_BOOT, seed: int = SEED, level: float = 0.95
) -> pd.DataFrame:
    """How often each outlet uses each frame, on the events the outlets share.

    Parameters
    ----------
    frames : DataFrame
        :func:`analysis.score_frames`' table (with ``outlet`` and ``event``).
    n_boot : int, default 2000
        Bootstrap resamples of the outlet's matched events.
    seed : int
        The bootstrap's seed: the same intervals every run.
    level : float, default 0.95
        The intervals' level.

    Returns
    -------
    DataFrame
        ``frame``, ``frame_name`` (as the literature names it), ``outlet``, ``n_events`` (matched events the
        outlet covers), ``n_articles`` (its articles on them), ``prevalence`` (mean over those events of the
        share of its articles using the frame), ``ci_low``, ``ci_high`` (percentile bootstrap over events;
        NaN from a single event), ``share_all`` (share over all its articles, matched or not) and
        ``caution``.

    Raises
    ------
    NoSharedEvents
        When no event is covered by two or more outlets.
    InsufficientData
        When no article was scored (none in English): with the scorer's note.
    """
    shares = _event_shares(frames)
    n_articles = (
        _matched(frames).groupby("outlet").size()
    )  # every matched article is on one of its events
    share_all = frames.groupby("outlet")[list(FRAMES)].mean()
    rows = []
    for frame, table in shares.items():
        for outlet in natural_sorted(table.columns):
            values = table[outlet].dropna().to_numpy("float64")
            low, high = _bootstrap_ci(values, n_boot=n_boot, seed=seed, level=level)
            rows.append(
                (
                    frame,
                    FRAME_NAMES[frame],
                    outlet,
                    len(values),
                    int(n_articles[outlet]),
                    float(values.mean()),
                    low,
                    high,
                    float(share_all.loc[outlet, frame]),
                    _caution(len(values)),
                )
            )
    columns = ["frame", "frame_name", "outlet", "n_events", "n_articles", "prevalence"]
    return pd.DataFrame(rows, columns=[*columns, "ci_low", "ci_high", "share_all", "caution"])


def _matched(frames: pd.DataFrame) -> pd.DataFrame:
    """The articles on events covered by two or more outlets; :class:`NoSharedEvents` when there is none, and
    :class:`InsufficientData` with the scorer's note when no article was scored (none in English)."""
    if frames.empty:
        notes = frames.attrs.get("notes") or ["no article was scored for frames"]
        raise InsufficientData(notes[0])
    events = frames.dropna(subset=["event"]).groupby("event")["outlet"].nunique()
    shared = events.index[events >= 2]
    if not len(shared):
        raise NoSharedEvents(
            "no event is covered by two or more outlets, and outlets are compared on frames only on the "
            "events they share"
        )
    return frames[frames["event"].isin(shared)]


@needs(frames=["article_id", "outlet", "event", *FRAMES])
def pairwise_frames(
    frames: pd.DataFrame, *, alpha: float = ALPHA, n_boot: int = N_BOOT, seed: int = SEED
) -> pd.DataFrame:
    """Every pair of outlets, every frame: the difference in prevalence over the events both cover.

    On each shared event the difference is (share of A's articles with the frame) - (share of B's); the row
    gives their mean, a 95% interval, and an interval widened for the number of comparisons (Bonferroni over
    every frame and pair with two or more shared events): a difference ``holds`` only when that one excludes
    zero. Both intervals are the mean plus or minus Student's t (shared events less one degrees of freedom)
    times the bootstrap standard error over events; ``p`` is the test they invert.

    Parameters
    ----------
    frames : DataFrame
        :func:`analysis.score_frames`' table (with ``outlet`` and ``event``).
    alpha : float, default 0.05
        The family-wise error rate the adjusted intervals keep.
    n_boot : int, default 2000
        Bootstrap resamples of the shared events.
    seed : int
        The bootstrap's seed.

    Returns
    -------
    DataFrame
        ``frame``, ``frame_name``, ``outlet_a``, ``outlet_b`` (natural order), ``n_events``, ``mean_diff``
        (A - B, in shares: 0.10 = ten points), ``ci_low``, ``ci_high``, ``adj_low``, ``adj_high``, ``p``,
        ``p_adjusted`` (Bonferroni), ``holds`` and ``caution``.

    Raises
    ------
    NoSharedEvents
        When no event is covered by two or more outlets.
    InsufficientData
        When no article was scored (none in English): with the scorer's note.
    """
    from scipy.stats import t as student_t

    rows = []
    for frame, table in _event_shares(frames).items():
        for a, b in combinations(natural_sorted(table.columns), 2):
            diff = (table[a] - table[b]).dropna().to_numpy("float64")
            se = (
                float(np.std(_boot_means(diff, n_boot, seed), ddof=1)) if len(diff) >= 2 else np.nan
            )
            rows.append(
                [
                    frame,
                    FRAME_NAMES[frame],
                    a,
                    b,
                    len(diff),
                    diff.mean() if len(diff) else np.nan,
                    se,
                ]
            )
    out = pd.DataFrame(
        rows, columns=["frame", "frame_name", "outlet_a", "outlet_b", "n_events", "mean_diff", "se"]
    )
    testable = out["n_events"].ge(2).to_numpy()
    m = max(int(testable.sum()), 1)
    df = np.maximum(out["n_events"].to_numpy() - 1, 1)
    mean, se = out["mean_diff"].to_numpy(), out["se"].to_numpy()
    ratio = np.divide(np.abs(mean), se, out=np.zeros(len(out)), where=se > 0)
    # nothing varies: a difference the same on every shared event (0 only where it is none)
    p = np.where(se > 0, 2 * student_t.sf(ratio, df), np.where(mean != 0, 0.0, 1.0))
    p[~testable] = np.nan
    for name, quantile in (("ci", 0.975), ("adj", 1 - alpha / (2 * m))):
        spread = student_t.ppf(quantile, df) * se
        out[f"{name}_low"] = np.where(testable, mean - spread, np.nan)
        out[f"{name}_high"] = np.where(testable, mean + spread, np.nan)
    out["p"] = p
    out["p_adjusted"] = np.minimum(p * m, 1.0)
    out["holds"] = testable & ((out["adj_low"] > 0) | (out["adj_high"] < 0)).to_numpy()
    out["caution"] = [_caution(n) for n in out["n_events"]]
    columns = [
        "frame",
        "frame_name",
        "outlet_a",
        "outlet_b",
        "n_events",
        "mean_diff",
        "ci_low",
        "ci_high",
    ]
    return out[[*columns, "adj_low", "adj_high", "p", "p_adjusted", "holds", "caution"]]
