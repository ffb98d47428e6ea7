"""Do the event-adjusted offsets' 95% intervals hold their level? Coverage of the true offsets over planted corpora.

Run: .venv/bin/python benchmarks/bench_tone_coverage.py [N_CORPORA] [N_BOOT]

Each planted corpus (N_CORPORA per scenario, default 200; 60 events) has
outlets with planted tones; article scores are the event's tone plus the
outlet's offset plus noise, either added as they are (``additive``) or read
through tanh, as a bounded score like VADER's compound reads them
(``bounded``: a dark outlet is darker by less on grim events, where scores
crowd towards -1). The ``bounded`` scenarios hold a ``Grim`` outlet that
covers only the grimmest events and writes like the neutral outlets: its
true offset is 0, and so is every neutral outlet's (the typical outlet, the
median, is neutral). The dark outlet's true offset is its mean expected gap
to a neutral outlet over the events it covers, by Gauss-Hermite quadrature.

Prints, per scenario, the share of intervals that contain the true offset
(target: at least 93%), the share of neutral outlets whose interval leaves
out 0 (they would be stated as findings), and how many neutral outlets pass
the findings' minimal effect as well.
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd

from analysis.findings import MIN_TONE_EFFECT
from analysis.sentiment import event_adjusted_sentiment

SCENARIOS = {
    "additive: 4 outlets, 1 dark (-0.10)": ("additive", {"Dark": -0.10, "N1": 0, "N2": 0, "N3": 0}),
    "additive: 6 outlets, 1 dark (-0.20)": (
        "additive",
        {"Dark": -0.20, "N1": 0, "N2": 0, "N3": 0, "N4": 0, "N5": 0},
    ),
    "bounded: 5 outlets, 1 dark, 1 grim-only": (
        "bounded",
        {"Dark": -0.25, "Grim": 0, "N1": 0, "N2": 0, "N3": 0},
    ),
    "bounded: 3 outlets and a grim-only one": ("bounded", {"Grim": 0, "N1": 0, "N2": 0, "N3": 0}),
}
NOISE = 0.25  # per article, before tanh in the bounded scenarios (0.06 on the score in the additive ones)
_NODES, _WEIGHTS = np.polynomial.hermite_e.hermegauss(40)


def _expected_tanh(x: np.ndarray) -> np.ndarray:
    """E[tanh(x + e)], e ~ N(0, NOISE^2)."""
    return (np.tanh(x[:, None] + NOISE * _NODES[None, :]) * _WEIGHTS).sum(axis=1) / _WEIGHTS.sum()


def planted(
    kind: str, offsets: dict, *, n_events: int, seed: int
) -> tuple[pd.DataFrame, pd.Series]:
    """Article scores, and each outlet's true offset against the typical (neutral) outlet."""
    rng = np.random.default_rng(seed)
    outlets = list(offsets)
    tones = rng.normal(-0.1, 0.5 if kind == "bounded" else 0.15, n_events)
    grim = tones <= np.quantile(tones, 0.3)
    rows, gaps = [], {o: [] for o in outlets}
    for e in range(n_events):
        who = [o for o in outlets if (o != "Grim" or grim[e]) and rng.random() < 0.8]
        if len(who) < 2:
            who = [o for o in outlets if o != "Grim"][:2]
        for o in who:
            latent = tones[e] + offsets[o]
            if kind == "bounded":
                gaps[o].append(
                    _expected_tanh(np.array([latent]))[0] - _expected_tanh(np.array([tones[e]]))[0]
                )
            else:
                gaps[o].append(offsets[o])
            for k in range(2):
                value = (
                    np.tanh(latent + rng.normal(0, NOISE))
                    if kind == "bounded"
                    else latent + rng.normal(0, 0.06)
                )
                rows.append((f"{o}-{e}-{k}", o, f"e{e}", value))
    scores = pd.DataFrame(rows, columns=["article_id", "outlet", "event", "compound_mean"])
    return scores, pd.Series({o: float(np.mean(g)) for o, g in gaps.items()})


def main(repeats: int, n_boot: int, n_events: int = 60) -> None:
    print(
        f"{repeats} planted corpora per scenario, {n_events} events, {n_boot} bootstrap resamples; "
        f"minimal effect for a finding: {MIN_TONE_EFFECT}"
    )
    for name, (kind, offsets) in SCENARIOS.items():
        covered = total = flagged = stated = n_neutral = 0
        neutral = [o for o, v in offsets.items() if v == 0]
        for r in range(repeats):
            scores, truth = planted(kind, offsets, n_events=n_events, seed=r)
            table = event_adjusted_sentiment(scores, n_boot=n_boot, seed=r).set_index("outlet")
            inside = (table["ci_low"] <= truth[table.index]) & (
                truth[table.index] <= table["ci_high"]
            )
            covered += int(inside.sum())
            total += len(table)
            off = (table.loc[neutral, "ci_low"] > 0) | (table.loc[neutral, "ci_high"] < 0)
            flagged += int(off.sum())
            stated += int((off & (table.loc[neutral, "mean"].abs() >= MIN_TONE_EFFECT)).sum())
            n_neutral += len(neutral)
        print(
            f"{name:<42} coverage {covered / total:6.1%}   neutral intervals leaving out 0 {flagged / n_neutral:5.1%}"
            f"   of them past the minimal effect {stated / n_neutral:5.1%}"
        )


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 200,
        int(sys.argv[2]) if len(sys.argv) > 2 else 1000,
    )
