"""The shared first steps of every command and notebook: load, clean, group events, split and score sentences.

They run once per corpus and parameters. :func:`prepare_corpus` writes what
it computed as a Parquet dataset in the cache folder (``prepared/KEY/``,
KEY a digest of the corpus files' contents, the reading options, the
cleaning rules and the code of these steps); every later call with the
same corpus and parameters (another notebook, the report, the CLI) reads
it back instead, and it is redone only when one of them changes.

The dataset: ``articles/part-NNNNN.parquet`` (cleaned articles, ``PART``
per file), ``audit.parquet``, ``skipped.parquet``, ``rows.parquet`` (the
rows as read, without their text, for the corpus warnings),
``sentences/part-NNNNN.parquet`` (split and VADER-scored, written the
first time they are asked for), and ``dataset.json`` (the key, the
parameters, the corpus digest and the counts), written last: a folder
without it is incomplete. Cleaning and sentences go ``PART`` articles at a
time and each finished part is kept, so an interrupted run resumes from
its last complete part. Every file is written to a temporary name and
renamed, so two processes preparing the same corpus at once only repeat
each other's work.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import json
import logging
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from . import config
from .clean import _default_rules, clean_articles, load_rules
from .corpus import LoadedCorpus, corpus_warnings, read_corpus, read_corpus_batches
from .errors import StoreError
from .events import group_events
from .languages import detect_languages, language_note
from .parallel import local_jobs, map_chunks, progress_bar
from .store import (
    PartGone,
    atomic_text,
    computing,
    damaged,
    digest_file,
    file_check,
    link_file,
    read_part,
    read_table,
    write_part,
    write_table,
)

log = logging.getLogger(__name__)
FORMAT = "framing-analysis/prepared/1"
PART = 10_000  # articles per part: the unit of work, of progress and of resuming
#: the modules whose code shapes the prepared tables: a change to any of them invalidates old datasets
_CODE = (
    "corpus.py",
    "clean.py",
    "events.py",
    "sentences.py",
    "sentiment.py",
    "vader.py",
    "pipeline.py",
    "store.py",
    "furniture.ini",
)


@dataclass
class PreparedCorpus:
    """A corpus ready for analysis: cleaned ``articles`` (events filled in), the cleaning
    ``audit``, the ``skipped`` rows with reasons, ``notes`` on what was done, and the
    ``folder`` of its prepared dataset (None when not kept). ``loaded.articles`` holds
    the rows as read without their raw text (:func:`analysis.read_corpus` gives it).

    Kept on disk, the articles are read from their parts when first asked for; :meth:`parts`,
    :meth:`sentence_parts`, :meth:`article_scores` and :meth:`contrasts` go part by part and
    never hold the whole corpus's text."""

    loaded: LoadedCorpus
    _articles: pd.DataFrame | None
    audit: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    folder: Path | None = None
    #: seconds spent in each step of this call (a reused step: the time to read it back)
    timings: dict[str, float] = field(default_factory=dict)
    _sentences: pd.DataFrame | None = field(default=None, repr=False)
    #: articles in each part of the dataset
    part_sizes: list[int] = field(default_factory=list)
    #: the last contrasts' per-article term counts, so that the next contrasts over some of the same articles
    #: (two outlets, after all of them) read no text again (see :func:`analysis.contrast.contrast_parts`)
    _term_counts: dict = field(default_factory=dict, repr=False)
    #: the last contrasts asked for, with their kinds: the same call again (02's naming panel after its terms)
    #: neither reads the kept table back nor works out its kinds again
    _last_contrasts: tuple | None = field(default=None, repr=False)

    def __post_init__(self):
        if not self.part_sizes and self._articles is not None:
            n = len(self._articles)
            self.part_sizes = [min(PART, n - lo) for lo in range(0, n, PART)]

    @property
    def articles(self) -> pd.DataFrame:
        """Every cleaned article (read from the dataset's parts the first time)."""
        if self._articles is None:
            self._articles = pd.concat(list(self.parts()))
        return self._articles

    @property
    def n_articles(self) -> int:
        return sum(self.part_sizes)

    @property
    def skipped(self) -> pd.DataFrame:
        return self.loaded.skipped

    def warnings(self) -> list[str]:
        """:func:`analysis.corpus_warnings` on the rows as read (before events were grouped)."""
        return corpus_warnings(self.loaded.articles)

    def parts(self, columns: list[str] | None = None):
        """The articles, a part (``PART`` articles) at a time, with only ``columns`` if given."""
        lo = 0
        for k, size in enumerate(self.part_sizes):
            if self._articles is not None:
                part = self._articles.iloc[lo : lo + size]
                yield part if columns is None else part[columns]
            else:
                yield self._part(k, columns)
            lo += size

    def metadata(self) -> pd.DataFrame:
        """The articles without their text: every other column, and ``n_chars``, the cleaned text's length
        (read a part at a time; the text itself stays on disk)."""
        if self._articles is not None:
            arts = self._articles
            return arts.drop(columns=["text"]).assign(
                n_chars=arts["text"].str.len().astype("int64")
            )
        pieces = []
        for k, part in enumerate(self.parts(columns=self.columns_but_text())):
            text = pq.read_table(
                self.folder / "articles" / f"part-{k:05d}.parquet",
                columns=["text"],
                page_checksum_verification=True,
            )["text"]
            # no Python strings
            pieces.append(part.assign(n_chars=pc.utf8_length(text).to_numpy().astype("int64")))
        return pd.concat(pieces)

    @property
    def term_counts(self) -> dict:
        """The per-article term counts the last contrasts kept (by tokenizing), from which the next contrasts over
        some of the same articles (two outlets, after all of them) take theirs instead of reading the texts again;
        :func:`analysis.contrast.contrast_parts` reads and fills it. Empty before the first contrasts."""
        return self._term_counts

    def columns_but_text(self) -> list[str]:
        """The articles' columns, the text aside."""
        if self._articles is not None:
            return [c for c in self._articles.columns if c != "text"]
        return [
            n
            for n in pq.read_schema(self.folder / "articles" / "part-00000.parquet").names
            if n != "text" and not n.startswith("__index_level_")
        ]

    def _part(self, k: int, columns: list[str] | None = None) -> pd.DataFrame:
        part = read_table(self.folder / "articles" / f"part-{k:05d}.parquet", columns)
        if part is None or len(part) != self.part_sizes[k]:
            # the next command prepares the corpus again, whatever is wrong
            with contextlib.suppress(OSError):
                (self.folder / "dataset.json").unlink()
            raise StoreError(
                f"the prepared corpus in {self.folder} lost part {k} of its articles while in use "
                "(damaged or deleted): run the command again, and it is prepared again"
            )
        # Arrow restores the stored range index only when every column is read
        if columns is not None:
            lo = sum(self.part_sizes[:k])
            part.index = pd.RangeIndex(lo, lo + len(part))
        return part

    def sentence_parts(
        self,
        *,
        cache_dir=None,
        n_jobs: int | None = None,
        scheduler=None,
        progress: bool | None = None,
    ):
        """The sentences of each part in turn (see :meth:`sentences`), split, scored and kept on the way."""
        started = time.perf_counter()
        yield from _scored_sentence_parts(
            self, cache_dir=cache_dir, n_jobs=n_jobs, scheduler=scheduler, progress=progress
        )
        self.timings["sentences"] = round(time.perf_counter() - started, 3)

    def sentences(
        self,
        *,
        cache_dir=None,
        n_jobs: int | None = None,
        scheduler=None,
        progress: bool | None = None,
    ) -> pd.DataFrame:
        """Every article's sentences (:func:`analysis.split_sentences`) with VADER's scores
        (:func:`analysis.score_sentences`; ``cache_dir``, ``n_jobs``, ``scheduler`` and
        ``progress`` go to it). Computed once, ``PART`` articles at a time, and kept in
        the prepared dataset, so every notebook after the first reads them back."""
        if self._sentences is None:
            started = time.perf_counter()
            parts = list(
                self.sentence_parts(
                    cache_dir=cache_dir, n_jobs=n_jobs, scheduler=scheduler, progress=progress
                )
            )
            self._sentences = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
            self.timings["sentences"] = round(time.perf_counter() - started, 3)
        return self._sentences

    def article_scores(
        self,
        *,
        cache_dir=None,
        n_jobs: int | None = None,
        scheduler=None,
        progress: bool | None = None,
    ) -> pd.DataFrame:
        """:func:`analysis.article_sentiment` of :meth:`sentences`, the same table, computed part by
        part: only one part's sentences are in memory at a time (unless they already are)."""
        from .sentiment import article_sentiment

        if self._sentences is not None:
            return article_sentiment(self._sentences)
        scores = [
            article_sentiment(s)
            for s in self.sentence_parts(
                cache_dir=cache_dir, n_jobs=n_jobs, scheduler=scheduler, progress=progress
            )
        ]
        if len(scores) == 1:
            return scores[0]
        keys = ["article_id", "outlet", "event"]
        return pd.concat(scores, ignore_index=True).sort_values(
            keys, kind="stable", ignore_index=True
        )

    def keep(self, step: str, compute: Callable[[], pd.DataFrame], **params) -> pd.DataFrame:
        """``compute()``, kept in the prepared dataset under ``step`` and a digest of ``params`` (and of the
        package's code), so every later call with the same ``params`` (another notebook, the report)
        reads the table back instead. Without a dataset folder it is just ``compute()``.

        ``params`` must name everything the table depends on besides the corpus: values, lists,
        tables, or paths of files (their contents count)."""
        if self.folder is None:
            return compute()
        memo: dict = {}
        described = {
            name: _digest_option(value, memo) if isinstance(value, (pd.DataFrame, Path)) else value
            for name, value in sorted(params.items())
        }
        key = hashlib.sha256(
            json.dumps(
                {"step": step, "params": described, "code": _package_digest()},
                sort_keys=True,
                default=str,
            ).encode()
        ).hexdigest()
        path = self.folder / "derived" / f"{config.safe_name(step)}-{key[:24]}.parquet"
        table = read_table(path)
        if table is not None:
            return table
        # another process computing the same table: wait for it and read it back
        with computing(path):
            table = read_table(path)
            if table is not None:
                return table
            table = compute()
            try:
                write_table(path, table)
            except (OSError, pa.ArrowException, TypeError, ValueError) as err:
                log.warning(
                    "could not keep %s in %s (%s): it will be computed again next time",
                    step,
                    path.parent,
                    err,
                )
        return table

    def contrasts(self, **options) -> pd.DataFrame:
        """:func:`analysis.contrast_terms` of the articles with ``options`` (``scope``, ``prior_scale``,
        ``min_df``, ``exclude``, ``outlets``, ...), computed once and kept (see :meth:`keep`); ``n_jobs``,
        ``scheduler`` and ``progress`` only say where it runs. The kinds of terms (``mentions``,
        ``term_rules``) are given to the kept table each time: a new codebook or rules file counts no
        term again."""
        from .contrast import contrast_parts, contrast_terms
        from .counting import auto_min_df
        from .kinds import classify_terms
        from .tokens import make_vectorizer

        where = {k: options.pop(k) for k in ("n_jobs", "scheduler", "progress") if k in options}
        kinds = {k: options.pop(k, None) for k in ("mentions", "term_rules")}
        bound = inspect.signature(contrast_terms).bind_partial(None, **options)
        bound.apply_defaults()
        # every default spelled out ...
        key = {**bound.arguments.pop("vectorizer_params"), **bound.arguments}
        key = {
            **{
                name: p.default
                for name, p in inspect.signature(make_vectorizer).parameters.items()
                if p.default is not inspect.Parameter.empty
            },
            **key,
        }  # ... make_vectorizer's too
        key.pop("articles")
        if str(key["min_df"]) == "auto":  # as contrast_terms resolves it: the table is the same
            key["min_df"] = auto_min_df(self.n_articles)
        for name in ("exclude", "outlets"):  # sets or lists, in any order: the same table
            if key.get(name) is not None:
                key[name] = sorted(map(str, key[name]))
        for name in kinds:
            key.pop(name)
        asked = (
            json.dumps(key, sort_keys=True, default=str),
            kinds["mentions"],
            kinds["term_rules"],
        )
        last = self._last_contrasts
        if last is not None and last[0] == asked[0] and last[1] is asked[1] and last[2] is asked[2]:
            # the very table: the same options, and the same mentions and rules (the same objects)
            return last[3]
        table = self.keep("contrasts", lambda: contrast_parts(self, **options, **where), **key)
        table = classify_terms(table, mentions=kinds["mentions"], rules=kinds["term_rules"])
        self._last_contrasts = (*asked, table)
        return table

    def wire_copies(
        self, *, n_jobs: int | None = None, scheduler=None, progress: bool | None = None, **options
    ) -> pd.DataFrame:
        """:func:`analysis.find_wire_copies` of the articles with ``options`` (``min_shared``,
        ``shingle_size``, ``max_df``), computed once and kept (see :meth:`keep`); ``n_jobs``,
        ``scheduler`` and ``progress`` only say where it runs."""
        from .events import find_wire_copies

        return self.keep(
            "wire-copies",
            lambda: find_wire_copies(
                self.articles, n_jobs=n_jobs, scheduler=scheduler, progress=progress, **options
            ),
            **_spelled(find_wire_copies, options, where=("n_jobs", "scheduler", "progress")),
        )

    def actors(
        self,
        *,
        codebook=None,
        min_articles: int = 1,
        n_jobs: int | None = None,
        scheduler=None,
        progress: bool | None = None,
    ) -> pd.DataFrame:
        """:func:`analysis.find_actors` of the articles, computed once and kept (see :meth:`keep`); a
        codebook file counts by its contents, a codebook table by its rows. ``n_jobs``, ``scheduler``
        and ``progress`` only say where it runs."""
        from .actors import find_actors

        return self.keep(
            "actor-mentions",
            lambda: find_actors(
                self.articles,
                codebook=codebook,
                min_articles=min_articles,
                n_jobs=n_jobs,
                scheduler=scheduler,
                progress=progress,
            ),
            codebook=_book(codebook),
            min_articles=min_articles,
        )

    def frames(self) -> pd.DataFrame:
        """:func:`analysis.score_frames` of the articles, computed once and kept (see :meth:`keep`)."""
        from .frames import MODEL_PATH, score_frames

        return self.keep("frames", lambda: score_frames(self.articles), model=MODEL_PATH)

    def actor_labels(self, *, codebook=None, min_articles: int = 1, **options) -> pd.DataFrame:
        """:func:`analysis.actor_labels` of :meth:`actors`'s mentions with ``options`` (``actors``, ``scope``,
        ``window``, ``top``, ...), computed once and kept (see :meth:`keep`); ``n_jobs``, ``scheduler`` and
        ``progress`` only say where it runs."""
        from .labels import actor_labels

        where = ("sentences", "n_jobs", "scheduler", "progress")
        return self.keep(
            "actor-labels",
            lambda: actor_labels(
                self.actors(codebook=codebook, min_articles=min_articles),
                self.articles,
                sentences=self._sentences,
                **options,
            ),
            **_spelled(
                actor_labels, {k: v for k, v in options.items() if k not in where}, where=where
            ),
            codebook=_book(codebook),
            min_articles=min_articles,
        )

    def mention_tone(
        self,
        *,
        codebook=None,
        min_articles: int = 1,
        actors=None,
        top: int | None = 100,
        min_tone: int = 5,
        budget: int | None = config.TONE_BUDGET,
        n_jobs: int | None = None,
        scheduler=None,
    ) -> pd.DataFrame:
        """The mentions :func:`analysis.actor_sentiment` measures with ``actors``, ``top``, ``budget`` and
        ``min_tone`` as its ``min_articles`` (:func:`analysis.tone_mentions` of :meth:`actors`'s mentions),
        scored by :func:`analysis.score_mentions` once and kept (see :meth:`keep`): pass the table to
        :func:`analysis.actor_sentiment`. ``n_jobs`` and ``scheduler`` only say where it runs."""
        from .targets import score_mentions, tone_mentions

        # only when not kept: a rerun reads neither the mentions nor the articles
        def compute() -> pd.DataFrame:
            mentions = self.actors(codebook=codebook, min_articles=min_articles)
            chosen = tone_mentions(
                mentions, actors=actors, top=top, min_articles=min_tone, budget=budget
            )
            return score_mentions(
                chosen,
                self.articles,
                sentences=self._sentences,
                context=mentions,
                n_jobs=n_jobs,
                scheduler=scheduler,
            )

        return self.keep(
            "mention-tone",
            compute,
            codebook=_book(codebook),
            min_articles=min_articles,
            actors=actors,
            top=top,
            min_tone=min_tone,
            budget=budget,
        )


def _book(codebook):
    """A codebook as a key of :meth:`PreparedCorpus.keep`: a file by its contents, a list by its rows."""
    if isinstance(codebook, (str, Path)):
        return Path(codebook)
    return None if codebook is None else [(a, getattr(p, "pattern", p)) for a, p in codebook]


def _spelled(function, options: dict, where=("sentences",)) -> dict:
    """``options`` of a call to ``function`` with its other defaults spelled out (for a key of :meth:`keep`);
    ``where``: parameters that do not change the table."""
    parameters = inspect.signature(function).parameters
    out = {
        name: p.default
        for name, p in parameters.items()
        if p.default is not inspect.Parameter.empty
        and p.kind is p.KEYWORD_ONLY
        and name not in where
    }
    return {**out, **options}


_PACKAGE_DIGEST: list[str] = []


def _package_digest() -> str:
    """One digest of the package's Python files: a change to the code invalidates every kept table."""
    if not _PACKAGE_DIGEST:
        digest = hashlib.sha256()
        for path in sorted(config.PACKAGE_DIR.glob("*.py")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        _PACKAGE_DIGEST.append(digest.hexdigest())
    return _PACKAGE_DIGEST[0]


def prepare_corpus(
    corpus,
    *,
    columns: dict[str, str] | None = None,
    encoding: str | None = None,
    rules=None,
    event_overrides=None,
    cache_dir=None,
    n_jobs: int | None = None,
    scheduler=None,
    progress: bool | None = None,
) -> PreparedCorpus:
    """Load ``corpus``, clean it, and group articles without an event into events; kept for every later call.

    Parameters
    ----------
    corpus : str or Path
        A CSV, TSV, JSON Lines or Parquet file, or a folder of ``.txt`` files with ``manifest.csv``
        (docs/corpus-format.md).
    columns : dict, optional
        Field to column, for columns named otherwise: ``{"text": "body", "outlet": "media_name"}``.
    encoding : str, optional
        The files' encoding when it is not UTF-8 (``"cp1252"``).
    rules : str or Path, optional
        Extra page-furniture rules (the form of ``analysis/furniture.ini``).
    event_overrides : str or Path, optional
        CSV of ``article_id,event`` correcting the automatic event grouping by hand.
    cache_dir : str, Path or False, optional
        Where the prepared dataset is kept (default: ``config.cache_dir()``; ``False``: keep nothing).
        A read-only or full folder: nothing is kept, with a warning.
    n_jobs, scheduler
        Where cleaning runs (local processes by default; see :mod:`analysis.parallel`).
    progress : bool, optional
        A progress bar in articles per second (default: on a terminal or in a notebook).

    Returns
    -------
    PreparedCorpus
        The cleaned articles (events filled in by :func:`analysis.group_events` where missing, with a
        note), the cleaning audit, the rows left out with their reasons, and the dataset's folder. Every
        later call with the same corpus files and parameters reads it back (see the module's
        documentation); a damaged part is rebuilt, with one line saying so.

    Raises
    ------
    CorpusError
        A corpus that cannot be read, naming the file, row and column.
    """
    started = time.perf_counter()
    source = Path(corpus)
    options = {"columns": columns, "encoding": encoding}
    if cache_dir is False:
        return _compute(
            source, options, rules, event_overrides, None, n_jobs, scheduler, progress, started
        )
    root = Path(cache_dir or config.cache_dir()) / "prepared"
    key, params = _dataset_key(source, options, rules, event_overrides, root)
    folder = root / key[:32]
    done = _read_dataset(folder, key)
    if done is not None:
        done.timings["read prepared"] = round(time.perf_counter() - started, 3)
        log.info("prepare: reused %s", folder)
        return done
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:  # a read-only or full cache does not stop the analysis
        log.warning(
            "the cache folder %s cannot be written (%s): the corpus is prepared without keeping it",
            root,
            err.strerror or err,
        )
        return _compute(
            source, options, rules, event_overrides, None, n_jobs, scheduler, progress, started
        )
    try:
        prepared = _compute(
            source, options, rules, event_overrides, folder, n_jobs, scheduler, progress, started
        )
        _write_dataset(folder, key, params, prepared)
    # another process prepared the same corpus meanwhile: read what it kept
    except PartGone as gone:
        done = _read_dataset(folder, key)
        # or something deleted the cleaned parts under us: prepare it here, without keeping it
        if done is None:
            log.warning(
                "%s disappeared while preparing, and no finished dataset is there: the corpus is prepared "
                "without keeping it",
                gone,
            )
            return _compute(
                source, options, rules, event_overrides, None, n_jobs, scheduler, progress, started
            )
        log.info("prepare: another process finished %s first; reused it", folder)
        done.timings["read prepared"] = round(time.perf_counter() - started, 3)
        return done
    return prepared


# ---------------------------------------------------------------- computing
def _clean_part(work) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One part's cleaned articles, each with its ``language`` (read from its cleaned title and text), and
    the part's cleaning audit."""
    frame, rules = work
    cleaned, audit = clean_articles(frame, rules=rules, return_audit=True)
    cleaned["language"] = detect_languages(cleaned["text"], cleaned["title"])
    return cleaned, audit


def _compute(source, options, rules, event_overrides, folder, n_jobs, scheduler, progress, started):
    """Read the corpus a batch of ``PART`` rows at a time, clean each batch where ``scheduler`` says and
    keep it as a part; only the rows' metadata and the audit stay in memory (and, without a dataset
    folder, the cleaned articles). Events are grouped at the end, over the whole corpus, when some
    articles have none."""
    timings: dict[str, float] = {}
    rule_set = _default_rules() if rules is None else load_rules(rules)
    step = 2 * local_jobs(n_jobs)  # parts per round, kept before the next round starts
    dataset = folder  # where parts were kept, even once a write failed and folder became None
    held: dict[int, pd.DataFrame] = {}  # cleaned parts, when there is no folder to keep them in
    audits: dict[int, pd.DataFrame] = {}
    languages: dict[int, pd.Series] = {}  # each part's articles per language
    sizes: list[int] = []
    rows, skipped, first, missing, resumed = [], [], None, 0, 0
    t_read = 0.0

    def clean(batch, bar):
        nonlocal folder
        if not batch:
            return
        results = map_chunks(
            _clean_part,
            [(arts, rule_set) for _, arts in batch],
            n_jobs=n_jobs,
            scheduler=scheduler,
            progress=False,
        )
        for (k, arts), (cleaned, audit) in zip(batch, results):
            audits[k] = audit
            languages[k] = cleaned["language"].value_counts()
            if folder is None or not write_part(folder, "cleaned", k, (cleaned, audit)):
                folder, held[k] = None, cleaned
            bar.update(len(arts))
        batch.clear()

    with progress_bar(None, desc="cleaning", unit="article", progress=progress) as bar:
        todo: list = []
        t0 = time.perf_counter()
        for k, loaded in enumerate(read_corpus_batches(source, **options, batch_rows=PART)):
            first = first or loaded
            arts = loaded.articles
            # the raw text is in the file: memory does not keep it
            rows.append(arts.drop(columns=["text"]))
            skipped.append(loaded.skipped)
            sizes.append(len(arts))
            missing += int(arts["event"].isna().sum())
            t_read += time.perf_counter() - t0
            kept = (
                read_part(folder, "cleaned", k, len(arts), columns=["article_id", "language"])
                if folder is not None
                else None
            )
            if kept is not None:
                audits[k] = kept[1]
                languages[k] = kept[0]["language"].value_counts()
                resumed += 1
                bar.update(len(arts))
            else:
                todo.append((k, arts))
            del arts, loaded
            if len(todo) >= step:
                clean(todo, bar)
            t0 = time.perf_counter()
        clean(todo, bar)
    if resumed:
        log.info("prepare: resumed, %d of %d parts were already cleaned", resumed, len(sizes))
    loaded = LoadedCorpus(
        first.path,
        first.format,
        sum(len(r) for r in rows) + sum(len(s) for s in skipped),
        pd.concat(rows),
        pd.concat(skipped, ignore_index=True),
        first.columns_used,
        first.notes,
        first.files,
    )
    del rows, skipped
    audit = pd.concat([audits[k] for k in range(len(sizes))], ignore_index=True)
    timings["load"] = round(t_read, 3)
    timings["clean"] = round(time.perf_counter() - started - t_read, 3)
    notes = list(loaded.notes)
    mix = pd.concat(languages.values()).groupby(level=0).sum() if languages else pd.Series()
    if (note := language_note(mix)) is not None:
        notes.append(note)
    articles = None
    if missing or event_overrides is not None or folder is None:
        articles = pd.concat(
            [held[k] if k in held else _cleaned(dataset, k, sizes[k]) for k in range(len(sizes))]
        )
    if missing or event_overrides is not None:
        t0 = time.perf_counter()
        articles = group_events(articles, overrides=event_overrides)
        grouped = articles.loc[loaded.articles["event"].isna().to_numpy(), "event"].nunique()
        if missing:
            what = (
                "the corpus has no event labels"
                if missing == len(articles)
                else f"{missing} articles have no event"
            )
            notes.append(
                f"{what}: grouped {missing} articles into {grouped} events by text similarity and date "
                f"(analysis.group_events; correct it with an overrides file)"
            )
        timings["group events"] = round(time.perf_counter() - t0, 3)
    return PreparedCorpus(loaded, articles, audit, notes, folder, timings, part_sizes=sizes)


def _cleaned(folder: Path, k: int, n_rows: int) -> pd.DataFrame:
    kept = read_part(folder, "cleaned", k, n_rows)
    if kept is None:
        raise PartGone(f"cleaned part {k} in {folder}")
    return kept[0]


def _scored_sentence_parts(prepared: PreparedCorpus, *, cache_dir, n_jobs, scheduler, progress):
    from .sentences import split_sentences
    from .sentiment import score_sentences

    folder = prepared.folder
    if not prepared.part_sizes:
        yield score_sentences(
            split_sentences(prepared.articles),
            cache_dir=cache_dir,
            n_jobs=n_jobs,
            scheduler=scheduler,
            progress=progress,
        )
        return
    with progress_bar(
        prepared.n_articles, desc="sentences", unit="article", progress=progress
    ) as bar:
        for k, part in enumerate(_lazy_parts(prepared)):
            kept = read_part(folder, "sentences", k) if folder is not None else None
            if kept is None:
                kept = score_sentences(
                    split_sentences(part()),
                    cache_dir=cache_dir,
                    n_jobs=n_jobs,
                    scheduler=scheduler,
                    progress=False,
                )
                if folder is not None and not write_part(folder, "sentences", k, (kept,)):
                    folder = None
            yield kept
            bar.update(prepared.part_sizes[k])


def _lazy_parts(prepared: PreparedCorpus):
    """A function per part that reads it: parts whose sentences are kept are never read."""
    if prepared._articles is not None or prepared.folder is None:
        parts = prepared.parts()
        yield from (lambda part=part: part for part in parts)
        return
    for k in range(len(prepared.part_sizes)):
        yield lambda k=k: prepared._part(k)


# ---------------------------------------------------------------- the dataset on disk


def corpus_files(source: Path) -> list[Path]:
    """The files a corpus is read from: the file, or every file in the folder (hidden ones aside)."""
    if source.is_dir():
        return sorted(
            p
            for p in source.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(source).parts)
        )
    return [source]


def _dataset_key(
    source: Path, options: dict, rules, event_overrides, root: Path
) -> tuple[str, dict]:
    """The dataset's key: a digest of everything its tables depend on, and those parameters in words."""
    memo_path = root / "file-digests.json"
    try:
        memo = json.loads(memo_path.read_text())
    except (OSError, ValueError):
        memo = {}
    if not source.exists():  # read_corpus says so, naming the path
        read_corpus(source, **options)
    files = {
        str(p.relative_to(source) if source.is_dir() else p.name): digest_file(p.resolve(), memo)
        for p in corpus_files(source)
    }
    code = {name: digest_file(config.PACKAGE_DIR / name, memo) for name in _CODE}
    params = {
        "format": FORMAT,
        "corpus": str(source.resolve()),
        "files": files,
        "columns": options["columns"],
        "encoding": options["encoding"],
        "rules": _digest_option(rules, memo),
        "event_overrides": _digest_option(event_overrides, memo),
        "code": code,
        "versions": {
            p: version(p)
            for p in ("pandas", "pyarrow", "scikit-learn", "sentencex", "vaderSentiment")
        },
    }
    try:
        root.mkdir(parents=True, exist_ok=True)
        atomic_text(memo_path, json.dumps(memo, sort_keys=True))
    except OSError:  # a read-only or full cache: the digests are worked out again next time
        pass
    return hashlib.sha256(
        json.dumps(params, sort_keys=True, default=str).encode()
    ).hexdigest(), params


def _digest_option(value, memo: dict):
    """What a rules or overrides option holds, as text: a file's digest, a table's or a dict's contents."""
    if value is None or isinstance(value, dict):
        return value
    if isinstance(value, pd.DataFrame):
        return hashlib.sha256(
            pd.util.hash_pandas_object(value).to_numpy().tobytes()
            + "\0".join(map(str, value.columns)).encode()
        ).hexdigest()
    path = Path(value).resolve()
    # reading it names the problem
    return digest_file(path, memo) if path.is_file() else f"unreadable: {path}"


def _write_dataset(folder: Path, key: str, params: dict, prepared: PreparedCorpus) -> None:
    try:
        _write_tables(folder, key, params, prepared)
    except (OSError, pa.ArrowException) as err:
        log.warning(
            "could not keep the prepared corpus in %s (%s): it will be prepared again next time",
            folder,
            err,
        )
        if prepared._articles is None:  # they are in the cleaned parts: hold them instead
            prepared._articles = pd.concat(
                [_cleaned(folder, k, n) for k, n in enumerate(prepared.part_sizes)]
            )
        prepared.folder = None


def _write_tables(folder: Path, key: str, params: dict, prepared: PreparedCorpus) -> None:
    loaded = prepared.loaded
    lo = 0
    for k, size in enumerate(prepared.part_sizes):
        target = folder / "articles" / f"part-{k:05d}.parquet"
        if prepared._articles is not None:
            write_table(target, prepared._articles.iloc[lo : lo + size])
        else:  # the cleaned part is the article part: linked, not copied
            link_file(folder / "cleaned" / f"part-{k:05d}.parquet", target, size)
        lo += size
    write_table(folder / "audit.parquet", prepared.audit)
    write_table(folder / "skipped.parquet", loaded.skipped)
    write_table(folder / "rows.parquet", loaded.articles)
    checks = {
        f"articles/part-{k:05d}.parquet": file_check(folder / "articles" / f"part-{k:05d}.parquet")
        for k in range(len(prepared.part_sizes))
    }
    checks.update(
        {
            f"{name}.parquet": file_check(folder / f"{name}.parquet")
            for name in ("audit", "skipped", "rows")
        }
    )
    meta = {
        "key": key,
        "params": params,
        "n_articles": prepared.n_articles,
        "part_sizes": prepared.part_sizes,
        "checks": checks,
        "n_parts": len(prepared.part_sizes),
        "notes": prepared.notes,
        "timings": prepared.timings,
        "loaded": {
            "path": str(loaded.path),
            "format": loaded.format,
            "n_rows": loaded.n_rows,
            "columns_used": loaded.columns_used,
            "notes": loaded.notes,
            "files": [str(p) for p in loaded.files],
        },
    }
    atomic_text(folder / "dataset.json", json.dumps(meta, indent=1, sort_keys=True, default=str))
    shutil.rmtree(folder / "cleaned", ignore_errors=True)  # the cleaned parts live on in articles/


def _read_dataset(folder: Path, key: str) -> PreparedCorpus | None:
    """The dataset kept in ``folder``, if complete and made with ``key``: its small tables are read, its
    articles checked against the sizes and checksums ``dataset.json`` recorded. A damaged or missing file
    gives None (the corpus is prepared again into the same folder) with one line saying so."""
    try:
        meta = json.loads((folder / "dataset.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if meta.get("key") != key or "part_sizes" not in meta or "checks" not in meta:
        return None
    for name, recorded in sorted(meta["checks"].items()):
        why = damaged(folder / name, recorded)
        if why is not None:
            log.warning(
                "the prepared corpus in %s is damaged (%s: %s): preparing it again",
                folder,
                name,
                why,
            )
            return None
    sizes = meta["part_sizes"]
    audit, skipped, rows = (
        read_table(folder / f"{name}.parquet") for name in ("audit", "skipped", "rows")
    )
    if audit is None or skipped is None or rows is None or sum(sizes) != meta["n_articles"]:
        return None
    # when it was last used, for `cache --older-than` (a read-only cache: not)
    with contextlib.suppress(OSError):
        os.utime(folder / "dataset.json")
    info = meta["loaded"]
    loaded = LoadedCorpus(
        path=Path(info["path"]),
        format=info["format"],
        n_rows=info["n_rows"],
        articles=rows,
        skipped=skipped,
        columns_used=info["columns_used"],
        notes=info["notes"],
        files=[Path(p) for p in info["files"]],
    )
    return PreparedCorpus(loaded, None, audit, meta["notes"], folder, part_sizes=sizes)
