"""What the analyses found, stated with their numbers, and the sentences behind each number.

:func:`term_contexts` finds every sentence that holds a term exactly as the
contrast tables counted it (the same tokens, stop words and possessives).
:func:`summarize` turns the contrast and sentiment tables into ranked
findings, each one sentence with its estimate, interval or z and q, and
sample size. It keeps to rules that make a finding mean what it says:

* a difference whose 95% interval spans zero, or smaller than
  ``MIN_TONE_EFFECT`` in tone, is never stated;
* a term is a finding only at q < ``alpha`` (Benjamini-Hochberg over every
  term of its comparison, its evidence counted in articles: see
  :func:`analysis.contrast_terms`), when it is used in at least
  ``min_term_articles`` of the outlet's articles, and when the share of the
  outlet's articles holding it exceeds the rest's by ``MIN_SHARE_GAP``;
* an outlet naming itself ("told Fox News"), house style (honorifics such as
  "Mr.", bylines) and naming ("President Donald") are reported as such, never
  as framing (the contrast table's ``kind``);
* a comparison resting on too few articles or events is a caution, not a
  finding.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

if TYPE_CHECKING:
    import scipy.sparse

from ._docs import shared_docs
from .contrast import contrast_terms
from .errors import TermError
from .family import family_q
from .languages import ENGLISH, language_mix
from .parallel import gc_paused, map_chunks
from .sentiment import event_adjusted_sentiment, pairwise_sentiment
from .tables import InsufficientData, narrow, needs, require_columns
from .tokens import TOKEN_PATTERN, acronyms, make_vectorizer, preprocess

CONTEXT_COLUMNS = ["article_id", "outlet", "event", "sentence_index", "text", "start", "end"]
FINDING_COLUMNS = [
    "rank",
    "kind",
    "statement",
    "outlet",
    "other",
    "term",
    "scope",
    "estimate",
    "ci_low",
    "ci_high",
    "z",
    "q",
    "q_family",
    "n_family",
    "n",
    "figure",
    "evidence",
]
MIN_OUTLET_ARTICLES = 10  # fewer articles in a comparison: a caution, not a finding
MIN_SHARED_EVENTS = 10  # fewer shared events behind a sentiment difference: a caution
MIN_TERM_ARTICLES = 3  # a term must be in this many of the outlet's articles to be the outlet's
#: Above this many outlets tone is stated through each outlet's event-adjusted offset (N comparisons), not through
#: every pair (N (N - 1) / 2): 25 outlets make 300 pairs, a family of which 15 pass at 5% by chance alone.
MAX_PAIRWISE_OUTLETS = 6
#: A term finding needs the outlet's share of articles holding the term to exceed the rest's by this much: ten
#: articles in a hundred, a difference a reader of both outlets would notice. A smaller one, however sure
#: on a big corpus, is not stated (the tables keep it).
MIN_SHARE_GAP = 0.10
#: A tone finding needs a difference of at least this much (VADER compound, mean per article): as if one sentence
#: in 25 turned from neutral to clearly negative (compound -0.5). Smaller gaps are within what VADER's reading of
#: the same events in other words, or one outlet covering only the grimmest of them, moves (docs/methods.md).
MIN_TONE_EFFECT = 0.02
#: A frame finding needs the two outlets' shares of articles using the frame (mean over shared events) this far
#: apart: ten articles in a hundred, as for terms.
MIN_FRAME_GAP = 0.10


@lru_cache(maxsize=1 << 14)
def normalize_term(term: str) -> str:
    """``term`` as the contrast tables spell it: lowercased, possessives and stop words dropped.

    >>> normalize_term("Secretary of State")
    'secretary state'
    """
    kept = [t for t in _TOKEN.findall(preprocess(str(term))) if t not in ENGLISH_STOP_WORDS]
    if not kept:
        raise TermError(
            f"term {term!r} has no word the contrast tables count (only stop words, digits "
            f"or one-letter words)"
        )
    return " ".join(kept)


_TOKEN = re.compile(TOKEN_PATTERN)


def kept_tokens(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, token)`` of the tokens the vectorizer keeps, offsets into ``text`` itself: the text as
    :func:`analysis.contrast.fold` reads it (lowercase, acronyms as one word: "F.B.I." is the token "fbi",
    spanning all six characters), the project's token pattern, stop words dropped (a possessive 's is no
    token: too short)."""
    found = acronyms(text)
    if found:
        folded, begin, finish = _folded(text, found)
        return [
            (begin[m.start()], finish[m.end() - 1], m.group())
            for m in _TOKEN.finditer(folded)
            if m.group() not in ENGLISH_STOP_WORDS
        ]
    lowered = text.lower()
    if len(lowered) != len(text):  # a character whose lower case is longer: match the text as it is
        return [
            (m.start(), m.end(), m.group().lower())
            for m in _TOKEN.finditer(text)
            if m.group().lower() not in ENGLISH_STOP_WORDS
        ]
    return [
        (m.start(), m.end(), m.group())
        for m in _TOKEN.finditer(lowered)
        if m.group() not in ENGLISH_STOP_WORDS
    ]


def _folded(text: str, found: list) -> tuple[str, list[int], list[int]]:
    """:func:`analysis.contrast.fold` of ``text`` (its acronyms ``found``), with where each of its characters
    starts and ends in ``text`` (an acronym's letters all span the whole acronym)."""
    pieces, begin, finish, last = [], [], [], 0

    def gap(lo: int, hi: int) -> None:
        # character by character: a lower case of another length stays in its place
        for i in range(lo, hi):
            low = text[i].lower()
            pieces.append(low)
            begin.extend([i] * len(low))
            finish.extend([i + 1] * len(low))

    for start, end, word in found:
        gap(last, start)
        pieces.append(word)
        begin.extend([start] * len(word))
        finish.extend([end] * len(word))
        last = end
    gap(last, len(text))
    return "".join(pieces), begin, finish


def match_spans(text: str, term: str) -> list[tuple[int, int]]:
    """Every ``(start, end)`` of ``term`` in ``text``, found as the vectorizer finds n-grams: its words as
    consecutive kept tokens, whatever stop words, punctuation or possessives stand between them ("Trump's
    administration" holds "trump administration"; "Secretary of State" holds "secretary state")."""
    words = normalize_term(term).split()
    tokens = kept_tokens(text)
    n, spans, i = len(words), [], 0
    while i + n <= len(tokens):
        if all(tokens[i + k][2] == words[k] for k in range(n)):
            spans.append((tokens[i][0], tokens[i + n - 1][1]))
            i += n
        else:
            i += 1
    return spans


CONTAINS_CHUNK = 20_000  # texts per chunk of work of contains_terms (about 0.9 s of tokenizing)


ROUNDING = 1e-12  # an interval bound this close to zero is zero (offsets of exactly 0 come out 5.6e-17 on some BLAS)


def _excludes_zero(low: float, high: float) -> bool:
    """Does the interval [low, high] leave out zero by more than floating-point rounding?"""
    return low > ROUNDING or high < -ROUNDING


def contains_terms(
    texts, terms, *, n_jobs: int | None = None, scheduler=None
) -> "scipy.sparse.csr_matrix":
    """A texts x terms 0/1 matrix: does each text hold each term, as the contrast tables count it.

    ``terms`` are normalized terms (as in the contrast table); one pass over
    the texts, whatever the number of terms, ``CONTAINS_CHUNK`` texts at a
    time where ``n_jobs`` and ``scheduler`` say
    (:func:`analysis.parallel_config`): the matrix is the same. Only the
    texts whose lower case holds a term's first word are read into tokens
    (see :func:`_may_hold`); the others hold no term.
    """
    from scipy import sparse

    terms = list(dict.fromkeys(terms))
    texts = list(texts)
    maybe = _may_hold(texts, terms)
    if maybe is None or maybe.all():
        return _contains(texts, terms, n_jobs=n_jobs, scheduler=scheduler)
    # only the texts that may hold a term are read into tokens; the others hold none
    rows = np.flatnonzero(maybe)
    found = _contains([texts[i] for i in rows], terms, n_jobs=n_jobs, scheduler=scheduler)
    per_row = np.zeros(len(texts), dtype=np.int64)
    per_row[rows] = np.diff(found.indptr)
    indptr = np.concatenate([[0], np.cumsum(per_row)])
    return sparse.csr_matrix((found.data, found.indices, indptr), shape=(len(texts), len(terms)))


def _contains(texts: list, terms: list[str], *, n_jobs, scheduler) -> "scipy.sparse.csr_matrix":
    """:func:`contains_terms` of ``texts``, every one read into tokens."""
    from scipy import sparse

    chunks = [
        (texts[lo : lo + CONTAINS_CHUNK], terms) for lo in range(0, len(texts), CONTAINS_CHUNK)
    ]
    if len(chunks) <= 1:
        return _contains_chunk((texts, terms))
    parts = map_chunks(_contains_chunk, chunks, n_jobs=n_jobs, scheduler=scheduler, progress=False)
    return sparse.vstack(parts, format="csr")


def _spellable(term: str) -> bool:
    """Can the vectorizer's n-grams spell ``term``: words joined by single spaces? (Others match nothing.)"""
    return bool(term) and term.split(" ") == term.split()


MAY_HOLD_MIN = 2_000  # texts: fewer are read into tokens without looking for the terms' words first
MAY_HOLD_WORDS = (
    1_000  # distinct words looked for at most; more terms than that are read into tokens directly
)


def _may_hold(texts: list, terms: list[str]) -> np.ndarray | None:
    """Which of ``texts`` may hold one of ``terms`` as :func:`_contains_chunk` finds them, or ``None`` where
    looking first does not pay (few texts, many terms, or something that is not text: left to the vectorizer).

    A term is found where its first word is one of the text's tokens, and a token is a run of the text
    lowercased with possessive 's taken out (:func:`analysis.contrast.preprocess`). Taking out "'s" can only
    join a token across the cut at a hyphen ("trump's-led" reads "trump-led"), so each hyphen-free piece of
    a token is a run of the lowercased text itself, or an acronym's letters ("F.B.I." reads "fbi", "U.S."
    reads "US"), which the lowercased text holds once its dots are taken out. A text whose lowercase without
    dots holds the lowercase of the longest piece of no term's first word holds no term: leaving it out
    changes nothing in the matrix."""
    if len(texts) < MAY_HOLD_MIN or not terms or not all(isinstance(t, str) for t in texts):
        return None
    pieces = set()
    for term in terms:
        if _spellable(term):
            pieces.add(max(term.split(" ")[0].split("-"), key=len).lower())
    if len(pieces) > MAY_HOLD_WORDS or "" in pieces:
        return None
    if not pieces:
        return np.zeros(len(texts), dtype=bool)
    import pyarrow as pa
    import pyarrow.compute as pc

    pattern = "|".join(re.escape(p) for p in sorted(pieces))
    try:
        lowered = pa.array([t.lower() for t in texts], type=pa.large_string())
        # without dots, "f.b.i." holds "fbi" as the folded text does (contrast.fold): more texts may be
        # read into tokens, none is missed
        undotted = pc.replace_substring(lowered, ".", "")
        return pc.match_substring_regex(undotted, pattern).to_numpy(zero_copy_only=False)
    # a lone surrogate (not UTF-8), a pattern RE2 will not take:
    except (
        pa.ArrowException,
        UnicodeError,
    ):
        return None  # every text is read into tokens


def _contains_chunk(chunk) -> "scipy.sparse.csr_matrix":
    """The vectorizer's own 0/1 matrix of a chunk, found faster: the texts are read into tokens as the
    vectorizer reads them (its preprocessor, tokenizer and stop words), but only the word runs that start
    with a term's first word are joined and looked up, not every n-gram of every text."""
    from scipy import sparse

    texts, terms = chunk
    lengths = [len(t.split()) for t in terms] or [1]
    vectorizer = make_vectorizer(
        min_df=1, vocabulary=terms, ngram_range=(min(lengths), max(lengths)), binary=True
    )
    # the vectorizer's own errors: no terms, not text
    if not terms or not all(isinstance(t, str) for t in texts):
        return vectorizer.transform(texts).tocsr()
    column = {term: j for j, term in enumerate(terms)}
    sizes: dict[str, set[int]] = {}  # a term's first word -> the lengths of the terms it starts
    for term, n in zip(terms, lengths):
        if _spellable(term):
            sizes.setdefault(term.split(" ")[0], set()).add(n)
    preprocess, tokenize = vectorizer.build_preprocessor(), vectorizer.build_tokenizer()
    stop = vectorizer.get_stop_words() or frozenset()
    indptr, indices = [0], []
    with gc_paused():
        for text in texts:
            words = [w for w in tokenize(preprocess(text)) if w not in stop]
            found = set()
            for i, w in enumerate(words):
                for n in sizes.get(w, ()):
                    if i + n <= len(words):
                        j = column.get(w if n == 1 else " ".join(words[i : i + n]))
                        if j is not None:
                            found.add(j)
            indices += sorted(found)
            indptr.append(len(indices))
    data = np.ones(len(indices), dtype=vectorizer.dtype)
    return sparse.csr_matrix(
        (data, np.asarray(indices, "int32"), np.asarray(indptr, "int32")),
        shape=(len(texts), len(terms)),
    )


@needs(sentences=["article_id", "outlet", "event", "sentence_index", "text"])
def term_contexts(sentences: pd.DataFrame, term: str, *, outlet=None, event=None) -> pd.DataFrame:
    """Every sentence that holds ``term``, as the contrast tables counted it.

    Parameters
    ----------
    sentences : DataFrame
        :func:`analysis.split_sentences`'s table.
    term : str
        A word or a multi-word term, matched case-insensitively on word boundaries (stop words between
        its words and possessives are skipped, as in the contrast tables: "Secretary of State" finds what
        the table calls "secretary state").
    outlet, event : str or list of str, optional
        Only these outlets or events.

    Returns
    -------
    DataFrame
        ``article_id, outlet, event, sentence_index, text, start, end`` (``text[start:end]`` is the first
        match in the sentence) and ``n_matches``, sorted by outlet, article and sentence.
    """
    normalized = normalize_term(term)
    rows = narrow(sentences, outlet=outlet, event=event)
    hits = rows[np.asarray(contains_terms(rows["text"], [normalized]).sum(axis=1)).ravel() > 0]
    # never empty: the same tokens found it
    spans = [match_spans(text, normalized) for text in hits["text"]]
    out = hits[CONTEXT_COLUMNS[:5]].assign(
        start=[s[0][0] for s in spans],
        end=[s[0][1] for s in spans],
        n_matches=[len(s) for s in spans],
    )
    return out.sort_values(["outlet", "article_id", "sentence_index"], kind="stable").reset_index(
        drop=True
    )


def _fmt_q(q: float) -> str:
    return "q < 0.001" if q < 0.001 else f"q = {q:.3f}"


def _scope_phrase(scope: str) -> str:
    return {
        "matched": "On the events it shares with other outlets, ",
        "all": "Across all articles, ",
    }.get(scope, f"On event {scope}, ")


#: What a kind of term is called in a finding, and the figure it points to.
_TERM_FINDING = {
    "framing": "framing",
    "style": "house style",
    "self": "self-reference",
    "name": "naming",
}


def _scope_rows(contrasts: pd.DataFrame) -> pd.DataFrame:
    """The rows term findings come from: the ``matched`` scope where there is one, else ``all``; with kinds."""
    require_columns(
        contrasts,
        [
            "scope",
            "outlet",
            "term",
            "count_rest",
            "n_articles",
            "n_articles_rest",
            "total_articles",
            "total_articles_rest",
            "log_odds",
            "z_tokens",
            "z",
            "q",
        ],
        "summarize",
    )
    from .kinds import classify_terms

    if "kind" not in contrasts.columns:
        contrasts = classify_terms(contrasts)
    scope = "matched" if (contrasts["scope"] == "matched").any() else "all"
    return contrasts[contrasts["scope"] == scope]


def _term_findings(
    scope_rows, *, alpha, per_outlet, min_articles, min_term_articles, min_share_gap
):
    """Term findings from :func:`_scope_rows`'s rows, with their ``q_family``."""
    from .kinds import outlet_forms

    scope = str(scope_rows["scope"].iloc[0])
    table = scope_rows[
        (scope_rows["z"] > 0) & (scope_rows["q"] < alpha) & (scope_rows["q_family"] < alpha)
    ]
    # of tied terms, the shortest first
    table = table.assign(n_words=table["term"].astype(str).str.count(" "))
    table = table.sort_values(
        ["outlet", "z", "z_tokens", "n_words", "term"],
        ascending=[True, False, False, True, True],
        kind="stable",
    )
    findings, cautions = [], []
    for outlet, rows in table.groupby("outlet", sort=True, observed=True):
        n_docs = int(rows["total_articles"].iloc[0])
        if n_docs < min_articles:
            cautions.append(
                dict(
                    kind="caution",
                    outlet=outlet,
                    scope=scope,
                    n=n_docs,
                    statement=(
                        f"{outlet} has only {n_docs} articles in the comparison ({scope}); its distinctive terms "
                        f"are listed in the tables but not stated as findings (at least {min_articles} needed)."
                    ),
                )
            )
            continue
        taken, said = dict.fromkeys(_TERM_FINDING, 0), set()
        for r in rows.itertuples():
            gap = r.n_articles / r.total_articles - r.n_articles_rest / r.total_articles_rest
            if r.n_articles < min_term_articles or gap < min_share_gap:
                continue  # too few articles, or a difference too small to matter (see MIN_SHARE_GAP)
            words = set(str(r.term).split())
            if taken[r.kind] >= (per_outlet if r.kind == "framing" else 1) or words & said:
                continue  # enough of this kind, or a word already stated ("regime", then "regime announced")
            if r.kind == "self" and not words & outlet_forms(outlet)[0]:
                continue  # "new" of the New York Times: its own, by the table, but no sentence a reader would take
            taken[r.kind] += 1
            said |= words
            findings.append(_term_finding(r, outlet, scope))
    return findings, cautions


def _term_finding(r, outlet: str, scope: str) -> dict:
    """One term finding, stated as its kind says."""
    share = (
        f"in {r.n_articles} of its {r.total_articles} articles, against {r.n_articles_rest} of the others' "
        f"{r.total_articles_rest}"
    )
    stats = f"z = {r.z:.1f}, {_fmt_q(r.q_family)} over the report's comparisons"
    figure = (
        "figures/distinctive-terms-matched-events.png"
        if scope == "matched"
        else "figures/distinctive-terms-all-articles.png"
    )
    evidence = f"explorer.html#term={_quote(r.term)}&scope={_quote(scope)}&outlet={_quote(outlet)}"
    if r.kind == "self":
        text = f"{outlet} names itself: '{r.term}' {share} ({stats}); an outlet citing its own reporting, not framing."
    elif r.kind == "style":
        text = f"House style: {outlet} writes '{r.term}' {share} ({stats}); a matter of style, not framing."
    elif r.kind == "name":
        text = (
            f"Naming: {outlet} writes the name '{r.term}' {share} ({stats}); who is named, and how, is in the "
            f"actors view."
        )
        figure = "figures/actors-named-per-outlet.png"
    elif r.count_rest == 0:
        text = f"{_scope_phrase(scope)}{outlet} alone says '{r.term}': {share} ({stats})."
    else:
        text = f"{_scope_phrase(scope)}{outlet} says '{r.term}' more than the others: {share} ({stats})."
    return dict(
        kind=_TERM_FINDING[r.kind],
        statement=text,
        outlet=outlet,
        term=r.term,
        scope=scope,
        estimate=r.log_odds,
        z=r.z,
        q=r.q,
        q_family=r.q_family,
        n=r.total_articles,
        figure=figure,
        evidence=evidence,
        strength=abs(r.z),
        tie=abs(r.z_tokens),
    )


def _quote(value) -> str:
    return quote(str(value), safe="")


def _interval(low: float, high: float) -> str:
    return f"95% interval {low:.3f} to {high:.3f}"


def _sentiment_findings(pairwise, adjusted, *, min_events, alpha):
    """Tone findings from the pairwise and event-adjusted tables, with their ``q_family``."""
    findings, cautions = [], []
    if pairwise is not None and len(pairwise):
        require_columns(
            pairwise,
            ["outlet_a", "outlet_b", "n_events", "mean_diff", "ci_low", "ci_high"],
            "summarize",
        )
        for r in pairwise.itertuples():
            if r.n_events == 0 or not np.isfinite(r.mean_diff):
                continue
            if r.n_events < min_events:
                cautions.append(
                    dict(
                        kind="caution",
                        outlet=r.outlet_a,
                        other=r.outlet_b,
                        n=r.n_events,
                        statement=(
                            f"{r.outlet_a} and {r.outlet_b} share only {r.n_events} events: too few to state a difference "
                            f"in tone (at least {min_events} needed)."
                        ),
                    )
                )
                continue
            if (
                not _excludes_zero(r.ci_low, r.ci_high)
                or abs(r.mean_diff) < MIN_TONE_EFFECT
                or not r.q_family < alpha
            ):
                continue  # the interval spans zero, the difference is too small, or the family's test: not stated
            darker, lighter = (
                (r.outlet_a, r.outlet_b) if r.mean_diff < 0 else (r.outlet_b, r.outlet_a)
            )
            size, low, high = (
                abs(r.mean_diff),
                min(abs(r.ci_low), abs(r.ci_high)),
                max(abs(r.ci_low), abs(r.ci_high)),
            )
            findings.append(
                dict(
                    kind="sentiment",
                    outlet=darker,
                    other=lighter,
                    estimate=-size,
                    ci_low=-high,
                    ci_high=-low,
                    q_family=r.q_family,
                    n=r.n_events,
                    statement=(
                        f"On the {r.n_events} events both covered, {darker}'s sentences are {size:.3f} "
                        f"({_interval(low, high)}) more negative than {lighter}'s (VADER compound, mean per "
                        f"article, compared event by event)."
                    ),
                    figure="figures/sentiment-pairwise-differences.png",
                    evidence=f"explorer.html#view=tone&a={_quote(darker)}&b={_quote(lighter)}",
                    strength=size / max(high - low, 1e-9),
                )
            )
    if adjusted is not None and len(adjusted):
        require_columns(adjusted, ["outlet", "n_events", "mean", "ci_low", "ci_high"], "summarize")
        for r in adjusted.itertuples():
            if (
                r.n_events < min_events
                or not _excludes_zero(r.ci_low, r.ci_high)
                or abs(r.mean) < MIN_TONE_EFFECT
                or not r.q_family < alpha
            ):
                continue
            way = "more negative" if r.mean < 0 else "more positive"
            low, high = sorted((abs(r.ci_low), abs(r.ci_high)))
            findings.append(
                dict(
                    kind="sentiment",
                    outlet=r.outlet,
                    estimate=r.mean,
                    ci_low=r.ci_low,
                    ci_high=r.ci_high,
                    q_family=r.q_family,
                    n=r.n_events,
                    statement=(
                        f"Adjusted for the events covered ({r.n_events} shared events), {r.outlet}'s sentences are "
                        f"{abs(r.mean):.3f} ({_interval(low, high)}) {way} than the typical outlet's."
                    ),
                    figure="figures/sentiment-event-adjusted.png",
                    evidence=f"explorer.html#view=tone&a={_quote(r.outlet)}",
                    strength=abs(r.mean) / max(r.ci_high - r.ci_low, 1e-9),
                )
            )
    return findings, cautions


def _frame_findings(pairs: pd.DataFrame, *, min_events: int, min_gap: float):
    """Frame findings from :func:`analysis.pairwise_frames`' table: the differences that hold after the
    correction, on frames the model labels reliably on political news; cautions for the rest."""
    from .frames import FRAME_NAMES, out_of_domain, reliable_frames

    require_columns(
        pairs, ["frame", "outlet_a", "outlet_b", "n_events", "mean_diff", "holds"], "summarize"
    )
    findings, cautions = [], []
    reliable = set(reliable_frames())
    left_out = [f for f in FRAME_NAMES if f in set(pairs["frame"]) and f not in reliable]
    if left_out:
        checks = out_of_domain()
        cautions.append(
            dict(
                kind="caution",
                statement=(
                    "Frames not stated, the model not being shown to label them reliably on political news: "
                    + "; ".join(f"{FRAME_NAMES[f]}, {checks[f]['why']}" for f in left_out)
                    + ". Their tables and figure are in 07-frames, to read with the sentences behind them."
                ),
            )
        )
    few = pairs[(pairs["n_events"] > 0) & (pairs["n_events"] < min_events)]
    if len(few):
        cautions.append(
            dict(
                kind="caution",
                n=int(few["n_events"].max()),
                statement=(
                    f"{len(few[['outlet_a', 'outlet_b']].drop_duplicates())} pairs of outlets share fewer than "
                    f"{min_events} events: too few to state a difference in frames."
                ),
            )
        )
    m = int(pairs["n_events"].ge(2).sum())
    for r in pairs.itertuples():
        if (
            r.frame not in reliable
            or r.n_events < min_events
            or not r.holds
            or abs(r.mean_diff) < min_gap
        ):
            continue
        more, less = (r.outlet_a, r.outlet_b) if r.mean_diff > 0 else (r.outlet_b, r.outlet_a)
        size = abs(r.mean_diff)
        low, high = sorted((abs(r.adj_low), abs(r.adj_high)))
        findings.append(
            dict(
                kind="frame",
                outlet=more,
                other=less,
                term=r.frame,
                estimate=size,
                ci_low=low,
                ci_high=high,
                n=r.n_events,
                statement=(
                    f"On the {r.n_events} events both covered, {more} uses the {FRAME_NAMES[r.frame]} frame in "
                    f"{size:.0%} more of its articles than {less} ({low:.0%} to {high:.0%}, an interval widened for "
                    f"the {m} frame comparisons; 95% interval {min(abs(r.ci_low), abs(r.ci_high)):.0%} to "
                    f"{max(abs(r.ci_low), abs(r.ci_high)):.0%}; frames labelled by a model, 07-frames)."
                ),
                figure="figures/frames-by-outlet.png",
                evidence=f"explorer.html#view=frames&frame={r.frame}",  # the view has every outlet
                strength=size / max(high - low, 1e-9),
            )
        )
    return findings, cautions


@needs(articles=["article_id", "outlet", "event", "text"])
@shared_docs
def summarize(
    articles: pd.DataFrame,
    *,
    contrasts: pd.DataFrame | None = None,
    pairwise: pd.DataFrame | None = None,
    adjusted: pd.DataFrame | None = None,
    alpha: float = 0.05,
    per_outlet: int = 3,
    min_articles: int = MIN_OUTLET_ARTICLES,
    min_events: int = MIN_SHARED_EVENTS,
    min_term_articles: int = MIN_TERM_ARTICLES,
    min_share_gap: float = MIN_SHARE_GAP,
    shuffled: pd.DataFrame | None = None,
    frames: pd.DataFrame | None = None,
    min_frame_gap: float = MIN_FRAME_GAP,
) -> pd.DataFrame:
    """Ranked findings from the analyses' tables, each stated with its numbers.

    A finding needs ``q_family < alpha`` (Benjamini-Hochberg over every comparison that could become a
    finding: every term of the scope, every pair of outlets and every offset; :mod:`analysis.family`) and a
    minimal effect. Above ``MAX_PAIRWISE_OUTLETS`` outlets, pairs of outlets are neither tested nor stated
    (their offsets are). Differences in tone come first (by estimate over interval width), then framing
    terms (by z), then naming, house style and self-references, then cautions.

    Parameters
    ----------
    {articles}
    {contrasts}
        The ``matched`` scope is used when present, else ``all``.
    pairwise : DataFrame, optional
        :func:`analysis.pairwise_sentiment`'s table.
    adjusted : DataFrame, optional
        :func:`analysis.event_adjusted_sentiment`'s table.
    alpha : float, default 0.05
        The false-discovery rate over the family.
    per_outlet : int, default 3
        Framing terms stated per outlet, at most.
    min_articles : int, default MIN_OUTLET_ARTICLES
        Fewer articles of an outlet give a caution instead of findings about it.
    min_events : int, default MIN_SHARED_EVENTS
        Fewer shared events give a caution instead of a tone finding.
    min_term_articles : int, default MIN_TERM_ARTICLES
        A term finding needs the term in at least this many of the outlet's articles.
    min_share_gap : float, default MIN_SHARE_GAP
        A term finding needs the outlet's share of articles holding the term this far above the others'.
    shuffled : DataFrame, optional
        :func:`analysis.shuffled_findings`'s table; the first row (``kind`` ``check``, rank 0) then says how
        many findings the same rules state with the outlets shuffled within events.
    frames : DataFrame, optional
        :func:`analysis.pairwise_frames`' table. A frame difference is stated when its interval, widened for
        every frame and pair compared (Bonferroni), excludes zero, the outlets share ``min_events`` events, the
        difference is at least ``min_frame_gap``, and the frame is one the model labels reliably on political
        news (:func:`analysis.reliable_frames`); the others get one caution.
    min_frame_gap : float, default MIN_FRAME_GAP
        A frame finding needs the outlets' shares of articles using the frame this far apart.

    Returns
    -------
    DataFrame
        ``rank``, ``kind`` (``sentiment``, ``frame``, ``framing``, ``naming``, ``house style``, ``self-reference``,
        ``caution``, ``check``), ``statement``, ``outlet``, ``other``, ``term``, ``scope``, ``estimate``,
        ``ci_low``/``ci_high``, ``z``, ``q`` (a term's, over its comparison), ``q_family`` and ``n_family``
        (how many comparisons the family holds), ``n`` (events or articles behind it), ``figure`` and
        ``evidence`` (links relative to a report folder).
    """
    findings, cautions = [], []
    counts = articles.groupby("outlet").size()
    small_corpus = bool(len(counts)) and bool((counts < min_articles).all())
    if small_corpus:
        cautions.append(
            dict(
                kind="caution",
                n=int(counts.sum()),
                statement=(
                    f"Small corpus: {int(counts.sum())} articles from {len(counts)} outlets, none with {min_articles} or more. "
                    f"The tables and figures describe it, but no difference is stated as a finding."
                ),
            )
        )
    if (note := _language_caution(articles)) is not None:
        cautions.append(dict(kind="caution", n=len(articles), statement=note))
    n_family = 0
    if not small_corpus:
        if pairwise is not None and len(counts) > MAX_PAIRWISE_OUTLETS:
            cautions.append(
                dict(
                    kind="caution",
                    n=len(counts),
                    statement=(
                        f"{len(counts)} outlets: tone is stated through each outlet's event-adjusted offset, not through "
                        f"each of the {len(counts) * (len(counts) - 1) // 2} pairs (the pairwise table and figure have them "
                        f"all)."
                    ),
                )
            )
            pairwise = None
        tables = {
            name: table
            for name, table in (("pairwise", pairwise), ("adjusted", adjusted))
            if table is not None and len(table)
        }
        if contrasts is not None and len(contrasts):
            tables["terms"] = _scope_rows(contrasts)
        q, n_family = family_q(**tables)
        tables = {name: table.assign(q_family=q[name]) for name, table in tables.items()}
        f, c = _sentiment_findings(
            tables.get("pairwise"), tables.get("adjusted"), min_events=min_events, alpha=alpha
        )
        findings += f
        cautions += c
        if "terms" in tables:
            f, c = _term_findings(
                tables["terms"],
                alpha=alpha,
                per_outlet=per_outlet,
                min_articles=min_articles,
                min_term_articles=min_term_articles,
                min_share_gap=min_share_gap,
            )
            findings += f
            cautions += c
        if frames is not None and len(frames):
            f, c = _frame_findings(frames, min_events=min_events, min_gap=min_frame_gap)
            findings += f
            cautions += c
    order = {
        "sentiment": 0,
        "frame": 1,
        "framing": 2,
        "naming": 3,
        "house style": 4,
        "self-reference": 5,
    }
    findings.sort(
        key=lambda d: (order[d["kind"]], -d["strength"], -d.get("tie", 0), d["statement"])
    )
    checks = []
    # where findings can be stated at all
    if shuffled is not None and len(shuffled) and not small_corpus:
        from .shuffles import shuffle_statement

        checks.append(
            dict(
                kind="check",
                n=len(shuffled),
                statement=shuffle_statement(len(findings), shuffled, n_articles=len(articles)),
            )
        )
    frame = pd.DataFrame(
        checks + findings + cautions, columns=[c for c in FINDING_COLUMNS if c != "rank"]
    )
    # the check is rank 0: findings count from 1
    frame.insert(0, "rank", np.arange(len(frame)) + 1 - len(checks))
    frame["n_family"] = n_family
    frame.attrs["n_family"] = n_family
    return frame


@needs(findings=["rank", "kind", "statement", "figure", "evidence"])
def findings_markdown(findings: pd.DataFrame, *, title: str = "Findings") -> str:
    """The findings as a Markdown list (``findings.md`` in a report).

    Parameters
    ----------
    findings : DataFrame
        :func:`summarize`'s table.
    title : str, default "Findings"
        The page's heading.

    Returns
    -------
    str
        The check's line, the numbered findings with links to their figure and evidence, then the cautions.
    """
    lines = [f"# {title}", ""]
    lines += [f"{s}\n" for s in findings.loc[findings["kind"] == "check", "statement"]]
    stated = findings[~findings["kind"].isin(["caution", "check"])]
    if stated.empty:
        lines.append(
            "No difference in this corpus passes the tests for a finding (see the cautions)."
        )
    for r in stated.itertuples():
        lines.append(f"{r.rank}. {r.statement} [figure]({r.figure}) [evidence]({r.evidence})")
    cautions = findings[findings["kind"] == "caution"]
    if len(cautions):
        lines += ["", "## Cautions", ""] + [f"- {s}" for s in cautions["statement"]]
    return "\n".join(lines) + "\n"


@needs(
    articles=["article_id", "outlet", "event", "text"],
    article_scores=["article_id", "outlet", "event", "compound_mean"],
)
@shared_docs
def findings_evidence(
    articles, article_scores: pd.DataFrame, *, n_boot: int = 2000, **contrast_options
) -> tuple[dict, dict]:
    """The tables :func:`summarize` reads, computed as the notebooks compute them.

    Parameters
    ----------
    articles : DataFrame or PreparedCorpus
        The articles; a prepared corpus's kept contrasts are read back when another notebook computed them.
    {article_scores}
    n_boot : int, default 2000
        Bootstrap resamples for the tone intervals.
    **contrast_options
        Passed to :func:`analysis.contrast_terms`.

    Returns
    -------
    tables : dict
        ``contrasts`` (scopes ``all`` and ``matched``), ``frames`` (:func:`analysis.pairwise_frames`),
        ``pairwise`` and ``adjusted``, each ``None`` when the corpus cannot support it.
    reasons : dict
        Why, for each table that is ``None``.
    """
    corpus = None
    if hasattr(articles, "contrasts"):  # a PreparedCorpus
        corpus, articles = articles, articles.articles
        compute_contrasts = lambda: corpus.contrasts(scope=["all", "matched"], **contrast_options)  # noqa: E731
    else:
        compute_contrasts = lambda: contrast_terms(
            articles, scope=["all", "matched"], **contrast_options
        )  # noqa: E731

    def compute_frames() -> pd.DataFrame:
        from .frame_stats import pairwise_frames
        from .frames import score_frames

        scored = corpus.frames() if corpus is not None else score_frames(articles)
        return pairwise_frames(scored, n_boot=n_boot)

    steps = {
        "contrasts": compute_contrasts,
        "frames": compute_frames,
        "pairwise": lambda: pairwise_sentiment(article_scores, n_boot=n_boot),
        "adjusted": lambda: event_adjusted_sentiment(article_scores, n_boot=n_boot),
    }
    tables, reasons = {}, {}
    for name, step in steps.items():
        try:
            tables[name] = step()
        except InsufficientData as err:
            tables[name], reasons[name] = None, str(err)
    return tables, reasons


def _language_caution(articles: pd.DataFrame) -> str | None:
    """What the findings cannot say where some article is not in English (VADER and the actor finder read
    English only)."""
    if "language" not in articles or articles["language"].eq(ENGLISH).all():
        return None
    english = int(articles["language"].eq(ENGLISH).sum())
    mix = language_mix(articles)
    if not english:
        return (
            f"No article is in English ({mix}): tone is not measured (VADER reads English only), so the "
            "findings are about terms and coverage only."
        )
    return (
        f"Languages: {mix}. Tone is measured on the {english:,} English articles only (VADER reads "
        "English only); the terms are compared in every language, each with its own stop words."
    )


@needs(findings=FINDING_COLUMNS)
@shared_docs
def save_findings(findings: pd.DataFrame, *, out_dir) -> Path:
    """Write ``tables/findings.{csv,parquet}`` and ``findings.md`` under ``out_dir``.

    Parameters
    ----------
    findings : DataFrame
        :func:`summarize`'s table.
    {out_dir}

    Returns
    -------
    Path
        The Markdown's path.
    """
    from .export import save_table

    save_table(findings, "findings", out_dir=out_dir)
    path = Path(out_dir) / "findings.md"
    path.write_text(findings_markdown(findings), encoding="utf-8")
    return path
