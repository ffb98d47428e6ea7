"""Compare how news outlets frame the same events.

The public API: each function takes and returns DataFrames (or a Figure),
with keyword-only options. See README.md for a tour.
"""
from .clean import clean_articles, load_rules
from .corpus import CorpusError, LoadedCorpus, corpus_warnings, load_corpus, outlet_summary, read_corpus
from .sentences import quote_spans, split_sentences
from .sentiment import (article_sentiment, event_adjusted_sentiment, group_sentiment, pairwise_sentiment,
                        score_sentences, voice_sentiment)

__all__ = [
    "CorpusError", "LoadedCorpus", "article_sentiment", "clean_articles", "corpus_warnings",
    "event_adjusted_sentiment", "group_sentiment", "load_corpus", "load_rules", "outlet_summary",
    "pairwise_sentiment", "quote_spans", "read_corpus", "score_sentences", "split_sentences", "voice_sentiment",
]
__version__ = "0.1.0"
