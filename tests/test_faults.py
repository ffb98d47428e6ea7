"""Faults of the machine, provoked for real: a damaged cache, a full disk, a folder that cannot be written, a
read-only cache, a killed run. Each gives one plain line, loses nothing, and the next run picks up."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis import config

from .conftest import run_cli


def _env(cache: Path) -> dict:
    return {**os.environ, "FRAMING_CACHE_DIR": str(cache)}


def _files(folder: Path) -> dict:
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _one_line(stderr: str, needle: str) -> None:
    """The error is one line that says ``needle``, with no traceback."""
    assert "Traceback" not in stderr, stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and needle in errors[0], stderr


def _damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "flipped":  # bit rot in the middle of the file
        mid = len(data) // 2
        data[mid : mid + 16] = bytes(b ^ 0xFF for b in data[mid : mid + 16])
        path.write_bytes(bytes(data))
    elif how == "cut short":  # a copy that stopped, a disk that filled during a write
        path.write_bytes(bytes(data[: len(data) // 2]))
    else:
        path.unlink()


@pytest.mark.parametrize("how", ["flipped", "cut short", "deleted"])
def test_a_damaged_article_part_is_rebuilt_by_the_next_command(tmp_path, how):
    cache, corpus = tmp_path / "cache", config.SAMPLE_CORPUS
    first = run_cli("prepare", corpus, "--out", tmp_path / "first", env=_env(cache))
    assert first.returncode == 0, first.stderr
    part = next(cache.glob("prepared/*/articles/part-00000.parquet"))
    _damage(part, how)
    again = run_cli("prepare", corpus, "--out", tmp_path / "again", env=_env(cache))
    assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr
    said = [line for line in again.stderr.splitlines() if "damaged" in line]
    assert (
        len(said) == 1
        and "articles/part-00000.parquet" in said[0]
        and "preparing it again" in said[0]
    )
    assert _files(tmp_path / "first") == _files(tmp_path / "again")
    # and it stays healed
    healed = run_cli("prepare", corpus, "--out", tmp_path / "healed", env=_env(cache))
    assert healed.returncode == 0 and "damaged" not in healed.stderr, healed.stderr


def test_a_damaged_kept_table_is_computed_again(tmp_path):
    cache, corpus = tmp_path / "cache", config.SAMPLE_CORPUS
    first = run_cli("sentiment", corpus, "--out", tmp_path / "first", env=_env(cache))
    assert first.returncode == 0, first.stderr
    part = next(cache.glob("prepared/*/sentences/part-00000.parquet"))
    _damage(part, "flipped")
    again = run_cli("sentiment", corpus, "--out", tmp_path / "again", env=_env(cache))
    assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr
    assert (
        "sentences/part-00000.parquet is unreadable" in again.stderr
        and "computed again" in again.stderr
    )
    assert _files(tmp_path / "first") == _files(tmp_path / "again")


def test_the_cache_command_lists_verifies_and_clears(tmp_path):
    cache, corpus = tmp_path / "cache", config.SAMPLE_CORPUS
    assert run_cli("sentiment", corpus, "--out", tmp_path / "out", env=_env(cache)).returncode == 0
    listed = run_cli("cache", "--cache-dir", cache)
    assert listed.returncode == 0, listed.stderr
    key = next(p for p in cache.glob("prepared/*") if p.is_dir()).name
    assert (
        key[:16] in listed.stdout
        and str(corpus) in listed.stdout
        and "sentence-scores" in listed.stdout
    )
    sound = run_cli("cache", "--cache-dir", cache, "--verify")
    assert sound.returncode == 0 and "all sound" in sound.stdout, sound.stdout
    _damage(next(cache.glob("prepared/*/sentences/part-00000.parquet")), "flipped")
    _damage(next(cache.glob("prepared/*/articles/part-00000.parquet")), "cut short")
    found = run_cli("cache", "--cache-dir", cache, "--verify")
    assert found.returncode == 1 and "2 damaged" in found.stdout, found.stdout
    assert "articles/part-00000.parquet: its size changed" in found.stdout
    assert (
        run_cli("cache", "--cache-dir", cache, "--verify").stdout.rstrip().endswith("all sound")
    )  # removed
    assert (
        run_cli("sentiment", corpus, "--out", tmp_path / "again", env=_env(cache)).returncode == 0
    )  # rebuilt
    # used just now: kept
    kept = run_cli("cache", "--cache-dir", cache, "--clear", "--older-than", "1")
    assert "removed 0 entries" in kept.stdout
    gone = run_cli("cache", "--cache-dir", cache, "--clear", key[:8])
    assert (
        gone.returncode == 0
        and "removed 1 entry" in gone.stdout
        and not (cache / "prepared" / key).exists()
    )
    assert (next(cache.glob("vader-*.parquet"), None)) is not None  # the scores are another entry
    everything = run_cli("cache", "--cache-dir", cache, "--clear")
    assert everything.returncode == 0 and not list(cache.glob("vader-*.parquet"))
    assert "holds nothing" in run_cli("cache", "--cache-dir", cache).stdout


def test_an_output_folder_that_cannot_be_made_is_one_line(tmp_path):
    result = run_cli(
        "report", "--out", "/proc/framing-analysis-test/report", env=_env(tmp_path / "cache")
    )
    assert result.returncode == 1
    _one_line(result.stderr, "writing the report to /proc/framing-analysis-test/report")
    blocked = tmp_path / "file"
    blocked.write_text("a file, not a folder")
    result = run_cli(
        "sentiment", config.SAMPLE_CORPUS, "--out", blocked / "out", env=_env(tmp_path / "cache")
    )
    assert result.returncode == 1
    _one_line(result.stderr, "a part of the path is a file, not a folder")


def test_a_cache_that_cannot_be_written_does_not_stop_the_analysis(tmp_path):
    result = run_cli(
        "sentiment",
        config.SAMPLE_CORPUS,
        "--out",
        tmp_path / "out",
        "--cache-dir",
        "/proc/framing-analysis-test/cache",
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "cannot be written" in result.stderr and "without keeping it" in result.stderr
    assert (tmp_path / "out" / "sentiment_by_outlet.csv").is_file()


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB file system of its own (tmpfs), where mounting is permitted (root, as CI runs)."""
    folder = tmp_path / "small"
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(
            f"mounting a small tmpfs is not permitted here ({done.stderr.strip() or 'mount failed'}); "
            "the full-disk test needs it"
        )
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk_is_one_line_and_leaves_nothing_half_written(tmp_path, small_disk):
    previous = small_disk / "report"
    previous.mkdir()
    (previous / "index.html").write_text("the previous report")
    result = run_cli("report", "--out", previous, env=_env(tmp_path / "cache"))
    assert result.returncode == 1
    _one_line(result.stderr, "the disk is full")
    assert f"writing the report to {previous}" in result.stderr
    # no .partial left
    assert sorted(p.name for p in small_disk.iterdir()) == [".report.lock", "report"]
    assert (previous / "index.html").read_text() == "the previous report"
    # with space: it works
    again = run_cli("report", "--out", tmp_path / "report", env=_env(tmp_path / "cache"))
    assert again.returncode == 0, again.stderr


def test_a_full_cache_does_not_stop_the_analysis(tmp_path, small_disk):
    (small_disk / "filler").write_bytes(b"\0" * (3 * 1024 * 1024 - 64 * 1024))  # 64 KB left
    result = run_cli(
        "sentiment", config.SAMPLE_CORPUS, "--out", tmp_path / "out", "--cache-dir", small_disk
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert (tmp_path / "out" / "sentiment_by_outlet.csv").is_file()
    (small_disk / "filler").unlink()
    assert not [p for p in small_disk.rglob("*.tmp")]  # nothing half-written stays
    clean = run_cli(
        "sentiment", config.SAMPLE_CORPUS, "--out", tmp_path / "again", "--cache-dir", small_disk
    )
    assert clean.returncode == 0, clean.stderr
    assert _files(tmp_path / "out") == _files(tmp_path / "again")


@pytest.fixture(scope="module")
def whole_report(tmp_path_factory) -> Path:
    """The sample's report, never interrupted, with a cache of its own."""
    folder = tmp_path_factory.mktemp("whole")
    done = run_cli("report", "--out", folder / "report", env=_env(folder / "cache"))
    assert done.returncode == 0, done.stderr
    return folder / "report"


def _kernels(pid: int) -> list[str]:
    found = subprocess.run(
        ["pgrep", "-P", str(pid), "-f", "ipykernel"], capture_output=True, text=True
    )
    return found.stdout.split()


@pytest.mark.slow
@pytest.mark.parametrize("victim", ["report", "kernel"])
def test_a_run_killed_mid_notebook_gives_the_same_report_when_run_again(
    tmp_path, whole_report, victim
):
    """``kill -9`` while notebooks run, of the report with its kernels or of one kernel alone (the out-of-memory
    killer's way), then the same command again: the same bytes as a report never interrupted."""
    env = _env(tmp_path / "cache")
    cmd = [sys.executable, "-m", "analysis", "report", "--out", str(tmp_path / "report")]
    proc = subprocess.Popen(
        cmd,
        cwd=config.REPO_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    partial = tmp_path / ".report.partial" / "notebooks"
    deadline = time.monotonic() + 600
    if victim == "report":  # once the first notebook is done and others run
        while (
            not list(partial.glob("*.html")) and proc.poll() is None and time.monotonic() < deadline
        ):
            time.sleep(0.05)
    else:  # a kernel two seconds into its cells
        while not _kernels(proc.pid) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(2)
    assert proc.poll() is None, "the report ended before it could be killed"
    if victim == "report":
        os.killpg(proc.pid, signal.SIGKILL)
    else:
        os.kill(int(_kernels(proc.pid)[0]), signal.SIGKILL)
    proc.communicate(timeout=300)
    assert proc.returncode != 0
    again = run_cli("report", "--out", tmp_path / "report", env=env)
    assert again.returncode == 0, again.stderr
    first, second = _files(whole_report), _files(tmp_path / "report")
    assert first.keys() == second.keys()
    assert [str(k) for k in first if first[k] != second[k]] == []


def _generated_corpus(folder: Path, n: int) -> Path:
    """``n`` articles of made-up but varied sentences, three outlets, on 60 events: enough work that a kill
    lands in the middle of something."""
    import numpy as np

    rng = np.random.default_rng(7)
    words = (
        "council budget river strike storm vote court minister school harbour wheat rail border "
        "protest report plan deal crisis praise attack failure success"
    ).split()
    tone = ["good", "terrible", "fair", "awful", "excellent", "bad", "calm", "angry"]
    rows = []
    for i in range(n):
        sentences = [
            f"The {rng.choice(words)} {rng.choice(words)} was {rng.choice(tone)} on day {rng.integers(1000)}, "
            f"officials said of the {rng.choice(words)}."
            for _ in range(12)
        ]
        rows.append(
            {
                "id": f"a{i}",
                "outlet": ["Alpha", "Beta", "Gamma"][i % 3],
                "event": f"e{i % 60}",
                "text": " ".join(sentences),
            }
        )
    path = folder / "generated.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


@pytest.mark.slow
def test_prepare_killed_at_any_point_gives_the_same_result_when_run_again(tmp_path):
    """``kill -9`` of ``prepare`` at several points (reading, cleaning, the sentence parts, writing), each on a
    cache of its own, then the same command again: the same files as a run never interrupted."""
    corpus = _generated_corpus(tmp_path, 3000)
    whole = run_cli(
        "prepare", corpus, "--out", tmp_path / "whole", env=_env(tmp_path / "cache-whole")
    )
    assert whole.returncode == 0, whole.stderr
    expected = _files(tmp_path / "whole")
    killed = 0
    for k, delay in enumerate([1.0, 2.0, 3.0, 4.0, 5.5]):
        out, env = tmp_path / f"out-{k}", _env(tmp_path / f"cache-{k}")
        cmd = [sys.executable, "-m", "analysis", "prepare", str(corpus), "--out", str(out)]
        proc = subprocess.Popen(
            cmd,
            cwd=config.REPO_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(delay)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the command and its worker processes
            killed += 1
        proc.wait()
        again = run_cli("prepare", corpus, "--out", out, env=env)
        assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr
        assert _files(out) == expected, f"killed after {delay} s"
    assert killed >= 3  # most of the kills landed while it ran
