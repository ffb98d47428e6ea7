"""What kind of word each contrast term is: framing, a name, house style, or the outlet naming itself.

An outlet that writes "Mr. Trump", signs "contributed to this report" or cites
"told Fox News" differs from the others, but not in how it frames an event.
:func:`classify_terms` gives every row of a contrast table a ``kind``, by these
rules, first match wins:

1. a rule of the corpus's own rules file (``rules=``), in the file's order;
2. ``self``: the term holds a distinctive word of the outlet's own name ("fox"
   for Fox News), the name run together ("foxnews", "huffpost"), its initials
   ("nyt"), is made only of its name's words ("news" for Fox News), or runs
   into its name ("told daily" of the Daily Ledger, "times reported");
3. ``name``: the term holds a word of an actor's name as :func:`analysis.find_actors`
   found it ("donald", "president donald", "barack obama"), where at least half
   of the word's uses in the corpus are inside such names (so "bill" as in a
   health-care bill stays a word, though Bill Clinton is named);
4. ``style``: the term holds an honorific or title ("mr", "senator"), a party
   formula ("r-ariz", "democrat california"), a byline or credit formula
   ("contributed report", "getty images"), a credit's word ("contributed",
   "reporting") or a wire agency's name ("reuters");
5. ``framing``: every other term.
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from .contrast import TOKEN_PATTERN, preprocess
from .tables import needs, require_columns

KINDS = ("framing", "name", "style", "self")
#: Honorifics and titles written before a name: how an outlet names people, not what it says of them.
HONORIFICS = frozenset("mr mrs ms miss messrs mx dr sen senator rep representative congressman congresswoman gov lt "
                       "col sgt adm gen prof rev hon sir dame jr sr esq".split())
#: Bylines, credits and fixed formulas, as the contrast tables spell them (stop words dropped).
FORMULAS = ("contributed report", "contributed reporting", "additional reporting", "reporting contributed",
            "staff writer", "staff reporter", "rights reserved", "copyright", "getty images", "ap photo",
            "file photo", "photo credit", "image credit", "newsletter", "sign newsletter", "click", "subscribe",
            "follow twitter", "follow facebook", "editor note", "editing", "updated", "read story")
#: Words that in news copy stand almost only in credits ("contributed reporting", "Reporting by ...;
#: Editing by ..."): a rules file can make them framing again.
CREDIT_WORDS = frozenset("contributed reporting".split())
#: Wire agencies, credited in datelines and bylines.
AGENCIES = frozenset("reuters ap afp upi bloomberg dpa xinhua tass".split())
_STATES = ("alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho "
           "illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota "
           "mississippi missouri montana nebraska nevada new north ohio oklahoma oregon pennsylvania rhode south "
           "tennessee texas utah vermont virginia washington west wisconsin wyoming").split()
#: "R-Ariz.", "D-N.Y.", "I-Vt.": party and state after a name.
_PARTY_STATE = re.compile(r"^[rdi]-[a-z]{2,}$")
_PARTY_WORDS = frozenset("democrat republican independent".split())
#: Words of outlet names too common to mark a term as the outlet naming itself.
GENERIC_NAME_WORDS = frozenset("news times post daily world media press network online today international "
                               "journal herald tribune the of and new insider business report channel tv "
                               "radio magazine weekly star sun guardian mail express".split())
NAME_SHARE = 0.5  # a word is a name's when at least this share of its uses are inside actors' names
_TOKEN = re.compile(TOKEN_PATTERN)


class TermRulesError(ValueError):
    """A term-kind rules file that cannot be read as asked."""


def _words(text: str) -> list[str]:
    return _TOKEN.findall(preprocess(str(text)))


def outlet_forms(outlet: str) -> tuple[frozenset, frozenset]:
    """An outlet's own words: ``(distinctive, every)``. Distinctive: the words of its name that are not
    generic ("fox" of Fox News), the name run together ("foxnews") and its initials ("nyt" of The New York
    Times); every: those and all words of its name ("news"). A term holding a distinctive word, or made
    only of the name's words, is the outlet naming itself."""
    words = _words(outlet)
    distinctive = {w for w in words if w not in GENERIC_NAME_WORDS}
    if len(words) > 1:
        distinctive |= {"".join(words), "".join(w for w in words if w != "the")}
        initials = "".join(w[0] for w in words if w != "the")
        if len(initials) > 2:  # two letters name too many other things
            distinctive.add(initials)
    return frozenset(distinctive), frozenset(distinctive | set(words))


def name_words(mentions: pd.DataFrame | None, word_counts: pd.Series) -> frozenset:
    """The words of actors' names: each word of a mention's exact text (as the contrast tables read it) of
    which at least ``NAME_SHARE`` of the corpus's uses (``word_counts``: uses of each one-word term) are
    inside mentions; honorifics and titles are style, not names."""
    if mentions is None or not len(mentions):
        return frozenset()
    require_columns(mentions, ["mention"], "classify_terms")
    inside: dict[str, int] = {}
    for surface, n in mentions["mention"].value_counts(sort=False).items():
        for word in _words(surface):
            inside[word] = inside.get(word, 0) + int(n)
    counts = word_counts.to_dict()
    return frozenset(w for w, n in inside.items() if w not in HONORIFICS and n >= NAME_SHARE * counts.get(w, n))


def read_rules(path) -> pd.DataFrame:
    """A rules file: CSV with columns ``kind`` (framing, name, style or self) and ``term`` (a word or phrase,
    matched in any term that holds its words in a row), and optionally ``outlet`` (the rule holds for that
    outlet only). Rules are tried in the file's order, before the automatic kinds."""
    path = Path(path)
    try:
        rules = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise TermRulesError(f"{path}: cannot read the term-kind rules ({err})") from None
    missing = [c for c in ("kind", "term") if c not in rules.columns]
    if missing:
        raise TermRulesError(f"{path}: the term-kind rules need the columns kind and term (missing: {', '.join(missing)})")
    for i, row in enumerate(rules.itertuples(index=False), start=2):
        if row.kind.strip() not in KINDS:
            raise TermRulesError(f"{path}, row {i}, column kind: {row.kind!r} is not one of {', '.join(KINDS)}")
        if not _words(row.term):
            raise TermRulesError(f"{path}, row {i}, column term: {row.term!r} has no word the contrast tables count")
    rules["kind"] = rules["kind"].str.strip()
    if "outlet" not in rules.columns:
        rules["outlet"] = ""
    return rules[["kind", "term", "outlet"]]


def _style(words: list[str], padded: str) -> bool:
    if any(w in HONORIFICS or w in AGENCIES or w in CREDIT_WORDS or _PARTY_STATE.match(w) for w in words):
        return True
    if any(a in _PARTY_WORDS and b in _STATES or a in _STATES and b in _PARTY_WORDS for a, b in zip(words, words[1:])):
        return True
    return any(f" {formula} " in padded for formula in FORMULAS)


def _runs_into(words: list[str], name: tuple[str, ...]) -> bool:
    """Does the term run into the outlet's name: end with its first words ("told daily" of the Daily
    Ledger) or start with its last ("times reported")?"""
    return any(tuple(words[-k:]) == name[:k] or tuple(words[:k]) == name[-k:]
               for k in range(1, min(len(words), len(name)) + 1))


def _term_kinds(terms, names: frozenset, forms: dict, rules: pd.DataFrame | None):
    """For each term: its kind apart from self-reference, and the outlets (codes) for which it is ``self``,
    or for which a rule gives it another kind (``{outlet code or None: kind}``)."""
    every_word: dict[str, set] = {}
    distinctive: dict[str, set] = {}
    for code, (own, every, _, _) in forms.items():
        for w in every:
            every_word.setdefault(w, set()).add(code)
        for w in own:
            distinctive.setdefault(w, set()).add(code)
    ruled = [(" " + " ".join(_words(r.term)) + " ", r.kind, r.outlet) for r in rules.itertuples()] \
        if rules is not None else []
    kinds, special = [], {}
    for i, term in enumerate(terms):
        words = term.split()
        padded = f" {term} "
        selves = set()
        for w in words:
            selves |= distinctive.get(w, set())
        if words and all(w in every_word for w in words):
            selves |= set.intersection(*(every_word[w] for w in words))
        for code in every_word.get(words[0], set()) | every_word.get(words[-1], set()) if words else ():
            if code not in selves and _runs_into(words, forms[code][3]):
                selves.add(code)
        kind = "name" if any(w in names for w in words) else "style" if _style(words, padded) else "framing"
        overrides = {code: "self" for code in selves}
        for phrase, rule_kind, outlet in reversed(ruled):  # the first rule in the file is applied last: it wins
            if phrase in padded:
                if outlet:
                    overrides.update({code: rule_kind for code, form in forms.items() if form[2] == outlet})
                else:
                    kind, overrides = rule_kind, {}
        kinds.append(kind)
        if overrides:
            special[i] = overrides
    return kinds, special


@needs(contrasts=["outlet", "term"])
def classify_terms(contrasts: pd.DataFrame, *, mentions: pd.DataFrame | None = None, rules=None) -> pd.DataFrame:
    """``contrasts`` with a ``kind`` column: ``framing``, ``name``, ``style`` or ``self`` (see the module's
    rules).

    Parameters
    ----------
    contrasts : DataFrame
        A contrast table (:func:`analysis.contrast_terms`).
    mentions : DataFrame, optional
        :func:`analysis.find_actors`'s table: its mentions' words are names. Without it no term is ``name``.
    rules : path or DataFrame, optional
        The corpus's own rules (:func:`read_rules`), tried before the automatic ones.

    Returns
    -------
    DataFrame
        A copy of ``contrasts`` with ``kind`` (categorical, categories in :data:`KINDS`' order) last.
    """
    if rules is not None and not isinstance(rules, pd.DataFrame):
        rules = read_rules(rules)
    table = contrasts.drop(columns=["kind"], errors="ignore")
    terms = pd.Categorical(table["term"])
    outlets = pd.Categorical(table["outlet"])
    categories = [str(t) for t in terms.categories]
    forms = {code: (*outlet_forms(name), str(name), tuple(_words(name))) for code, name in enumerate(outlets.categories)}
    words = _word_counts(table)
    kinds, special = _term_kinds(categories, name_words(mentions, words), forms, rules)
    codes = np.asarray(terms.codes)
    kind_codes = np.array([KINDS.index(k) for k in kinds], dtype=np.int8)[codes] if len(codes) else \
        np.zeros(0, dtype=np.int8)
    if special:
        outlet_codes = np.asarray(outlets.codes)
        for i in np.flatnonzero(np.isin(codes, list(special))):
            kind = special[codes[i]].get(outlet_codes[i])
            if kind is not None:
                kind_codes[i] = KINDS.index(kind)
    table["kind"] = pd.Categorical.from_codes(kind_codes, categories=list(KINDS))
    table.attrs = dict(contrasts.attrs)
    return table


def _word_counts(contrasts: pd.DataFrame) -> pd.Series:
    """Uses of each one-word term in the corpus compared: its largest ``count + count_rest`` over the
    comparisons (scope ``all`` holds the whole corpus)."""
    if not {"count", "count_rest"} <= set(contrasts.columns) or not len(contrasts):
        return pd.Series(dtype="int64")
    terms = pd.Categorical(contrasts["term"])
    one = np.array([" " not in str(t) for t in terms.categories])[terms.codes]
    total = (contrasts["count"].to_numpy() + contrasts["count_rest"].to_numpy())[one]
    best = pd.Series(total).groupby(terms.codes[one]).max()
    return pd.Series(best.to_numpy(), index=[str(t) for t in terms.categories[best.index]])
