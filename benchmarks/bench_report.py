"""The one-command report: time on the bundled sample and on BASIL, and how much is kernel start-up.

Run: .venv/bin/python benchmarks/bench_report.py
The baseline is papermill executing an empty notebook (kernel start, one
trivial cell, shutdown), measured in the same process; the report runs every
notebook of the suite (five), so that many times the baseline is its fixed cost.
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
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    src = folder / "empty.ipynb"
    nbformat.write(nb, src)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        pm.execute_notebook(str(src), str(folder / "out.ipynb"), kernel_name="python3", progress_bar=False)
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
        print(f"kernel start-up + shutdown (empty notebook, best of 3): {kernel:.1f} s; x{n} notebooks = {n * kernel:.1f} s")
        corpora = [("bundled sample", None)] + ([("basil.csv", BASIL)] if BASIL.exists() else [])
        for label, corpus in corpora:
            for run in ("cold cache", "warm cache"):
                t0 = time.perf_counter()
                build_report(corpus=corpus, out=tmp / "report", progress=False)
                t = time.perf_counter() - t0
                print(f"{label}, {run}: {t:.1f} s; kernel start-up {n * kernel / t:.0%} of it")
        if not BASIL.exists():
            print(f"basil.csv absent ({BASIL}): skipped")


if __name__ == "__main__":
    main()
