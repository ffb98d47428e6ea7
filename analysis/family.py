"""One family per report: false-discovery control across every comparison that could become a finding.

A report tests thousands of terms, every pair of outlets and every outlet's
event-adjusted offset. Tested each at 5% on its own, some pass by chance
alone (300 pairs of 25 outlets: about 15). :func:`family_q` puts every such
test in one family and gives each its Benjamini-Hochberg (1995) q-value over
the whole family, so that among the findings stated at ``q_family < 0.05`` at
most 5% are expected to be false, however many comparisons were made. BH
holds under independence and positive regression dependence (Benjamini &
Yekutieli 2001), the case of one-vs-rest contrasts of one corpus.

The p-values: a term's is the two-sided p of its Mantel-Haenszel ``z`` (every
term of the scope, either direction); a pair's is its paired t test over the
events both outlets cover (``p`` of :func:`analysis.pairwise_sentiment`); an
offset's the t of its interval (``p`` of :func:`analysis.event_adjusted_sentiment`).
A table without ``p`` has it read back from its 95% interval, as a normal
interval.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import false_discovery_control, norm


def p_from_interval(estimate, low, high) -> np.ndarray:
    """Two-sided p of a normal 95% interval: ``se = (high - low) / 3.92``."""
    se = (np.asarray(high, dtype="float64") - np.asarray(low, dtype="float64")) / (
        2 * norm.ppf(0.975)
    )
    est = np.abs(np.asarray(estimate, dtype="float64"))
    ratio = np.divide(est, se, out=np.full_like(est, np.nan), where=se > 0)
    return 2 * norm.sf(ratio)


def family_p(
    *,
    terms: pd.DataFrame | None = None,
    pairwise: pd.DataFrame | None = None,
    adjusted: pd.DataFrame | None = None,
) -> dict[str, np.ndarray]:
    """The p-value of each row of each table given (NaN where a row tests nothing: no shared event)."""
    out = {}
    if terms is not None:
        out["terms"] = 2 * norm.sf(np.abs(terms["z"].to_numpy(dtype="float64")))
    if pairwise is not None:
        out["pairwise"] = (
            pairwise["p"].to_numpy(dtype="float64")
            if "p" in pairwise
            else p_from_interval(pairwise["mean_diff"], pairwise["ci_low"], pairwise["ci_high"])
        )
    if adjusted is not None:
        out["adjusted"] = (
            adjusted["p"].to_numpy(dtype="float64")
            if "p" in adjusted
            else p_from_interval(adjusted["mean"], adjusted["ci_low"], adjusted["ci_high"])
        )
    return out


def family_q(**tables) -> tuple[dict[str, np.ndarray], int]:
    """Benjamini-Hochberg q over every row of every table given (``terms``, ``pairwise``, ``adjusted``: see
    :func:`family_p`) at once.

    Returns
    -------
    q : dict of arrays
        Each table's q-values, row for row (NaN where its p is).
    n : int
        How many comparisons the family holds.
    """
    p = family_p(**tables)
    names = list(p)
    pooled = np.concatenate([p[name] for name in names]) if names else np.zeros(0)
    tested = np.isfinite(pooled)
    q = np.full(len(pooled), np.nan)
    if tested.any():
        q[tested] = false_discovery_control(np.clip(pooled[tested], 0.0, 1.0), method="bh")
    out, at = {}, 0
    for name in names:
        out[name] = q[at : at + len(p[name])]
        at += len(p[name])
    return out, int(tested.sum())
