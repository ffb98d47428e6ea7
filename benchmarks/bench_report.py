"""The one-command report: time on the bundled sample and on BASIL, and how much is kernel start-up;
or, given a number of articles, a first run and a rerun on a generated corpus that size.

Run: .venv/bin/python benchmarks/bench_report.py
     .venv/bin/python benchmarks/bench_report.py 100000 [--dense] [--at-once N]
The baseline of the first form is papermill executing an empty notebook
(kernel start, one trivial cell, shutdown), measured in the same process;
the report runs every notebook of the suite, so that many times the baseline
is its fixed cost. The second generates ``news_corpus(N, cast=True)`` (names
as dense as BASIL's, see calibrate_corpus.py; ``--dense``: ``cast=False``,
the sample's few dozen names in every article), runs ``python -m analysis
report`` on it twice in a child process (first run, then the rerun that
reads every kept table back), and prints the report's own account of where
the time went, the wall time, the CPU seconds of the whole process tree and
its peak memory; its baseline is pandas.read_csv of the same file, 10,000
rows at a time, in this process.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
BASIL = HERE.parent.parent / "shared" / "corpora" / "basil.csv"


def empty_notebook_seconds(folder: Path, repeats: int = 3) -> float:
    import nbformat
    import papermill as pm

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    src = folder / "empty.ipynb"
    nbformat.write(nb, src)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        pm.execute_notebook(
            str(src), str(folder / "out.ipynb"), kernel_name="python3", progress_bar=False
        )
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    import os

    from analysis.report import build_report, notebooks

    n = len(notebooks())
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        os.environ["FRAMING_CACHE_DIR"] = str(tmp / "cache")
        kernel = empty_notebook_seconds(tmp)
        print(
            f"kernel start-up + shutdown (empty notebook, best of 3): {kernel:.1f} s; x{n} notebooks = {n * kernel:.1f} s"
        )
        corpora = [("bundled sample", None)] + ([("basil.csv", BASIL)] if BASIL.exists() else [])
        for label, corpus in corpora:
            for run in ("cold cache", "warm cache"):
                t0 = time.perf_counter()
                build_report(corpus=corpus, out=tmp / "report", progress=False)
                t = time.perf_counter() - t0
                print(f"{label}, {run}: {t:.1f} s; kernel start-up {n * kernel / t:.0%} of it")
        if not BASIL.exists():
            print(f"basil.csv absent ({BASIL}): skipped")


def at_scale(n: int, dense: bool, at_once: int) -> None:
    import os
    import subprocess

    sys.path.insert(0, str(HERE))
    from common import TreePeak, read_csv_baseline
    from generate import news_corpus

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        path = tmp / "generated.csv"
        t0 = time.perf_counter()
        news_corpus(n, cast=not dense).to_csv(path, index=False)
        kind = "the sample's names in every article" if dense else "names as dense as BASIL's"
        print(
            f"generated {n:,} articles ({kind}), "
            f"{path.stat().st_size / 1e6:,.0f} MB CSV, in {time.perf_counter() - t0:.1f} s",
            flush=True,
        )
        t0 = time.perf_counter()
        read_csv_baseline(path)
        baseline = time.perf_counter() - t0
        print(f"baseline, read_csv 10,000 rows at a time: {baseline:.1f} s", flush=True)
        env = {**os.environ, "FRAMING_CACHE_DIR": str(tmp / "cache")}
        command = [
            sys.executable,
            "-m",
            "analysis",
            "report",
            "--corpus",
            str(path),
            "--out",
            str(tmp / "report"),
            "--at-once",
            str(at_once),
        ]
        for run in ("first run", "rerun"):
            t0 = time.perf_counter()
            with TreePeak(1.0) as tree:
                done = subprocess.run(
                    command, cwd=HERE.parent, env=env, capture_output=True, text=True
                )
            wall = time.perf_counter() - t0
            if done.returncode:
                sys.exit(f"report failed ({done.returncode}):\n{done.stderr[-3000:]}")
            for line in done.stdout.splitlines():
                if line.startswith(("where the time went", "slowest cells")):
                    print(" ", line)
            cores = os.cpu_count() or 1
            print(
                f"{run}: {wall:.1f} s ({wall / 60:.1f} min) = {wall / baseline:.0f}x the baseline; CPU "
                f"{tree.cpu:,.0f} s = {tree.cpu / wall / cores:.0%} of {cores} cores; peak of the process tree "
                f"{tree.peak / 1024:.2f} GB",
                flush=True,
            )


if __name__ == "__main__":
    if len(sys.argv) > 1:
        import argparse

        parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
        parser.add_argument("n", type=int, help="articles to generate")
        parser.add_argument(
            "--dense", action="store_true", help="the sample's names in every article (cast=False)"
        )
        parser.add_argument(
            "--at-once", type=int, default=2, help="notebooks run at once (default 2)"
        )
        args = parser.parse_args()
        at_scale(args.n, args.dense, args.at_once)
    else:
        main()
