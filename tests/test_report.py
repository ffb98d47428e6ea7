"""The report command as a user meets it: one report per folder at a time, and a quiet terminal."""
from __future__ import annotations

import subprocess
import sys
import time

import pytest

from analysis import config


@pytest.mark.slow
def test_two_reports_into_one_folder(tmp_path):
    """Started together on one --out: one writes the report, the other stops at once, clearly."""
    out = tmp_path / "shared-report"
    env_cmd = [sys.executable, "-m", "analysis", "report", "--out", str(out)]
    env = {**__import__("os").environ, "FRAMING_CACHE_DIR": str(tmp_path / "cache")}
    first = subprocess.Popen(env_cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                             cwd=config.REPO_DIR)
    time.sleep(0.5)
    second = subprocess.run(env_cmd, capture_output=True, text=True, env=env, cwd=config.REPO_DIR, timeout=900)
    stdout, stderr = first.communicate(timeout=900)
    assert first.returncode == 0, stderr[-3000:]
    assert second.returncode == 1, (second.stdout, second.stderr)
    assert "Traceback" not in second.stderr
    assert "another report is being written to" in second.stderr and f"pid {first.pid}" in second.stderr
    assert (out / "index.html").exists() and (out / "manifest.json").exists()
    assert not list(tmp_path.glob(".*partial"))
    # the quiet terminal: no kernel transport warning, no traceback, nothing on stderr at all
    assert "without encryption" not in stderr and "Traceback" not in stderr
    assert stderr.strip() == "", stderr


@pytest.mark.slow
def test_a_second_report_can_wait_its_turn(tmp_path):
    out = tmp_path / "r"
    env = {**__import__("os").environ, "FRAMING_CACHE_DIR": str(tmp_path / "cache")}
    cmd = [sys.executable, "-m", "analysis", "report", "--out", str(out), "--wait"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                              cwd=config.REPO_DIR) for _ in range(2)]
    results = [p.communicate(timeout=900) + (p.returncode,) for p in procs]
    assert [r[2] for r in results] == [0, 0], [r[1][-2000:] for r in results]
    assert (out / "index.html").exists() and not list(tmp_path.glob(".*partial"))
