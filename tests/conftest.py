"""Shared fixtures: the bundled sample, BASIL when present, and corpus writers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import config

BASIL = config.REPO_DIR.parent / "shared" / "corpora" / "basil.csv"
SEEDS = sorted(config.RAW_DIR.glob("*.txt"))


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory) -> Path:
    """Sentence scores and prepared corpora go to a folder of this test run, never the user's cache."""
    folder = tmp_path_factory.mktemp("framing-cache")
    before = os.environ.get("FRAMING_CACHE_DIR")
    os.environ["FRAMING_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("FRAMING_CACHE_DIR", None)
    else:
        os.environ["FRAMING_CACHE_DIR"] = before


@pytest.fixture
def pool_always(monkeypatch):
    """Start the worker pool however small the work (by default it is started only for work worth it)."""
    from analysis import parallel

    monkeypatch.setattr(parallel, "COLD_START", 0.0)


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return config.SAMPLE_CORPUS


@pytest.fixture(scope="session")
def basil_path() -> Path:
    if not BASIL.exists():
        pytest.skip(
            f"real corpus absent: {BASIL} (the BASIL corpus is kept outside the project and never committed)"
        )
    return BASIL


def run_cli(*args: str, cwd=None, env=None) -> subprocess.CompletedProcess:
    """Run ``python -m analysis ARGS`` in a real process and return its result."""
    return subprocess.run(
        [sys.executable, "-m", "analysis", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd or config.REPO_DIR,
        env=env,
        timeout=900,
    )


def assert_clean_error(result: subprocess.CompletedProcess, *needles: str) -> None:
    """Exit status 2, one error line naming the needles, no traceback."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in result.stderr, (needle, result.stderr)


def write_csv(path: Path, rows: list[dict]) -> Path:
    pd.DataFrame(rows).to_csv(path, index=False)
    return path
