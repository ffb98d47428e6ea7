"""Shared helpers of the benchmark scripts: peak memory, and measuring in a fresh process."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASIL = ROOT.parent / "shared" / "corpora" / "basil.csv"
PREAMBLE = ("import json, sys, time\n"
            "sys.path.insert(0, sys.argv[1]); sys.path.insert(0, sys.argv[1] + '/benchmarks')\n"
            "from common import hwm_mb, TreePeak\n")


def hwm_mb() -> float:
    """This process's own peak resident memory in MB (ru_maxrss would include a parent's)."""
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class TreePeak:
    """Peak resident memory in MB of this process and every process under it (pool workers included),
    sampled every ``every`` seconds by a thread while in the ``with`` block."""

    def __init__(self, every: float = 0.2):
        import os
        import threading

        self.every, self.peak, self._stop = every, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, args=(os.getpid(),), daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        return False

    def _run(self, root: int) -> None:
        while True:
            self.peak = max(self.peak, _tree_rss_mb(root))
            if self._stop.wait(self.every):
                return


def _tree_rss_mb(root: int) -> float:
    from pathlib import Path as P

    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for proc in P("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(proc.name))
            rss[int(proc.name)] = int(fields[21])  # pages
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    import os
    return total * os.sysconf("SC_PAGE_SIZE") / 2**20


def run_child(script: str, *args) -> dict:
    """Run ``script`` in a fresh interpreter (argv: ROOT, *args) and return the JSON it prints last,
    so that each measurement's peak memory is its own."""
    res = subprocess.run([sys.executable, "-c", PREAMBLE + script, str(ROOT), *map(str, args)],
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def run_basil_then_generated(run, n: int, basil_label: str = "basil.csv") -> None:
    """``run(0, label)`` on BASIL when it is present, then ``run(n, "generated")``."""
    if BASIL.exists():
        run(0, basil_label)
    else:
        print(f"basil.csv absent ({BASIL}): skipped")
    run(n, "generated")
