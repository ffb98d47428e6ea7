"""The report command as a user meets it: one report per folder at a time, and a quiet terminal."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import pandas as pd
import pytest

from analysis import config, read_sections

from .conftest import run_cli
from .small_corpora import SMALL_CORPORA, write_small_corpus

NOTEBOOKS = {p.stem for p in config.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb")}


@pytest.mark.slow
def test_two_reports_into_one_folder(tmp_path):
    """Started together on one --out: one writes the report, the other stops at once, clearly."""
    out = tmp_path / "shared-report"
    cmd = [sys.executable, "-m", "analysis", "report", "--out", str(out)]
    env = {**os.environ, "FRAMING_CACHE_DIR": str(tmp_path / "cache")}
    procs = []
    for _ in range(2):
        procs.append(subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                                      cwd=config.REPO_DIR))
        time.sleep(0.2)
    results = [(p.pid, *p.communicate(timeout=900), p.returncode) for p in procs]
    assert sorted(r[3] for r in results) == [0, 1], [r[2][-2000:] for r in results]
    (winner_pid, _, winner_err, _), (_, _, loser_err, _) = sorted(results, key=lambda r: r[3])
    assert "Traceback" not in loser_err
    assert "another report is being written to" in loser_err and f"pid {winner_pid}" in loser_err
    assert (out / "index.html").exists() and (out / "manifest.json").exists()
    assert not list(tmp_path.glob(".*partial"))
    # the quiet terminal: no kernel transport warning, no traceback, nothing on stderr at all
    assert "without encryption" not in winner_err and winner_err.strip() == "", winner_err


@pytest.mark.slow
def test_a_second_report_can_wait_its_turn(tmp_path):
    out = tmp_path / "r"
    env = {**os.environ, "FRAMING_CACHE_DIR": str(tmp_path / "cache")}
    cmd = [sys.executable, "-m", "analysis", "report", "--out", str(out), "--wait"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                              cwd=config.REPO_DIR) for _ in range(2)]
    results = [p.communicate(timeout=900) + (p.returncode,) for p in procs]
    assert [r[2] for r in results] == [0, 0], [r[1][-2000:] for r in results]
    assert (out / "index.html").exists() and not list(tmp_path.glob(".*partial"))


# What each small corpus cannot support, and must say so in the index instead of failing. None names an actor
# in five articles, or often enough on shared events, for tone and labels: those two sections say so everywhere.
ACTORS = ["Actor labels", "Tone towards actors"]
NOT_COMPUTED = {
    "two-articles": ACTORS,
    "three-articles": ACTORS,
    "five-articles": ACTORS,
    "outlet-without-terms": ACTORS,
    "one-outlet": ["Distinctive terms", "Event-adjusted sentiment", "Pairwise sentiment differences",
                   "Two outlets side by side", "Distinctive terms within the event", *ACTORS],
    "no-shared-event": ["Distinctive terms", "Event-adjusted sentiment", "Pairwise sentiment differences",
                        "Two outlets side by side", "Distinctive terms within the event", *ACTORS],
}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(SMALL_CORPORA))
def test_report_completes_on_every_usable_small_corpus(name, tmp_path):
    corpus = write_small_corpus(name, tmp_path)
    env = {**os.environ, "FRAMING_CACHE_DIR": str(tmp_path / "cache")}
    assert run_cli("validate", corpus, env=env).stdout.rstrip().endswith("usable: yes")
    result = run_cli("report", "--corpus", corpus, "--out", tmp_path / "report", env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    slowest = re.findall(r"(\d\d-[a-z-]+) cell (\d+) \((.*?)\) (\d+\.\d) s", result.stdout.split("slowest cells: ")[1])
    assert len(slowest) == 5 and all(nb in NOTEBOOKS for nb, *_ in slowest)  # where the time went, cell by cell
    assert [float(s) for *_, s in slowest] == sorted((float(s) for *_, s in slowest), reverse=True)
    report = tmp_path / "report"
    index = (report / "index.html").read_text(encoding="utf-8")
    sections = {r["title"]: r for r in read_sections(report)}
    not_computed = sorted(t for t, r in sections.items() if not r["computed"])
    assert not_computed == sorted(NOT_COMPUTED[name])
    for title in not_computed:  # the reason stands in the index and in the notebook, in the section's place
        assert f"<li><b>{title}</b>: " in index
    executed = "".join((report / "notebooks" / f"{nb}.ipynb").read_text() for nb in
                       ("02-term-contrasts", "03-sentiment", "04-event-side-by-side", "05-actors"))
    for title in not_computed:
        assert f"Not computed: {title}." in executed
    # what can be computed is there
    for figure in ("articles-per-outlet", "sentiment-by-outlet", "sentence-sentiment-distribution"):
        assert (report / "figures" / f"{figure}.png").exists()
    if name == "outlet-without-terms":
        assert "Silent" in sections["Distinctive terms"]["notes"][0] and "id='caveats'" in index
        contrasts = pd.read_parquet(report / "tables" / "term-contrasts.parquet")
        assert set(contrasts["outlet"]) == {"Alpha", "Beta"}


def test_a_kernels_own_stderr_stays_off_the_terminal(caplog):
    """The kernel process's stderr (where ipykernel's shutdown races under load print) is a log, shown at debug level."""
    import logging

    from analysis.report import IPCKernelManager
    km = IPCKernelManager(kernel_name="python3")
    km.start_kernel()
    try:
        pid = km.provisioner.process.pid
        log_path = os.path.join(km._socket_dir, "kernel-stderr.log")
        assert os.path.realpath(f"/proc/{pid}/fd/2") == os.path.realpath(log_path)
        with open(f"/proc/{pid}/fd/2", "a") as kernel_stderr:  # what the kernel would print there
            kernel_stderr.write("Socket operation on non-socket\n")
    finally:
        with caplog.at_level(logging.DEBUG, logger="analysis.report"):
            km.shutdown_kernel(now=True)
    assert any("Socket operation on non-socket" in r.getMessage() for r in caplog.records)
    assert not os.path.exists(km._socket_dir)
