"""Proper names in one text: the candidate phrases, the titles split off them, and the key each name is
known by.

:func:`_candidates` finds the proper-name phrases of a text (capitalised words, with particles such as "al-",
"bin", "de", middle initials and initials with full stops), gives the several names a phrase may hold (at a
possessive, in a compound, before a title inside it), and splits titles and honorifics off each name;
:func:`name_key` is the key spelling variants meet on. What decides that a word is a name, a title or a common
word lives here too: the word lists, and the corpus's own case counts. :mod:`analysis.linking` ties the names
to actors; :mod:`analysis.actors` is the public interface.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from .sentences import OPENING

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
        "Director of National Intelligence",
        "Secretary of Homeland Security",
        "Secretary of Defense",
        "Secretary of the Treasury",
        "Treasury Secretary",
        "National Security Adviser",
        "Chief of Staff",
        "Whip",
        "CEO",
        "Chief",
        "Sheriff",
        "Deputy",
        "Acting",
        "Commander",
        "Counsel",
        "Adviser",
        "Advisor",
        "Congressman",
        "Congresswoman",
        "Chair",
        "Founder",
        "Host",
        "Anchor",
        "Attorney",
        "Officer",
        "Inspector",
        "Superintendent",
        "Premier",
        "Emir",
        "Rabbi",
        "Imam",
        "Bishop",
        "Cardinal",
        "Archbishop",
        "Envoy",
        "Strategist",
        "Pollster",
        "Nominee",
        "Captain",
        "Capt.",
        "Lieutenant",
        "Sergeant",
        "Colonel",
        "Detective",
        "Agent",
        "Editor",
        # plurals before several names ("Presidents Bush and Obama", "Sens. McCain and Graham")
        "Presidents",
        "Senators",
        "Sens.",
        "Representatives",
        "Reps.",
        "Governors",
        "Govs.",
        "Generals",
        "Justices",
        "Judges",
        "Ambassadors",
    ],
    key=len,
    reverse=True,
)
TITLE_WORDS = frozenset(t.lower().rstrip(".") for t in TITLES if " " not in t)  # one-word titles
#: Honorifics that say a person's sex, and nothing of their role: they tell a husband from a wife.
MALE = frozenset({"mr", "sir", "king", "prince", "lord"})
FEMALE = frozenset(
    {"mrs", "ms", "miss", "madam", "queen", "princess", "lady", "dame", "first lady"}
)
#: Words that may start a name though scikit-learn counts them stop words ("Bill Clinton").
NAME_STOP_WORDS = ENGLISH_STOP_WORDS - {"bill", "may"}
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
#: Function words a headline capitalises after a name ("Justice Department As 'Deep State'"), that no name
#: ends in (some stop words do: "Kim Jong Un").
_LINKING_WORDS = frozenset(
    "as at by for from in into of on or and to with is are was be after before over".split()
)
#: Words that open a place's name ("West Virginia"), never a person's, though some are given names.
COMPASS = frozenset(
    {"north", "south", "east", "west", "central", "northern", "southern", "eastern", "western"}
)
_CONTRACTION = re.compile(r"['\u2019](?:m|re|ve|ll|d|t)$", re.I)
_PARTY_STATE = re.compile(r"^[DRI]-[A-Z]")
#: Words of the calendar: after a name they date it ("CNN Friday"), unless the name is quoted whole.
CALENDAR = frozenset(
    "january february march april may june july august september october november december jan feb mar apr jun "
    "jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday today yesterday "
    "tomorrow tonight".split()
)
NOT_NAMES = CALENDAR | frozenset(
    "mr mrs ms dr read more see also advertisement update updated photo video image getty reuters ap afp "
    "associated press".split()
)
_CAP = r"[A-Z][A-Za-z\u00C0-\u024F'\u2019]*(?:-[A-Za-z\u00C0-\u024F][a-z\u00C0-\u024F'\u2019]*)*"
_PART = r"(?:al|el|bin|ibn|bint|abu|de|da|di|del|della|dos|das|van|von|der|den|la|le|du)"
# "F.B.I.", "U.S.": initials with full stops, one word of a name
_ACRONYM = r"(?:[A-Z]\.){2,}(?![A-Za-z])"
_NAME = (
    rf"(?:{_ACRONYM}|(?:{_PART}-)?{_CAP})"
    rf"(?:(?:[ \t]+|[ \t]*-[ \t]*)(?:[A-Z]\.[ \t]+)?(?:{_PART}[ \t]+)*(?:{_ACRONYM}|(?:{_PART}-)?{_CAP}))*"
)
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


SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_MIDDLE_INITIAL = re.compile(r"\s[A-Z]\.\s")


def _formal(surface: str) -> bool:
    """Is a name written with a middle initial ("Robert S. Mueller III"), as formal full names are, where a
    generational suffix is style rather than a son's?"""
    return ". " in surface and _MIDDLE_INITIAL.search(surface) is not None


_DOTTED = re.compile(r"[a-z](?:\.[a-z])+\.?")


@lru_cache(maxsize=1 << 18)
def name_key(name: str) -> str:
    """The key spelling variants share: lowercase, no hyphens, particles or middle initials, no possessive;
    initials lose their full stops ("F.B.I." is "fbi"); " & " is "and" ("AT&T" stays)."""
    if " & " in name:
        name = name.replace(" & ", " and ")
    words = re.split(r"[\s\-]+", _POSSESSIVE.sub("", name.strip()).lower())
    words = [w.replace(".", "") if _DOTTED.fullmatch(w) else w.rstrip(".") for w in words if w]
    core = [w for w in words if w not in PARTICLES and not (len(w) == 1 and w.isalpha())]
    return " ".join(core or words)


def _case_counts(texts) -> tuple[Counter, Counter]:
    """How often each word is written in lower case, and capitalised, in ``texts``; not in headline-style
    lines ("Trump Accuses Former Clinton Aide"), where capitals say nothing of a word."""
    kept = []
    for text in texts:
        lines = text.split("\n")
        # most lines end in a full stop: only the others can be headlines (the test before the call, as in
        # _headline_line, spares a call for each line)
        heads = {
            i
            for i, line in enumerate(lines)
            if line and line[-1] not in _LINE_ENDS and _headline_line(line)
        }
        kept.append(
            "\n".join(line for i, line in enumerate(lines) if i not in heads) if heads else text
        )
    # the texts' words counted together, then each distinct word's case looked at once
    words = Counter(_CASED_WORD.findall("\n".join(kept)))
    lower, upper = Counter(), Counter()
    for w, n in words.items():
        if w[0].isupper():
            upper[w.lower()] += n
        else:
            lower[w] = n
    return lower, upper


_CASED_WORD = re.compile(r"(?<![\w'\u2019-])[A-Za-z][a-z'\u2019-]+")
#: What a line of running text ends in, and a headline does not.
_LINE_ENDS = (".", "!", "?", '"', "\u201d")


def _common_words(counts) -> set[str]:
    """Words the corpus writes in lower case more often than capitalised: common words, not names.
    ``counts``: :func:`_case_counts` of each chunk of the corpus."""
    lower, upper = Counter(), Counter()
    for chunk_lower, chunk_upper in counts:
        lower.update(chunk_lower)
        upper.update(chunk_upper)
    return {w for w, n in lower.items() if n > upper.get(w, 0)}


def _candidates(text: str, sentence_starts: set[int], lower: set[str]) -> list:
    """``(start, end, name, title, key, initial)`` for each proper-name phrase of one text, titles split off:
    ``key`` is :func:`name_key` of the name, ``initial`` whether it is one word at a sentence start.

    A phrase gives several names where it holds several: at a possessive ("North Korea's Kim"), in a
    compound of names ("the Trump-Abe summit", "pro-Trump"), and before a title ("CIA Director John
    Brennan" names the CIA too, "Russian President" names no one)."""
    out: list = []
    done = 0  # where the names taken so far end
    # where the next name must start and the title the phrase before it ended in ("Among Mrs. Clinton")
    carried = None
    for m in CANDIDATE.finditer(text):
        if done and m.start() < done:
            continue
        title, name = m.group("title", "name")
        at = m.start("name")
        done = m.end()
        if title and name.split(None, 1)[0].lower() in AGENCY_HEADS:
            at, name, title = m.start(), m.group(), None  # "the Justice Department"
        if carried and not title and carried[0] == at:
            title = carried[1]
        carried = None
        # "Department of Justice", "House of Representatives"
        if name.endswith(_OF_HEAD_ENDINGS) and name[name.rfind(" ") + 1 :] in _OF_HEAD_WORDS:
            tail = _OF_TAIL.match(text, done)
            if tail:
                name = text[at : tail.end()]
                done = tail.end()
        if text.startswith(_FOLLOWED, done):  # most names are followed by none of these
            if text[done] == ".":
                carried = _title_ending(text, name, done)
            elif text.startswith(" party", done):
                # "the Republican party": a party's adjective before "party" in lower case is the party
                if (
                    not text[done + 6 : done + 7].isalpha()
                    and " " not in name
                    and name.endswith(MODIFIER_ENDINGS)
                ):
                    name = text[at : done + 6]
                    done += 6
            else:  # "Fish and Wildlife Service", "Bill and Melinda Gates Foundation"
                tail = _AND_TAIL.match(text, done)
                if tail and tail.group(1).lower() in AND_ENDS:
                    name = text[at : tail.end()]
                    done = tail.end()
        # a show's name in quotation marks keeps its weekday ("Fox News Sunday"; else "CNN Friday" is CNN)
        if at and text[at - 1] in OPENING and " " in name and _quoted_title(text, at, name, done):
            out.append((at, done, name, title or "", name_key(name), False))
            continue
        # a possessive or a hyphen may join several names; most phrases have neither
        if "-" not in name and "'" not in name and "\u2019" not in name:
            plain = _plain(name, title)
            if plain is None:  # no name
                continue
            if plain is False:  # the text around it tells
                _named(out, text, at, name, title, sentence_starts, lower)
                continue
            offset, length, surface, title, key, single = plain
            at += offset
            initial = single and at in sentence_starts
            if not (initial and key in lower):  # as in _named
                out.append((at, at + length, surface, title, key, initial))
            continue
        for offset, piece in _pieces(name):
            _named(out, text, at + offset, piece, title, sentence_starts, lower)
            title = None  # the title stands before the first piece only
    if "-" in text and any(p in text for p in _PREFIX_HINTS):
        for m in _PREFIXED.finditer(text):  # "pro-Trump", "anti-Trump"
            _named(out, text, m.start(1), m.group(1), None, sentence_starts, lower)
    return out


def _quoted_title(text: str, at: int, name: str, end: int) -> bool:
    """Is ``name`` (``text[at:end]``, after an opening quotation mark) quoted whole, its closing mark after it
    or after a comma or full stop, and ended by a calendar word: a show ("Fox News Sunday")?"""
    close = text[end : end + 1]
    if close and close in ",.":
        close = text[end + 1 : end + 2]
    return close == OPENING[text[at - 1]] and name[name.rfind(" ") + 1 :].lower() in CALENDAR


def _title_ending(text: str, name: str, end: int):
    """``(where the next name starts, the title)`` where a phrase ends in an abbreviated title ("Mrs" of
    "Among Mrs. Clinton", "Gov" of "Texas Gov. Greg Abbott"): the pattern stops at its full stop, so the
    title would be lost to the name after it (``end``: where the phrase ends, before ". "). Else None."""
    last = name[name.rfind(" ") + 1 :]
    if not _is_title(last):
        return None
    after = end + 2
    while text.startswith(" ", after):
        after += 1
    return after, last + "."


#: Words that make the title before them part of an institution's name ("Justice Department").
AGENCY_HEADS = frozenset(
    "department ministry office bureau agency committee commission council court".split()
)
#: Last words of institutions' names that go on with "of" ("Department of Justice", "Bank of America").
OF_HEADS = frozenset(
    "department university house bank school college institute ministry office bureau court board council "
    "commission league federation association academy chamber church society union museum".split()
)
_OF_HEAD_WORDS = frozenset(w.capitalize() for w in OF_HEADS)
_OF_HEAD_ENDINGS = tuple(sorted(_OF_HEAD_WORDS))
#: What may follow a matched phrase and change it: an abbreviated title's full stop, an institution's "and".
_FOLLOWED = (". ", " and ", " & ", " party")
#: Last words of institutions' names that hold an "and" ("Fish and Wildlife Service").
AND_ENDS = frozenset(
    "service services department administration commission association institute agency bureau council "
    "committee foundation fund society center centre".split()
)
_AND_TAIL = re.compile(rf"[ \t]+(?:and|&)[ \t]+(?:{_CAP}[ \t]+)*({_CAP})")
_OF_TAIL = re.compile(rf"(?:[ \t]+of[ \t]+(?:the[ \t]+)?{_CAP}(?:[ \t]+{_CAP})*)+")
_PREFIX_HINTS = ("pro-", "anti-", "non-", "ex-", "post-", "pre-")
_PREFIXED = re.compile(r"(?<![\w'\u2019-])(?:pro|anti|non|ex|post|pre)-([A-Z][a-z]+)(?![\w-])")
_HYPHENATED = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)+")


@lru_cache(maxsize=1 << 18)
def _pieces(name: str) -> tuple[tuple[int, str], ...]:
    """The names a matched phrase holds, with their offsets into it: the phrase cut after a possessive word
    and each word that joins names by a hyphen ("Trump-Abe", "Trump-Russia") or ends in an English word
    ("Trump-related", "Obama-era") given apart. Hyphenated given names ("Jean-Claude", "Jong-un",
    "Jae-in") and particles ("al-Assad") stay whole."""
    out: list[tuple[int, str]] = []
    start = 0
    words = list(_WORD.finditer(name))
    for k, w in enumerate(words):
        word = w.group()
        # names joined by a hyphen where the phrase is that one word ("the Trump-Abe summit"); inside a
        # longer name, a hyphen joins its parts ("Kim Jong-Un"), unless an English word ends it
        parts = _compound_parts(word, alone=len(words) == 1)
        if parts is not None and len(parts) == 1 and k > 0 and parts[0][0] == 0:
            # an English word ends the phrase's last name ("Tea Party-backed"): the name before it is whole
            out.append((start, name[start : w.start() + len(parts[0][1])]))
            start = w.end() + 1
        elif parts is not None:
            if w.start() > start:
                out.append((start, name[start : w.start()].rstrip()))
            out += [(w.start() + i, part) for i, part in parts]
            start = w.end() + 1
        elif _POSSESSIVE.search(word) and k < len(words) - 1:
            out.append((start, name[start : w.end()]))
            start = words[k + 1].start()
    if start < len(name):
        out.append((start, name[start:]))
    return tuple((i, p) for i, p in out if p.strip())


#: Words a compound ends in that make the name before them a modifier ("Trump-related", "Obama-era").
COMPOUND_ENDINGS = frozenset(
    "related era backed led style appointed aligned allied linked like friendly leaning supporting owned "
    "based sponsored funded inspired nominated controlled affiliated dominated endorsed brokered run "
    "type esque ish".split()
)


def _compound_parts(word: str, alone: bool = True):
    """``[(offset, part)]`` of the names in a hyphenated word that joins several ("Trump-Abe": both; "Trump-
    related": "Trump"), or None where the word is one name ("Jean-Claude", "Jong-un", "al-Assad")."""
    word = _POSSESSIVE.sub("", word)
    if "-" not in word or not _HYPHENATED.fullmatch(word):
        return None
    parts, at = [], 0
    for part in word.split("-"):
        parts.append((at, part))
        at += len(part) + 1
    if parts[0][1].lower() in PARTICLES:
        return None
    if all(p[:1].isupper() and len(p) > 1 for _, p in parts):
        if not alone:
            return None
        # "Trump-Abe", "US-Russia"; not "Jean-Claude" (a given name: one of its parts is never written
        # alone as a name, which the caller cannot know; two-part given names are rare in the news
        # against "Trump-Russia", and "Jean-Claude Juncker" is followed by a surname, kept whole below)
        return None if _GIVEN_PAIR.fullmatch(word) else parts
    tail = parts[-1][1]
    if tail.islower() and tail in COMPOUND_ENDINGS:
        names = [(i, p) for i, p in parts[:-1] if p[:1].isupper()]
        return names or None
    return None


_GIVEN_PAIR = re.compile(
    r"(?:Jean|Marie|Anne|Jose|Juan|Ana|Maria|Pierre|Paul|Louis|Hans|Karl)-[A-Z][a-z]+"
)


def _named(out: list, text, start, name, title, sentence_starts, lower) -> None:
    """Add to ``out`` the candidates of one piece of a phrase (see :func:`_candidates`), at ``start`` in
    ``text``."""
    info = _name_info(name)
    if info is None:
        return
    first_at, first, stem, opener, second_at = info
    # a verb or adverb opening the sentence is not part of the name ("Following Trump's visit")
    if opener is not None and start + first_at in sentence_starts and opener in lower:
        _named(out, text, start + second_at, name[second_at:], title, sentence_starts, lower)
        return
    before = None  # a title of several words that the first word ends ("Secretary of State Rex Tillerson")
    if stem:
        found = TITLE_BEFORE.search(
            text, max(0, start + first_at - 40), start + first_at + len(stem)
        )
        before = found and found.group() + first[len(stem) :]
    shaped = _shaped(name, title, before)
    if shaped is None:
        return
    offset, length, surface, title, key, single, prefix = shaped
    if prefix is not None:  # "CIA" of "CIA Director John Brennan"
        _prefix_name(out, text, start, name, prefix, sentence_starts, lower)
    at = start + offset
    initial = single and at in sentence_starts
    # one capitalised word at a sentence start that the corpus also writes in lower case: a common word
    if initial and key in lower:
        return
    out.append((at, at + length, surface, title, key, initial))


@lru_cache(maxsize=1 << 18)
def _plain(name: str, title: str | None):
    """What :func:`_named` makes of a name whose text around it does not count (most names): ``(offset,
    length, surface, title, key, single)``; None where it is no name; False where the text around it may
    count (a sentence-opening verb, a title ending in its first word, a name before a title inside it)."""
    info = _name_info(name)
    if info is None:
        return None
    if info[2] or info[3] is not None:  # stem, opener
        return False
    shaped = _shaped(name, title, None)
    if shaped is None:
        return None
    return False if shaped[-1] is not None else shaped[:-1]


@lru_cache(maxsize=1 << 18)
def _name_info(name: str):
    """What :func:`_named` reads of a name alone, or None where no word of it can be a name: ``(first_at,
    first, stem, opener, second_at)``: the first word and its offset; ``stem``, the first word where a
    title of several words can end in it (see below), else ``""``; ``opener``, the first word in lower case
    where it may be a verb or adverb opening the sentence, else None; the second word's offset."""
    words = _name_words(name)
    if not words:
        return None
    first_at, first = words[0]
    # only then can TITLE_BEFORE end where the first word ends: the word follows a space or a character
    # that is not a letter, and those titles' last words are all letters, so such a title ends inside it;
    # "Secretary of State-designate Mike Pompeo": the title's last word with "-designate" or "-elect"
    stem = first.rsplit("-", 1)[0] if first.endswith(("-designate", "-elect")) else first
    stem = stem if stem.endswith(_TITLE_LAST_WORDS) else ""
    several = len(words) > 1
    opener = first.lower() if several and first.lower().endswith(_OPENERS) else None
    return first_at, first, stem, opener, words[1][0] if several else 0


def _prefix_name(out: list, text, start, name, prefix, sentence_starts, lower) -> None:
    """The name before a title inside a phrase, where it is one: common words at its end dropped
    ("Senate Majority" of "Senate Majority Leader" is the Senate), never an adjective of one word
    ("Russian" of "Russian President")."""
    words = [(i, w) for i, w in _name_words(name[:prefix]) if i < prefix]
    if words and words[-1][1].lower() in _TITLE_HEADS:  # "Prime" of "Israeli Prime Minister"
        words = words[:-1]
    while words and (words[-1][1].lower() in lower or words[-1][1].lower() in TITLE_WORDS):
        words = words[:-1]
    if not words:
        return
    if (
        len(words) == 1
        and words[0][1].lower().endswith(MODIFIER_ENDINGS)
        and not words[0][1].isupper()
    ):
        return
    offset = words[0][0]
    surface = name[offset : words[-1][0] + len(words[-1][1])]
    key = name_key(surface)
    if not key or key in NOT_NAMES or key in NAME_STOP_WORDS:
        return
    at = start + offset
    single = " " not in key
    if single and at in sentence_starts and key in lower:
        return
    out.append((at, at + len(surface), surface, "", key, single and at in sentence_starts))


#: First words of titles of several words ("Prime" of "Prime Minister", "Majority" of "Majority Leader").
_TITLE_HEADS = frozenset(t.split()[0].lower() for t in TITLES if " " in t) - {"house", "white"}
#: Endings of the verbs and adverbs that open sentences ("Following", "Asked", "Earlier", "Separately").
MODIFIER_ENDINGS = ("an", "ic", "ish", "ese", "i")
_OPENERS = ("ing", "ed", "ly")
#: Calendar words that are also surnames and given names ("Theresa May", "April Ryan"): a name where they
#: follow a given name or a title.
NAME_OR_MONTH = frozenset({"may", "june", "april", "august"})


@lru_cache(maxsize=1 << 18)
def _name_words(name: str) -> tuple[tuple[int, str], ...]:
    """The words of a matched name (offsets into it) that can be a name, or ``()`` when none can: what
    :func:`_candidates` makes of a name before the text around it counts. Depends on the name alone."""
    if " " not in name and "\t" not in name and name.lower() in NAME_STOP_WORDS:
        return ()  # one word, a stop word ("The", "But"): the steps below would drop it whatever else it is
    words = [(w.start(), w.group()) for w in _WORD.finditer(name)]
    if any(_CONTRACTION.search(w) or _PARTY_STATE.match(w) for _, w in words):
        return ()  # I'm, We're; D-Calif.
    # calendar words and leading function words are not part of a name ("CNN Friday", "But Trump"), but a
    # month that ends a name after a given name is its surname ("Theresa May")
    words = [
        (i, w)
        for k, (i, w) in enumerate(words)
        if name_key(w) not in NOT_NAMES
        or (name_key(w) in NAME_OR_MONTH and len(words) == 1)  # a title may stand before it
        or (
            name_key(w) in NAME_OR_MONTH
            and k == len(words) - 1
            and k > 0
            and name_key(words[k - 1][1]) not in NOT_NAMES
            and words[k - 1][1].lower() not in NAME_STOP_WORDS
        )
    ]
    while words and words[0][1].lower() in NAME_STOP_WORDS:
        words = words[1:]  # "But Trump", "The White House"
    while len(words) > 1 and words[-1][1].lower() in _LINKING_WORDS:
        words = words[:-1]  # "Justice Department As" of a headline
    return tuple(words)


@lru_cache(maxsize=1 << 18)
def _shaped(name: str, title: str | None, before: str | None):
    """``(offset, length, surface, title, key, single, prefix)`` of a matched name (``offset`` into it) with
    the title the pattern matched before it and the title of several words its first word ends (``before``,
    see :func:`_candidates`), or None when it is not a name; ``prefix``: where the title inside the phrase
    starts, when words stand before it ("CIA" of "CIA Director John Brennan"), else None. Depends on these
    three alone."""
    words = list(_name_words(name))
    title = (title or "").strip()
    if before:
        title = before
        # "Secretary of State Rex Tillerson", cut by the regular expression at "of"
        words = words[1:]
    # a title inside the phrase ("Russian President Vladimir Putin", "FBI Director James Comey"): the name
    # is what follows the last title word; trailing title words ("Texas Gov") are dropped
    # a word after "of" is no title ("Department of Justice")
    after_of = {k for k, (i, _) in enumerate(words) if re.search(r"\bof\s+(?:the\s+)?$", name[:i])}
    # a title's word after a given name is a surname ("Steve King", "Larry King")
    surname = len(words) - 1 if _surname(words) else None
    while words and (
        (_is_title(words[-1][1]) and len(words) - 1 not in after_of and len(words) - 1 != surname)
        or len(words[-1][1]) == 1
    ):
        words = words[:-1]  # "Texas Gov"; "Republican U" (of "U.S.")
    inner = [
        k for k, (_, w) in enumerate(words) if _is_title(w) and k not in after_of and k != surname
    ]
    if inner and inner[-1] + 1 < len(words) and words[inner[-1] + 1][1].lower() in AGENCY_HEADS:
        inner.pop()  # "Justice Department", "Sheriff Department": the word names the institution
    prefix = None
    if inner:
        cut = inner[-1] + 1
        if inner[0] > 0:
            prefix = words[inner[0]][0]
        title = " ".join([title] * bool(title) + [w for _, w in words[:cut]])
        words = words[cut:]
    if not words:
        return None
    offset = words[0][0]
    surface = _POSSESSIVE.sub("", name[offset : words[-1][0] + len(words[-1][1])])
    key = name_key(surface)
    if not key or all(w in TITLE_WORDS for w in key.split()):
        return None
    if key.rsplit(" ", 1)[-1] in LAW_ENDS:  # "the Affordable Care Act", "the Fifth Amendment": laws
        return None
    single = len(key.split()) == 1
    if key in NOT_NAMES and not (single and key in NAME_OR_MONTH and title):
        return None  # "May", unless a title stands before it ("Prime Minister May")
    if single and (key in NAME_STOP_WORDS or len(key) < 2 or key in PARTY_MEMBER):
        return None  # "a Democrat from Ohio" says what someone is, not who
    if single and surface.isupper() and len(surface) > 6:  # a shouted headline word, not an acronym
        return None
    return offset, len(surface), surface, title, key, single, prefix


PARTY_MEMBER = frozenset({"democrat", "republican", "independent", "libertarian"})
#: The last words of the names of laws and treaties, which are no actors.
LAW_ENDS = frozenset({"act", "amendment", "treaty"})


def _is_title(word: str) -> bool:
    """A title word: "President", "Gov.", "Secretary-designate", "President-elect"."""
    w = word.lower().rstrip(".")
    return w in TITLE_WORDS or w.endswith(("-designate", "-elect"))


def _common(word: str, lower: set[str]) -> bool:
    """A word of a name that makes it no person's: an institution's word, or a common word other than a
    short function word some names hold ("in" of "Moon Jae-in")."""
    return word in INSTITUTION_WORDS or (word in lower and word not in NAME_STOP_WORDS)


def _common_in(words: list[str], lower: set[str]) -> bool:
    """Does a name of ``words`` hold a common word (:func:`_common`)? A given name that is also a common word
    ("Bill Clinton", "Mark Kelly") opens a person's name as any other does."""
    first, *rest = words
    return any(_common(w, lower) for w in rest) or (
        _common(first, lower) and not (rest and first not in COMPASS and _given_name(first))
    )


def _surname(words) -> bool:
    """Is the last of ``words`` (``(offset, word)``, its last a title's word) a surname: a word written in
    full, no abbreviation ("Arizona Gov"), after a given name ("Steve King", "Larry King")?"""
    if len(words) < 2:
        return False
    last = words[-1][1]
    given = [w for _, w in words[:-1] if len(w.rstrip(".")) > 1]  # initials aside ("Peter T. King")
    return bool(given) and len(last) > 3 and last.isalpha() and _given_name(given[-1].lower())


@lru_cache(maxsize=1 << 14)
def _given_name(word: str) -> bool:
    """Is ``word`` (lower case) a given name of the ``nicknames`` package's table ("bill", "mark", "will")?"""
    namer = _nick_namer()
    return bool(namer.nicknames_of(word) or namer.canonicals_of(word))


def _short_of(short: str, full: str, lower: set[str]) -> bool:
    """Is ``short`` (one word) a short form of the person-like full name ``full``: its last word ("Trump" of
    "donald trump") or the first word of a three-word name ("Kim" of "kim jong un")? Not when the full name
    holds a common word, as institutions do ("house republicans", "treasury department")."""
    words = full.split()
    if short in lower or _common_in(words, lower):
        return False
    if len(words) > 2 and words[-1] in SUFFIXES:  # "Mueller" of "Robert S. Mueller III"
        words = words[:-1]
    return words[-1] == short or (len(words) >= 3 and words[0] == short)


_TITLE_CASE_WORD = re.compile(r"[A-Za-z][a-z'\u2019]{2,}")


def _sentence_cased(text: str, lower: set[str]) -> str:
    """``text`` with the common words of its headline-style lines ("Obama Gun Control Proposals Unveiled")
    in lower case, so that a line's capitals mark names only; offsets unchanged."""
    if not text:
        return text
    if len(text) > 300 and "\n" not in text:
        return text  # one paragraph: no headline line
    out = []
    for line in text.splitlines(keepends=True):
        if _headline_line(line):
            line = _TITLE_CASE_WORD.sub(
                lambda m: m.group().lower() if m.group().lower() in lower else m.group(), line
            )
        out.append(line)
    return "".join(out)


def _headline_line(line: str) -> bool:
    """Is ``line`` written as a headline: short, no full stop at its end, most of its words capitalised?"""
    if len(line) > 200 or len(line) < 11 or line.rstrip().endswith(_LINE_ENDS):
        return False
    words = _TITLE_CASE_WORD.findall(line)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


@lru_cache(maxsize=1)
def _nick_namer():
    """The ``nicknames`` package's table, read once."""
    from nicknames import NickNamer

    return NickNamer()


def _person_like(key: str, lower: set[str]) -> bool:
    """A name of several words none of which is a common word or an institution's: a person's, as far as its
    words tell."""
    words = key.split()
    return len(words) > 1 and not _common_in(words, lower)
