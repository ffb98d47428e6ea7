"""The actor finder against a human coder, on the three hand-coded BASIL samples (30 articles of 10 events; 12
articles of 4 other events; 9 of 3 more; all three outlets).

Run: .venv/bin/python benchmarks/bench_actor_agreement.py [--record]
Runs ``find_actors`` on all 300 BASIL articles (its defaults: every mention, headlines included) and scores
its mentions in the coded ones' text (tests/data/basil_actors.csv, basil_actors_second.csv,
basil_actors_third.csv) with ``analysis.agreement``: recall of coded persons and organisations, precision,
the share of found mentions that are places, the share of those it does not call places that are coded
entities, and cross-document B³ F1, beside the baseline that clusters the same mentions by their last word
alone. Time: against the baseline run in the same process (a regular expression for capitalised word runs
over the same texts, the floor of any name finder). Needs ``../shared/corpora/basil.csv``. ``--record``
writes the figures to tests/data/basil_actors_agreement.json, which tests/test_agreement.py checks and README
and docs quote.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
BASIL = HERE.parent.parent / "shared" / "corpora" / "basil.csv"
DATA = HERE.parent / "tests" / "data"
SAMPLES = ("basil_actors", "basil_actors_second", "basil_actors_third")


def main() -> None:
    import pandas as pd

    import analysis as fa
    from analysis.agreement import agreement

    if not BASIL.exists():
        sys.exit(f"basil.csv absent ({BASIL}): nothing to measure")
    articles = pd.read_csv(BASIL).rename(columns={"id": "article_id"})
    t0 = time.perf_counter()
    capitals = re.compile(r"(?:[A-Z][\w'’.-]*\s?)+")
    n_runs = sum(len(capitals.findall(t)) for t in articles["text"])
    floor = time.perf_counter() - t0
    t0 = time.perf_counter()
    found = fa.find_actors(articles[["article_id", "outlet", "event", "title", "text"]], n_jobs=1)
    took = time.perf_counter() - t0
    print(
        f"{len(articles)} articles, {len(found):,} mentions in {took:.2f} s = {took / floor:.1f}x the capitalised-run "
        f"regex ({n_runs:,} runs, {floor:.2f} s)"
    )
    figures = {}
    for sample in SAMPLES:
        coded = pd.read_csv(DATA / f"{sample}.csv")
        got = agreement(found, coded)
        figures[sample] = _rounded(got)
        print(
            f"{sample}: {coded['article_id'].nunique()} articles, {got['n_coded']} person and organisation "
            f"mentions; {got['n_found']} found there"
        )
        print(
            f"  recall {got['recall']:.3f}; precision {got['precision']:.3f}; places {got['places']:.1%} of "
            f"found mentions; not called places and a coded entity {got['entities']:.1%}; B³ F1 "
            f"{got['b3']['f1']:.3f} (P {got['b3']['precision']:.3f}, R {got['b3']['recall']:.3f}); last-word "
            f"baseline B³ F1 {got['baseline_b3']['f1']:.3f} (P {got['baseline_b3']['precision']:.3f}, "
            f"R {got['baseline_b3']['recall']:.3f})"
        )
    if "--record" in sys.argv:
        path = DATA / "basil_actors_agreement.json"
        path.write_text(json.dumps(figures, indent=1, sort_keys=True) + "\n")
        print(f"recorded in {path}")


def _rounded(value):
    """The figures to four decimals, as the JSON keeps them."""
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return round(value, 4) if isinstance(value, float) else value


if __name__ == "__main__":
    main()
