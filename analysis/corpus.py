"""Load a corpus of articles from CSV, JSON Lines, Parquet or a folder of .txt files.

The result is the ``articles`` table of docs/corpus-format.md. Every row of the input is
either an article or listed in ``skipped`` with its reason; anything that
cannot be read is a :class:`CorpusError` naming the file, row and column.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import json
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .config import inside
from .errors import CorpusError
from .tables import needs, require_columns

ARTICLE_COLUMNS = [
    "article_id",
    "outlet",
    "event",
    "event_label",
    "published",
    "title",
    "text",
    "url",
    "source",
]
REQUIRED = ("text", "outlet")
#: Names recognised for each field, in order of preference (compared case-insensitively).
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "stories_id", "story_id", "doc_id", "docid", "uuid", "guid"),
    "text": (
        "text",
        "body",
        "content",
        "article",
        "full_text",
        "fulltext",
        "article_text",
        "maintext",
        "story_text",
    ),
    "outlet": (
        "outlet",
        "source",
        "media_name",
        "media",
        "publisher",
        "publication",
        "source_name",
        "site",
        "domain",
    ),
    "title": ("title", "headline", "head", "heading"),
    "published": (
        "published",
        "date",
        "publish_date",
        "published_at",
        "publication_date",
        "pub_date",
        "datetime",
        "timestamp",
    ),
    "url": ("url", "link", "href", "permalink"),
    "event": ("event", "event_id", "story", "cluster", "topic_id"),
    "event_label": ("event_label", "event_name", "story_label", "story_title"),
}
FORMATS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
MANIFEST_NAME = "manifest.csv"


@dataclass
class LoadedCorpus:
    """What :func:`read_corpus` found: the articles, the rows left out and why, and how columns were read."""

    path: Path
    format: str
    n_rows: int
    articles: pd.DataFrame
    skipped: pd.DataFrame
    columns_used: dict[str, str]
    notes: list[str] = field(default_factory=list)
    #: every file the articles were read from (the corpus file, or the manifest and the files it names)
    files: list[Path] = field(default_factory=list)


def read_corpus(
    path,
    *,
    columns: dict[str, str] | None = None,
    encoding: str | None = None,
    skip_incomplete: bool = True,
) -> LoadedCorpus:
    """Read a corpus file or folder and return a :class:`LoadedCorpus`.

    ``columns`` maps our field names to the file's (``{"text": "body"}``).
    Rows with no text or no outlet are left out and listed in ``skipped`` with
    their reason (or refused with a :class:`CorpusError` when
    ``skip_incomplete=False``). Raises :class:`CorpusError` for anything
    unreadable: a missing file, bad encoding, malformed CSV or JSON, missing
    required columns, duplicate ids, unparseable dates, no articles.
    """
    path = Path(path)
    if not path.exists():
        raise CorpusError("no such file or folder", file=path)
    fmt, raw, base = _read_table(path, encoding)
    files = [path / MANIFEST_NAME if path.is_dir() else path]
    if raw.empty:
        raise CorpusError("the file holds no articles (no data rows)", file=path)
    notes: list[str] = []
    used = _resolve_columns(raw, columns, path, notes)
    if "text" not in used and "file" in {c.lower() for c in raw.columns}:
        fmt = "txt folder" if path.is_dir() else "manifest"
        raw, used, texts_read = _read_manifest_texts(raw, used, base, path, encoding, notes)
        files += texts_read
    missing = [f for f in REQUIRED if f not in used]
    if missing:
        raise CorpusError(_missing_message(missing, raw.columns), file=path, column=missing[0])
    articles, skipped = _build_articles(raw, used, path, fmt, skip_incomplete)
    if articles.empty:
        raise CorpusError(
            f"no usable articles: all {len(raw)} rows were skipped "
            f"({'; '.join(sorted(set(skipped['reason'])))})",
            file=path,
        )
    return LoadedCorpus(path, fmt, len(raw), articles, skipped, used, notes, files)


BATCH_ROWS = 10_000  # rows per batch of read_corpus_batches


def read_corpus_batches(
    path,
    *,
    columns: dict[str, str] | None = None,
    encoding: str | None = None,
    skip_incomplete: bool = True,
    batch_rows: int = BATCH_ROWS,
):
    """:func:`read_corpus` a batch of rows at a time: yields one :class:`LoadedCorpus` per batch of
    ``batch_rows`` rows (its ``n_rows``, ``articles`` and ``skipped`` are that batch's; the articles'
    index counts on from the previous batch's). A CSV or TSV file is read batch by batch, so memory
    holds one batch of text; other formats (and a manifest of .txt files) are read whole, then cut.

    The checks and errors are :func:`read_corpus`'s, rows numbered in the whole file: ids are
    compared across batches, and a file whose rows are all left out is an error once the last
    batch is read.
    """
    path = Path(path)
    if not path.exists():
        raise CorpusError("no such file or folder", file=path)
    header = (
        _csv_header(path, encoding)
        if FORMATS.get(path.suffix.lower()) == "csv" and path.is_file()
        else None
    )
    notes: list[str] = []
    used = _resolve_columns(header, columns, path, notes) if header is not None else None
    if used is None or ("text" not in used and "file" in {c.lower() for c in header.columns}):
        yield from _cut(
            read_corpus(path, columns=columns, encoding=encoding, skip_incomplete=skip_incomplete),
            batch_rows,
        )
        return
    missing = [f for f in REQUIRED if f not in used]
    if missing:
        raise CorpusError(_missing_message(missing, header.columns), file=path, column=missing[0])
    seen: dict = {}
    n_rows = n_articles = 0
    reasons: set[str] = set()
    for raw in _csv_batches(path, encoding, batch_rows):
        # positions in the batch; rows are numbered from first_row
        raw.index = pd.RangeIndex(len(raw))
        articles, skipped = _build_articles(
            raw, used, path, "csv", skip_incomplete, first_row=n_rows + 1, seen=seen
        )
        articles.index = pd.RangeIndex(n_articles, n_articles + len(articles))
        n_rows += len(raw)
        n_articles += len(articles)
        reasons.update(skipped["reason"])
        yield LoadedCorpus(path, "csv", len(raw), articles, skipped, used, notes, [path])
    if n_rows == 0:
        raise CorpusError("the file holds no articles (no data rows)", file=path)
    if n_articles == 0:
        raise CorpusError(
            f"no usable articles: all {n_rows} rows were skipped ({'; '.join(sorted(reasons))})",
            file=path,
        )


def _cut(loaded: LoadedCorpus, batch_rows: int):
    """A corpus read whole, as batches: the skipped rows come with the first."""
    arts = loaded.articles
    for lo in range(0, max(len(arts), 1), batch_rows):
        part = arts.iloc[lo : lo + batch_rows]
        skipped = loaded.skipped if lo == 0 else loaded.skipped.iloc[:0]
        yield LoadedCorpus(
            loaded.path,
            loaded.format,
            len(part) + len(skipped),
            part,
            skipped,
            loaded.columns_used,
            loaded.notes,
            loaded.files,
        )


def _csv_options(path: Path, encoding: str | None) -> dict:
    with open(path, "rb") as fh:
        enc = _encoding_for(fh.read(2), encoding)
    return dict(
        sep="\t" if path.suffix.lower() == ".tsv" else ",",
        dtype=str,
        keep_default_na=False,
        na_filter=False,
        skip_blank_lines=False,
        encoding=enc,
        encoding_errors="strict",
    )


def _csv_header(path: Path, encoding: str | None) -> pd.DataFrame:
    """The header of a CSV file, as an empty table (checked as :func:`read_corpus` checks it)."""
    if path.stat().st_size == 0:
        raise CorpusError("the file is empty", file=path)
    with _csv_errors(path, encoding):
        frame = pd.read_csv(path, nrows=0, **_csv_options(path, encoding))
    _check_header(frame, path)
    return frame


def _csv_batches(path: Path, encoding: str | None, batch_rows: int):
    with _csv_errors(path, encoding):
        with pd.read_csv(path, chunksize=batch_rows, **_csv_options(path, encoding)) as reader:
            yield from reader


class _csv_errors:
    """pandas' and the codec's errors while reading ``path``, as :class:`CorpusError`."""

    def __init__(self, path: Path, encoding: str | None):
        self.path, self.encoding = path, encoding

    def __enter__(self):
        return self

    def __exit__(self, kind, err, tb):
        path = self.path
        if kind is None or issubclass(kind, (CorpusError, GeneratorExit)):
            return False
        if issubclass(kind, LookupError):
            raise CorpusError(
                f"unknown encoding {_csv_options(path, self.encoding)['encoding']!r}", file=path
            ) from None
        if issubclass(kind, UnicodeDecodeError):
            _decode(path.read_bytes(), path, self.encoding)  # raises with the file's byte offset
            return False
        if issubclass(kind, pd.errors.EmptyDataError):
            raise CorpusError("the file is empty", file=path) from None
        if issubclass(kind, (pd.errors.ParserError, csv.Error)):
            raise CorpusError(f"malformed CSV: {str(err).strip()}", file=path) from None
        return False


def load_corpus(
    path,
    *,
    columns: dict[str, str] | None = None,
    encoding: str | None = None,
    skip_incomplete: bool = True,
) -> pd.DataFrame:
    """Load a corpus and return the ``articles`` table.

    Columns: ``article_id`` (unique str), ``outlet``, ``event`` and
    ``event_label`` (None where not given), ``published`` (datetime64, NaT
    where not given), ``title``, ``text`` (as read: clean it with
    :func:`analysis.clean_articles`), ``url``, ``source`` (file and row).
    Rows left out are announced in a warning; :func:`read_corpus` lists them.

    >>> articles = load_corpus("data/sample_manifest.csv")          # doctest: +SKIP
    >>> load_corpus("export.csv", columns={"text": "body", "outlet": "media_name"})  # doctest: +SKIP
    """
    loaded = read_corpus(path, columns=columns, encoding=encoding, skip_incomplete=skip_incomplete)
    if len(loaded.skipped):
        listing = "; ".join(f"{r.source}: {r.reason}" for r in loaded.skipped.head(10).itertuples())
        more = f" and {len(loaded.skipped) - 10} more" if len(loaded.skipped) > 10 else ""
        warnings.warn(
            f"{len(loaded.skipped)} of {loaded.n_rows} rows left out: {listing}{more} "
            f"(read_corpus(...).skipped lists them all)",
            stacklevel=2,
        )
    return loaded.articles


# ---------------------------------------------------------------- reading files
def _encoding_for(head: bytes, encoding: str | None) -> str:
    """The user's encoding, else UTF-16 when the first bytes are its BOM, else UTF-8 (BOM or not)."""
    if encoding:
        return encoding
    return "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"


def _decode(data: bytes, path: Path, encoding: str | None) -> str:
    encoding = _encoding_for(data[:2], encoding)
    try:
        return data.decode(encoding)
    except LookupError:
        raise CorpusError(f"unknown encoding {encoding!r}", file=path) from None
    except UnicodeDecodeError as err:
        hint = (
            " Say which encoding it is with --encoding (e.g. cp1252 or latin-1)."
            if encoding == "utf-8-sig"
            else ""
        )
        raise CorpusError(
            f"cannot be decoded as {err.encoding}: byte 0x{data[err.start]:02x} at byte offset "
            f"{err.start} ({err.reason}).{hint}",
            file=path,
        ) from None


def _read_table(path: Path, encoding: str | None) -> tuple[str, pd.DataFrame, Path]:
    if path.is_dir():
        manifest = path / MANIFEST_NAME
        if not manifest.exists():
            raise CorpusError(
                f"a folder corpus needs a {MANIFEST_NAME} naming each .txt file's outlet "
                f"(columns: file, outlet, ...)",
                file=path,
            )
        return "txt folder", _read_csv(manifest, encoding), path
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise CorpusError(
            f"unknown file type {path.suffix!r}: use .csv, .tsv, .jsonl, .parquet or a folder",
            file=path,
        )
    if path.stat().st_size == 0:
        raise CorpusError("the file is empty", file=path)
    reader = {"csv": _read_csv, "jsonl": _read_jsonl, "parquet": _read_parquet}[fmt]
    return fmt, reader(path, encoding), path.parent


def _read_csv(path: Path, encoding: str | None) -> pd.DataFrame:
    # pandas reads and decodes the file itself: no copy of it in Python
    with _csv_errors(path, encoding):
        frame = pd.read_csv(path, **_csv_options(path, encoding))
    _check_header(frame, path)
    return frame


def _check_header(frame: pd.DataFrame, path: Path) -> None:
    seen: dict[str, int] = {}
    for i, name in enumerate(frame.columns, start=1):
        if str(name).startswith("Unnamed:"):
            raise CorpusError(f"header column {i} has no name", file=path, row=0)
        base = str(name).split(".")[0]
        if base in seen and f"{base}.{seen[base]}" == name:
            raise CorpusError("the header names this column twice", file=path, row=0, column=base)
        seen[base] = seen.get(base, 0) + 1


def _read_jsonl(path: Path, encoding: str | None) -> pd.DataFrame:
    text = _decode(path.read_bytes(), path, encoding)
    records = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise CorpusError(
                f"not valid JSON ({err.msg} at character {err.colno})",
                file=path,
                row=lineno,
                unit="line",
                value=line,
            ) from None
        if not isinstance(record, dict):
            raise CorpusError(
                "each line must be a JSON object", file=path, row=lineno, unit="line", value=line
            )
        records.append({k: _as_text(v) for k, v in record.items()})
    if not records:
        raise CorpusError("the file is empty", file=path)
    frame = pd.DataFrame.from_records(records).fillna("")
    frame.attrs["unit"] = "line"
    frame.attrs["lines"] = [i for i, line in enumerate(text.splitlines(), start=1) if line.strip()]
    return frame


def _read_parquet(path: Path, encoding: str | None) -> pd.DataFrame:
    try:
        frame = pd.read_parquet(path)
    except Exception as err:  # pyarrow raises several types for damaged files
        raise CorpusError(f"not a readable Parquet file ({err})", file=path) from None
    out = pd.DataFrame(
        {c: [_as_text(v) for v in frame[c]] for c in frame.columns}, index=range(len(frame))
    )
    return out


def _as_text(value) -> str:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
        return ""
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return value if isinstance(value, str) else str(value)


# ---------------------------------------------------------------- columns
def _resolve_columns(
    raw: pd.DataFrame, columns: dict[str, str] | None, path: Path, notes: list[str]
) -> dict[str, str]:
    by_lower = {str(c).lower(): str(c) for c in raw.columns}
    used: dict[str, str] = {}
    for ours, theirs in (columns or {}).items():
        if ours not in ALIASES:
            raise CorpusError(
                f"--columns names unknown field {ours!r}; fields are {', '.join(ALIASES)}",
                file=path,
            )
        if theirs not in raw.columns:
            raise CorpusError(
                _missing_message([theirs], raw.columns, mapped=True), file=path, column=theirs
            )
        used[ours] = theirs
    taken = set(used.values())
    for ours, names in ALIASES.items():
        if ours in used:
            continue
        for name in names:
            col = by_lower.get(name)
            if col is not None and col not in taken:
                used[ours] = col
                taken.add(col)
                if col != ours:
                    notes.append(f"used column '{col}' as {ours}")
                break
    return used


def _missing_message(missing, existing, mapped: bool = False) -> str:
    parts = []
    for name in missing:
        close = difflib.get_close_matches(str(name), [str(c) for c in existing], n=3, cutoff=0.4)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        parts.append(f"no column {name!r}{hint}")
    fix = "" if mapped else " Map yours with --columns text=COLUMN,outlet=COLUMN."
    return f"{'; '.join(parts)} (columns are: {', '.join(map(str, existing))}).{fix}"


def _read_manifest_texts(raw, used, base: Path, path: Path, encoding, notes):
    file_col = next(c for c in raw.columns if c.lower() == "file")
    texts, targets = [], []
    for i, name in enumerate(raw[file_col], start=1):
        try:
            target = inside(base, name)
        except ValueError:
            raise CorpusError(
                "the file named here lies outside the manifest's folder",
                file=path,
                row=i,
                column=file_col,
                value=name,
            ) from None
        if not name or not target.is_file():
            raise CorpusError("no such text file", file=path, row=i, column=file_col, value=name)
        texts.append(_decode(target.read_bytes(), target, encoding))
        targets.append(target)
    raw = raw.assign(text=texts, _source=[f"{Path(n).name}" for n in raw[file_col]])
    notes.append(
        f"read the text of {len(raw)} articles from the files named in column '{file_col}'"
    )
    return raw, {**used, "text": "text"}, targets


# ---------------------------------------------------------------- articles
def _build_articles(
    raw,
    used,
    path: Path,
    fmt: str,
    skip_incomplete: bool,
    *,
    first_row: int = 1,
    seen: dict | None = None,
):
    """The articles and the skipped rows of ``raw``, whose first row is row ``first_row`` of the file;
    ``seen`` (id -> row) carries the ids of earlier batches, so duplicates are found across them."""
    unit = raw.attrs.get("unit", "row")
    rows = raw.attrs.get("lines") or list(range(first_row, first_row + len(raw)))
    name = path.name
    frame = pd.DataFrame({"_row": rows}, index=raw.index)
    frame["source"] = raw["_source"] if "_source" in raw else [f"{name}:{unit} {r}" for r in rows]
    for f in ("outlet", "title", "url", "event", "event_label", "id"):
        if f in used:
            values = raw[used[f]].astype(str).str.strip()
            frame[f] = values.where(values != "", None).astype(object)
        else:
            frame[f] = None
    frame["text"] = raw[used["text"]].astype(str)
    reasons = pd.Series("", index=frame.index, dtype=object)
    reasons[frame["outlet"].isna().to_numpy()] = f"no outlet (column '{used['outlet']}' is empty)"
    no_text = frame["text"].str.strip() == ""
    reasons[no_text.to_numpy()] = f"no text (column '{used['text']}' is empty)"
    if no_text.any():  # a row with nothing at all in it is a blank line, say so
        blank = (raw[no_text].astype(str).apply(lambda c: c.str.strip()) == "").all(axis=1)
        reasons[blank[blank].index] = "blank row"
    if not skip_incomplete and (reasons != "").any():
        i = int((reasons != "").to_numpy().argmax())
        field_ = "outlet" if "outlet" in reasons.iloc[i] else "text"
        raise CorpusError(
            f"empty {field_}", file=path, row=rows[i], column=used.get(field_), unit=unit
        )
    frame["published"] = _parse_dates(
        raw[used["published"]].astype(str).str.strip() if "published" in used else None,
        path,
        rows,
        used.get("published"),
        unit,
    ).to_numpy()
    frame["article_id"] = _article_ids(
        frame, path, rows, used.get("id"), unit, reasons, {} if seen is None else seen
    )
    keep = (reasons == "").to_numpy()
    skipped = pd.DataFrame(
        {
            "source": frame["source"][~keep],
            "row": frame["_row"][~keep],
            "article_id": frame["article_id"][~keep],
            "reason": reasons[~keep],
        }
    ).reset_index(drop=True)
    articles = (
        frame[ARTICLE_COLUMNS]
        if keep.all()
        else frame.loc[keep, ARTICLE_COLUMNS].reset_index(drop=True)
    )
    return articles, skipped


def _parse_dates(values, path, rows, column, unit):
    if values is None:
        return pd.Series(pd.NaT, index=range(len(rows)), dtype="datetime64[ns]")
    given = values != ""
    parsed = pd.to_datetime(values.where(given, None), format="ISO8601", utc=True, errors="coerce")
    retry = given & parsed.isna()
    if retry.any():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed[retry] = pd.to_datetime(values[retry], format="mixed", utc=True, errors="coerce")
    bad = given & parsed.isna()
    if bad.any():
        i = int(bad.idxmax())
        others = f" ({int(bad.sum()) - 1} more rows have unreadable dates)" if bad.sum() > 1 else ""
        raise CorpusError(
            f"cannot read this as a date{others}; use ISO 8601 such as 2017-04-12",
            file=path,
            row=rows[i],
            column=column,
            value=values[i],
            unit=unit,
        )
    return parsed.dt.tz_convert(None).astype("datetime64[ns]").reset_index(drop=True)


def content_id(outlet, title, text) -> str:
    """The stable id of an article without one: a hash of its outlet, title and text."""
    key = "\x1f".join("" if v is None else str(v) for v in (outlet, title, text))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _article_ids(frame, path, rows, column, unit, reasons, seen: dict):
    """Each row's id: the file's, or a hash of outlet, title and text. ``seen`` maps the ids met so far
    (this batch and earlier ones) to their row: a repeated hash is a duplicate row, left out; a repeated
    id from the file is an error."""
    ids = frame["id"]
    need = ids.isna().to_numpy()
    out = ids.to_numpy(dtype=object).copy()
    for i in need.nonzero()[0]:
        out[i] = content_id(frame["outlet"].iat[i], frame["title"].iat[i], frame["text"].iat[i])
    if column is None:
        for i, h in enumerate(out):
            first = seen.setdefault(h, rows[i])
            if first != rows[i] and reasons.iat[i] == "":
                reasons.iat[i] = f"duplicate of {unit} {first} (same outlet, title and text)"
        return out
    for i, h in enumerate(out):
        first = seen.setdefault(h, rows[i])
        if first != rows[i]:
            raise CorpusError(
                f"duplicate id: {unit} {first} has it too",
                file=path,
                row=rows[i],
                column=column,
                value=h,
                unit=unit,
            )
    return out


def word_counts(texts) -> pd.Series:
    """Words (whitespace-separated) in each text, as ``str.split`` counts them, without building the lists."""
    index = texts.index if isinstance(texts, pd.Series) else None
    return pd.Series([len(t.split()) for t in texts], index=index, dtype="int64")


@needs(articles=["outlet", "event", "published"])
def outlet_summary(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet: how much it ran, over which events and dates.

    Parameters
    ----------
    articles : DataFrame
        The articles with ``outlet``, ``event``, ``published`` and ``text``, or, without ``text``, the lengths
        in ``n_chars`` (as :meth:`analysis.PreparedCorpus.metadata` gives).

    Returns
    -------
    DataFrame
        ``outlet``, ``n_articles``, ``n_events``, ``first_published``, ``last_published`` and
        ``median_chars``, by outlet.
    """
    if "text" not in articles:
        require_columns(articles, ["n_chars"], "outlet_summary")
    grouped = articles.groupby("outlet", sort=True)
    median = (
        grouped["n_chars"].agg(lambda s: int(s.median()))
        if "text" not in articles
        else grouped["text"].agg(lambda s: int(s.str.len().median()))
    )
    return pd.DataFrame(
        {
            "n_articles": grouped.size(),
            "n_events": grouped["event"].nunique(),
            "first_published": grouped["published"].min(),
            "last_published": grouped["published"].max(),
            "median_chars": median,
        }
    ).reset_index()


@needs(articles=["outlet", "event"])
def corpus_warnings(articles: pd.DataFrame, *, min_articles: int = 5) -> list[str]:
    """Plain-language warnings about a corpus that limit what can be concluded from it."""
    out = []
    counts = articles["outlet"].value_counts()
    if len(counts) < 2:
        out.append(f"only one outlet ({counts.index[0]}): nothing to compare it with")
    few = counts[counts < min_articles]
    if len(few):
        out.append(
            f"{len(few)} outlet(s) with fewer than {min_articles} articles "
            f"({', '.join(f'{o}: {n}' for o, n in few.items())}): their intervals will be wide"
        )
    if articles["event"].isna().all():
        out.append("no event labels: events are grouped automatically by text and date")
    elif articles["event"].isna().any():
        out.append(f"{int(articles['event'].isna().sum())} articles have no event")
    shared = articles.dropna(subset=["event"]).groupby("event")["outlet"].nunique()
    if len(shared) and (shared >= 2).sum() == 0:
        out.append(
            "no event is covered by two or more outlets: event-matched comparisons are impossible"
        )
    missing = int(articles["published"].isna().sum())
    if missing:
        out.append(f"{missing} articles have no published date")
    return out
