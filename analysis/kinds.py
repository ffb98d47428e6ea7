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
import pyarrow as pa
import pyarrow.compute as pc

from .errors import TermRulesError
from .tables import needs, require_columns
from .tokens import TOKEN_PATTERN, preprocess

KINDS = ("framing", "name", "style", "self")
#: Honorifics and titles written before a name: how an outlet names people, not what it says of them.
HONORIFICS = frozenset(
    "mr mrs ms miss messrs mx dr sen senator rep representative congressman congresswoman gov lt "
    "col sgt adm gen prof rev hon sir dame jr sr esq".split()
)
#: Bylines, credits and fixed formulas, as the contrast tables spell them (stop words dropped).
FORMULAS = (
    "contributed report",
    "contributed reporting",
    "additional reporting",
    "reporting contributed",
    "staff writer",
    "staff reporter",
    "rights reserved",
    "copyright",
    "getty images",
    "ap photo",
    "file photo",
    "photo credit",
    "image credit",
    "newsletter",
    "sign newsletter",
    "click",
    "subscribe",
    "follow twitter",
    "follow facebook",
    "editor note",
    "editing",
    "updated",
    "read story",
)
#: Words that in news copy stand almost only in credits ("contributed reporting", "Reporting by ...;
#: Editing by ..."): a rules file can make them framing again.
CREDIT_WORDS = frozenset("contributed reporting".split())
#: Wire agencies, credited in datelines and bylines.
AGENCIES = frozenset("reuters ap afp upi bloomberg dpa xinhua tass".split())
_STATES = (
    "alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho "
    "illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota "
    "mississippi missouri montana nebraska nevada new north ohio oklahoma oregon pennsylvania rhode south "
    "tennessee texas utah vermont virginia washington west wisconsin wyoming"
).split()
#: "R-Ariz.", "D-N.Y.", "I-Vt.": party and state after a name.
_PARTY_STATE = re.compile(r"^[rdi]-[a-z]{2,}$")
_PARTY_WORDS = frozenset("democrat republican independent".split())
#: Words of outlet names too common to mark a term as the outlet naming itself.
GENERIC_NAME_WORDS = frozenset(
    "news times post daily world media press network online today international "
    "journal herald tribune the of and new insider business report channel tv "
    "radio magazine weekly star sun guardian mail express".split()
)
NAME_SHARE = 0.5  # a word is a name's when at least this share of its uses are inside actors' names
_TOKEN = re.compile(TOKEN_PATTERN)


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
    return frozenset(
        w for w, n in inside.items() if w not in HONORIFICS and n >= NAME_SHARE * counts.get(w, n)
    )


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
        raise TermRulesError(
            f"{path}: the term-kind rules need the columns kind and term (missing: {', '.join(missing)})"
        )
    for i, row in enumerate(rules.itertuples(index=False), start=2):
        if row.kind.strip() not in KINDS:
            raise TermRulesError(
                f"{path}, row {i}, column kind: {row.kind!r} is not one of {', '.join(KINDS)}"
            )
        if not _words(row.term):
            raise TermRulesError(
                f"{path}, row {i}, column term: {row.term!r} has no word the contrast tables count"
            )
    rules["kind"] = rules["kind"].str.strip()
    if "outlet" not in rules.columns:
        rules["outlet"] = ""
    return rules[["kind", "term", "outlet"]]


class _Words:
    """The words of many terms at once, flat: ``flat`` (every word), ``owner`` (its term), ``at`` (its place in
    the term), ``length`` and ``start`` (each term's number of words and first word's place in ``flat``)."""

    def __init__(self, terms: pa.Array):
        lists = pc.split_pattern(terms, " ")
        self.length = pc.list_value_length(lists).to_numpy(zero_copy_only=False).astype(np.int64)
        self.flat = pc.list_flatten(lists)
        self.n = len(self.length)
        self.start = np.concatenate([[0], np.cumsum(self.length)[:-1]]).astype(np.int64)
        self.owner = np.repeat(np.arange(self.n), self.length)
        self.at = np.arange(len(self.owner)) - self.start[self.owner]
        space, nothing = pa.scalar(" ", pa.large_string()), pa.scalar("", pa.large_string())
        self.padded = pc.binary_join_element_wise(space, terms, space, nothing)

    def among(self, words) -> np.ndarray:
        """Each word (flat): is it one of ``words``?"""
        if not words:
            return np.zeros(len(self.owner), dtype=bool)
        return (
            pc.is_in(self.flat, value_set=pa.array(sorted(words), type=pa.large_string()))
            .to_numpy(zero_copy_only=False)
            .astype(bool)
        )

    def any(self, flags: np.ndarray) -> np.ndarray:
        """Each term: does any of its words have the flag?"""
        return np.bincount(self.owner, weights=flags, minlength=self.n) > 0

    def all(self, flags: np.ndarray) -> np.ndarray:
        """Each term: do all its words have the flag?"""
        return np.bincount(self.owner, weights=flags, minlength=self.n) == self.length

    def holds(self, phrase: str) -> np.ndarray:
        """Each term: does it hold ``phrase``'s words in a row?"""
        return (
            pc.match_substring(self.padded, f" {phrase} ")
            .to_numpy(zero_copy_only=False)
            .astype(bool)
        )

    def word_is(self, place: np.ndarray, word: str) -> np.ndarray:
        """Is the word at ``place`` (flat positions) ``word``?"""
        return (
            pc.equal(self.flat.take(pa.array(place)), word)
            .to_numpy(zero_copy_only=False)
            .astype(bool)
        )

    def runs_into(self, name: tuple[str, ...]) -> np.ndarray:
        """Each term: does it end with the name's first words ("told daily" of the Daily Ledger) or start
        with its last ("times reported")?"""
        found = np.zeros(self.n, dtype=bool)
        for k in range(1, len(name) + 1):
            long = np.flatnonzero(self.length >= k)
            tail, head = np.ones(len(long), dtype=bool), np.ones(len(long), dtype=bool)
            for j in range(k):
                tail &= self.word_is(self.start[long] + self.length[long] - k + j, name[j])
                head &= self.word_is(self.start[long] + j, name[len(name) - k + j])
            found[long[tail | head]] = True
        return found


def _style(words: _Words) -> np.ndarray:
    """Each term: is it house style (honorifics, party formulas, credits, agencies)?"""
    flat = pc.cast(words.flat, pa.large_string())
    style = words.any(
        words.among(HONORIFICS | AGENCIES | CREDIT_WORDS)
        | pc.match_substring_regex(flat, _PARTY_STATE.pattern)
        .to_numpy(zero_copy_only=False)
        .astype(bool)
    )
    party, state = words.among(_PARTY_WORDS), words.among(set(_STATES))
    follows = np.flatnonzero(words.at[1:] > 0) + 1  # a word and the one before it, in the same term
    formula = (party[follows - 1] & state[follows]) | (state[follows - 1] & party[follows])
    style[words.owner[follows[formula]]] = True
    for phrase in FORMULAS:
        style |= words.holds(phrase)
    return style


class TermKinds:
    """The kind of every term of a contrast table, for every outlet, worked out once for the table's terms
    and outlets (its categories): ``base`` (a kind code per term) and ``own`` (outlet code -> a kind code per
    term for that outlet, -1 where the base holds)."""

    def __init__(
        self, terms: pd.Index, outlets: pd.Index, *, names: frozenset, rules: pd.DataFrame | None
    ):
        self.terms, self.outlets = terms, [str(o) for o in outlets]
        words = _Words(_strings(terms))
        base = np.where(
            words.any(words.among(names)),
            KINDS.index("name"),
            np.where(_style(words), KINDS.index("style"), KINDS.index("framing")),
        ).astype(np.int8)
        self.own: dict[int, np.ndarray] = {}
        for code, outlet in enumerate(self.outlets):
            distinctive, every = outlet_forms(outlet)
            mine = (
                words.any(words.among(distinctive))
                | words.all(words.among(every))
                | words.runs_into(tuple(_words(outlet)))
            )
            if mine.any():
                self.own[code] = np.where(mine, KINDS.index("self"), -1).astype(np.int8)
        # the file's first rule wins
        for rule in rules.iloc[::-1].itertuples() if rules is not None else ():
            hit = words.holds(" ".join(_words(rule.term)))
            kind = KINDS.index(rule.kind)
            if rule.outlet:
                for code in [c for c, o in enumerate(self.outlets) if o == rule.outlet]:
                    own = self.own.setdefault(code, np.full(len(self.terms), -1, dtype=np.int8))
                    own[hit] = kind
            else:
                base[hit] = kind
                for own in self.own.values():
                    own[hit] = -1
        self.base = base

    def apply(self, contrasts: pd.DataFrame) -> pd.DataFrame:
        """``contrasts`` (with these terms and outlets) with its ``kind`` column."""
        table = contrasts.drop(columns=["kind"], errors="ignore")
        codes, outlet_codes = (
            _codes(table["term"], self.terms),
            _codes(table["outlet"], pd.Index(self.outlets)),
        )
        kind = self.base[codes] if len(codes) else np.zeros(0, dtype=np.int8)
        for code, own in self.own.items():
            rows = np.flatnonzero(outlet_codes == code)
            mine = own[codes[rows]]
            kind[rows[mine >= 0]] = mine[mine >= 0]
        table["kind"] = pd.Categorical.from_codes(kind, categories=list(KINDS))
        table.attrs = dict(contrasts.attrs)
        return table


def _strings(values: pd.Index) -> pa.Array:
    """``values`` (text) as an Arrow array, without a Python string for each where pandas holds them in Arrow."""
    try:
        return pc.cast(pa.array(values.array), pa.large_string())
    except (pa.ArrowException, TypeError, ValueError):
        return pa.array([str(v) for v in values], type=pa.large_string())


def _codes(column: pd.Series, categories: pd.Index) -> np.ndarray:
    """Each value's position in ``categories`` (a category column's own codes where its categories are those)."""
    values = pd.Categorical(column)
    if values.categories.equals(categories):
        return np.asarray(values.codes)
    where = categories.get_indexer(values.categories.astype(str))
    return where[np.asarray(values.codes)]


def term_kinds(
    contrasts: pd.DataFrame, *, mentions: pd.DataFrame | None = None, rules=None
) -> TermKinds:
    """:class:`TermKinds` of a contrast table's terms and outlets (see :func:`classify_terms`), to give their
    kinds to this table and to others of the same terms and outlets (the shuffled corpora's)."""
    if rules is not None and not isinstance(rules, pd.DataFrame):
        rules = read_rules(rules)
    terms = pd.Categorical(contrasts["term"]).categories
    outlets = pd.Categorical(contrasts["outlet"]).categories
    return TermKinds(
        terms, outlets, names=name_words(mentions, _word_counts(contrasts)), rules=rules
    )


@needs(contrasts=["outlet", "term"])
def classify_terms(
    contrasts: pd.DataFrame, *, mentions: pd.DataFrame | None = None, rules=None
) -> pd.DataFrame:
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
    return term_kinds(contrasts, mentions=mentions, rules=rules).apply(contrasts)


def _word_counts(contrasts: pd.DataFrame) -> pd.Series:
    """Uses of each one-word term in the corpus compared: its largest ``count + count_rest`` over the
    comparisons (scope ``all`` holds the whole corpus)."""
    if not {"count", "count_rest"} <= set(contrasts.columns) or not len(contrasts):
        return pd.Series(dtype="int64")
    terms = pd.Categorical(contrasts["term"])
    one = (
        ~pc.match_substring(_strings(terms.categories), " ")
        .to_numpy(zero_copy_only=False)
        .astype(bool)[terms.codes]
    )
    total = (contrasts["count"].to_numpy() + contrasts["count_rest"].to_numpy())[one]
    best = pd.Series(total).groupby(terms.codes[one]).max()
    return pd.Series(best.to_numpy(), index=terms.categories[best.index].astype(str))
