"""Actors: the people and institutions each article names, found in the text and tied together across articles.

:func:`find_actors` returns one row per mention, with character offsets into
the article's cleaned text. Automatic detection takes proper-name phrases
(capitalised words, with particles such as "al-", "bin", "de" and middle
initials), splits titles and honorifics off the name ("President", "Mr.",
"Secretary of State"), links a short form to the full name it follows in
the same article ("Trump" -> "Donald J. Trump"), and gives one actor per
full name across articles, named by its most frequent full form. Spelling
variants meet on one key: case, hyphens, particles and middle initials are
ignored ("Kim Jong-un" / "Kim Jong Un", "Bashar al-Assad" / "Bashar Assad").
A codebook (CSV or INI of ``actor, pattern`` regular expressions) adds
actors the names do not reveal ("the Kremlin" and "Moscow" as the Russian
government; "migrants" and "illegal aliens" as one group) and wins over the
automatic names where both match.
"""

from __future__ import annotations

import configparser
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from .errors import CodebookError, InsufficientData
from .findings import CONTEXT_COLUMNS
from .languages import english_only
from .parallel import gc_paused, map_chunks
from .sentences import split_text
from .tables import narrow, needs

MENTION_COLUMNS = [
    "article_id",
    "outlet",
    "event",
    "actor",
    "mention",
    "start",
    "end",
    "sentence_index",
    "title",
    "source",
]
PARTICLES = frozenset(
    "al el bin ibn bint abu de da di del della dos das van von der den la le du".split()
)
TITLES = sorted(
    [
        "President",
        "Vice President",
        "President-elect",
        "Prime Minister",
        "Deputy Prime Minister",
        "Secretary of State",
        "Secretary",
        "Foreign Minister",
        "Defense Secretary",
        "Defence Secretary",
        "Defense Minister",
        "Minister",
        "Chancellor",
        "King",
        "Queen",
        "Prince",
        "Princess",
        "Crown Prince",
        "Pope",
        "Senator",
        "Sen.",
        "Representative",
        "Rep.",
        "Governor",
        "Gov.",
        "Mayor",
        "General",
        "Gen.",
        "Admiral",
        "Adm.",
        "Col.",
        "Lt.",
        "Sgt.",
        "Dr.",
        "Prof.",
        "Professor",
        "Mr.",
        "Mrs.",
        "Ms.",
        "Miss",
        "Judge",
        "Justice",
        "Chief Justice",
        "Speaker",
        "House Speaker",
        "Leader",
        "Supreme Leader",
        "Majority Leader",
        "Minority Leader",
        "Sheikh",
        "Ayatollah",
        "Rev.",
        "Sir",
        "Dame",
        "Lord",
        "Lady",
        "Chairman",
        "Chairwoman",
        "Director",
        "Ambassador",
        "Spokesman",
        "Spokeswoman",
        "Commissioner",
        "Attorney General",
        "Special Counsel",
        "Press Secretary",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Sen",
        "Rep",
        "Gov",
        "Gen",
        "First Lady",
        "Former President",
        "former President",
        "Gov",
        "Rev",
        "Pres.",
    ],
    key=len,
    reverse=True,
)
TITLE_WORDS = frozenset(t.lower().rstrip(".") for t in TITLES if " " not in t)  # one-word titles
#: Words that make a name an institution, place or group, never a person a surname can stand for.
INSTITUTION_WORDS = frozenset(
    "house senate white democratic republican republicans democrats democrat party committee department court "
    "courts state states united nations national union association council ministry government administration "
    "congress agency bureau office army forces force police bank university college school foundation alliance "
    "post news times journal group center centre institute company corp inc county city district north south east "
    "west central new american americans african federal supreme amendment act bill law hill capitol street avenue "
    "square river island islands sea ocean valley campaign movement coalition caucus network media press tv club "
    "church league commission board fund authority service services airlines airport station hospital review "
    "council federation organization organisation republic kingdom empire guard navy corps base tower".split()
)
_CONTRACTION = re.compile(r"['\u2019](?:m|re|ve|ll|d|t)$", re.I)
_PARTY_STATE = re.compile(r"^[DRI]-[A-Z]")
NOT_NAMES = frozenset(
    "january february march april may june july august september october november december jan feb mar apr jun "
    "jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday today yesterday "
    "tomorrow tonight mr mrs ms dr read more see also advertisement update updated photo video image getty reuters "
    "ap afp associated press".split()
)
_CAP = r"[A-Z][A-Za-z\u00C0-\u024F'\u2019]*(?:-[A-Za-z\u00C0-\u024F][a-z\u00C0-\u024F'\u2019]*)*"
_PART = r"(?:al|el|bin|ibn|bint|abu|de|da|di|del|della|dos|das|van|von|der|den|la|le|du)"
_NAME = rf"(?:{_PART}-)?{_CAP}(?:(?:[ \t]+|[ \t]*-[ \t]*)(?:[A-Z]\.[ \t]+)?(?:{_PART}[ \t]+)*(?:{_PART}-)?{_CAP})*"
# the titles grouped by their first letter, longest first within each group as in TITLES: the same matches,
# but the pattern tries one group at a position instead of every title
_TITLE = "|".join(
    re.escape(first) + "(?:" + "|".join(re.escape(t[1:]) for t in TITLES if t[0] == first) + ")"
    for first in dict.fromkeys(t[0] for t in TITLES)
)
# "Trump-Russia", "US-Russia": two names, not one
_COMPOUND = re.compile(rf"^(?!(?i:{_PART})-)[A-Z][A-Za-z]*-[A-Z]")
TITLE_BEFORE = re.compile("(?:" + "|".join(re.escape(t) for t in TITLES if " " in t) + ")$")
# what a TITLE_BEFORE match ends with
_TITLE_LAST_WORDS = tuple(sorted({t.split()[-1] for t in TITLES if " " in t}))
CANDIDATE = re.compile(rf"(?<![\w\u2019'-])(?:(?P<title>(?:{_TITLE}))[ \t]+)?(?P<name>{_NAME})")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_WORD = re.compile(r"\S+")
CHUNK = 1_000  # articles per chunk of work


def read_codebook(path) -> list[tuple[str, re.Pattern, str]]:
    """``[(actor, compiled pattern, where)]`` from a CSV (columns ``actor, pattern``) or INI codebook.

    INI: one section per actor, each ``name = pattern`` line a pattern::

        [Russian government]
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
    return out


SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_MIDDLE_INITIAL = re.compile(r"\s[A-Z]\.\s")


@lru_cache(maxsize=1 << 18)
def name_key(name: str) -> str:
    """The key spelling variants share: lowercase, no hyphens, particles or middle initials, no possessive."""
    words = re.split(r"[\s\-]+", _POSSESSIVE.sub("", name.strip()).lower())
    words = [w.rstrip(".") for w in words if w]
    core = [w for w in words if w not in PARTICLES and not (len(w) == 1 and w.isalpha())]
    return " ".join(core or words)


def _case_counts(texts) -> tuple[Counter, Counter]:
    """How often each word is written in lower case, and capitalised, in ``texts``."""
    lower, upper = Counter(), Counter()
    for text in texts:
        lower.update(re.findall(r"(?<![\w'\u2019-])[a-z][a-z'\u2019-]+", text))
        upper.update(w.lower() for w in re.findall(r"(?<![\w'\u2019-])[A-Z][a-z'\u2019-]+", text))
    return lower, upper


def _common_words(counts) -> set[str]:
    """Words the corpus writes in lower case more often than capitalised: common words, not names.
    ``counts``: :func:`_case_counts` of each chunk of the corpus."""
    lower, upper = Counter(), Counter()
    for chunk_lower, chunk_upper in counts:
        lower.update(chunk_lower)
        upper.update(chunk_upper)
    return {w for w, n in lower.items() if n > upper.get(w, 0)}


def _candidates(text: str, sentence_starts: set[int], lower: set[str], blocked: set[str]):
    """``(start, end, name, title, key, initial)`` for each proper-name phrase of one text, titles split off:
    ``key`` is :func:`name_key` of the name, ``initial`` whether it is one word at a sentence start."""
    for m in CANDIDATE.finditer(text):
        name = m.group("name")
        words = _name_words(name)
        if not words:
            continue
        at = m.start("name")
        before = None  # a title of several words that the first word ends ("Secretary of State Rex Tillerson")
        first_at, first = words[0]
        # only then can TITLE_BEFORE end where the first word ends: the word follows a space or a character
        # that is not a letter, and those titles' last words are all letters, so such a title ends inside it
        if first.endswith(_TITLE_LAST_WORDS):
            found = TITLE_BEFORE.search(
                text, max(0, at + first_at - 40), at + first_at + len(first)
            )
            before = found and found.group()
        shaped = _shaped(name, m.group("title"), before)
        if shaped is None:
            continue
        offset, length, surface, title, key, single = shaped
        start = at + offset
        if key in blocked:
            continue
        initial = single and start in sentence_starts
        # one capitalised word at a sentence start that the corpus also writes in lower case: a common word
        if initial and key in lower:
            continue
        yield start, start + length, surface, title, key, initial


@lru_cache(maxsize=1 << 18)
def _name_words(name: str) -> tuple[tuple[int, str], ...]:
    """The words of a matched name (offsets into it) that can be a name, or ``()`` when none can: what
    :func:`_candidates` makes of a name before the text around it counts. Depends on the name alone."""
    if " " not in name and "\t" not in name and name.lower() in ENGLISH_STOP_WORDS:
        return ()  # one word, a stop word ("The", "But"): the steps below would drop it whatever else it is
    words = [(w.start(), w.group()) for w in _WORD.finditer(name)]
    if any(_CONTRACTION.search(w) or _PARTY_STATE.match(w) for _, w in words) or (
        len(words) == 1 and _COMPOUND.match(words[0][1])
    ):
        return ()  # I'm, We're; D-Calif.; a lone "Trump-Russia" (but "Jean-Claude Juncker", "Kim Jong-Un")
    # calendar words and leading function words are not part of a name ("CNN Friday", "But Trump")
    words = [(i, w) for i, w in words if name_key(w) not in NOT_NAMES]
    owner = next(
        (k for k, (_, w) in enumerate(words) if _POSSESSIVE.search(w) and k < len(words) - 1), None
    )
    if owner is not None:  # "NAACP's Washington office": the name ends at the possessive
        words = words[: owner + 1]
    while words and words[0][1].lower() in ENGLISH_STOP_WORDS:
        words = words[1:]  # "But Trump", "The White House"
    return tuple(words)


@lru_cache(maxsize=1 << 18)
def _shaped(name: str, title: str | None, before: str | None):
    """``(offset, length, surface, title, key, single)`` of a matched name (``offset`` into it) with the
    title the pattern matched before it and the title of several words its first word ends (``before``,
    see :func:`_candidates`), or None when it is not a name; depends on these three alone."""
    words = list(_name_words(name))
    title = (title or "").strip()
    if before:
        title = before
        # "Secretary of State Rex Tillerson", cut by the regular expression at "of"
        words = words[1:]
    # a title inside the phrase ("Russian President Vladimir Putin", "FBI Director James Comey"): the name
    # is what follows the last title word; trailing title words ("Texas Gov") are dropped
    while words and (words[-1][1].lower().rstrip(".") in TITLE_WORDS or len(words[-1][1]) == 1):
        words = words[:-1]  # "Texas Gov"; "Republican U" (of "U.S.")
    inner = [k for k, (_, w) in enumerate(words) if w.lower().rstrip(".") in TITLE_WORDS]
    if inner:
        cut = inner[-1] + 1
        title = " ".join([title] * bool(title) + [w for _, w in words[:cut]])
        words = words[cut:]
    if not words:
        return None
    offset = words[0][0]
    surface = _POSSESSIVE.sub("", name[offset : words[-1][0] + len(words[-1][1])])
    key = name_key(surface)
    if not key or key in NOT_NAMES or all(w in TITLE_WORDS for w in key.split()):
        return None
    single = len(key.split()) == 1
    if single and (key in ENGLISH_STOP_WORDS or len(key) < 2):
        return None
    if single and surface.isupper() and len(surface) > 6:  # a shouted headline word, not an acronym
        return None
    return offset, len(surface), surface, title, key, single


def _short_of(short: str, full: str, lower: set[str]) -> bool:
    """Is ``short`` (one word) a short form of the person-like full name ``full``: its last word ("Trump" of
    "donald trump") or the first word of a three-word name ("Kim" of "kim jong un")? Not when the full name
    holds a common word, as institutions do ("house republicans", "treasury department")."""
    words = full.split()
    if short in lower or any(w in lower or w in INSTITUTION_WORDS for w in words):
        return False
    return words[-1] == short or (len(words) >= 3 and words[0] == short)


MODIFIER_ENDINGS = ("an", "ic", "ish", "ese", "i")
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


def _modifiers(frame: pd.DataFrame, texts: list[str], ids) -> set[str]:
    """One-word automatic actors that are adjectives of nationality or party ("Russian officials", "Democratic
    senator"): ending as such adjectives do and followed by a lower-case word (neither a stop word nor a verb
    of saying) in most of their mentions."""
    one_word = frame[
        (frame["source"] == "auto")
        & ~frame["actor"].str.contains(" ")
        & frame["actor"].str.endswith(MODIFIER_ENDINGS)
    ]
    if one_word.empty:
        return set()
    row_of = {aid: i for i, aid in enumerate(ids)}
    followed = []
    for aid, end in zip(one_word["article_id"], one_word["end"]):
        m = _NEXT_WORD.match(texts[row_of[aid]], end)
        followed.append(
            m is not None
            and m.group(1) not in ENGLISH_STOP_WORDS
            and m.group(1) not in _VERBS_AFTER
        )
    share = pd.Series(followed, index=one_word.index).groupby(one_word["actor"]).mean()
    return set(share[share > 0.5].index)


#: A raw mention, as the chunks return it, is a plain tuple of these fields, read by the names below: a NamedTuple
#: was measured 5x slower to make and 5x slower to pickle back from the workers (1 M mentions: 0.94 s against
#: 0.18 s, 3.4 s against 0.7 s), and a big corpus has millions.
RAW_FIELDS = ("row", "start", "end", "surface", "title", "key", "actor", "source", "sentence")
ROW, START, END, SURFACE, TITLE, KEY, ACTOR, SOURCE, SENTENCE = range(len(RAW_FIELDS))


def _find_in_chunk(chunk) -> tuple[list, set, set]:
    """The raw mentions of one chunk of the corpus (``texts``, the row of its first text, the corpus's
    common words, the blocked names, the codebook rules), with the names it saw capitalised inside a
    sentence and the one-word candidates it saw only at a sentence start."""
    with gc_paused():
        return _find_names(*chunk)


def _find_names(texts, first_row, lower, blocked, rules) -> tuple[list, set, set]:
    raw = []  # RAW_FIELDS: key None for a codebook actor, actor None for an automatic one
    mid_sentence: set[str] = set()  # names seen capitalised inside a sentence
    initial_only: set[tuple[int, int]] = set()  # one-word candidates at a sentence start
    known: dict[tuple[str, str], bool] = {}

    def short_of(short: str, full: str) -> bool:  # _short_of, each pair once
        pair = (short, full)
        if pair not in known:
            known[pair] = _short_of(short, full, lower)
        return known[pair]

    for row, text in enumerate(texts, start=first_row):
        spans = split_text(text)
        starts = [s for s, _, _ in spans]
        first_words = set(starts)
        taken: list[tuple[int, int]] = []
        found = []
        for actor, pattern, where in rules:
            for m in pattern.finditer(text):
                if m.end() > m.start():
                    found.append((m.start(), m.end(), m.group(), "", None, actor, where))
                    taken.append((m.start(), m.end()))
        for start, end, surface, title, key, initial in _candidates(
            text, first_words, lower, blocked
        ):
            if not any(start < b and end > a for a, b in taken):
                found.append((start, end, surface, title, key, None, "auto"))
                if not initial:
                    mid_sentence.add(key)
                else:
                    initial_only.add((row, start))
        found.sort(key=lambda f: f[0])
        # keys of multi-word names met so far in this article, latest last
        full_names: dict[str, None] = {}
        for start, end, surface, title, key, actor, source in found:
            if key is not None:
                words = key.split()
                if len(words) > 1:
                    full_names.pop(key, None)
                    full_names[key] = None
                else:  # a short form: the latest full name before it that holds it
                    short = words[0]  # only a name that starts or ends with it can hold it
                    match = next(
                        (
                            k
                            for k in reversed(full_names)
                            if (k.endswith(short) or k.startswith(short)) and short_of(short, k)
                        ),
                        None,
                    )
                    key = match or key
            raw.append(
                (
                    row,
                    start,
                    end,
                    surface,
                    title,
                    key,
                    actor,
                    source,
                    max(bisect_right(starts, start) - 1, 0),
                )
            )
    return raw, mid_sentence, initial_only


@needs(articles=["article_id", "outlet", "text"])
def find_actors(
    articles: pd.DataFrame,
    *,
    codebook=None,
    min_articles: int = 2,
    n_jobs: int | None = None,
    scheduler=None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """One row per mention of an actor: ``article_id, outlet, event, actor, mention, start, end, sentence_index``,
    plus ``title`` (the title or honorific before the name, if any) and ``source`` (``auto`` or the codebook line).

    ``start``/``end`` are offsets into the article's ``text``
    (``text[start:end] == mention``). ``codebook`` is a path
    (:func:`read_codebook`) or a list of ``(actor, pattern)``. Automatic
    actors named in fewer than ``min_articles`` articles are left out, and
    so are one-word names used mostly as adjectives ("Russian officials",
    "Democratic senator"); codebook actors are always kept.

    The names are found ``CHUNK`` articles at a time where ``n_jobs`` and
    ``scheduler`` say (:func:`analysis.parallel_config`); tying them
    together across articles runs here. The table is the same wherever it
    runs.

    Names, titles and honorifics are found the English way (capitals,
    "President", "Mr"), so only in articles in English (``language``); a
    codebook's patterns are matched in every article, whatever its language.
    ``attrs["notes"]`` says how many articles the finder left out.
    """
    rules = _rules(codebook)
    try:
        english, note = english_only(articles, "the actor finder reads English only")
    except InsufficientData as err:
        english, note = articles.iloc[:0], str(err)
    mentions = (
        _find_actors(english, rules, min_articles, n_jobs, scheduler, progress)
        if len(english)
        else pd.DataFrame([], columns=MENTION_COLUMNS)
    )
    if note is not None:
        others = articles[~articles["article_id"].isin(set(english["article_id"]))]
        if rules and len(others):
            mentions = pd.concat([mentions, _codebook_mentions(others, rules)], ignore_index=True)
        mentions = mentions.astype({"start": "int64", "end": "int64", "sentence_index": "int64"})
        mentions.attrs["notes"] = [
            note + (" (the codebook's patterns are read in every language)" if rules else "")
        ]
    return mentions


def _rules(codebook) -> list:
    """The codebook's ``(actor, compiled pattern, where)`` rules; none without a codebook."""
    if codebook is None:
        return []
    if isinstance(codebook, (str, Path)):
        return read_codebook(codebook)
    return [(a, re.compile(p) if isinstance(p, str) else p, "codebook") for a, p in codebook]


def _codebook_mentions(articles: pd.DataFrame, rules: list) -> pd.DataFrame:
    """Every match of the codebook's patterns in ``articles``, as :func:`find_actors` gives them (no title,
    the sentence split by the article's language's rules): for articles the name finder cannot read."""
    rows = []
    events = articles["event"] if "event" in articles else [None] * len(articles)
    for aid, outlet, event, text, language in zip(
        articles["article_id"], articles["outlet"], events, articles["text"], articles["language"]
    ):
        starts = [s for s, _, _ in split_text(text, language)]
        for actor, pattern, where in rules:
            for m in pattern.finditer(text):
                if m.end() > m.start():
                    k = max(0, bisect_right(starts, m.start()) - 1)
                    rows.append(
                        (aid, outlet, event, actor, m.group(), m.start(), m.end(), k, "", where)
                    )
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def _find_actors(articles, rules, min_articles, n_jobs, scheduler, progress) -> pd.DataFrame:
    texts = articles["text"].tolist()
    chunks = [texts[i : i + CHUNK] for i in range(0, len(texts), CHUNK)]
    where = dict(
        n_jobs=n_jobs,
        scheduler=scheduler,
        progress=progress,
        sizes=[len(p) for p in chunks],
        unit="article",
    )
    lower = _common_words(map_chunks(_case_counts, chunks, desc="actors: common words", **where))
    blocked = {name_key(str(o)) for o in articles["outlet"].unique()}
    events = articles["event"] if "event" in articles else pd.Series(None, index=articles.index)
    # millions of small tuples: the cycle collector would walk them again and again
    with gc_paused():
        found = map_chunks(
            _find_in_chunk,
            [(p, i * CHUNK, lower, blocked, rules) for i, p in enumerate(chunks)],
            desc="actors: names",
            **where,
        )
        frame = _tie_names(found, articles, events, lower)
    frame = frame[~frame["actor"].isin(_modifiers(frame, texts, articles["article_id"]))]
    auto = frame["source"] == "auto"
    n_articles = frame[auto].groupby("actor")["article_id"].nunique()
    keep = ~auto | frame["actor"].map(n_articles).fillna(0).ge(min_articles)
    return (
        frame[keep]
        .reset_index(drop=True)
        .astype({"start": "int64", "end": "int64", "sentence_index": "int64"})
    )


def _merged_variants(keys, surfaces, actors, lower: set[str]) -> list:
    """Full names of people written in more words meet the two-word name the corpus also writes: a middle
    name ("hillary rodham clinton" is "hillary clinton" where that is written too; "kim jong un" stays
    apart from "kim jong il"), and a generational suffix where the name is also written with a middle
    initial, as formal full names are ("Robert S. Mueller III" is "Robert Mueller"; "Donald Trump Jr." is
    not "Donald Trump"). Not for institutions ("senate judiciary committee" is no "senate committee")."""
    written = {k for k, a in zip(keys, actors) if a is None and k}
    two = {k for k in written if len(k.split()) == 2}
    formal = {
        k
        for k, s, a in zip(keys, surfaces, actors)
        if a is None and k and _MIDDLE_INITIAL.search(s)
    }
    merged: dict[str, str] = {}
    for k in written:
        words = k.split()
        if len(words) < 3 or any(w in lower or w in INSTITUTION_WORDS for w in words):
            continue
        if words[-1] in SUFFIXES:
            if k not in formal:
                continue
            words = words[:-1]
        short = f"{words[0]} {words[-1]}"
        if short in two and short != k:
            merged[k] = short
    return (
        [merged.get(k, k) if a is None else k for k, a in zip(keys, actors)]
        if merged
        else list(keys)
    )


def _tie_names(found, articles: pd.DataFrame, events: pd.Series, lower: set[str]) -> pd.DataFrame:
    """The mentions of every chunk, tied together across articles: one row per mention (``MENTION_COLUMNS``).

    Millions of mentions: each step below is a pass over columns, and what depends only on a name (how many
    words it has, its forms) is worked out once per distinct name."""
    raw = []  # RAW_FIELDS
    # names seen capitalised inside a sentence somewhere in the corpus
    mid_sentence: set[str] = set()
    initial_only: set[tuple[int, int]] = set()  # one-word candidates at a sentence start
    for chunk_raw, chunk_mid, chunk_initial in found:
        raw += chunk_raw
        mid_sentence |= chunk_mid
        initial_only |= chunk_initial
    full: dict[str, bool] = {}  # key -> is it a name of several words

    def is_full(key) -> bool:
        if key not in full:
            full[key] = bool(key) and len(key.split()) > 1
        return full[key]

    # a one-word candidate seen only at sentence starts ("Earlier", "Contacts") is a common word, not a name
    if initial_only:
        raw = [
            r
            for r in raw
            if (r[ROW], r[START]) not in initial_only
            or name_key(r[SURFACE]) in mid_sentence
            or is_full(r[KEY])
        ]  # kept when tied to a full name in its article ("Peskov" of "Dmitry Peskov")
    if not raw:
        return pd.DataFrame([], columns=MENTION_COLUMNS)
    # RAW_FIELDS, in order
    rows, starts, ends, surfaces, titles, keys, actors, sources, sentence = zip(*raw)
    del raw
    # across articles: a short form never linked in its article goes to the full name most articles give it
    full_by_word: dict[str, Counter] = defaultdict(Counter)
    shorts: dict[str, list[str]] = {}  # full name -> its words that are short forms of it
    for row, key in dict.fromkeys((row, key) for row, key in zip(rows, keys) if is_full(key)):
        if key not in shorts:
            shorts[key] = [w for w in {key.split()[0], key.split()[-1]} if _short_of(w, key, lower)]
        for w in shorts[key]:
            full_by_word[w][key] += 1
    # short form -> the full name most articles give it, where one clearly leads
    favourite: dict[str, str] = {}
    for short, counts in full_by_word.items():
        ranked = counts.most_common(2)
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            favourite[short] = ranked[0][0]
    keys = [favourite.get(key, key) if actor is None else key for key, actor in zip(keys, actors)]
    keys = _merged_variants(keys, surfaces, actors, lower)
    # each automatic actor is named by its most frequent full form, or its most frequent form if it has none
    any_forms: dict[str, Counter] = defaultdict(Counter)
    full_forms: dict[str, Counter] = defaultdict(Counter)
    for (key, surface), n in Counter(
        (key, surface) for key, surface, actor in zip(keys, surfaces, actors) if actor is None
    ).items():
        any_forms[key][surface] = n
        if is_full(key) and name_key(surface) == key:
            full_forms[key][surface] = n
    names = {
        k: min((full_forms[k] or forms).items(), key=lambda kv: (-kv[1], kv[0]))[0]
        for k, forms in any_forms.items()
    }
    ids, outlets, event_of = (
        articles["article_id"].to_numpy().tolist(),
        articles["outlet"].to_numpy().tolist(),
        events.to_numpy().tolist(),
    )
    columns = (
        [ids[row] for row in rows],
        [outlets[row] for row in rows],
        [event_of[row] for row in rows],
        [actor if actor is not None else names[key] for key, actor in zip(keys, actors)],
        surfaces,
        starts,
        ends,
        sentence,
        titles,
        sources,
    )  # in the order of MENTION_COLUMNS, each inferred
    return pd.DataFrame(
        {
            name: pd.Series(list(values))
            for name, values in zip(MENTION_COLUMNS, columns, strict=True)
        }
    )


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
