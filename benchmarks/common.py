"""Shared helpers of the benchmark scripts: peak memory, and measuring in a fresh process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASIL = ROOT.parent / "shared" / "corpora" / "basil.csv"
PREAMBLE = (
    "import json, sys, time\n"
    "sys.path.insert(0, sys.argv[1]); sys.path.insert(0, sys.argv[1] + '/benchmarks')\n"
    "from common import hwm_mb, read_csv_baseline, TreePeak\n"
)


def hwm_mb() -> float:
    """This process's own peak resident memory in MB (ru_maxrss would include a parent's)."""
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class TreePeak:
    """Peak resident memory in MB of this process and every process under it (pool workers included),
    sampled every ``every`` seconds by a thread while in the ``with`` block; ``cpu``: the CPU seconds
    the tree used meanwhile (a process that ends between two samples loses its last interval)."""

    def __init__(self, every: float = 0.2):
        import os
        import threading

        self.every, self.peak, self.cpu, self._stop = every, 0.0, 0.0, threading.Event()
        self._root, self._seen = os.getpid(), {}
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        # what was used before is not counted
        self._seen = {pid: cpu for pid, (_, cpu) in _tree(self._root).items()}
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        return False

    def _run(self) -> None:
        import os

        while True:
            tree = _tree(self._root)
            self.peak = max(
                self.peak, sum(rss for rss, _ in tree.values()) * os.sysconf("SC_PAGE_SIZE") / 2**20
            )
            for pid, (_, cpu) in tree.items():
                self.cpu += cpu - self._seen.get(pid, 0.0)
                self._seen[pid] = cpu
            if self._stop.wait(self.every):
                return


def _tree(root: int) -> dict[int, tuple[int, float]]:
    """Resident pages and CPU seconds (user + system) of ``root`` and every process under it, by pid."""
    import os
    from pathlib import Path as P

    tick = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    stats: dict[int, tuple[int, float]] = {}
    for proc in P("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(proc.name))
            stats[int(proc.name)] = (int(fields[21]), (int(fields[11]) + int(fields[12])) / tick)
        except (OSError, IndexError, ValueError):
            continue
    out, todo = {}, [root]
    while todo:
        pid = todo.pop()
        if pid in stats:
            out[pid] = stats[pid]
        todo += children.get(pid, [])
    return out


def read_csv_baseline(path) -> None:
    """The baseline of the scale benchmarks: pandas reading the corpus file, 10,000 rows at a time."""
    import pandas as pd

    for _ in pd.read_csv(path, dtype=str, keep_default_na=False, chunksize=10_000):
        pass


def run_child(script: str, *args, root: Path = ROOT) -> dict:
    """Run ``script`` in a fresh interpreter (argv: ``root``, *args) and return the JSON it prints last,
    so that each measurement's peak memory is its own. ``root``: the checkout whose ``analysis`` it
    imports (default: this one)."""
    res = subprocess.run(
        [sys.executable, "-c", PREAMBLE + script, str(root), *map(str, args)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(res.stdout.strip().splitlines()[-1])


def run_basil_then_generated(run, n: int, basil_label: str = "basil.csv") -> None:
    """``run(0, label)`` on BASIL when it is present, then ``run(n, "generated")``."""
    if BASIL.exists():
        run(0, basil_label)
    else:
        print(f"basil.csv absent ({BASIL}): skipped")
    run(n, "generated")
