"""The shipped models' file: a zip of ``meta.json``, ``vocabulary.txt`` and NumPy arrays, the same bytes for the
same contents (fixed dates, sorted keys), so a retrained model that did not change leaves git clean."""

from __future__ import annotations

import io
import json
import zipfile

import numpy as np

_DATE = (2021, 4, 19, 0, 0, 0)


def write_model(path, meta: dict, vocabulary: list[str], arrays: dict[str, np.ndarray]) -> None:
    """Write a model file.

    Parameters
    ----------
    path : str or Path
        The ``.zip`` to write.
    meta : dict
        JSON-serialisable settings and provenance, written with sorted keys.
    vocabulary : list of str
        The feature names, one per line.
    arrays : dict of str to ndarray
        Written in the given order as ``NAME.npy`` (no pickles).
    """
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:

        def put(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(name, date_time=_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)

        put("meta.json", json.dumps(meta, indent=1, sort_keys=True).encode())
        put("vocabulary.txt", "\n".join(vocabulary).encode())
        for name, array in arrays.items():
            buf = io.BytesIO()
            np.save(buf, array, allow_pickle=False)
            put(name + ".npy", buf.getvalue())


class ModelFile:
    """What a shipped model shares: :meth:`save` and :meth:`load` through :func:`write_model` and
    :func:`read_model`. A model class names its arrays in ``ARRAYS`` (attributes and constructor arguments of
    those names), its default file in ``PATH``, and takes ``vocabulary`` and ``meta``."""

    ARRAYS: tuple[str, ...] = ()
    PATH = None

    def save(self, path) -> None:
        write_model(path, self.meta, self.vocabulary, {n: getattr(self, n) for n in self.ARRAYS})

    @classmethod
    def load(cls, path=None):
        meta, vocabulary, arrays = read_model(path or cls.PATH, cls.ARRAYS)
        return cls(vocabulary, meta=meta, **arrays)


def read_model(path, names) -> tuple[dict, list[str], dict[str, np.ndarray]]:
    """Read what :func:`write_model` wrote: ``(meta, vocabulary, arrays)``, the arrays named in ``names``."""
    with zipfile.ZipFile(path) as z:
        meta = json.loads(z.read("meta.json"))
        vocabulary = z.read("vocabulary.txt").decode().split("\n")
        arrays = {n: np.load(io.BytesIO(z.read(n + ".npy")), allow_pickle=False) for n in names}
    return meta, vocabulary, arrays
