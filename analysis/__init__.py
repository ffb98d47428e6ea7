"""Compare how news outlets frame the same events.

The public API: each function takes and returns DataFrames (or a Figure),
with keyword-only options. See README.md for a tour.
"""
from .clean import clean_articles, load_rules
from .corpus import CorpusError, LoadedCorpus, load_corpus, read_corpus

__all__ = [
    "CorpusError", "LoadedCorpus", "clean_articles", "load_corpus", "load_rules", "read_corpus",
]
__version__ = "0.1.0"
