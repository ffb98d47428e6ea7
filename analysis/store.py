"""The prepared dataset's files on disk: written whole or not at all, read back checked, locked while computed.

Every table is written to a temporary name and renamed (:func:`write_table`),
with a CRC checksum on each Parquet page, and read back with the checksums
verified (:func:`read_table`): a file that is missing, cut short or damaged
reads as missing, with a warning, and whatever needs it computes it again.
:func:`file_check` gives a file's size and CRC-32, which ``dataset.json``
records for the article parts (checked on every open), and
:func:`cache_entries`, :func:`verify_cache` and :func:`clear_cache` are the
``cache`` command's.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import shutil
import zlib
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

log = logging.getLogger(__name__)


def digest_file(path: Path, memo: dict) -> str:
    """SHA-256 of a file's bytes, remembered by path, size and modification time."""
    stat = path.stat()
    mark = [stat.st_size, stat.st_mtime_ns]
    hit = memo.get(str(path))
    if hit and hit[:2] == mark:
        return hit[2]
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    memo[str(path)] = [*mark, digest.hexdigest()]
    return digest.hexdigest()


def lock_file(path: Path, *, wait: bool = True):
    """``path`` opened (text, appending) with the operating system's exclusive lock on it (``flock``),
    released when the file is closed or its process dies. ``wait=False``: :class:`BlockingIOError` at
    once if another process holds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+", encoding="utf-8")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BaseException:
        handle.close()
        raise
    return handle


@contextlib.contextmanager
def computing(path: Path):
    """Hold the lock of the kept table ``path`` (:func:`lock_file` on ``.NAME.lock`` beside it) while it is
    computed, so that two processes asking for it at once (two notebooks, the report's) compute it once: the
    second waits, then reads it. Where the folder cannot hold a lock, the table is computed without one (at
    worst twice)."""
    try:
        handle = lock_file(path.with_name(f".{path.name}.lock"))
    except OSError:
        handle = contextlib.nullcontext()
    with handle:  # closing releases the lock
        yield


def atomic_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_table(path: Path, frame: pd.DataFrame) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    table = pa.Table.from_pandas(frame, preserve_index=True)
    # pandas would read them back as str
    objects = [str(c) for c, dtype in frame.dtypes.items() if dtype == object]
    objects += [
        f"categories of {c}"
        for c, dtype in frame.dtypes.items()
        if isinstance(dtype, pd.CategoricalDtype) and dtype.categories.dtype == object
    ]
    table = table.replace_schema_metadata(
        {
            **table.schema.metadata,
            b"framing-object-columns": json.dumps(objects),
            b"framing-attrs": json.dumps(frame.attrs, default=str),
        }
    )
    try:
        # a damaged page reads as damaged, not as other data
        pq.write_table(table, tmp, write_page_checksum=True)
        os.replace(tmp, path)  # atomic: a reader sees the whole file or none of it
    except BaseException:
        tmp.unlink(missing_ok=True)  # a full disk keeps no half-written file
        raise


def read_table(path: Path, columns: list[str] | None = None) -> pd.DataFrame | None:
    """A table as :func:`write_table` wrote it, dtypes included (None when it is missing or unreadable);
    only ``columns`` (and the index) if given."""
    try:
        table = pq.read_table(path, columns=columns, page_checksum_verification=True)
        frame = table.to_pandas()
    except (OSError, pa.ArrowException) as err:
        if path.exists():
            log.warning("prepared file %s is unreadable (%s): it is computed again", path, err)
        return None
    for name in json.loads((table.schema.metadata or {}).get(b"framing-object-columns", b"[]")):
        if name.startswith("categories of ") and name[14:] in frame.columns:
            column = frame[name[14:]]
            frame[name[14:]] = pd.Categorical.from_codes(
                column.cat.codes,
                categories=pd.Index(column.cat.categories.to_list(), dtype=object),
                ordered=column.cat.ordered,
            )
        elif name in frame.columns and frame[name].dtype != object:
            frame[name] = pd.Series(table.column(name).to_pylist(), index=frame.index, dtype=object)
    frame.attrs = json.loads((table.schema.metadata or {}).get(b"framing-attrs", b"{}"))
    return frame


def write_part(folder: Path, kind: str, k: int, frames: tuple) -> bool:
    """Keep a finished part; False (with a warning) when it cannot be kept, e.g. a column Parquet cannot hold."""
    names = ("-audit", "") if kind == "cleaned" else ("",)
    try:  # the audit first: the part counts as done once its table exists
        for suffix, frame in zip(names, frames[::-1] if kind == "cleaned" else frames):
            write_table(folder / kind / f"part-{k:05d}{suffix}.parquet", frame)
    except (OSError, pa.ArrowException) as err:
        log.warning(
            "could not keep the prepared %s in %s (%s): it will be computed again next time",
            kind,
            folder,
            err,
        )
        return False
    return True


def read_part(
    folder: Path | None,
    kind: str,
    k: int,
    n_rows: int | None = None,
    columns: list[str] | None = None,
):
    if folder is None:
        return None
    if kind == "cleaned":
        audit = (
            read_table(folder / kind / f"part-{k:05d}-audit.parquet")
            if (folder / kind / f"part-{k:05d}.parquet").exists()
            else None
        )
        table = (
            read_table(folder / kind / f"part-{k:05d}.parquet", columns)
            if audit is not None
            else None
        )
        return None if table is None or len(table) != n_rows else (table, audit)
    return read_table(folder / kind / f"part-{k:05d}.parquet")


def link_file(source: Path, target: Path, n_rows: int) -> None:
    """``target`` becomes ``source``'s file (a hard link, else a copy), atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        if not _hard_link(source, tmp):  # a file system without hard links
            shutil.copyfile(source, tmp)
    except FileNotFoundError:  # another process finished first and tidied up
        if part_rows(target) == n_rows:
            return
        raise PartGone(str(source)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)  # a copy cut short by a full disk is not kept
        raise
    os.replace(tmp, target)


def _hard_link(source: Path, target: Path) -> bool:
    try:
        os.link(source, target)
    except FileNotFoundError:
        raise
    except OSError:
        return False
    return True


def part_rows(path: Path) -> int | None:
    """Rows in a Parquet file, from its footer (None when it is missing or unreadable)."""
    try:
        return pq.ParquetFile(path).metadata.num_rows
    except (OSError, pa.ArrowException):
        return None


class PartGone(RuntimeError):
    """A cleaned part this process kept is gone: another process finished the dataset and tidied up."""


def file_check(path: Path) -> list[int]:
    """``[size in bytes, CRC-32]`` of a file: what ``dataset.json`` records of each part, to tell on opening
    the dataset that a part was cut short, changed or damaged (about 1 GB/s, from the page cache)."""
    crc, size = 0, 0
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 22), b""):
            crc, size = zlib.crc32(block, crc), size + len(block)
    return [size, crc]


def damaged(path: Path, recorded) -> str | None:
    """Why ``path`` is not the file ``recorded`` (:func:`file_check`'s pair) describes, or None if it is."""
    try:
        if path.stat().st_size != recorded[0]:
            return "its size changed (cut short, or written over)"
        return None if file_check(path) == list(recorded) else "its checksum differs (damaged)"
    except FileNotFoundError:
        return "it is missing"
    except OSError as err:
        return f"it cannot be read ({err.strerror or err})"


# ---------------------------------------------------------------- the `cache` command
def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def cache_entries(root: Path) -> list[dict]:
    """What the cache folder ``root`` holds: one entry per prepared corpus, and one for the sentence scores.

    Returns
    -------
    list of dict
        ``key`` (the folder's name), ``path``, ``corpus`` (the file it was prepared from, or why it is
        incomplete), ``articles``, ``bytes`` and ``used`` (seconds since the epoch it was last read or
        written), newest first; the sentence scores last, under the key ``sentence-scores``.
    """
    entries = []
    for folder in sorted((root / "prepared").glob("*")) if (root / "prepared").is_dir() else []:
        if not folder.is_dir():
            continue
        try:
            meta = json.loads((folder / "dataset.json").read_text(encoding="utf-8"))
            corpus, n, used = (
                meta["loaded"]["path"],
                meta["n_articles"],
                (folder / "dataset.json").stat().st_mtime,
            )
        except (OSError, ValueError, KeyError):
            corpus, n, used = (
                "(incomplete: being prepared, or stopped)",
                None,
                folder.stat().st_mtime,
            )
        entries.append(
            {
                "key": folder.name,
                "path": folder,
                "corpus": corpus,
                "articles": n,
                "bytes": _size(folder),
                "used": used,
            }
        )
    entries.sort(key=lambda e: -e["used"])
    shards = sorted(root.glob("vader-*.parquet")) if root.is_dir() else []
    if shards:
        entries.append(
            {
                "key": "sentence-scores",
                "path": root,
                "corpus": f"{len(shards)} files of VADER scores",
                "articles": None,
                "bytes": sum(p.stat().st_size for p in shards),
                "used": max(p.stat().st_mtime for p in shards),
            }
        )
    return entries


def verify_cache(root: Path) -> list[tuple[Path, str]]:
    """Check every file of the cache folder ``root``; remove each damaged one so that the next run computes it
    again (a damaged article part: the whole prepared corpus is prepared again).

    Returns
    -------
    list of (Path, str)
        Each damaged file and what is wrong with it.
    """
    from .sentiment import _read_shard  # checks the scores' own digest; removes a shard that fails

    found = []
    for entry in cache_entries(root):
        if entry["key"] == "sentence-scores":
            for shard in sorted(root.glob("vader-*.parquet")):
                if _read_shard(shard) is None:
                    found.append((shard, "its scores do not match their digest"))
            continue
        folder = entry["path"]
        try:
            checks = json.loads((folder / "dataset.json").read_text(encoding="utf-8")).get(
                "checks", {}
            )
        except (OSError, ValueError):
            checks = {}
        for name, recorded in sorted(checks.items()):
            why = damaged(folder / name, recorded)
            if why is not None:
                found.append((folder / name, why))
                (folder / name).unlink(missing_ok=True)
                (folder / "dataset.json").unlink(missing_ok=True)  # prepared again on next use
        for path in sorted(folder.rglob("*.parquet")):
            if str(path.relative_to(folder)) in checks or path.name.startswith("."):
                continue
            try:
                pq.read_table(path, page_checksum_verification=True)
            except (OSError, pa.ArrowException) as err:
                found.append((path, f"it cannot be read ({err})"))
                path.unlink(missing_ok=True)
    return found


def clear_cache(
    root: Path, *, key: str | None = None, older_than: float | None = None, now: float | None = None
) -> list[dict]:
    """Remove entries of the cache folder ``root``: every one, those whose key starts with ``key`` (a prepared
    corpus, or ``sentence-scores``), or those last used more than ``older_than`` days ago.

    Returns
    -------
    list of dict
        The entries removed, as :func:`cache_entries` describes them.
    """
    import time

    now = time.time() if now is None else now
    removed = []
    for entry in cache_entries(root):
        if key is not None and not entry["key"].startswith(key):
            continue
        if older_than is not None and now - entry["used"] < older_than * 86400:
            continue
        if entry["key"] == "sentence-scores":
            for shard in root.glob("vader-*.parquet"):
                shard.unlink(missing_ok=True)
        else:
            shutil.rmtree(entry["path"])
        removed.append(entry)
    return removed
