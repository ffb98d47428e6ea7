"""Scale: time and peak memory per stage on generated corpora of growing size, each in a fresh process.

Run: .venv/bin/python benchmarks/bench_scale.py [N ...]   (default: 25,000 and 100,000 articles of ~600 words)
Stages: prepare (load, clean, keep the Parquet dataset), prepare again (read
back: what every notebook after the first pays), sentences (split and VADER,
no score cache), term contrasts (scopes all and matched). The peak of each
stage is its own (VmHWM is reset between stages). The baseline is
pandas.read_csv of the same file in the same process: each stage is also
given as a multiple of it, so runs on different machines compare.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

CHILD = r"""
import pandas as pd
import analysis as fa

def reset_peak():
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")

path, cache = sys.argv[2], sys.argv[3]
out = {}
reset_peak(); t0 = time.perf_counter(); pd.read_csv(path, dtype=str, keep_default_na=False)
out["read_csv (baseline)"] = (time.perf_counter() - t0, hwm_mb())
reset_peak(); t0 = time.perf_counter(); c = fa.prepare_corpus(path, cache_dir=cache, progress=False)
out["prepare"] = (time.perf_counter() - t0, hwm_mb())
del c
reset_peak(); t0 = time.perf_counter(); c = fa.prepare_corpus(path, cache_dir=cache, progress=False)
out["prepare again (reuse)"] = (time.perf_counter() - t0, hwm_mb())
reset_peak(); t0 = time.perf_counter(); s = c.sentences(cache_dir=False, progress=False)
out["sentences (split + VADER)"] = (time.perf_counter() - t0, hwm_mb())
n_sentences = len(s)
del s
reset_peak(); t0 = time.perf_counter(); t = fa.contrast_terms(c.articles, scope=["all", "matched"])
out["term contrasts"] = (time.perf_counter() - t0, hwm_mb())
print(json.dumps({"stages": out, "n": len(c.articles), "sentences": n_sentences, "rows": len(t)}))
"""


def main(sizes: list[int]) -> None:
    import os

    from common import run_child
    from generate import news_corpus

    print(f"{os.cpu_count()} cores")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "generated.csv"
            t0 = time.perf_counter()
            frame = news_corpus(n)
            frame.to_csv(path, index=False)
            del frame
            print(f"\n{n:,} articles: {path.stat().st_size / 2**20:,.0f} MB CSV (generated in "
                  f"{time.perf_counter() - t0:.0f} s)")
            r = run_child(CHILD, path, Path(tmp) / "cache")
            base = r["stages"]["read_csv (baseline)"][0]
            print(f"{r['sentences']:,} sentences; {r['rows']:,} contrast rows")
            print("stage | seconds | x read_csv | articles/s | peak MB")
            for stage, (sec, peak) in r["stages"].items():
                print(f"{stage} | {sec:.1f} | {sec / base:.1f} | {r['n'] / sec:,.0f} | {peak:,.0f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [25_000, 100_000])
