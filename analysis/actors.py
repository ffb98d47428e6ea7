"""Actors: the people and institutions each article names, found in the text and tied together across articles.

:func:`find_actors` returns one row per mention, with character offsets into
the article's cleaned text. Automatic detection takes proper-name phrases
(capitalised words, with particles such as "al-", "bin", "de" and middle
initials), splits titles and honorifics off the name ("President", "Mr.",
"Secretary of State"), links a short form to the full name it follows in
the same article ("Trump" -> "Donald J. Trump"), and gives one actor per
full name across articles, named by its most frequent full form. Spelling
variants meet on one key: case, hyphens, particles and middle initials are
ignored ("Kim Jong-un" / "Kim Jong Un", "Bashar al-Assad" / "Bashar Assad"),
and so are nicknames, formal suffixes and initials ("Joseph R. Biden Jr." /
"Joe Biden", "ACLU" / "American Civil Liberties Union"). Relatives sharing a
surname are told apart by their titles; headlines are read (``in_title``);
every actor has a ``kind`` (:mod:`analysis.actor_kinds`). docs/methods.md
lists each rule with the failure it answers. A codebook (CSV or INI of
``actor, pattern[, kind]``) adds actors the names do not reveal ("the
Kremlin" and "Moscow" as the Russian government; "migrants" and "illegal
aliens" as one group) and wins over the automatic names where both match.

The names of one text are found in :mod:`analysis.names`, tied to actors in :mod:`analysis.linking`; this
module reads the codebook, runs both over the corpus's chunks, and drops adjectives.
"""

from __future__ import annotations

import configparser
import re
from bisect import bisect_right
from pathlib import Path

import pandas as pd

from .actor_kinds import KINDS, actor_kinds
from .errors import CodebookError, InsufficientData
from .findings import CONTEXT_COLUMNS
from .languages import english_only
from .linking import (
    MENTION_COLUMNS,
    _find_in_chunk,
    _tie_names,
)
from .names import (
    MODIFIER_ENDINGS,
    NAME_STOP_WORDS,
    _case_counts,
    _common_words,
)
from .parallel import gc_paused, map_chunks
from .sentences import split_text
from .tables import narrow, needs

CHUNK = 1_000  # articles per chunk of work


def read_codebook(path, *, kinds: bool = False):
    """``[(actor, compiled pattern, where)]`` from a CSV (columns ``actor, pattern``, optionally ``kind``) or
    INI codebook; with ``kinds=True``, also ``{actor: (kind, where)}`` for the actors given a kind.

    INI: one section per actor, each ``name = pattern`` line a pattern, and ``kind =`` its kind
    (``person``, ``organisation``, ``place`` or ``group``; it overrides :mod:`analysis.actor_kinds`)::

        [Russian government]
        kind = organisation
        kremlin = \\bthe Kremlin\\b
        moscow = \\bMoscow\\b

    Patterns are Python regular expressions, case-sensitive unless they
    start with ``(?i)``. A bad pattern raises :class:`CodebookError` naming
    the file, line and the regular expression's complaint.
    """
    path = Path(path)
    if not path.is_file():
        raise CodebookError(f"{path}: no such codebook file")
    entries: list[tuple[str, str, str]] = []
    given: dict[str, tuple[str, str]] = {}  # actor -> (kind, where)
    if path.suffix.lower() in (".ini", ".cfg"):
        parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
        parser.optionxform = str
        lines = path.read_text(encoding="utf-8").splitlines()
        try:
            parser.read_string("\n".join(lines), source=str(path))
        except configparser.Error as err:
            raise CodebookError(f"{path}: {err}") from None
        for section in parser.sections():
            for key, pattern in parser.items(section):
                line = next(
                    (
                        i + 1
                        for i, text in enumerate(lines)
                        if re.match(rf"\s*{re.escape(key)}\s*=", text)
                    ),
                    0,
                )
                if key == "kind":
                    given[section] = (
                        _checked_kind(pattern, section, f"{path}, line {line}"),
                        f"{path}, line {line}",
                    )
                    continue
                entries.append((section, pattern.strip(), f"{path}, line {line}"))
    else:
        try:
            table = pd.read_csv(path, dtype=str, keep_default_na=False, skipinitialspace=True)
        except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as err:
            raise CodebookError(f"{path}: cannot read it as CSV ({err})") from None
        missing = [c for c in ("actor", "pattern") if c not in table.columns]
        if missing:
            raise CodebookError(
                f"{path}: needs the columns 'actor' and 'pattern' (missing: {', '.join(missing)}; "
                f"has: {', '.join(table.columns)})"
            )
        for i, (actor, pattern) in enumerate(zip(table["actor"], table["pattern"])):
            where = f"{path}, line {i + 2}"
            if not actor.strip() or not pattern.strip():
                raise CodebookError(f"{where}: empty {'actor' if not actor.strip() else 'pattern'}")
            entries.append((actor.strip(), pattern.strip(), where))
            kind = table["kind"].iat[i].strip() if "kind" in table else ""
            if kind:
                given[actor.strip()] = (_checked_kind(kind, actor.strip(), where), where)
    out = []
    for actor, pattern, where in entries:
        try:
            compiled = re.compile(pattern)
        except re.error as err:
            raise CodebookError(
                f"{where}: bad pattern {pattern!r} for actor {actor!r} ({err})"
            ) from None
        if compiled.search(""):
            raise CodebookError(
                f"{where}: pattern {pattern!r} for actor {actor!r} matches the empty string"
            )
        out.append((actor, compiled, where))
    return (out, given) if kinds else out


_NEXT_WORD = re.compile(r"[ \t]+([a-z][a-z-]*)")
_VERBS_AFTER = frozenset(
    {
        "said",
        "says",
        "told",
        "added",
        "wrote",
        "argued",
        "noted",
        "asked",
        "claimed",
        "won",
        "lost",
        "voted",
        "called",
        "urged",
        "warned",
        "insisted",
        "replied",
        "stated",
    }
)


def _modifiers(frame: pd.DataFrame, texts: list[str], titles: list[str], ids) -> set[str]:
    """Automatic actors that are adjectives of nationality or party ("Russian officials", "Democratic
    senator", "North Korean missiles"): ending as such adjectives do and followed by a lower-case word
    (neither a stop word nor a verb of saying) in most of their mentions. Names of several words only where
    they end in "-an", "-ic", "-ese" or "-ish" ("Western European"; not "Nancy Pelosi")."""
    name = frame["actor"]
    several = name.str.contains(" ")
    chosen = frame[
        (frame["source"] == "auto")
        & (
            (~several & name.str.endswith(MODIFIER_ENDINGS))
            | (several & name.str.endswith(("an", "ic", "ese", "ish")))
        )
    ]
    if chosen.empty:
        return set()
    row_of = {aid: i for i, aid in enumerate(ids)}
    followed = []
    for aid, end, head in zip(chosen["article_id"], chosen["end"], chosen["in_title"]):
        m = _NEXT_WORD.match((titles if head else texts)[row_of[aid]], end)
        followed.append(
            m is not None and m.group(1) not in NAME_STOP_WORDS and m.group(1) not in _VERBS_AFTER
        )
    share = pd.Series(followed, index=chosen.index).groupby(chosen["actor"]).mean()
    return set(share[share > 0.5].index)


@needs(articles=["article_id", "outlet", "text"])
def find_actors(
    articles: pd.DataFrame,
    *,
    codebook=None,
    min_articles: int = 1,
    n_jobs: int | None = None,
    scheduler=None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """One row per mention of an actor: ``article_id, outlet, event, actor, mention, start, end, sentence_index``,
    plus ``title`` (the title or honorific before the name, if any), ``source`` (``auto`` or the codebook line),
    ``in_title`` (the mention is in the headline), ``kind`` (``person``, ``organisation``, ``place`` or
    ``group``) and ``kind_rule`` (the rule that decided it, :func:`analysis.actor_kinds.actor_kinds`).

    ``start``/``end`` are offsets into the article's ``text``
    (``text[start:end] == mention``), or into its ``title`` for a headline's
    mention (``sentence_index`` -1). ``codebook`` is a path
    (:func:`read_codebook`) or a list of ``(actor, pattern)`` or ``(actor,
    pattern, kind)``. Automatic actors named in fewer than ``min_articles``
    articles are left out (default 1: every mention counts), and so are
    names used mostly as adjectives ("Russian officials", "North Korean
    missiles"); codebook actors are always kept.

    The names are found ``CHUNK`` articles at a time where ``n_jobs`` and
    ``scheduler`` say (:func:`analysis.parallel_config`); tying them
    together across articles runs here. The table is the same wherever it
    runs.

    Names, titles and honorifics are found the English way (capitals,
    "President", "Mr"), so only in articles in English (``language``); a
    codebook's patterns are matched in every article, whatever its language.
    ``attrs["notes"]`` says how many articles the finder left out.
    """
    rules, kinds = _rules(codebook)
    try:
        english, note = english_only(articles, "the actor finder reads English only")
    except InsufficientData as err:
        english, note = articles.iloc[:0], str(err)
    mentions = (
        _find_actors(english, rules, min_articles, n_jobs, scheduler, progress, kinds)
        if len(english)
        else pd.DataFrame([], columns=MENTION_COLUMNS)
    )
    if note is not None:
        others = articles[~articles["article_id"].isin(set(english["article_id"]))]
        if rules and len(others):
            found = _with_kinds(_codebook_mentions(others, rules), articles, kinds)
            mentions = pd.concat([mentions, found], ignore_index=True)
        mentions = mentions.astype(
            {"start": "int64", "end": "int64", "sentence_index": "int64", "in_title": "bool"}
        )
        mentions.attrs["notes"] = [
            note + (" (the codebook's patterns are read in every language)" if rules else "")
        ]
    return mentions


def in_text(mentions: pd.DataFrame) -> pd.DataFrame:
    """The mentions in the articles' text, not their headlines (``in_title``): what has a sentence around it."""
    if "in_title" not in mentions or not mentions["in_title"].any():
        return mentions
    return mentions[~mentions["in_title"].astype(bool)].reset_index(drop=True)


def _rules(codebook) -> tuple[list, dict]:
    """The codebook's ``(actor, compiled pattern, where)`` rules and its ``{actor: (kind, where)}``; none
    without a codebook. A list codebook's entries are ``(actor, pattern)`` or ``(actor, pattern, kind)``."""
    if codebook is None:
        return [], {}
    if isinstance(codebook, (str, Path)):
        return read_codebook(codebook, kinds=True)
    rules, kinds = [], {}
    for actor, pattern, *kind in codebook:
        rules.append(
            (actor, re.compile(pattern) if isinstance(pattern, str) else pattern, "codebook")
        )
        if kind and kind[0]:
            kinds[actor] = (_checked_kind(kind[0], actor, "codebook"), "codebook")
    return rules, kinds


def _checked_kind(kind: str, actor: str, where: str) -> str:
    """A codebook's kind, or :class:`CodebookError` naming where it is and the kinds there are."""
    kind = kind.strip().lower()
    if kind not in KINDS:
        raise CodebookError(
            f"{where}: kind {kind!r} for actor {actor!r} is none of {', '.join(KINDS)}"
        )
    return kind


def _codebook_mentions(articles: pd.DataFrame, rules: list) -> pd.DataFrame:
    """Every match of the codebook's patterns in ``articles``' text and headline, as :func:`find_actors` gives
    them (no title, the sentence split by the article's language's rules): for articles the name finder
    cannot read."""
    rows = []
    events = articles["event"] if "event" in articles else [None] * len(articles)
    headlines = (
        articles["title"].fillna("").astype(str) if "title" in articles else [""] * len(articles)
    )
    for aid, outlet, event, text, headline, language in zip(
        articles["article_id"],
        articles["outlet"],
        events,
        articles["text"],
        headlines,
        articles["language"],
    ):
        starts = [s for s, _, _ in split_text(text, language)]
        for actor, pattern, where in rules:
            for searched, in_title in ((text, False), (headline, True)):
                for m in pattern.finditer(searched):
                    if m.end() > m.start():
                        k = -1 if in_title else max(0, bisect_right(starts, m.start()) - 1)
                        rows.append(
                            (aid, outlet, event, actor, m.group(), m.start(), m.end(), k, "", where,
                             in_title)
                        )  # fmt: skip
    return pd.DataFrame(rows, columns=MENTION_COLUMNS[:-2])


def _find_actors(articles, rules, min_articles, n_jobs, scheduler, progress, kinds) -> pd.DataFrame:
    texts = articles["text"].tolist()
    titles = (
        articles["title"].fillna("").astype(str).tolist()
        if "title" in articles
        else [""] * len(texts)
    )
    chunks = [(texts[i : i + CHUNK], titles[i : i + CHUNK]) for i in range(0, len(texts), CHUNK)]
    where = dict(
        n_jobs=n_jobs,
        scheduler=scheduler,
        progress=progress,
        sizes=[len(p) for p, _ in chunks],
        unit="article",
    )
    lower = _common_words(
        map_chunks(_case_counts, [p for p, _ in chunks], desc="actors: common words", **where)
    )
    events = articles["event"] if "event" in articles else pd.Series(None, index=articles.index)
    # millions of small tuples: the cycle collector would walk them again and again
    with gc_paused():
        found = map_chunks(
            _find_in_chunk,
            [(p, t, i * CHUNK, lower, rules) for i, (p, t) in enumerate(chunks)],
            desc="actors: names",
            **where,
        )
        frame = _tie_names(found, articles, events, lower)
    drop = frame["actor"].isin(_modifiers(frame, texts, titles, articles["article_id"]))
    if min_articles > 1:  # every actor is in one article at least
        auto = frame["source"] == "auto"
        n_articles = frame[auto & ~drop].groupby("actor")["article_id"].nunique()
        drop |= auto & frame["actor"].map(n_articles).fillna(0).lt(min_articles)
    if drop.any():  # one copy of millions of mentions, not one a step
        frame = frame[~drop].reset_index(drop=True)
    return _with_kinds(frame, articles, kinds).astype(
        {"start": "int64", "end": "int64", "sentence_index": "int64", "in_title": "bool"}
    )


def _with_kinds(frame: pd.DataFrame, articles: pd.DataFrame, kinds) -> pd.DataFrame:
    """``frame`` (mentions without kinds) with each actor's ``kind`` and ``kind_rule``
    (:func:`analysis.actor_kinds.actor_kinds`), in ``MENTION_COLUMNS``' order."""
    sorts = actor_kinds(frame, outlets=articles["outlet"].unique(), codebook_kinds=kinds)
    # by the actor's position among the distinct actors: a merge would hash millions of names twice
    codes, actors = pd.factorize(frame["actor"])
    sorts = sorts.set_index("actor").reindex(actors)
    frame = frame.copy(deep=False)
    for column in ("kind", "kind_rule"):
        frame[column] = sorts[column].array.take(codes)
    return frame[MENTION_COLUMNS]


@needs(
    mentions=["article_id", "actor", "start", "end", "sentence_index"],
    sentences=["article_id", "outlet", "event", "sentence_index", "text", "start"],
)
def actor_contexts(
    mentions: pd.DataFrame, sentences: pd.DataFrame, actor: str, *, outlet=None, event=None
) -> pd.DataFrame:
    """Every sentence naming ``actor``, as :func:`analysis.term_contexts` gives a term's.

    Columns ``article_id, outlet, event, sentence_index, text, start, end``
    (``text[start:end]`` is the mention, offsets into the sentence) and
    ``mention``. ``mentions`` is :func:`find_actors`'s table, ``sentences``
    :func:`analysis.split_sentences`'s for the same articles.
    """
    rows = mentions[mentions["actor"] == actor]
    sent = sentences[["article_id", "sentence_index", "outlet", "event", "text", "start"]].rename(
        columns={"start": "sentence_start"}
    )
    merged = rows[["article_id", "sentence_index", "start", "end", "mention"]].merge(
        sent, on=["article_id", "sentence_index"], how="inner"
    )
    merged = narrow(merged, outlet=outlet, event=event)
    merged = merged.assign(
        start=merged["start"] - merged["sentence_start"],
        end=merged["end"] - merged["sentence_start"],
    )
    merged = merged.sort_values(["outlet", "article_id", "sentence_index", "start"], kind="stable")
    merged = merged.drop_duplicates(["article_id", "sentence_index"])
    return merged[[*CONTEXT_COLUMNS, "mention"]].reset_index(drop=True)
