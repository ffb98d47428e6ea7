"""Scale: time and peak memory per stage on generated corpora of growing size, each in a fresh process.

Run: .venv/bin/python benchmarks/bench_scale.py [N ...]   (default: 25,000 and 100,000 articles of ~600 words)
Stages, each on a PreparedCorpus that reads its parts from disk as it needs them:
prepare (read the file in batches, clean, keep the Parquet dataset), prepare
again (read back: what every notebook after the first pays), sentences
(split and VADER part by part, kept; article scores returned; no score
cache), term contrasts (scopes all and matched, kept). The peak of each
stage is its own (VmHWM is reset between stages). The baseline is
pandas.read_csv of the same file, 10,000 rows at a time, in the same
process: each stage is also given as a multiple of it, so runs on different
machines compare.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

CHILD = r"""
import analysis as fa

def reset_peak():
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")

if __name__ == "__main__":
    path, cache = sys.argv[2], sys.argv[3]
    out = {}

    def stage(name, run):
        reset_peak()
        t0 = time.perf_counter()
        with TreePeak() as tree:
            result = run()
        out[name] = (time.perf_counter() - t0, hwm_mb(), tree.peak)
        print(name, *(round(v, 1) for v in out[name]), file=sys.stderr, flush=True)  # seen while it runs
        return result

    stage("read_csv in batches (baseline)", lambda: read_csv_baseline(path))
    stage("prepare", lambda: fa.prepare_corpus(path, cache_dir=cache, progress=False))
    c = stage("prepare again (reuse)", lambda: fa.prepare_corpus(path, cache_dir=cache, progress=False))
    s = stage("sentences (split + VADER, per article)", lambda: c.article_scores(cache_dir=False, progress=False))
    n_sentences = int(s["n_sentences"].sum())
    del s
    t = stage("term contrasts (kept)", lambda: c.contrasts(scope=["all", "matched"], progress=False))
    print(json.dumps({"stages": out, "n": c.n_articles, "sentences": n_sentences, "rows": len(t),
                      "text loaded whole": c._articles is not None}))
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
            print(
                f"\n{n:,} articles: {path.stat().st_size / 2**20:,.0f} MB CSV (generated in "
                f"{time.perf_counter() - t0:.0f} s)"
            )
            r = run_child(CHILD, path, Path(tmp) / "cache")
            base = r["stages"]["read_csv in batches (baseline)"][0]
            print(
                f"{r['sentences']:,} sentences; {r['rows']:,} contrast rows; "
                f"the corpus's text loaded whole: {r['text loaded whole']}"
            )
            print(
                "stage | seconds | x read_csv | articles/s | peak MB (this process) | peak MB (with workers)"
            )
            for stage, (sec, peak, tree) in r["stages"].items():
                print(
                    f"{stage} | {sec:.1f} | {sec / base:.1f} | {r['n'] / sec:,.0f} | {peak:,.0f} | {tree:,.0f}"
                )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [25_000, 100_000])
