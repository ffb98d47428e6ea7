"""Sentence splitting on the gold set, offsets, and quotation spans."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import clean_articles, load_corpus, split_sentences
from analysis.sentences import quote_spans, split_text

from .data.sentence_gold import GOLD


def test_gold_set_is_large_enough_and_well_split():
    assert len(GOLD) >= 40
    right = sum([t for _, _, t in split_text(text)] == gold for text, gold in GOLD)
    # sentencex: 45 of 46 (it keeps a two-sentence quotation together; see benchmarks/bench_splitters.py)
    assert right / len(GOLD) >= 0.95, right


def test_offsets_point_at_the_sentence():
    text = 'MOSCOW (AFP) — Talks ended.  "Why now?" he asked.\n\nHeadline without stop\nLast one.'
    for start, end, sent in split_text(text):
        assert text[start:end] == sent and sent == sent.strip()
    assert [s for _, _, s in split_text(text)][-2:] == ["Headline without stop", "Last one."]


def _shares(text):
    arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "event": [None], "text": [text]})
    return split_sentences(arts)["quoted_share"].round(2).tolist()


def test_quote_spans_straight_and_curly():
    text = 'He said "we will win." Then he left.'
    assert quote_spans(text) == [(8, 22)]
    assert quote_spans("She called it \u201cfrank\u201d and \u201cuseful.\u201d") == [
        (14, 21),
        (26, 35),
    ]


def test_quote_running_over_sentences():
    text = '"We will respond. There is no doubt," the minister said. Reporters left.'
    arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "event": [None], "text": [text]})
    sents = split_sentences(arts)
    quoted_chars = (sents["quoted_share"] * (sents["end"] - sents["start"])).sum()
    assert quoted_chars == pytest.approx(len('"We will respond. There is no doubt,"'))
    assert (sents["quoted_share"].iloc[:-1] > 0.5).all() and sents["quoted_share"].iloc[-1] == 0.0


def test_unbalanced_quote_stops_at_the_paragraph_end():
    text = (
        'He said "this never ends. It goes on.\nThe next paragraph is the reporter. So is this one.'
    )
    spans = quote_spans(text)
    assert spans == [(8, text.index("\n"))]
    assert _shares(text)[2:] == [0.0, 0.0]


def test_multi_paragraph_quote_reopens_each_paragraph():
    text = '"The first paragraph of the quote.\n"The second one," she said.\nReporter text.'
    shares = _shares(text)
    assert shares[0] == 1.0 and shares[1] > 0.5 and shares[2] == 0.0


def test_sample_sentences(sample_path):
    sentences = split_sentences(clean_articles(load_corpus(sample_path)))
    assert list(sentences.columns[:6]) == [
        "article_id",
        "sentence_index",
        "paragraph_index",
        "outlet",
        "event",
        "text",
    ]
    assert (sentences["text"].str.len() > 0).all()
    assert (
        sentences.groupby("article_id")["sentence_index"]
        .apply(lambda s: list(s) == list(range(len(s))))
        .all()
    )
    assert 50 <= len(sentences) <= 90


def test_basil_sentence_counts(basil_path):
    articles = clean_articles(load_corpus(basil_path))
    sentences = split_sentences(articles)
    per_article = sentences.groupby("article_id").size()
    assert len(per_article) == 300
    assert per_article.min() >= 3 and 15 <= per_article.median() <= 60
    assert (sentences["text"].str.strip().str.len() > 0).all()
    assert 80 <= sentences["text"].str.len().median() <= 250
    # a sentence never spans a paragraph break, and offsets point at the text
    texts = articles.set_index("article_id")["text"]
    sample = sentences.sample(500, random_state=0)
    for r in sample.itertuples():
        assert texts[r.article_id][r.start : r.end] == r.text and "\n" not in r.text
