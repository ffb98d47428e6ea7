"""Split articles into sentences and find the quoted (sources') voice in them.

Splitting uses ``sentencex`` within each paragraph (line) of the cleaned
text: chosen by measurement (benchmarks/bench_splitters.py) as the most
accurate on our gold set of hard news cases among splitters at least 10x
faster than VADER. A line break always ends a sentence, so headlines,
captions and datelines without a full stop do not run into the next line.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import sentencex

SENTENCE_COLUMNS = ["article_id", "sentence_index", "paragraph_index", "outlet", "event", "text",
                    "start", "end", "quoted_share"]
OPENING = {'"': '"', "\u201c": "\u201d", "\u201e": "\u201d", "\u00ab": "\u00bb"}


def split_text(text: str) -> list[tuple[int, int, str]]:
    """Sentences of one text as ``(start, end, sentence)``, offsets into ``text``, stripped."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            offset = pos
            for piece in sentencex.segment("en", line):
                found = line.find(piece, offset - pos)
                at = pos + (found if found >= 0 else offset - pos)
                lead = len(piece) - len(piece.lstrip())
                body = piece.strip()
                if body:
                    out.append((at + lead, at + lead + len(body), body))
                offset = at + len(piece)
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
    pos = 0
    for line in text.split("\n"):
        start, closer = None, None
        for i, ch in enumerate(line):
            if start is None:
                if ch in OPENING:
                    start, closer = i, OPENING[ch]
            elif ch == closer:
                spans.append((pos + start, pos + i + 1))
                start = None
        if start is not None:
            spans.append((pos + start, pos + len(line)))
        pos += len(line) + 1
    return spans


def _quoted_shares(bounds: list[tuple[int, int, str]], spans: list[tuple[int, int]]) -> list[float]:
    if not spans:
        return [0.0] * len(bounds)
    covered = np.zeros(bounds[-1][1] if bounds else 0, dtype=bool)
    for a, b in spans:
        covered[a:b] = True
    return [float(covered[s:e].mean()) if e > s else 0.0 for s, e, _ in bounds]


def split_sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """The ``sentences`` table: one row per sentence of every article's (cleaned) text.

    Columns: ``article_id``, ``sentence_index`` (0-based within the article),
    ``paragraph_index``, ``outlet``, ``event``, ``text``, ``start``/``end``
    (character offsets into the article text) and ``quoted_share`` (share
    of the sentence's characters inside quotation marks, 0 to 1). Articles
    whose text holds no sentence contribute no rows.
    """
    rows = []
    events = articles["event"] if "event" in articles else pd.Series(None, index=articles.index)
    for aid, outlet, event, text in zip(articles["article_id"], articles["outlet"], events, articles["text"]):
        bounds = split_text(text)
        shares = _quoted_shares(bounds, quote_spans(text))
        line_starts = np.cumsum([0] + [len(line) + 1 for line in text.split("\n")])
        paragraphs = np.searchsorted(line_starts, [s for s, _, _ in bounds], side="right") - 1
        for i, ((s, e, sent), share, para) in enumerate(zip(bounds, shares, paragraphs)):
            rows.append((aid, i, int(para), outlet, event, sent, s, e, share))
    frame = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
    return frame.astype({"sentence_index": "int64", "paragraph_index": "int64", "start": "int64", "end": "int64",
                         "quoted_share": "float64"})
