"""Every error the package raises on purpose, under one base, :class:`FramingError`.

A command catches ``FramingError`` and prints its message in one line, exiting
with its ``exit_status``: 2 for a request or an input that cannot be used (the
file, row and column named), 1 for a run that could not finish. Each class
also derives from the built-in error it stands for (``ValueError``,
``RuntimeError``), so code that caught those still does. Errors of the machine
itself (a full disk, a folder that cannot be written) are ``OSError``, which
:func:`describe_os_error` turns into one plain line.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path


class FramingError(Exception):
    """The base of every error the package raises on purpose."""

    exit_status = 2


# ---------------------------------------------------------------- bad input or requests (exit 2)
class CorpusError(FramingError, ValueError):
    """A corpus that cannot be read: names the file, row (or line), column and value."""

    def __init__(
        self, message: str, *, file=None, row=None, column=None, value=None, unit: str = "row"
    ):
        self.message, self.file, self.row, self.column, self.value = (
            message,
            file,
            row,
            column,
            value,
        )
        where = [str(file)] if file is not None else []
        if row is not None:
            where.append(f"{unit} {row}")
        if column is not None:
            where.append(f"column '{column}'")
        text = (", ".join(where) + ": " if where else "") + message
        if value is not None:
            shown = str(value)
            text += f" (value: {shown[:80]!r}{'…' if len(shown) > 80 else ''})"
        super().__init__(text)


class RulesError(FramingError, ValueError):
    """A rules file that cannot be used: names the file, section and rule."""


class EventsError(FramingError, ValueError):
    """Event grouping that cannot be done as asked (e.g. a bad overrides file)."""


class CodebookError(FramingError, ValueError):
    """A codebook that cannot be used: a bad pattern, a missing field; names the file and line."""


class TermRulesError(FramingError, ValueError):
    """A term-kind rules file that cannot be read as asked."""


class TermError(FramingError, ValueError):
    """A term that no contrast table can hold (only stop words, digits or one-letter words)."""


class TargetError(FramingError, ValueError):
    """A target row that cannot be scored: its offsets do not fall inside its text."""


class FrameError(FramingError, ValueError):
    """Articles the frame evidence cannot tell apart (an ``article_id`` given twice)."""


class MissingColumnError(FramingError, ValueError):
    """A table handed to a public function lacks a column the function needs."""


class ContrastError(FramingError, ValueError):
    """A comparison that cannot be made as asked (a bad prior or scope)."""


class SchedulerError(FramingError, ValueError):
    """A ``scheduler`` that names no way to run the work."""


class UsageError(FramingError, ValueError):
    """A command-line request that cannot be carried out."""


# ---------------------------------------------------------------- too little to analyse
class InsufficientData(FramingError, ValueError):
    """The corpus is valid but too small or too narrow for this analysis (one outlet, no shared event,
    no usable terms). Reports show the reason in the section's place instead of failing."""


class NothingToCompare(ContrastError, InsufficientData):
    """The corpus holds too little to compare (fewer than two outlets with usable terms)."""


class NoSharedEvents(InsufficientData):
    """No event is covered by two or more outlets, so outlets cannot be compared on the same events."""


# ---------------------------------------------------------------- runs that could not finish (exit 1)
class ReportError(FramingError, RuntimeError):
    """A notebook failed while the report was being built."""

    exit_status = 1


class ReportBusyError(ReportError):
    """Another process is writing a report into the same folder."""


class StoreError(FramingError, RuntimeError):
    """The prepared corpus on disk changed under a running analysis (a part damaged or deleted); the next
    command prepares it again."""

    exit_status = 1


# ---------------------------------------------------------------- the machine
_ADVICE = {
    errno.ENOSPC: "the disk is full{size}: free some space there, or write elsewhere (--out, --cache-dir)",
    errno.EDQUOT: "the disk quota is used up{size}: free some space there, or write elsewhere (--out, --cache-dir)",
    errno.EACCES: "permission denied: choose a folder you can write (--out, --cache-dir), or change its permissions",
    errno.EPERM: "not permitted: choose a folder you can write (--out, --cache-dir), or change its permissions",
    errno.EROFS: "the file system is read-only: write elsewhere (--out, --cache-dir)",
    errno.ENOENT: "a folder on the way does not exist and cannot be made there: give a path under a folder "
    "that exists",
    errno.ENOTDIR: "a part of the path is a file, not a folder: give another path",
    errno.EMFILE: "too many files are open at once: raise the limit (ulimit -n 4096) and run it again",
    errno.ENFILE: "the system has too many files open: close other programs and run it again",
    errno.EIO: "the disk reported an input/output error: check the disk, or write elsewhere",
}


def describe_os_error(err: OSError, doing: str | None = None, where=None) -> str:
    """One line for an error of the machine: the path, what went wrong, and what to do.

    Parameters
    ----------
    err : OSError
        The error, as the operating system raised it.
    doing : str, optional
        What was being done ("writing the report"), said first.
    where : path, optional
        Where it was being written, when the error names no file (a write that found the disk full):
        the disk there is named by its size.

    Returns
    -------
    str
        For example ``writing the report to /mnt/r: the disk is full (a disk of 3.1 MB): free some
        space there, or write elsewhere (--out, --cache-dir)``.
    """
    path = err.filename
    size = ""
    if err.errno in (errno.ENOSPC, errno.EDQUOT) and (path or where):
        folder = Path(path or where)
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        try:
            size = f" (a disk of {shutil.disk_usage(folder).total / 1e6:,.1f} MB)"  # what was half-written is gone
        except OSError:
            pass
    advice = _ADVICE.get(err.errno, (err.strerror or str(err)).rstrip(".")).format(size=size)
    where = f"{os.fspath(path)}: " if path else ""
    return f"{doing + ': ' if doing else ''}{where}{advice}"
