"""The report command as a user meets it: one report per folder at a time, and a quiet terminal."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import analysis as fa
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
        procs.append(
            subprocess.Popen(
                cmd,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
                cwd=config.REPO_DIR,
            )
        )
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
    procs = [
        subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=config.REPO_DIR,
        )
        for _ in range(2)
    ]
    results = [p.communicate(timeout=900) + (p.returncode,) for p in procs]
    assert [r[2] for r in results] == [0, 0], [r[1][-2000:] for r in results]
    assert (out / "index.html").exists() and not list(tmp_path.glob(".*partial"))


# What each small corpus cannot support, and must say so in the index instead of failing. None names an actor
# in five articles, or often enough on shared events, for tone and labels: those two sections say so everywhere.
ACTORS = ["Actor labels", "Tone towards actors"]
FRAMES = [
    "Frames by outlet",
    "Pairwise frame differences",
]  # outlets compared on the events they share
NOT_COMPUTED = {
    "two-articles": ACTORS,
    "three-articles": ACTORS,
    "five-articles": ACTORS,
    "outlet-without-terms": ACTORS,
    "one-outlet": [
        "Distinctive terms",
        "Naming and house style",
        "Event-adjusted sentiment",
        "Pairwise sentiment differences",
        "Two outlets side by side",
        "Distinctive terms within the event",
        *ACTORS,
        *FRAMES,
    ],
    "no-shared-event": [
        "Distinctive terms",
        "Naming and house style",
        "Event-adjusted sentiment",
        "Pairwise sentiment differences",
        "Two outlets side by side",
        "Distinctive terms within the event",
        *ACTORS,
        *FRAMES,
    ],
}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(SMALL_CORPORA))
def test_report_completes_on_every_usable_small_corpus(name, tmp_path):
    corpus = write_small_corpus(name, tmp_path)
    env = {**os.environ, "FRAMING_CACHE_DIR": str(tmp_path / "cache")}
    assert run_cli("validate", corpus, env=env).stdout.rstrip().endswith("usable: yes")
    result = run_cli("report", "--corpus", corpus, "--out", tmp_path / "report", env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    slowest = re.findall(
        r"(\d\d-[a-z-]+) cell (\d+) \((.*?)\) (\d+\.\d) s",
        result.stdout.split("slowest cells: ")[1],
    )
    # where the time went, cell by cell
    assert len(slowest) == 5 and all(nb in NOTEBOOKS for nb, *_ in slowest)
    assert [float(s) for *_, s in slowest] == sorted((float(s) for *_, s in slowest), reverse=True)
    report = tmp_path / "report"
    index = (report / "index.html").read_text(encoding="utf-8")
    sections = {r["title"]: r for r in read_sections(report)}
    not_computed = sorted(t for t, r in sections.items() if not r["computed"])
    assert not_computed == sorted(NOT_COMPUTED[name])
    # the reason stands in the index and in the notebook, in the section's place
    for title in not_computed:
        assert f"<li><b>{title}</b>: " in index
    executed = "".join(
        (report / "notebooks" / f"{nb}.ipynb").read_text()
        for nb in (
            "02-term-contrasts",
            "03-sentiment",
            "04-event-side-by-side",
            "05-actors",
            "07-frames",
        )
    )
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
    import asyncio
    import logging

    from analysis.report import IPCKernelManager

    km = IPCKernelManager(kernel_name="python3")

    async def start_write_stop():  # the manager is asynchronous, as nbclient drives it
        await km.start_kernel()
        try:
            pid = km.provisioner.process.pid
            log_path = os.path.join(km._socket_dir, "kernel-stderr.log")
            assert os.path.realpath(f"/proc/{pid}/fd/2") == os.path.realpath(log_path)
            # what the kernel would print there
            with open(f"/proc/{pid}/fd/2", "a") as kernel_stderr:
                kernel_stderr.write("Socket operation on non-socket\n")
        finally:
            with caplog.at_level(logging.DEBUG, logger="analysis.report"):
                await km.shutdown_kernel(now=True)

    asyncio.run(start_write_stop())
    assert any("Socket operation on non-socket" in r.getMessage() for r in caplog.records)
    assert not os.path.exists(km._socket_dir)


def test_notebooks_run_side_by_side_each_in_its_own_folder(tmp_path):
    """Two notebooks at once, as the report runs them: each kernel works in its own folder, and the report's
    own working folder never moves (papermill's ``cwd`` moved it for the whole process, so a kernel starting
    while another run moved it back wrote its tables into the folder the report was started from)."""
    import threading

    import nbformat

    from analysis.report import _run_notebook

    source = tmp_path / "where.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("NAME = None", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(
            "import os, time\ntime.sleep(1)\nopen(f'{NAME}.txt', 'w').write(os.getcwd())"
        ),
    ]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, source)
    start = os.getcwd()
    seen, done = set(), threading.Event()

    def watch():
        while not done.is_set():
            seen.add(os.getcwd())
            time.sleep(0.005)

    watcher = threading.Thread(target=watch)
    watcher.start()
    runs = []
    try:
        for name in ("first", "second"):
            folder = tmp_path / name
            folder.mkdir()
            runs.append(
                threading.Thread(
                    target=_run_notebook,
                    args=(source, folder / "where.ipynb", {"NAME": name}, folder),
                )
            )
        for run in runs:
            run.start()
        for run in runs:
            run.join()
    finally:
        done.set()
        watcher.join()
    assert seen == {start}
    for name in ("first", "second"):
        assert (tmp_path / name / f"{name}.txt").read_text() == str(tmp_path / name)


def _record_steps(names, needs, at_once, fail=None, hold=0.05, started=None):
    """Run dummy steps through the report's scheduler: each notes when it started and ended (in a shared log).

    ``hold`` is each step's seconds, or a dict of them by name."""
    import threading

    from analysis.report import _run_steps

    log, lock = [], threading.Lock()

    def step(name):
        def run():
            with lock:
                log.append(("start", name))
            seconds = hold[name] if isinstance(hold, dict) else hold
            if name == fail:  # half-way: after the steps started with it, before any of them ends
                time.sleep(seconds / 2)
                with lock:
                    log.append(("fail", name))
                raise RuntimeError(f"{name} failed")
            time.sleep(seconds)
            with lock:
                log.append(("end", name))

        return run

    error = None
    try:
        _run_steps({n: step(n) for n in names}, needs, at_once, started=started)
    except RuntimeError as err:
        error = err
    return log, error


def _checked(log, needs, at_once, started=None):
    """Each step started only after all it needs had ended and all it waits to see ``started`` had started, and
    never more than ``at_once`` ran together."""
    ended, running, begun, most = set(), set(), set(), 0
    for what, name in log:
        if what == "start":
            assert needs[name] <= ended, (name, needs[name] - ended)
            assert (started or {}).get(name, set()) <= begun, (name, started[name] - begun)
            begun.add(name)
            running.add(name)
            most = max(most, len(running))
        else:
            running.discard(name)
            ended.add(name)
    assert most <= at_once
    return most


def test_report_steps_start_after_what_they_read():
    from analysis.report import ACTORS, SENTENCES, _needs, _started

    names = [SENTENCES, ACTORS, *sorted(NOTEBOOKS)]
    needs, started = _needs(names), _started(names)
    # each step's share of the 100,000-article report, rounded so that no two steps end within 0.15 s of each
    # other (steps ending together would race: which of them the scheduler hears of first is the machine's choice)
    units = {
        SENTENCES: 6,
        ACTORS: 1,
        "01-corpus-overview": 6,
        "02-term-contrasts": 10,
        "03-sentiment": 2,
        "04-event-side-by-side": 3,
        "05-actors": 8,
        "06-findings": 6,
        "07-frames": 4,
    }
    log, error = _record_steps(
        names, needs, at_once=2, hold={n: 0.15 * u for n, u in units.items()}, started=started
    )
    assert error is None and {n for _, n in log} == set(names)
    assert _checked(log, needs, 2, started) == 2  # two at a time, when two are ready
    starts = [n for what, n in log if what == "start"]
    # the steps others wait for go first: the sentences and the actors at once, then 02 and 05 (which 06 waits
    # for) before 01; then the longest: 01 before 03 and 04, 06 before the last of them, so that none ends the run
    # alone
    assert set(starts[:2]) == {SENTENCES, ACTORS}
    assert max(starts.index("02-term-contrasts"), starts.index("05-actors")) < starts.index(
        "01-corpus-overview"
    )
    assert starts.index("01-corpus-overview") < min(
        starts.index("03-sentiment"), starts.index("04-event-side-by-side")
    )
    assert needs["02-term-contrasts"] == {ACTORS} and needs["05-actors"] >= {SENTENCES, ACTORS}
    assert starts[-1] != "06-findings"
    # 06 waits for 02 to start, not to end: it runs beside 02's last cells
    assert (
        started["06-findings"] == {"02-term-contrasts"}
        and "02-term-contrasts" not in needs["06-findings"]
    )
    assert _needs(names, {"EXCLUDE_WIRE": True})["02-term-contrasts"] == {
        ACTORS,
        "01-corpus-overview",
    }
    # one at a time: the order given, the sentences first
    log, error = _record_steps(names, needs, at_once=1, hold=0)
    assert error is None and [n for what, n in log if what == "start"] == names
    _checked(log, needs, 1)


def test_a_step_that_waits_to_see_another_started_runs_beside_it():
    """STARTED: a step ready by its needs still waits for the step it must see started, then runs beside it."""
    names = ["slow", "late", "other"]
    needs = {"slow": {"other"}, "late": set(), "other": set()}
    log, error = _record_steps(
        names,
        needs,
        at_once=2,
        hold={"slow": 0.6, "late": 0.15, "other": 0.15},
        started={"late": {"slow"}},
    )
    assert error is None
    _checked(log, needs, 2, {"late": {"slow"}})
    # ready from the start, it waited for slow
    assert log.index(("start", "late")) > log.index(("start", "slow"))
    assert log.index(("end", "late")) < log.index(("end", "slow"))  # and ran beside it


def test_a_notebook_the_report_does_not_know_waits_for_all_before_it():
    from analysis.report import ACTORS, NEEDS, SENTENCES, _needs

    names = [
        SENTENCES,
        ACTORS,
        "01-corpus-overview",
        "02-term-contrasts",
        "07-mine",
        "08-also-mine",
    ]
    needs = _needs(names)
    assert needs["07-mine"] == {SENTENCES, ACTORS, "01-corpus-overview", "02-term-contrasts"}
    assert needs["08-also-mine"] == {
        SENTENCES,
        ACTORS,
        "01-corpus-overview",
        "02-term-contrasts",
        "07-mine",
    }
    assert (
        needs["02-term-contrasts"] == NEEDS["02-term-contrasts"]
        and needs[SENTENCES] == needs[ACTORS] == set()
    )


def test_no_step_starts_after_one_fails():
    from analysis.report import SENTENCES, _needs

    names = [SENTENCES, *sorted(NOTEBOOKS)]
    needs = _needs(names)
    log, error = _record_steps(names, needs, at_once=2, fail="02-term-contrasts")
    assert str(error) == "02-term-contrasts failed"
    started = [n for what, n in log if what == "start"]
    after = log[log.index(("fail", "02-term-contrasts")) :]
    assert not [n for what, n in after if what == "start"]  # nothing started once 02 had failed
    ended = {n for what, n in log if what == "end"}
    # what was running then was finished, not abandoned
    assert ended == set(started) - {"02-term-contrasts"}
    assert "06-findings" not in started and len(started) < len(names)


def test_what_each_notebook_reads_is_kept_before_it_starts():
    """NEEDS is right: a notebook reading the sentences starts after them, and one reading a table another notebook
    keeps (wire copies, contrasts, actors) starts after the first notebook that computes it, so no notebook waits
    for another's table under its lock (tested in test_pipeline) while it could run; or, where it reads that table late
    (STARTED: 06, after its shuffled copies), once the notebook computing it has started."""
    import json

    from analysis.report import ACTORS, SENTENCES, _needs, _started, notebooks

    suite = notebooks()
    names = [SENTENCES, ACTORS, *(p.stem for p in suite)]
    needs = _needs(names, {"EXCLUDE_WIRE": True})  # 02 reads 01's wire copies
    started = _started(names)

    def closure(name):
        out, todo = set(), list(needs[name])
        while todo:
            n = todo.pop()
            if n not in out:
                out.add(n)
                todo += needs[n]
        return out

    reads = {
        "corpus.sentences(": "sentences",
        "corpus.wire_copies(": "wire copies",
        "corpus.contrasts(": "contrasts",
        "fa.findings_evidence(corpus": "contrasts",
        "corpus.actors(": "actors",
    }
    first: dict[str, str] = {}
    for path in suite:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        for call, table in reads.items():
            if call not in code:
                continue
            if table == "sentences":
                assert SENTENCES in closure(path.stem), path.stem
            elif table == "actors":  # found by the report itself, before any notebook reading them
                assert ACTORS in closure(path.stem), path.stem
            elif table not in first:
                first[table] = path.stem
            # read late (STARTED): after the notebook's own long work
            elif first[table] in started[path.stem]:
                assert code.index(call) > code.index("fa.shuffled_findings("), (path.stem, table)
            else:
                assert first[table] in closure(path.stem), (path.stem, table, first[table])
    assert first == {"wire copies": "01-corpus-overview", "contrasts": "02-term-contrasts"}


@pytest.mark.slow
def test_ctrl_c_stops_a_report_at_once(tmp_path):
    """Ctrl-C while notebooks run side by side: the command stops within seconds and leaves no kernel running."""
    import signal

    env = {**os.environ, "FRAMING_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "analysis", "report", "--out", str(tmp_path / "r")],
        env=env,
        cwd=config.REPO_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # As from a terminal: a shell without job control starts background jobs with SIGINT ignored,
        # and an ignored signal is inherited, so a test suite run with `&` would give a report that
        # cannot be interrupted (it then ran to its end and exited 0).
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )

    # the report's kernel processes
    def kernels() -> list[str]:
        found = subprocess.run(
            ["pgrep", "-P", str(proc.pid), "-f", "ipykernel"], capture_output=True, text=True
        )
        return found.stdout.split()

    deadline = time.monotonic() + 120
    while not kernels() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    running = kernels()
    assert running, "no notebook kernel started"
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in the terminal sends
    # a limit a loaded machine meets: what is asserted is what happened, below
    proc.communicate(timeout=120)
    assert proc.returncode != 0
    done = list((tmp_path / ".r.partial" / "notebooks").glob("*.html"))
    # it stopped, rather than running the other notebooks to their end
    assert len(done) < len(NOTEBOOKS)
    time.sleep(0.5)

    # a killed kernel whose parent is gone may linger as a zombie until reaped
    def alive(pid: str) -> bool:
        try:
            return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
        except (OSError, IndexError):
            return False

    assert not [pid for pid in running if alive(pid)]
    assert not (tmp_path / "r" / "index.html").exists()  # no half-written report in place


@pytest.mark.parametrize("after", [0.0, 3.0], ids=["while-starting", "mid-cell"])
def test_a_kernel_that_dies_stops_the_report_with_its_name(tmp_path, after):
    """A notebook's kernel killed (as the out-of-memory killer does, or a crash in compiled code), as it starts
    or while it runs cells: the report stops within seconds, names the notebook and moves no report into
    place. Before, nbclient never saw a kernel die mid-cell and the report waited for ever."""
    import signal

    env = {**os.environ, "FRAMING_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "analysis",
            "report",
            "--out",
            str(tmp_path / "r"),
            "--at-once",
            "1",
        ],
        env=env,
        cwd=config.REPO_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    victim = []
    while not victim and proc.poll() is None and time.monotonic() < deadline:
        found = subprocess.run(
            ["pgrep", "-P", str(proc.pid), "-f", "ipykernel"], capture_output=True, text=True
        )
        victim = found.stdout.split()
        time.sleep(0.2)
    assert victim, "no notebook kernel started"
    time.sleep(after)
    os.kill(int(victim[0]), signal.SIGKILL)
    try:
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode != 0  # within the timeout above: before, it waited for ever
    assert "notebook 01-corpus-overview.ipynb stopped: its kernel died" in err
    assert "Traceback" not in err
    assert not (tmp_path / "r" / "index.html").exists()


def test_at_once_must_be_a_whole_number_of_one_or_more(tmp_path):
    for bad, message in (("0", "must be 1 or more: 0"), ("two", "not a whole number: 'two'")):
        result = run_cli("report", "--out", tmp_path / "r", "--at-once", bad)
        assert result.returncode == 2 and f"--at-once: {message}" in result.stderr
        assert not (tmp_path / "r").exists()


def test_a_print_cut_into_two_stream_messages_is_stored_as_one():
    """How the kernel cuts a cell's printing into messages depends on timing (seen under load: a line and
    its newline in two messages); the executed notebook stores the same outputs either way."""
    from nbformat.v4 import new_output

    from analysis.report import _joined_streams

    cut = [
        new_output("stream", name="stdout", text="15 actors"),
        new_output("stream", name="stdout", text="\n"),
        new_output("stream", name="stderr", text="warning\n"),
        new_output("execute_result", data={"text/plain": "1"}),
        new_output("stream", name="stdout", text="after\n"),
    ]
    whole = [
        new_output("stream", name="stdout", text="15 actors\n"),
        new_output("stream", name="stderr", text="warning\n"),
        new_output("execute_result", data={"text/plain": "1"}),
        new_output("stream", name="stdout", text="after\n"),
    ]
    assert _joined_streams(cut) == whole and _joined_streams(whole) == whole


def test_the_actors_step_runs_apart_and_its_error_reaches_the_report(tmp_path, monkeypatch):
    """The actors are found in a process of their own (beside the sentences); a bad codebook there stops the
    report with the codebook's own message, naming the file and line; a good one's table is kept by the child
    and read back here unchanged."""
    import threading

    from analysis.errors import CodebookError
    from analysis.report import _actors_apart, build_report

    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path / "cache"))
    codebook = tmp_path / "codebook.csv"
    codebook.write_text("actor,pattern\nPutin,(unclosed\n", encoding="utf-8")
    with pytest.raises(CodebookError, match=r"codebook\.csv, line 2: bad pattern '\(unclosed'"):
        build_report(out=tmp_path / "report", parameters={"CODEBOOK": str(codebook)})
    assert not (tmp_path / "report").exists()
    # a good codebook: the child keeps the mentions, which this process then reads back unchanged
    prepared = fa.prepare_corpus(config.SAMPLE_CORPUS)
    kept_files = lambda: sorted((prepared.folder / "derived").glob("actor-mentions-*.parquet"))  # noqa: E731
    before = kept_files()
    children: list = []
    _actors_apart(config.SAMPLE_CORPUS, {}, config.SAMPLE_CODEBOOK, 2, children, threading.Event())
    assert len(children) == 1 and children[0].exitcode == 0
    assert not children[0].daemon  # at scale find_actors starts processes, which a daemon may not
    assert len(kept_files()) == len(before) + 1  # kept by the child
    kept = prepared.actors(codebook=config.SAMPLE_CODEBOOK, min_articles=2)
    expected = fa.find_actors(prepared.articles, codebook=config.SAMPLE_CODEBOOK, min_articles=2)
    pd.testing.assert_frame_equal(kept, expected, check_dtype=False)
