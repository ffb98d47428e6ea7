"""Digests of a report's tables, to tell whether a change to the code changed what a report says.

``python -m tests.report_digests REPORT_FOLDER NAME [CHECKOUT]`` records the digests of a report (``sample`` or
``basil``), made from the checkout given (default: this one), into ``tests/data/report-digests.json``; the tests
compare new reports against them. Each CSV table is read and its numbers written at 10 significant digits before hashing, so that the last bits of a float, which may move with
the processor's vector instructions, do not count; the checkout's own path is written as ``<repo>``.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pandas as pd

from analysis import config

DIGESTS = Path(__file__).parent / "data" / "report-digests.json"


def table_digests(report: Path, checkout: Path = config.REPO_DIR) -> dict[str, str]:
    """``{table file name: sha256}`` of every CSV table of a report made from ``checkout``, and of its findings."""
    out = {}
    for path in sorted((report / "tables").glob("*.csv")):
        table = pd.read_csv(path, keep_default_na=False, na_values=[""])
        text = table.to_csv(index=False, float_format="%.10g").replace(str(checkout), "<repo>")
        out[path.name] = hashlib.sha256(text.encode()).hexdigest()
    findings = (report / "findings.md").read_text(encoding="utf-8").replace(str(checkout), "<repo>")
    out["findings.md"] = hashlib.sha256(findings.encode()).hexdigest()
    return out


def recorded(name: str) -> dict[str, str]:
    return json.loads(DIGESTS.read_text(encoding="utf-8"))[name]


if __name__ == "__main__":
    folder, name = Path(sys.argv[1]), sys.argv[2]
    known = json.loads(DIGESTS.read_text(encoding="utf-8")) if DIGESTS.exists() else {}
    known[name] = table_digests(folder, Path(sys.argv[3]) if len(sys.argv) > 3 else config.REPO_DIR)
    DIGESTS.write_text(json.dumps(known, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(known[name])} digests of {folder} recorded as {name!r} in {DIGESTS}")
