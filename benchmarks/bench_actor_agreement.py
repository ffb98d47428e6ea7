"""The actor finder against a human coder, on the hand-coded BASIL sample (30 articles, 10 events, 3 outlets).

Run: .venv/bin/python benchmarks/bench_actor_agreement.py
Runs ``find_actors`` on all 300 BASIL articles (its defaults: every mention, headlines included) and scores
its mentions in the 30 coded ones' text (tests/data/basil_actors.csv) with ``analysis.agreement``: recall of
coded persons and organisations, precision, the share of found mentions that are places, the share of those
it does not call places that are coded entities, and cross-document B³ F1, beside the baseline that
clusters the same mentions by their last word alone. Time: against the
baseline run in the same process (a regular expression for capitalised word runs over the same texts, the
floor of any name finder). Needs ``../shared/corpora/basil.csv``.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
BASIL = HERE.parent.parent / "shared" / "corpora" / "basil.csv"
CODED = HERE.parent / "tests" / "data" / "basil_actors.csv"


def main() -> None:
    import pandas as pd

    import analysis as fa
    from analysis.agreement import agreement

    if not BASIL.exists():
        sys.exit(f"basil.csv absent ({BASIL}): nothing to measure")
    articles = pd.read_csv(BASIL).rename(columns={"id": "article_id"})
    coded = pd.read_csv(CODED)
    t0 = time.perf_counter()
    capitals = re.compile(r"(?:[A-Z][\w'’.-]*\s?)+")
    n_runs = sum(len(capitals.findall(t)) for t in articles["text"])
    floor = time.perf_counter() - t0
    t0 = time.perf_counter()
    found = fa.find_actors(articles[["article_id", "outlet", "event", "title", "text"]], n_jobs=1)
    took = time.perf_counter() - t0
    got = agreement(found, coded)
    print(
        f"{len(articles)} articles, {len(found):,} mentions in {took:.2f} s = {took / floor:.1f}x the capitalised-run "
        f"regex ({n_runs:,} runs, {floor:.2f} s)"
    )
    print(
        f"coded sample: {coded['article_id'].nunique()} articles, {got['n_coded']} person and organisation "
        f"mentions; {got['n_found']} found there"
    )
    print(
        f"recall {got['recall']:.3f}; precision {got['precision']:.3f}; places {got['places']:.1%} of found "
        f"mentions; not called places and a coded entity {got['entities']:.1%}; B³ F1 {got['b3']['f1']:.3f} (P {got['b3']['precision']:.3f}, R {got['b3']['recall']:.3f}); "
        f"last-word baseline B³ F1 {got['baseline_b3']['f1']:.3f} (P {got['baseline_b3']['precision']:.3f}, "
        f"R {got['baseline_b3']['recall']:.3f})"
    )


if __name__ == "__main__":
    main()
