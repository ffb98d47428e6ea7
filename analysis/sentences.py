"""Split articles into sentences and find the quoted (sources') voice in them.

Splitting uses ``sentencex`` within each paragraph (line) of the cleaned
text: chosen by measurement (benchmarks/bench_splitters.py) as the most
accurate on our gold set of hard news cases among splitters at least 10x
faster than VADER. A line break always ends a sentence, so headlines,
captions and datelines without a full stop do not run into the next line.
"""

from __future__ import annotations

import re

import pandas as pd
import sentencex

from .tables import needs

SENTENCE_COLUMNS = [
    "article_id",
    "sentence_index",
    "paragraph_index",
    "outlet",
    "event",
    "text",
    "start",
    "end",
    "quoted_share",
]
_QUOTE_OR_BREAK = re.compile('["\u201c\u201d\u201e\u00ab\u00bb\n]')
OPENING = {'"': '"', "\u201c": "\u201d", "\u201e": "\u201d", "\u00ab": "\u00bb"}


def split_text(text: str, language: str = "en") -> list[tuple[int, int, str]]:
    """Sentences of one text as ``(start, end, sentence)``, offsets into ``text``, stripped (split by the
    rules of ``language``, an ISO 639-1 code)."""
    return [(s, e, t) for _, s, e, t in _split_paragraphs(text, language)]


def _split_paragraphs(text: str, language: str = "en") -> list[tuple[int, int, int, str]]:
    """``(paragraph, start, end, sentence)`` of each sentence, split by sentencex's rules for ``language``
    (an ISO 639-1 code; sentencex falls back to a related language's rules, then to English's)."""
    out: list[tuple[int, int, int, str]] = []
    pos = 0
    for para, line in enumerate(text.split("\n")):
        if line.strip():
            at = 0
            for piece in sentencex.segment(language, line):
                found = line.find(piece, at)
                at = found if found >= 0 else at
                body = piece.strip()
                if body:
                    start = pos + at + len(piece) - len(piece.lstrip())
                    out.append((para, start, start + len(body), body))
                at += len(piece)
        pos += len(line) + 1
    return out


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``[start, end)`` inside quotation marks, the marks included.

    Straight double quotes open and close alternately; curly and guillemet
    quotes pair with their closing mark. A quote still open at the end of a
    paragraph (line) ends there: in news style a quote running over several
    paragraphs reopens each one, and an unbalanced mark must never swallow
    the rest of the article. Single quotes are not used (they double as
    apostrophes).
    """
    spans: list[tuple[int, int]] = []
    start, closer = None, None
    for m in _QUOTE_OR_BREAK.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "\n":
            if start is not None:  # still open at the paragraph's end: close it there
                spans.append((start, i))
                start = None
        elif start is None:
            if ch in OPENING:
                start, closer = i, OPENING[ch]
        elif ch == closer:
            spans.append((start, i + 1))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    return spans


def _quoted_share(start: int, end: int, spans: list[tuple[int, int]]) -> float:
    inside = sum(min(end, b) - max(start, a) for a, b in spans if a < end and b > start)
    return inside / (end - start) if end > start else 0.0


@needs(articles=["article_id", "outlet", "text"])
def split_sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """The ``sentences`` table: one row per sentence of every article's (cleaned) text.

    Columns: ``article_id``, ``sentence_index`` (0-based within the article),
    ``paragraph_index``, ``outlet``, ``event``, ``text``, ``start``/``end``
    (character offsets into the article text) and ``quoted_share`` (share
    of the sentence's characters inside quotation marks, 0 to 1); and
    ``language``, the article's, where the articles have one (each is split
    by its language's rules). Articles whose text holds no sentence
    contribute no rows.
    """
    rows = []
    events = articles["event"] if "event" in articles else pd.Series(None, index=articles.index)
    languages = articles["language"] if "language" in articles else ["en"] * len(articles)
    for aid, outlet, event, text, language in zip(
        articles["article_id"], articles["outlet"], events, articles["text"], languages
    ):
        spans = quote_spans(text) if '"' in text or not text.isascii() else []
        for i, (para, s, e, sent) in enumerate(_split_paragraphs(text, language)):
            rows.append(
                (
                    aid,
                    i,
                    para,
                    outlet,
                    event,
                    sent,
                    s,
                    e,
                    _quoted_share(s, e, spans) if spans else 0.0,
                    language,
                )
            )
    frame = pd.DataFrame(rows, columns=[*SENTENCE_COLUMNS, "language"])
    if "language" not in articles:
        frame = frame.drop(columns="language")
    return frame.astype(
        {
            "sentence_index": "int64",
            "paragraph_index": "int64",
            "start": "int64",
            "end": "int64",
            "quoted_share": "float64",
        }
    )


def spans_by_article(sentences: pd.DataFrame, extra=(), articles=None) -> dict:
    """:func:`split_sentences`'s table as ``{article_id: [(start, end, text, *extra), ...]}`` in sentence order,
    the shape :func:`split_text` gives one article (``extra``: more columns to carry, e.g. VADER's;
    ``articles``: only these article ids). Each column is turned into Python values once, not group by group."""
    if articles is not None:
        sentences = sentences[sentences["article_id"].isin(list(articles))]
    ordered = sentences[sentences["article_id"].notna()].sort_values(
        ["article_id", "sentence_index"], kind="stable"
    )
    ids = ordered["article_id"].tolist()
    rows = list(zip(*(ordered[c].tolist() for c in ("start", "end", "text", *extra))))
    out: dict = {}
    lo = 0
    for hi in range(1, len(ids) + 1):
        if hi == len(ids) or ids[hi] != ids[lo]:
            out[ids[lo]] = rows[lo:hi]
            lo = hi
    return out
