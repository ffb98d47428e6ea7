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
            "from common import hwm_mb\n")


def hwm_mb() -> float:
    """This process's own peak resident memory in MB (ru_maxrss would include a parent's)."""
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


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
