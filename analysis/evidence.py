"""Evidence counted in articles: how sure is it that an outlet's articles hold a term more often than the rest's?

Each term of a comparison is a 2 x 2 table per stratum (the outlet's articles
and the rest's, holding the term or not); strata are the events in the
matched scope, one stratum elsewhere. Under no difference, the number of the
outlet's articles holding the term is a sum of hypergeometric counts, one per
stratum, with the moments of :func:`stratified_moments`. :func:`article_p`
tests it: the Mantel-Haenszel (1959) statistic with its continuity
correction where the count has room to be near normal, and binomial tails
where it sits near a bound of its support (a rare term, an outlet with a
small share of each event: there the normal tail is far too thin; a word in
3 of one outlet's 60 articles and none of 1,440 others has normal p 3e-12,
exact p 6e-5).
"""

from __future__ import annotations

import numpy as np
from scipy.stats import binom, norm

#: Room on either side of the expected count, in articles, from which the normal approximation is used
#: (Mantel & Fleiss 1980: five).
MANTEL_FLEISS = 5.0


def hypergeometric_moments(holding, n_own, n_rest) -> tuple[np.ndarray, ...]:
    """One stratum: the expected number of the outlet's articles holding a term, its variance, and the least
    and most it can be, if the ``holding`` articles (of ``n_own + n_rest``) that hold it fell at random on
    either side: the hypergeometric mean ``n1 m / N``, variance ``n1 n2 m (N - m) / (N^2 (N - 1))``, and
    support ``max(0, m - n2)`` to ``min(n1, m)``."""
    m = np.asarray(holding, dtype="float64")
    n = float(n_own + n_rest)
    expected = n_own * m / n
    variance = n_own * n_rest * m * (n - m) / (n * n * (n - 1)) if n > 1 else np.zeros_like(m)
    return expected, variance, np.maximum(0.0, m - n_rest), np.minimum(float(n_own), m)


def stratified_moments(holding, n_own, n_all) -> tuple[np.ndarray, ...]:
    """:func:`hypergeometric_moments` summed over strata (events): ``holding`` (strata x terms, sparse CSC)
    counts the articles of each stratum that hold each term, ``n_own`` and ``n_all`` the outlet's and all
    articles of each stratum compared (0 for strata outside the comparison).

    ``E = sum_k n1k mk / Nk``, ``V = sum_k n1k (Nk - n1k) mk (Nk - mk) / (Nk^2 (Nk - 1))``, and the support
    summed likewise; a stratum with one article adds nothing (its count is its own). Summed entry by entry
    over the stored counts: no copy of the matrix is made."""
    usable = n_all > 1
    share = np.divide(n_own, n_all, out=np.zeros_like(n_own), where=usable)
    spread = np.divide(
        n_own * (n_all - n_own), n_all * n_all * (n_all - 1), out=np.zeros_like(n_own), where=usable
    )
    holding = holding.tocsc()
    rows, m = holding.indices, holding.data
    column = np.repeat(np.arange(holding.shape[1]), np.diff(holding.indptr))
    width = holding.shape[1]

    def total(weights: np.ndarray) -> np.ndarray:
        return np.bincount(column, weights=weights, minlength=width)

    expected = total(share[rows] * m)
    variance = total(spread[rows] * m * (n_all[rows] - m))
    low = total(np.where(usable[rows], np.maximum(0.0, m - (n_all - n_own)[rows]), 0.0))
    high = total(np.where(usable[rows], np.minimum(n_own[rows], m), 0.0))
    return expected, np.maximum(variance, 0.0), low, high


def mantel_haenszel_z(observed, expected, variance) -> np.ndarray:
    """The signed square root of the Mantel-Haenszel (1959) chi-square with its continuity correction:
    ``(|O - E| - 1/2) / sqrt(V)``, signed as ``O - E``; 0 where ``V`` is 0 (every article alike)."""
    observed, expected, variance = (
        np.asarray(v, dtype="float64") for v in (observed, expected, variance)
    )
    excess = np.maximum(np.abs(observed - expected) - 0.5, 0.0)
    z = np.divide(excess, np.sqrt(variance), out=np.zeros_like(excess), where=variance > 0)
    return np.sign(observed - expected) * z


def article_p(observed, expected, variance, low, high, holding) -> np.ndarray:
    """Two-sided p that the outlet's articles hold a term as often as chance would have them (``observed``
    against the moments and support of :func:`stratified_moments`; ``holding``: the articles of both sides
    that hold it).

    Where the expected count has at least ``MANTEL_FLEISS`` articles of room on both sides of it, the
    Mantel-Haenszel z's normal p. Elsewhere both tails are binomial: ``holding`` trials, each the outlet's
    with the chance ``E / holding``, doubled for both sides. A hypergeometric count is less spread than the
    binomial of its mean, and so is a sum of binomials of unequal chances (Hoeffding 1956, 1963): these
    tails err on the side of caution where the normal one is far too thin.
    """
    observed, expected, variance, low, high, holding = (
        np.asarray(v, dtype="float64") for v in (observed, expected, variance, low, high, holding)
    )
    p = 2 * norm.sf(np.abs(mantel_haenszel_z(observed, expected, variance)))
    sparse = ((expected - low < MANTEL_FLEISS) | (high - expected < MANTEL_FLEISS)) & (holding > 0)
    if sparse.any():
        o, n = observed[sparse], holding[sparse]
        chance = np.clip(expected[sparse] / n, 0.0, 1.0)
        upper, lower = binom.sf(o - 1, n, chance), binom.cdf(o, n, chance)  # P(X >= o), P(X <= o)
        p[sparse] = np.minimum(1.0, 2 * np.minimum(upper, lower))
    return np.clip(p, 0.0, 1.0)


def fewest_alone(shares, n_terms: int, alpha: float = 0.05) -> int | None:
    """The fewest of an outlet's articles a term that only it uses must be in for the term to reach
    ``q < alpha`` on its own among ``n_terms`` (Benjamini-Hochberg's q of the smallest p is at most
    ``n_terms`` x p), or None where no count can: what a comparison could have found, to read beside what it
    did.

    ``shares``: for each of the outlet's articles compared, the outlet's share of its stratum (its articles
    in the event over all compared articles of the event; one stratum in the ``all`` scope). The term is put
    in the articles of smallest share first (where it says most), one article of it a stratum, and tested
    as :func:`article_p` tests any term: a term in 10 of 37 articles, each one of three of its event, reaches
    ``2 x (1/3)^10 x 800 < 0.05`` among 800 terms; in 9 it does not.
    """
    s = np.sort(np.asarray(shares, dtype="float64"))
    if not len(s) or n_terms < 1:
        return None
    k = np.arange(1, len(s) + 1, dtype="float64")
    expected = np.cumsum(s)
    p = article_p(k, expected, np.cumsum(s * (1 - s)), np.zeros_like(k), k, k)
    reached = np.flatnonzero(p * n_terms <= alpha)
    return int(k[reached[0]]) if len(reached) else None
