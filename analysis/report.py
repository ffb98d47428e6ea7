"""Run every notebook headless through a Jupyter kernel and assemble the report folder.

The report is written aside (``.NAME.partial``) and moved into place only
when every notebook has run, so a half-written report never looks complete.
Same input, same bytes: timings and paths are stripped from the executed
notebooks, and figures carry fixed metadata.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import html
import json
import logging
import multiprocessing
import os
import pickle
import platform
import queue
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
import weakref
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import nbformat
import pandas as pd
import papermill as pm
import pyarrow.parquet as pq
from jupyter_client.manager import AsyncKernelManager
from nbclient.exceptions import DeadKernelError
from nbconvert import HTMLExporter
from PIL import Image
from tqdm import tqdm

from . import __version__, config
from .corpus import outlet_summary
from .errors import ReportBusyError, ReportError
from .findings import FINDING_COLUMNS
from .languages import language_mix
from .pipeline import prepare_corpus
from .sections import read_sections
from .store import lock_file

log = logging.getLogger(__name__)
PACKAGES = [
    "pandas",
    "numpy",
    "scikit-learn",
    "matplotlib",
    "vaderSentiment",
    "sentencex",
    "pyarrow",
    "papermill",
    "nbconvert",
    "ipykernel",
]


# the report's kernels, to stop on Ctrl-C
_KERNELS: "weakref.WeakSet[IPCKernelManager]" = weakref.WeakSet()


def _kill_kernels() -> None:
    """Kill every kernel the report started that still runs: on Ctrl-C, notebooks running in other threads
    then fail at once (their kernel is gone) instead of running to their end."""
    for km in list(_KERNELS):
        process = getattr(getattr(km, "provisioner", None), "process", None)
        if process is not None and process.poll() is None:
            process.kill()


class IPCKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels talk over Unix sockets in a private temporary folder.

    Nothing listens on a TCP port, and ipykernel's warning that a kernel "is
    running over TCP without encryption" (printed four times per report
    before) has no cause to be printed. It is asynchronous, as nbclient's own
    default is: with the blocking ``KernelManager`` nbclient's check that the
    kernel is alive never completes, so a kernel that died mid-cell (a
    segfault, the out-of-memory killer) left the report waiting for ever.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        _KERNELS.add(self)
        # short: socket paths are limited to ~100 bytes
        self._socket_dir = tempfile.mkdtemp(prefix="fa-kernel-")
        self.transport = "ipc"
        self.ip = os.path.join(self._socket_dir, "k")

    async def _async_interrupt_kernel(self) -> None:
        # jupyter_client interrupts (SIGINT) every kernel before asking it to shut down. A report's kernel is
        # idle by then, and on a loaded machine the signal can land between two messages, where ipykernel
        # logs "KeyboardInterrupt caught in kernel" to the terminal. The shutdown request alone is enough;
        # a kernel that ignores it is still terminated, then killed, as before.
        if self.shutting_down:
            return
        await super()._async_interrupt_kernel()

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        # The kernel process's own stderr goes to a log beside its sockets, not to the report's terminal: under
        # load, ipykernel's I/O thread can race its own shutdown and print a traceback ("Socket operation on
        # non-socket") after the notebook has finished. What a cell prints is in the notebook either way.
        self._stderr_log = open(os.path.join(self._socket_dir, "kernel-stderr.log"), "wb")
        kw.setdefault("stderr", self._stderr_log)
        await super()._async_launch_kernel(kernel_cmd, **kw)

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            self._release()

    cleanup_resources = _async_cleanup_resources  # the base class's is bound to its own function

    def _release(self) -> None:
        """Close the kernel's stderr log (its text goes to the debug log) and remove the socket folder."""
        log_file, self._stderr_log = getattr(self, "_stderr_log", None), None
        if log_file is not None:
            log_file.close()
            with open(log_file.name, "rb") as fh:
                text = fh.read().decode("utf-8", "replace").strip()
            if text:  # kept for --verbose runs, never on the terminal by default
                log.debug("kernel stderr:\n%s", text)
        shutil.rmtree(self._socket_dir, ignore_errors=True)


@contextlib.contextmanager
def _locked(out: Path, *, wait: bool):
    """Hold an exclusive lock on the report folder ``out`` (a ``.NAME.lock`` file beside it).

    A second report into the same folder waits (``wait``) or stops with
    :class:`ReportBusyError` naming the process that holds the lock. The lock
    is the operating system's (``flock``), so it is released even when its
    holder is killed.
    """
    path = out.with_name(f".{out.name}.lock")
    try:
        fh = lock_file(path, wait=wait)
    except BlockingIOError:
        holder = path.read_text(encoding="utf-8").strip() or "another process"
        raise ReportBusyError(
            f"another report is being written to {out} by {holder}; wait for it to finish "
            f"(or pass --wait), or choose another --out"
        ) from None
    with fh:  # closing releases the lock
        fh.seek(0)
        fh.truncate()
        fh.write(
            f"pid {os.getpid()} on {platform.node()}, started {time.strftime('%Y-%m-%d %H:%M:%S')}\n"
        )
        fh.flush()
        yield


def notebooks() -> list[Path]:
    """The notebook suite, in order."""
    return sorted(config.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))


SENTENCES = "sentences"  # the prepared corpus's sentences, split and scored by the report before the notebooks read them
ACTORS = "actors"  # the actors found once by the report, before 02 (names are no framing) and 05 read them
#: What each notebook reads that another step makes and keeps: the sentences, or a table another notebook keeps in
#: the prepared corpus. A notebook starts only after those (and :data:`STARTED`), so nothing is computed twice; a
#: notebook not listed
#: here waits for the sentences and for every notebook before it. (Kept tables are also computed under a lock,
#: see PreparedCorpus.keep: a notebook of your own asking for one while another computes it waits for it.)
NEEDS = {
    "01-corpus-overview": set(),
    "02-term-contrasts": {
        ACTORS
    },  # the actors' names (and 01's wire copies with EXCLUDE_WIRE, see WHEN)
    "03-sentiment": {SENTENCES},
    "04-event-side-by-side": {SENTENCES},
    "05-actors": {SENTENCES, ACTORS},
    # 05 it does not read, but beside 05 it cost more core-seconds than it saved (CHANGES.md); 02: see STARTED
    "06-findings": {SENTENCES, ACTORS, "05-actors"},
    # the frames 07 scores and keeps 06 reads too (or scores them itself, once: the keep's lock)
    "07-frames": {SENTENCES},
}
#: What a notebook reads from another only late, so that it waits for that one to start, not to end: 06 reads the
#: contrasts 02 keeps only after its shuffled copies (80 s at 100,000 articles), by when 02's first computing cell
#: holds them or their lock (under which 06 would wait: they are never counted twice); so 06 runs beside 02's last
#: cells, not after them.
STARTED = {"06-findings": {"02-term-contrasts"}}
#: Seconds each step took in a 100,000-article report (a first run, two at once): among the steps ready at once that
#: as many others wait for, the longest starts first, so that no long one starts last and ends the run alone.
SECONDS = {
    SENTENCES: 165,
    ACTORS: 118,
    "01-corpus-overview": 140,
    "02-term-contrasts": 294,
    "03-sentiment": 37,
    "04-event-side-by-side": 14,
    "05-actors": 179,
    "06-findings": 167,
    "07-frames": 60,
}
#: What a notebook reads only under a parameter: notebook -> {parameter: steps it then needs too}. 02 reads the
#: wire copies 01 keeps only to leave them out (EXCLUDE_WIRE); otherwise it starts without waiting for 01.
WHEN = {"02-term-contrasts": {"EXCLUDE_WIRE": {"01-corpus-overview"}}}
AT_ONCE = 2  # notebooks (and the sentences) run at once by default, each in its own kernel


def _needs(names: list[str], parameters: dict | None = None) -> dict[str, set[str]]:
    """Each step's prerequisites (:data:`NEEDS`, and :data:`WHEN` for the notebook ``parameters`` given), for the
    steps ``names`` (the sentences and the actors, then the notebooks)."""
    out = {}
    for k, name in enumerate(names):
        listed = (
            NEEDS.get(name, {SENTENCES, *names[1:k]}) if name not in (SENTENCES, ACTORS) else set()
        )
        for parameter, more in WHEN.get(name, {}).items():
            if (parameters or {}).get(parameter):
                listed = listed | more
        out[name] = {n for n in listed if n in names}
    return out


def _started(names: list[str]) -> dict[str, set[str]]:
    """The steps each of ``names`` starts only after they started (:data:`STARTED`); a step not known there waits
    for every step before it to end (see :func:`_needs`)."""
    return {name: {n for n in STARTED.get(name, set()) if n in names} for name in names}


def _run_steps(
    steps: dict,
    needs: dict[str, set[str]],
    at_once: int,
    on_interrupt=None,
    started: dict[str, set[str]] | None = None,
) -> None:
    """Run ``steps`` (name -> function of no argument), ``at_once`` at a time, each once all it ``needs`` is done
    and all it waits to see ``started`` has started.

    One at a time, they run in the order given. Several at a time, the steps
    the most others wait for go first (the sentences and the actors, then 02
    and 05, which 06 waits for), then the longest (:data:`SECONDS`: 06, then
    01, before 03 and 04: a long step started last would end the run alone),
    and the rest in the order given. On a failure no other step starts; those running are
    finished, then the first failure is raised. On Ctrl-C (or any exception
    here) ``on_interrupt()`` is called to stop the running steps, and the
    exception goes on at once."""
    started = {name: set() for name in steps} | (started or {})
    after = {name: needs[name] | started[name] for name in steps}

    # how many steps need ``name`` (or to see it started), directly or not
    def waiting_on(name: str) -> int:
        seen, todo = set(), [n for n in steps if name in after[n]]
        while todo:
            n = todo.pop()
            if n not in seen:
                seen.add(n)
                todo += [m for m in steps if n in after[m]]
        return len(seen)

    rank = {
        name: (-waiting_on(name), -SECONDS.get(name, 0), k) if at_once > 1 else (0, 0, k)
        for k, name in enumerate(steps)
    }
    pending, done, running, failure = list(steps), set(), set(), None
    finished: queue.Queue = queue.Queue()

    def start(name: str) -> None:  # a daemon thread: on Ctrl-C it never holds the interpreter open
        def run() -> None:
            try:
                steps[name]()
                finished.put((name, None))
            except BaseException as err:  # noqa: BLE001 -- raised below, once the others are finished
                finished.put((name, err))

        threading.Thread(target=run, name=f"report: {name}", daemon=True).start()

    try:
        while pending or running:
            # again after each start: it may free one
            while failure is None and len(running) < max(1, at_once):
                begun = set(steps) - set(pending)  # (a step waiting to see it started)
                ready = sorted(
                    (n for n in pending if needs[n] <= done and started[n] <= begun), key=rank.get
                )
                if not ready:
                    break
                pending.remove(ready[0])
                running.add(ready[0])
                start(ready[0])
            if not running:
                break  # a failure, or steps waiting for one that failed
            try:  # with a timeout: Ctrl-C is handled in this thread, which must wake up to see it
                ended = [finished.get(timeout=0.5)]
            except queue.Empty:
                continue
            # all that ended meanwhile, a failure among them, before starting more
            while not finished.empty():
                ended.append(finished.get())
            for name, err in ended:
                running.discard(name)
                if err is None:
                    done.add(name)
                else:
                    failure = failure or err
    except BaseException:  # Ctrl-C: stop what runs (``on_interrupt``) rather than wait for it
        if on_interrupt is not None:
            on_interrupt()
        raise
    if failure is not None:
        raise failure


def _strip_volatile(path: Path) -> list[tuple[int, str, float]]:
    """Remove timings and machine paths that papermill records, so reruns are byte-identical; returns each
    code cell's number (counting code cells from 1), first line and seconds, as papermill timed them."""
    nb = nbformat.read(path, as_version=4)
    durations = [
        (
            k,
            cell.source.split("\n", 1)[0],
            float(cell.metadata.get("papermill", {}).get("duration") or 0),
        )
        for k, cell in enumerate((c for c in nb.cells if c.cell_type == "code"), start=1)
    ]
    meta = nb.metadata.get("papermill", {})
    for key in (
        "start_time",
        "end_time",
        "duration",
        "input_path",
        "output_path",
        "environment_variables",
    ):
        meta.pop(key, None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"  # papermill gives it a random id
        if cell.cell_type == "code":
            cell.outputs = _joined_streams(cell.outputs)
    nbformat.write(nb, path)
    return durations


def _joined_streams(outputs: list) -> list:
    """Consecutive outputs of one stream joined into one: how a kernel cuts what a cell prints into
    messages depends on timing (under load, one print came as two), and the report must not."""
    joined: list = []
    for out in outputs:
        last = joined[-1] if joined else None
        if (
            out.get("output_type") == "stream"
            and last is not None
            and last.get("output_type") == "stream"
            and last.get("name") == out.get("name")
        ):
            last["text"] += out["text"]
        else:
            joined.append(out)
    return joined


def _run_notebook(
    source: Path, target: Path, parameters: dict, workdir: Path
) -> list[tuple[int, str, float]]:
    try:
        # The kernel starts in ``workdir`` through nbclient's resources, not papermill's ``cwd``: papermill
        # changes the whole process's working folder for the run, and with notebooks running in threads one
        # run's change back could land while another's kernel started, which then wrote into the wrong folder.
        pm.execute_notebook(
            str(source),
            str(target),
            parameters=parameters,
            kernel_name="python3",
            resources={"metadata": {"path": str(workdir)}},
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            kernel_manager_class=IPCKernelManager,
        )
    except pm.PapermillExecutionError as err:
        fault = _machine_fault(err)
        # the kernel could not write (a full disk): said as the machine's fault, not the code's
        if fault is not None:
            raise fault from None
        raise ReportError(
            f"notebook {source.name} failed in cell {err.exec_count} "
            f"({err.ename}: {err.evalue}); the executed notebook, error included, is {target}"
        ) from None
    except RuntimeError as err:
        # nbclient's DeadKernelError (mid-cell), or jupyter_client's "Kernel died before replying..."
        # (starting)
        if not (isinstance(err, DeadKernelError) or str(err).startswith("Kernel died")):
            raise
        raise ReportError(
            f"notebook {source.name} stopped: its kernel died (killed, out of memory, or crashed in "
            f"compiled code); the notebook as far as it ran is {target}"
        ) from None
    durations = _strip_volatile(target)
    body, _ = HTMLExporter(template_name="lab").from_filename(str(target))
    target.with_suffix(".html").write_text(body, encoding="utf-8")
    return durations


def _machine_fault(err: pm.PapermillExecutionError) -> OSError | None:
    """The ``OSError`` of the machine a notebook's cell failed with (no space, no permission, a read-only
    folder), rebuilt from its message; None for any other failure."""
    match = re.match(r"\[Errno (\d+)\] ([^:]+?)(?:: '(.*)')?$", str(err.evalue))
    if err.ename not in _OS_ERRORS or match is None or int(match[1]) not in _FAULTS:
        return None
    return OSError(int(match[1]), match[2], match[3])


_OS_ERRORS = {
    "OSError",
    "PermissionError",
    "FileNotFoundError",
    "IsADirectoryError",
    "NotADirectoryError",
}
_FAULTS = {
    errno.ENOSPC,
    errno.EDQUOT,
    errno.EACCES,
    errno.EPERM,
    errno.EROFS,
    errno.EMFILE,
    errno.ENFILE,
    errno.EIO,
}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _corpus_hash(files: list[Path]) -> str:
    """One digest over every file the corpus was read from (names and contents)."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + _sha256(path).encode())
    return digest.hexdigest()


def _versions() -> dict:
    out = {"python": platform.python_version(), "framing-analysis": __version__}
    for name in PACKAGES:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = None
    return out


def build_report(
    *,
    corpus=None,
    out=None,
    options: dict | None = None,
    parameters: dict | None = None,
    progress: bool | None = None,
    wait: bool = False,
    timings: dict | None = None,
    cells: list | None = None,
    at_once: int | None = None,
) -> Path:
    """Run every notebook on ``corpus`` (default: the bundled sample) and write the report to ``out``.

    ``options`` are :func:`analysis.prepare_corpus`'s (``columns``,
    ``encoding``, ``rules``, ``event_overrides``), handed to every notebook;
    ``parameters`` overrides other notebook parameters (``{"EVENT": "..."}``).
    The folder holds ``notebooks/NAME.{ipynb,html}`` (executed), ``figures/``,
    ``tables/``, ``index.html`` and ``manifest.json``. Raises
    :class:`ReportError` naming the notebook and cell when one fails; the
    previous report, if any, is then left as it was. Only one report at a
    time writes into a folder: another one waits (``wait``) or raises
    :class:`ReportBusyError` naming the process that holds the folder.

    The corpus is prepared (and its sentences split and scored) once, before
    the notebooks, which then read it back (see :func:`analysis.prepare_corpus`).
    ``timings``, a dict, receives the seconds each step took (they are not
    written into the report, which stays byte-identical from run to run);
    ``cells``, a list, receives ``(notebook, cell number, first line, seconds)`` for every code cell.

    ``at_once``: how many notebooks run at once, each in its own kernel
    (default ``AT_ONCE``, 2; 1: one after another). Each starts once what it
    reads from another step is kept (:data:`NEEDS`: 03-05 after the
    sentences, 02 after the actors, 06 after 05 and once 02 has started, :data:`STARTED`), so nothing is
    computed twice, and the
    report is the same, byte for byte, however many run at once.
    """
    corpus = Path(corpus or config.SAMPLE_CORPUS).resolve()
    out = Path(out or config.DEFAULT_REPORT_DIR).resolve()
    with _locked(out, wait=wait):
        return _build_report(
            corpus,
            out,
            options,
            parameters,
            progress,
            {} if timings is None else timings,
            [] if cells is None else cells,
            AT_ONCE if at_once is None else at_once,
        )


def _build_report(
    corpus: Path, out: Path, options, parameters, progress, timings: dict, cells: list, at_once: int
) -> Path:
    options = {k: v for k, v in (options or {}).items() if v is not None}
    # fails early, with a clear message, on a bad corpus
    prepared = prepare_corpus(corpus, **options, progress=progress)
    partial = out.with_name(f".{out.name}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    (partial / "notebooks").mkdir(parents=True)
    params = {
        "CORPUS": str(corpus),
        "OUTPUT_DIR": ".",
        "OPTIONS": {k: str(v) if isinstance(v, Path) else v for k, v in options.items()},
        **(parameters or {}),
    }
    shown = (
        progress
        if progress is not None
        else (sys.stderr.isatty() and not os.environ.get("TQDM_DISABLE"))
    )
    env_before = {
        k: os.environ.get(k) for k in ("SOURCE_DATE_EPOCH", "TQDM_DISABLE", "FRAMING_HEADLESS")
    }
    os.environ.update(
        SOURCE_DATE_EPOCH=config.SOURCE_DATE_EPOCH, TQDM_DISABLE="1", FRAMING_HEADLESS="1"
    )
    suite = notebooks()
    seconds: dict[str, float] = {}
    durations: dict[str, list] = {}
    bar = tqdm(
        total=len(suite),
        desc="notebooks",
        unit="nb",
        disable=None if progress is None else not progress,
    )

    # Ctrl-C: the sentences stop after the part at hand (kept: a rerun resumes there)
    stopping = threading.Event()

    # once, for every notebook that reads sentences (the notebooks' kernels run without bars)
    def sentences() -> None:
        for _ in prepared.sentence_parts(progress=shown):
            if stopping.is_set():  # kept part by part: this process never holds them all
                return

    # once, for 02 and 05, with the notebooks' own defaults (a parameter changing them: they compute
    # their own), in a process of its own: beside the sentences, neither waits for the other's Python
    # (in one process they shared its lock, and both cores were three-quarters busy)
    children: list = []

    def actors() -> None:
        _actors_apart(
            corpus,
            options,
            params.get("CODEBOOK") or config.default_codebook(corpus),
            params.get("MIN_ARTICLES", 2),
            children,
            stopping,
        )

    def interrupted() -> None:
        stopping.set()
        _kill_kernels()
        for child in children:
            child.kill()

    def notebook(source: Path):
        def run() -> None:
            started = time.perf_counter()
            durations[source.stem] = _run_notebook(
                source, partial / "notebooks" / source.name, params, partial
            )
            seconds[source.stem] = round(time.perf_counter() - started, 3)
            bar.update(1)

        return run

    steps = {
        SENTENCES: sentences,
        ACTORS: actors,
        **{source.stem: notebook(source) for source in suite},
    }
    try:  # a notebook's failure leaves the hidden .partial folder, for the failed notebook; the next run clears it
        _run_steps(
            steps,
            _needs(list(steps), params),
            at_once,
            on_interrupt=interrupted,
            started=_started(list(steps)),
        )
    except OSError:  # the machine's (a full disk): nothing half-written stays to fill it
        shutil.rmtree(partial, ignore_errors=True)
        raise
    finally:
        bar.close()
        timings.update({f"prepare: {step}": sec for step, sec in prepared.timings.items()})
        timings.update({f"notebook {name}": seconds[name] for name in steps if name in seconds})
        cells += [(name, *cell) for name in steps for cell in durations.get(name, [])]
        for key, value in env_before.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    started = time.perf_counter()
    try:
        _thumbnails(partial)
        _write_index(partial, prepared, corpus)
        _write_manifest(partial, prepared, corpus, params)
        _move_into_place(partial, out)
    except OSError:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    timings["index, thumbnails and manifest"] = round(time.perf_counter() - started, 3)
    return out


def _actors_apart(corpus, options, codebook, min_articles, children: list, stopping) -> None:
    """:meth:`PreparedCorpus.actors` in a child process that keeps the table for the notebooks; its error,
    if any, raised here. ``children`` holds the process (killed on Ctrl-C)."""
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    # not a daemon: at scale find_actors starts worker processes of its own, which a daemon may not
    child = context.Process(
        target=_keep_actors, args=(corpus, options, codebook, min_articles, send), daemon=False
    )
    children.append(child)
    child.start()
    send.close()
    child.join()
    try:
        failure = receive.recv()  # the child's error; nothing sent: it ended well, or was killed
    except EOFError:
        failure = None
    receive.close()
    if failure is not None:
        raise failure
    if child.exitcode and not stopping.is_set():
        raise ReportError(
            f"the actors step stopped: its process died (exit code {child.exitcode}; killed, out of "
            "memory, or crashed in compiled code)"
        )


def _keep_actors(corpus, options, codebook, min_articles, send) -> None:
    """The actors step's process: find the actors and keep them with the prepared corpus; an error is sent
    back to the report (Ctrl-C is the report's to handle: it kills this process)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        prepare_corpus(corpus, **options, progress=False).actors(
            codebook=codebook, min_articles=min_articles
        )
    except Exception as err:  # sent whole where it can be, else as the report's own error
        try:
            pickle.loads(pickle.dumps(err))  # it must come back whole on the other side
        except Exception:
            err = ReportError(f"the actors step failed ({type(err).__name__}: {err})")
        send.send(err)
        sys.exit(1)


def _thumbnails(folder: Path, width: int = 320) -> None:
    thumbs = folder / "figures" / "thumbs"
    thumbs.mkdir(parents=True, exist_ok=True)
    for png in sorted((folder / "figures").glob("*.png")):
        with Image.open(png) as image:
            image.thumbnail((width, width * 4))
            image.save(thumbs / png.name, format="PNG")


def _move_into_place(partial: Path, out: Path) -> None:
    old = out.with_name(f".{out.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    partial.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def _write_manifest(folder: Path, prepared, corpus: Path, params: dict) -> None:
    arts = prepared.metadata()  # without the text: this process does not hold it
    files = {
        str(p.relative_to(folder)): {"bytes": p.stat().st_size, "sha256": _sha256(p)}
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
    manifest = {
        "corpus": {
            "path": str(corpus),
            "sha256": _corpus_hash(prepared.loaded.files),
            "files": len(prepared.loaded.files),
            "rows": prepared.loaded.n_rows,
            "articles": len(arts),
            "skipped": len(prepared.skipped),
            "outlets": int(arts["outlet"].nunique()),
            "events": int(arts["event"].nunique()),
            "notes": prepared.notes,
        },
        "parameters": params,
        "notebooks": [p.name for p in notebooks()],
        "versions": _versions(),
        "files": files,
    }
    (folder / "manifest.json").write_text(
        json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )


def _findings_html(findings: pd.DataFrame) -> list[str]:
    esc = html.escape
    parts = ["<h2 id='findings'>Findings</h2>"]
    parts += [
        f"<p class='check'>{esc(s)}</p>"
        for s in findings.loc[findings["kind"] == "check", "statement"]
    ]
    stated = findings[~findings["kind"].isin(["caution", "check"])]
    cautions = findings[findings["kind"] == "caution"]
    if stated.empty:
        parts.append(
            "<p>No difference in this corpus passes the tests for a finding"
            f"{' (see the cautions)' if len(cautions) else ''}.</p>"
        )
    else:
        parts.append("<ol class='findings'>")
        parts += [
            f"<li data-kind='{esc(r.kind)}'>{esc(r.statement)} <a href='{esc(r.figure)}'>figure</a> "
            f"<a href='{esc(r.evidence)}'>evidence</a></li>"
            for r in stated.itertuples()
        ]
        parts.append("</ol>")
    if len(cautions):
        parts.append("<h3 id='cautions'>Cautions</h3><ul class='cautions'>")
        parts += [f"<li>{esc(s)}</li>" for s in cautions["statement"]]
        parts.append("</ul>")
    parts.append(
        "<p>How each finding is tested: see the README. Read the sentences behind every number in "
        "the <a href='explorer.html'>explorer</a> (one file, works offline); also "
        "<a href='findings.md'>findings.md</a> and <a href='tables/findings.csv'>tables/findings.csv</a>.</p>"
    )
    return parts


def _table_head(path: Path, n: int) -> tuple[int, pd.DataFrame]:
    """A Parquet table's row count (from its metadata) and its first ``n`` rows, without reading the rest."""
    table = pq.ParquetFile(path)
    first = (
        table.read_row_group(0).slice(0, n)
        if table.num_row_groups
        else table.schema_arrow.empty_table()
    )
    return table.metadata.num_rows, first.to_pandas()


def _write_index(folder: Path, prepared, corpus: Path) -> None:
    arts = prepared.metadata()  # without the text: this process does not hold it
    esc = html.escape
    dates = arts["published"].dropna()
    span = f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else "no dates"
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Framing report</title>",
        "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}"
        "figure{display:inline-block;margin:.5em;width:300px;vertical-align:top}figure img{max-width:300px}"
        "figcaption{font-size:.85em}table{border-collapse:collapse;font-size:.85em}"
        "td,th{border:1px solid #ccc;padding:2px 6px}</style></head><body>",
        "<h1>How the outlets framed the same events</h1>",
        f"<p>Corpus <code>{esc(corpus.name)}</code>: {len(arts)} articles from {arts['outlet'].nunique()} outlets "
        f"on {arts['event'].nunique()} events, published {span}; {len(prepared.skipped)} rows left out.</p>",
        f"<p>Languages: {esc(language_mix(arts))}.</p>",
    ]
    parts += [f"<p>Note: {esc(n)}</p>" for n in prepared.notes]
    findings = folder / "tables" / "findings.parquet"  # written by notebook 06
    parts += _findings_html(
        pd.read_parquet(findings) if findings.exists() else pd.DataFrame(columns=FINDING_COLUMNS)
    )
    sections = read_sections(folder)
    missing = [r for r in sections if not r["computed"]]
    if missing:
        parts.append("<h2 id='not-computed'>Not computed for this corpus</h2><ul>")
        parts += [f"<li><b>{esc(r['title'])}</b>: {esc(r['reason'])}</li>" for r in missing]
        parts.append("</ul>")
    noted = [(r["title"], n) for r in sections for n in r["notes"]]
    if noted:
        parts.append("<h2 id='caveats'>Caveats</h2><ul>")
        parts += [f"<li><b>{esc(title)}</b>: {esc(n)}</li>" for title, n in noted]
        parts.append("</ul>")
    parts.append(outlet_summary(arts).to_html(index=False, border=0))
    parts.append("<h2>Notebooks</h2><ul>")
    for nb in sorted((folder / "notebooks").glob("*.ipynb")):
        parts.append(
            f"<li><a href='notebooks/{esc(nb.with_suffix('.html').name)}'>{esc(nb.stem)}</a> "
            f"(<a href='notebooks/{esc(nb.name)}'>ipynb</a>)</li>"
        )
    parts.append("</ul><h2>Figures</h2>")
    for png in sorted((folder / "figures").glob("*.png")):
        stem = esc(png.stem)
        parts.append(
            f"<figure><a href='figures/{stem}.png'><img src='figures/thumbs/{stem}.png' alt='{stem}'></a>"
            f"<figcaption>{stem} (<a href='figures/{stem}.svg'>svg</a>, "
            f"<a href='figures/{stem}.pdf'>pdf</a>)</figcaption></figure>"
        )
    parts.append("<h2>Tables</h2>")
    for csv in sorted((folder / "tables").glob("*.csv")):
        n_rows, head = _table_head(csv.with_suffix(".parquet"), 8)
        parts.append(
            f"<h3><a href='tables/{esc(csv.name)}'>{esc(csv.stem)}</a> "
            f"(<a href='tables/{esc(csv.stem)}.parquet'>parquet</a>, {n_rows} rows)</h3>"
        )
        parts.append(head.to_html(index=False, border=0, max_cols=12))
    parts.append("</body></html>")
    (folder / "index.html").write_text("\n".join(parts) + "\n", encoding="utf-8")
