"""Mentions tied to actors: a short form to the full name it follows in its article, then one actor per
person or institution across the corpus.

:func:`_find_names` reads a chunk of articles (in a worker process) and gives its raw mentions;
:func:`_tie_names` ties every chunk's mentions together across articles: relatives told apart by their
titles, names run together with a title or place cut, short forms to the full name most articles give
them, middle names, formal suffixes and nicknames met on one key, initials to the name they abbreviate.
docs/methods.md lists each rule with the failure it answers.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from functools import lru_cache
from operator import itemgetter

import numpy as np
import pandas as pd

from .actor_kinds import _INITIALS, gazetteer
from .names import (
    _WORD,
    FEMALE,
    INSTITUTION_WORDS,
    MALE,
    OF_HEADS,
    SUFFIXES,
    TITLE_WORDS,
    _candidates,
    _formal,
    _given_name,
    _nick_namer,
    _person_like,
    _sentence_cased,
    _short_of,
    name_key,
)
from .parallel import gc_paused
from .sentences import split_text

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
    "in_title",
    "kind",
    "kind_rule",
]


#: A raw mention, as the chunks return it, is a plain tuple of these fields, read by the names below: a NamedTuple
#: was measured 5x slower to make and 5x slower to pickle back from the workers (1 M mentions: 0.94 s against
#: 0.18 s, 3.4 s against 0.7 s), and a big corpus has millions.
RAW_FIELDS = (
    "row", "start", "end", "surface", "title", "key", "actor", "source", "sentence", "others", "in_title"
)  # fmt: skip
ROW, START, END, SURFACE, TITLE, KEY, ACTOR, SOURCE, SENTENCE, OTHERS, IN_TITLE = range(
    len(RAW_FIELDS)
)


def _find_in_chunk(chunk) -> tuple[list, set, list]:
    """The raw mentions of one chunk of the corpus (``texts``, ``titles``, the row of its first text, the
    corpus's common words, the codebook rules), with the names it saw capitalised inside a sentence and
    where among the mentions the one-word candidates at a sentence start are."""
    with gc_paused():
        return _find_names(*chunk)


class _FullNames:
    """The names of several words an article has given so far, found by their first word and by their last
    words, latest first: what a short form or a name's last words may stand for, without a scan of them all."""

    __slots__ = ("_latest", "_first", "_ends", "_clock")

    def __init__(self):
        self._clock = 0
        self._latest: dict[str, int] = {}  # key -> when it was last given
        self._first: dict[str, list[str]] = defaultdict(list)
        self._ends: dict[str, list[str]] = defaultdict(
            list
        )  # its last word, its last two words, ...

    def add(self, key: str, words: list[str], formal: bool = False) -> None:
        """Add the name ``key`` (its ``words``); ``formal``: written with a middle initial, where a
        generational suffix is style, not a son ("Davis" of "Thomas M. Davis III", not "Trump" of "Donald
        Trump Jr.", as in :func:`_merged_variants`)."""
        if key not in self._latest:
            self._first[words[0]].append(key)
            if formal and len(words) > 2 and words[-1] in SUFFIXES:
                words = words[:-1]
            for i in range(1, len(words)):
                self._ends[" ".join(words[-i:])].append(key)
        self._clock += 1
        self._latest[key] = self._clock

    def _by_recency(self, keys) -> list[str]:
        return sorted(keys, key=self._latest.__getitem__, reverse=True)

    def ending(self, key: str) -> list[str]:
        """The longer names that end with ``key``'s words, latest first."""
        return self._by_recency(self._ends.get(key, ()))

    def around(self, word: str) -> list[str]:
        """The names that start or end with ``word``, latest first."""
        first, ends = self._first.get(word), self._ends.get(word)
        if not (first and ends):
            keys = first or ends or ()
            return keys if len(keys) < 2 else self._by_recency(keys)
        return self._by_recency({*first, *ends})


def _find_names(texts, titles, first_row, lower, rules) -> tuple[list, set, list]:
    raw = []  # RAW_FIELDS: key None for a codebook actor, actor None for an automatic one
    mid_sentence: set[str] = set()  # names seen capitalised inside a sentence
    initial_at: list[int] = []  # where in raw the one-word candidates at a sentence start are
    known: dict[tuple[str, str], bool] = {}

    def short_of(short: str, full: str) -> bool:  # _short_of, each pair once
        pair = (short, full)
        if pair not in known:
            known[pair] = _short_of(short, full, lower)
        return known[pair]

    people: dict[str, bool] = {}

    def person(key: str) -> bool:  # _person_like, each name once
        if key not in people:
            people[key] = _person_like(key, lower)
        return people[key]

    def holding(short: str, names) -> list[str]:  # the full names that hold a short form, in order
        names = list(names)
        held = [k for k in names if short in k and short_of(short, k)]
        if held or short in lower:
            return held
        # failing its surname, a person's given name alone ("Newt is Newt", "Hillary")
        given = short + " "
        return [k for k in names if k.startswith(given) and person(k)]

    def ending(key: str, names) -> list[str]:  # "wasserman schultz" of "debbie wasserman schultz"
        last = " " + key
        return [k for k in names if k.endswith(last) and person(k)]

    for row, (text, headline) in enumerate(zip(texts, titles), start=first_row):
        spans = split_text(text)
        starts = [s for s, _, _ in spans]
        body = _mentions_in(text, _first_words(spans), lower, rules, mid_sentence)
        first = len(raw)  # where this article's mentions start in raw
        full_names = _FullNames()  # the multi-word names met so far in this article
        heading = _mentions_in(headline, {0}, lower, rules, set()) if headline else []
        # the people the headline names in full, by given name and surname: the article's subjects
        subjects = [
            key
            for _, _, _, _, key, *_ in heading
            if key and key.count(" ") == 1 and _given_name(key.split()[0])
        ]
        for start, end, surface, title, key, actor, source, initial in body:
            others = None
            if key is not None:
                words = key.split()
                longer = ending(key, full_names.ending(key)) if len(words) > 1 else None
                if longer:  # the last words of a longer name met before
                    key = longer[0]
                elif len(words) > 1:
                    full_names.add(key, words, _formal(surface))
                else:  # a short form: the latest full name before it that holds it
                    # only a name that starts or ends with it can hold it
                    near = full_names.around(words[0])
                    held = holding(words[0], near) if near else None
                    # a subject of the headline first, named in the text or not ("Clinton said" after
                    # "Hillary and Bill Clinton" under "Hillary Clinton Releases Tax Returns")
                    if subjects:
                        lead = [k for k in subjects if short_of(words[0], k)]
                        held = lead + [k for k in held or () if k not in lead]
                    if held:
                        key = held[0]
                        others = (
                            tuple(held[1:]) or None
                        )  # where a relative's full name holds it too
            if initial:
                initial_at.append(len(raw))
            raw.append(
                (row, start, end, surface, title, key, actor, source,
                 max(bisect_right(starts, start) - 1, 0), others, False)
            )  # fmt: skip
        if not heading:
            continue
        # a headline's short forms are the article's full names: the first that holds it
        firsts = list(dict.fromkeys(r[KEY] for r in raw[first:] if r[KEY] and " " in r[KEY]))
        for start, end, surface, title, key, actor, source, initial in heading:
            others = None
            if key is not None and " " not in key:
                held = holding(key, firsts)
                if held:
                    key, others = held[0], tuple(held[1:]) or None
            if initial:
                initial_at.append(len(raw))
            raw.append((row, start, end, surface, title, key, actor, source, -1, others, True))
    return raw, mid_sentence, initial_at


#: A quotation mark before a capital: an opening one if curly, or if straight after a space, a bracket or a
#: dash (:func:`_first_words` looks)
_QUOTE_OPENS = re.compile("[\u201c\u2018\"'](?=[A-Z])")
_OPENS_AFTER = frozenset(" \t\n([\u2014\u2013")
#: A full stop, question or exclamation mark (and a closing quotation mark) before a capital: where a sentence
#: may end inside a quotation, which the splitter keeps whole (:func:`_first_words` looks at the word before)
_INNER_ENDS = re.compile('[.!?]["\u201d\u2019]?[ \t]+(?=[A-Z])')


def _first_words(spans: list[tuple[int, int, str]]) -> set[int]:
    """Where the sentences of a text start (``spans``: :func:`analysis.sentences.split_text`'s), and where a
    quotation or a sentence inside one starts: its first word is capitalised whatever it is ("He added,
    \u201cNeedless to say, ..."; "\u201cBut it\u2019s tough. Everybody wants ..."). A sentence inside a
    quotation ends in a word in lower case, never an abbreviation ("Mr.", "Jr.", "U.S.", "Sen.")."""
    first = {s for s, _, _ in spans}
    for s, _, sentence in spans:
        if '"' not in sentence and "\u201c" not in sentence and "\u2018" not in sentence:
            continue  # most sentences quote no one
        for m in _QUOTE_OPENS.finditer(sentence):
            at = m.start()
            if sentence[at] in "\u201c\u2018" or at == 0 or sentence[at - 1] in _OPENS_AFTER:
                first.add(s + m.end())
        for m in _INNER_ENDS.finditer(sentence):
            at = m.start()
            word = sentence[sentence.rfind(" ", 0, at) + 1 : at]
            if len(word) > 1 and word.isalpha() and word.islower():
                first.add(s + m.end())
    return first


def _mentions_in(text, first_words, lower, rules, mid_sentence) -> list:
    """The codebook's matches and the candidate names of one text, in order: ``(start, end, surface, title,
    key, actor, source, initial)``, ``initial`` for one word at a sentence start; a name the codebook matched
    is the codebook's."""
    taken: list[tuple[int, int]] = []
    found = []
    for actor, pattern, where in rules:
        for m in pattern.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), m.end(), m.group(), "", None, actor, where, False))
                taken.append((m.start(), m.end()))
    searched = _sentence_cased(text, lower)
    for start, end, surface, title, key, initial in _candidates(searched, first_words, lower):
        if not (taken and any(start < b and end > a for a, b in taken)):
            found.append((start, end, text[start:end], title, key, None, "auto", initial))
            if not initial:
                mid_sentence.add(key)
    found.sort(key=itemgetter(0))
    return found


def _nickname_pairs(first_words) -> dict[str, set[str]]:
    """``{given name: the given names it is a nickname of, or that are its nicknames}`` among ``first_words``
    ("joe" and "joseph", "chuck" and "charles"), from the ``nicknames`` package's hand-curated table."""
    namer = _nick_namer()
    words = set(first_words)
    out: dict[str, set[str]] = {}
    for w in words:
        related = (namer.nicknames_of(w) | namer.canonicals_of(w)) & words
        if related:
            out[w] = related
    return out


def _without_suffix(key: str) -> str:
    """The two-word name a suffixed one is written as without its suffix and middle names ("cesar sayoc")."""
    words = key.split()
    return f"{words[0]} {words[-2]}"


def _merged_variants(
    written: Counter, keys, surfaces, lower: set[str], apart=frozenset()
) -> dict[str, str]:
    """Full names of people written in more words meet the two-word name the corpus also writes: a middle
    name ("hillary rodham clinton" is "hillary clinton" where that is written too; "kim jong un" stays
    apart from "kim jong il"), and a generational suffix where the name is also written with a middle
    initial, as formal full names are ("Robert S. Mueller III" is "Robert Mueller"), or is in ``apart``:
    never given in an article beside the name without it ("Cesar Sayoc Jr."; "Donald Trump Jr." is not
    "Donald Trump"). A given name meets its nicknames ("Joseph Biden" is "Joe Biden", "Charles Schumer"
    "Chuck Schumer": the form written most wins). Not for institutions ("senate judiciary committee" is
    no "senate committee"). ``written``: how often each name is given (:func:`_written`); returns ``{name:
    the name it meets}``."""
    two = {k for k in written if len(k.split()) == 2 and _person_like(k, lower)}
    dotted = {s for s in set(surfaces) if _formal(s)}
    formal = {k for k, s in zip(keys, surfaces) if s in dotted and k} if dotted else set()
    # nicknames: two-word names with the same surname whose given names are one name's forms
    nick = _nickname_pairs(k.split()[0] for k in written if " " in k)
    same: dict[str, str] = {}  # two-word name -> the form of it written most
    for k in two:
        given, surname = k.split()
        forms = [k, *(f"{g} {surname}" for g in nick.get(given, ()) if f"{g} {surname}" in two)]
        same[k] = min(forms, key=lambda n: (-written[n], n))
    merged: dict[str, str] = {k: v for k, v in same.items() if k != v}
    for k in written:
        words = k.split()
        if len(words) < 3 or any(w in lower or w in INSTITUTION_WORDS for w in words):
            continue
        if words[-1] in SUFFIXES:
            if k not in formal and k not in apart:
                continue
            words = words[:-1]
        short = f"{words[0]} {words[-1]}"
        if short not in two:  # "Joseph R. Biden Jr." where "Joe Biden" is written
            short = next(
                (
                    f"{g} {words[-1]}"
                    for g in sorted(nick.get(words[0], ()))
                    if f"{g} {words[-1]}" in two
                ),
                short,
            )
        if short in two and short != k:
            merged[k] = same.get(short, short)
    return merged


_CONNECTIVES = frozenset({"of", "the", "and", "for", "on", "in", "to"})


def _acronyms(written: Counter, keys, surfaces, rows, capitals: set[str]) -> dict[str, str]:
    """``{initials: full name}``: initials ("aclu", "dnc", "doj") written in an article beside the full name
    they abbreviate ("American Civil Liberties Union", "Department of Justice"), with or without its small
    words; the full name they stand beside in most articles."""
    initials = {k for k in _initials(keys, surfaces, capitals) if 2 <= len(k) <= 6}
    if not initials:
        return {}
    spelled: dict[str, set[str]] = defaultdict(set)  # initials -> full names that spell them
    for k in (k for k in written if " " in k):
        words = k.split()
        for form in (words, [w for w in words if w not in _CONNECTIVES]):
            letters = "".join(w[0] for w in form)
            if letters in initials:
                spelled[letters].add(k)
    if not spelled:
        return {}
    together: Counter = Counter()
    in_article: dict[int, set[str]] = defaultdict(set)
    wanted = set(spelled).union(*spelled.values())
    for row, k in zip(rows, keys):
        if k in wanted:
            in_article[row].add(k)
    for names in in_article.values():
        for short in names & spelled.keys():
            for full in spelled[short] & names:
                together[(short, full)] += 1
    out = {}
    for short, fulls in spelled.items():
        ranked = sorted(((together[(short, f)], f) for f in fulls), key=lambda t: (-t[0], t[1]))
        if ranked and ranked[0][0] > 0:
            out[short] = ranked[0][1]
    return out


def _heads(written: Counter, keys, rows) -> list:
    """An institution's head word written alone ("the House") is the institution "of" something its article
    names ("House of Representatives"), where the article names one such; elsewhere the one the corpus
    names, where it names only one. ``keys`` with those heads replaced; ``written`` (:func:`_written`)
    counts them anew."""
    alone = {k for k in written if k in OF_HEADS}
    if not alone:
        return list(keys)
    head_of = {k: k.split(None, 1)[0] for k in written if " of " in k}  # "house of ..." -> "house"
    of: dict[str, set[str]] = defaultdict(set)  # head -> the "head of ..." names written
    for k, head in head_of.items():
        if head in alone:
            of[head].add(k)
    if not of:
        return list(keys)
    in_article: dict[tuple[int, str], set[str]] = defaultdict(set)
    for row, k in zip(rows, keys):
        if head_of.get(k) in of:
            in_article[(row, head_of[k])].add(k)
    out = list(keys)
    for i, (row, k) in enumerate(zip(rows, keys)):
        if k in of:
            named = in_article.get((row, k)) or of[k]
            if len(named) == 1:
                out[i] = next(iter(named))
                written[k] -= 1
                written[out[i]] += 1
    for k in of:
        if written[k] <= 0:
            del written[k]
    return out


def _inverted(written: Counter) -> dict[str, str]:
    """``{name: the same institution's other form}`` where the corpus writes it both ways round ("justice
    department" and "department of justice", "treasury department" and "department of the treasury"): the
    form written more often names both. ``written``: :func:`_written`."""
    out = {}
    for k in written:
        if " of " not in k:
            continue
        head, rest = k.split(" of ", 1)
        rest = rest.removeprefix("the ")
        if head not in OF_HEADS:  # one word: "department", not "national security council"
            continue
        other = f"{rest} {head}"
        if other in written:
            short, long_ = sorted((k, other), key=lambda n: (-written[n], n))
            out[long_] = short
    return out


def _tails(written, lower: set[str]) -> dict[str, str]:
    """``{key: the person's name it ends in}`` for names run together with what stands before them ("united
    states donald trump", "national intelligence james clapper", "china terry branstad"): the last two
    words are a person's name the corpus writes on its own, and every word before them a common word, an
    institution's word, a title or a place, or one word that is no given name ("crooked hillary clinton";
    "mary ann smith" stays). ``written``: the names given."""
    two = {k for k in written if len(k.split()) == 2 and _person_like(k, lower)}
    places = gazetteer()
    out = {}
    for k in {k for k in written if " " in k}:
        words = k.split()
        tail = " ".join(words[-2:])
        if (
            len(words) >= 3
            and tail in two
            and (
                all(
                    w in lower or w in INSTITUTION_WORDS or w in TITLE_WORDS or w in places
                    for w in words[:-2]
                )
                # one word before a name, and no given name: an epithet ("Crooked Hillary Clinton")
                or (len(words) == 3 and not _given_name(words[0]))
            )
        ):
            out[k] = tail
            continue
        # a place before an institution's name written on its own ("U.S. Supreme Court", "Wisconsin GOP")
        for cut in (1, 2):
            rest = " ".join(words[cut:])
            if cut < len(words) and " ".join(words[:cut]) in places and rest in written:
                out[k] = rest
                break
    return out


def _resolved(keys, titles, others, surfaces) -> list:
    """The full name each ambiguous short form stands for, where its title tells ("Mr. Clinton" after
    "Hillary" and "Bill Clinton" is Bill; "President Trump" after "Melania Trump" is Donald): the latest
    full name in its article whose corpus-wide titles agree (a man's or woman's honorific against the ones
    the name takes where it is alone; a role the name is seen with). Untitled, or where no name agrees,
    the latest full name stays."""
    sex: dict[str, Counter] = defaultdict(Counter)
    roles: dict[str, Counter] = defaultdict(Counter)
    titled = [i for i, title in enumerate(titles) if title]
    for i in titled:
        key, title, other = keys[i], titles[i], others[i]
        if other is None and key:
            t = _plain_title(title)
            if t in MALE or t in FEMALE:
                sex[key]["m" if t in MALE else "f"] += 1
            else:  # "Secretary" is a form of "Secretary of State"
                roles[key][t] += 1
                head = t.split(None, 1)[0]
                if head != t:
                    roles[key][head] += 1
    out = list(keys)
    # full names of persons by their last word, most mentioned first: where a man's or woman's honorific
    # stands before a short form that the article ties to someone of the other sex ("Mr. Clinton" where
    # the article names only Hillary Clinton), the person the corpus knows by it
    written = _written(keys)
    by_last: dict[str, list[str]] = defaultdict(list)
    for k, _ in sorted(
        ((k, n) for k, n in written.items() if " " in k), key=lambda kv: (-kv[1], kv[0])
    ):
        by_last[k.rsplit(None, 1)[-1]].append(k)
    for i in titled:
        key, title, other, surface = keys[i], titles[i], others[i], surfaces[i]
        if not key:
            continue
        t = _plain_title(title)
        if other is None:
            if (t in MALE or t in FEMALE) and " " in key and " " not in name_key(surface):
                mine, theirs = ("m", "f") if t in MALE else ("f", "m")
                if sex[key][theirs] > sex[key][mine]:
                    # someone the corpus gives that honorific, by that surname; else it stays
                    same = by_last[key.rsplit(None, 1)[-1]]
                    out[i] = next((c for c in same if sex[c][mine] > sex[c][theirs]), key)
            continue
        candidates = (key, *other)
        if t in MALE or t in FEMALE:
            mine, theirs = ("m", "f") if t in MALE else ("f", "m")
            fits = [
                c
                for c in candidates
                if sex[c][mine] >= sex[c][theirs] and sex[c][mine] + sex[c][theirs]
            ]
            fits = fits or [c for c in candidates if sex[c][mine] >= sex[c][theirs]]
        else:
            fits = [c for c in candidates if roles[c][t]]
        if fits:
            out[i] = fits[0]
    return out


@lru_cache(maxsize=1 << 14)
def _plain_title(title: str) -> str:
    """A title as the rules above compare it: lower case, no full stops, no "former"."""
    t = title.lower().replace(".", "").strip()
    return re.sub(r"^(?:former|then|acting|the)\s+", "", t)


def _tie_names(found, articles: pd.DataFrame, events: pd.Series, lower: set[str]) -> pd.DataFrame:
    """The mentions of every chunk, tied together across articles: one row per mention (``MENTION_COLUMNS``
    but the kinds).

    Millions of mentions: each step below is a pass over columns, and what depends only on a name (how many
    words it has, its forms) is worked out once per distinct name."""
    raw = []  # RAW_FIELDS
    # names seen capitalised inside a sentence somewhere in the corpus
    mid_sentence: set[str] = set()
    initial_at: list[int] = []  # where the one-word candidates at a sentence start are in raw
    for chunk_raw, chunk_mid, chunk_initial in found:
        initial_at += [len(raw) + i for i in chunk_initial]
        raw += chunk_raw
        mid_sentence |= chunk_mid
    full: dict[str, bool] = {}  # key -> is it a name of several words

    def is_full(key) -> bool:
        if key not in full:
            full[key] = bool(key) and len(key.split()) > 1
        return full[key]

    # a one-word candidate seen only at sentence starts ("Earlier", "Contacts") is a common word, not a name
    # (kept when tied to a full name in its article: "Peskov" of "Dmitry Peskov")
    dropped = [
        i
        for i in initial_at
        if name_key(raw[i][SURFACE]) not in mid_sentence and not is_full(raw[i][KEY])
    ]
    if dropped:
        raw = _without(raw, dropped)
    # a headline names the actors its article's text names, or that other texts name: it makes none of its own
    in_text = {r[KEY] for r in raw if not r[IN_TITLE] and r[KEY]}
    raw = [r for r in raw if not r[IN_TITLE] or r[KEY] is None or r[KEY] in in_text]
    if not raw:
        return pd.DataFrame([], columns=MENTION_COLUMNS[:-2])
    # RAW_FIELDS, in order
    rows, starts, ends, surfaces, titles, keys, actors, sources, sentence, others, in_title = zip(
        *raw
    )
    del raw
    keys = _resolved(keys, titles, others, surfaces)
    # how often each name is given: counted once, then carried through each join below
    written = _written(keys)
    # names run together with a title or place before them give the person's name, and their offsets
    tails = _tails(written, lower)
    if tails:
        starts, surfaces = list(starts), list(surfaces)
        for i, (key, actor) in enumerate(zip(keys, actors)):
            if actor is None and key in tails and name_key(surfaces[i]) == key:
                cut = _tail_offset(surfaces[i], tails[key])
                starts[i] += cut
                surfaces[i] = surfaces[i][cut:]
        keys, written = _joined(keys, written, tails)
    # across articles: a short form never linked in its article goes to the full name most articles give it
    full_by_word: dict[str, Counter] = defaultdict(Counter)
    shorts: dict[str, list[str]] = {}  # full name -> its words that are short forms of it
    # initials ("GOP") are no one's surname: "Beltway GOP" does not take every "GOP"
    capitals = _initial_forms(surfaces)
    initials = _initials(keys, surfaces, capitals)
    several = {k for k in written if is_full(k)}
    # a suffixed name no article gives beside the name without it is that name ("Cesar Sayoc Jr."); beside
    # it, someone else ("Jesse Jackson Jr.")
    suffixed = {k for k in several if k.count(" ") > 1 and k.rsplit(" ", 1)[-1] in SUFFIXES}
    beside: set[str] = set()
    pairs = dict.fromkeys((row, key) for row, key in zip(rows, keys) if key in several)
    for row, key in pairs:
        if key in suffixed and (row, _without_suffix(key)) in pairs:
            beside.add(key)
        if key not in shorts:
            shorts[key] = [
                w
                for w in {key.split()[0], key.split()[-1]}
                if w not in initials and _short_of(w, key, lower)
            ]
        for w in shorts[key]:
            full_by_word[w][key] += 1
    # short form -> the full name most articles give it, where one clearly leads
    favourite: dict[str, str] = {}
    for short, counts in full_by_word.items():
        ranked = counts.most_common(2)
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            favourite[short] = ranked[0][0]
    keys, written = _joined(keys, written, favourite)
    variants = _merged_variants(written, keys, surfaces, lower, suffixed - beside)
    keys, written = _joined(keys, written, variants)
    keys, written = _joined(keys, written, _acronyms(written, keys, surfaces, rows, capitals))
    keys = _heads(written, keys, rows)
    keys, written = _joined(keys, written, _inverted(written))
    # each automatic actor is named by its most frequent full form, or its most frequent form if it has none
    any_forms: dict[str, Counter] = defaultdict(Counter)
    full_forms: dict[str, Counter] = defaultdict(Counter)
    for (key, surface), n in Counter(zip(keys, surfaces)).items():
        if key is None:  # a codebook's actor
            continue
        any_forms[key][surface] = n
        if is_full(key) and name_key(surface) == key:
            full_forms[key][surface] = n
    names = {
        k: min((full_forms[k] or forms).items(), key=lambda kv: (-kv[1], kv[0]))[0]
        for k, forms in any_forms.items()
    }
    at = np.fromiter(rows, np.int64, len(rows))
    columns = (
        _by_row(articles["article_id"], at),
        _by_row(articles["outlet"], at),
        _by_row(events, at),
        [actor if actor is not None else names[key] for key, actor in zip(keys, actors)],
        surfaces,
        starts,
        ends,
        sentence,
        titles,
        sources,
        in_title,
    )  # in the order of MENTION_COLUMNS, each inferred
    numbers = {"start": np.int64, "end": np.int64, "sentence_index": np.int64, "in_title": bool}
    return pd.DataFrame(
        {
            name: values
            if isinstance(values, pd.Series)
            else np.fromiter(values, numbers[name], len(values))
            if name in numbers
            else pd.Series(list(values))
            for name, values in zip(MENTION_COLUMNS[:-2], columns, strict=True)
        }
    )


def _by_row(column: pd.Series, rows: np.ndarray) -> pd.Series:
    """An article column's value for each mention (``rows``: the articles' positions), as a series of its
    values read back as Python objects would infer it; a column of strings is taken as it is, without that
    round trip (millions of mentions)."""
    if column.dtype == "str":
        return column.take(rows).reset_index(drop=True)
    return pd.Series(column.to_numpy()[rows].tolist())


def _without(rows: list, dropped: list[int]) -> list:
    """``rows`` but those at the positions ``dropped`` (ascending), copied a stretch at a time."""
    kept, previous = [], 0
    for i in dropped:
        kept += rows[previous:i]
        previous = i + 1
    return kept + rows[previous:]


def _joined(keys, written: Counter, into: dict[str, str]) -> tuple[list, Counter]:
    """``keys`` and their counts ``written`` with the names of ``into`` replaced by the names it joins them
    to; the counts from the old ones', not counted again (millions of mentions)."""
    if not into:
        return keys, written
    joined: Counter = Counter()
    for k, n in written.items():
        joined[into.get(k, k)] += n
    return list(map(into.get, keys, keys)), joined


def _written(keys) -> Counter:
    """How often each automatic name's key is given (a codebook's mentions have none)."""
    written = Counter(keys)
    written.pop(None, None)
    return written


def _initial_forms(surfaces) -> set[str]:
    """The forms written as initials ("GOP", "F.B.I.")."""
    return {s for s in set(surfaces) if s.isupper() and _INITIALS.fullmatch(s)}


def _initials(keys, surfaces, written: set[str]) -> set[str]:
    """The one-word keys written as initials (``written``: :func:`_initial_forms` of ``surfaces``)."""
    if not written:
        return set()
    return {k for k, s in zip(keys, surfaces) if s in written and k and " " not in k}


def _tail_offset(surface: str, tail: str) -> int:
    """Where the words of ``surface`` that make ``tail`` (a key) start."""
    words = list(_WORD.finditer(surface))
    n = len(tail.split())
    return words[-n].start() if len(words) >= n else 0
