"""Compare how news outlets frame the same events.

The public API: each function takes and returns DataFrames (or a Figure),
with keyword-only options. See README.md for a tour.
"""
from .actors import CodebookError, actor_contexts, find_actors, read_codebook
from .clean import clean_articles, load_rules
from .labels import actor_labels
from .targets import TargetError, actor_sentiment, score_mentions, score_targets
from . import config
from .contrast import ContrastError, contrast_event, contrast_terms, count_terms, default_pair, top_terms
from .events import (EventsError, coverage_gaps, coverage_matrix, event_labels, find_wire_copies, group_events,
                     most_covered_event, side_by_side, wire_copy_ids)
from .explorer import build_explorer, explorer_data, write_explorer
from .findings import findings_evidence, findings_markdown, save_findings, summarize, term_contexts
from .interactive import explore_terms
from .export import output_folder, save_figure, save_table, use_style
from .plots import (outlet_colors, plot_actor_coverage, plot_actor_labels, plot_actor_sentiment, plot_article_counts, plot_cleaning, plot_coverage, plot_intervals, plot_lengths,
                    plot_pairwise, plot_scope_comparison, plot_sentence_distributions, plot_sentiment_along,
                    plot_sentiment_heatmap, plot_term_panels, plot_term_scatter, plot_voice)
from .pipeline import PreparedCorpus, prepare_corpus
from .sections import read_sections, section
from .corpus import CorpusError, LoadedCorpus, corpus_warnings, load_corpus, outlet_summary, read_corpus
from .sentences import quote_spans, split_sentences
from .tables import InsufficientData, MissingColumnError
from .sentiment import (article_sentiment, event_adjusted_sentiment, group_sentiment, pairwise_sentiment,
                        score_sentences, voice_sentiment)

__all__ = [
    "config", "contrast_event", "default_pair", "event_labels", "most_covered_event", "output_folder", "outlet_colors",
    "plot_article_counts", "plot_cleaning", "plot_coverage", "plot_intervals", "plot_lengths", "plot_pairwise",
    "plot_scope_comparison", "plot_sentence_distributions", "plot_sentiment_along", "plot_sentiment_heatmap",
    "plot_term_panels", "plot_term_scatter", "plot_voice", "save_figure", "save_table", "side_by_side", "use_style",
    "ContrastError", "CorpusError", "EventsError", "LoadedCorpus", "PreparedCorpus", "contrast_terms", "count_terms",
    "coverage_gaps", "coverage_matrix", "find_wire_copies", "group_events", "prepare_corpus", "top_terms",
    "wire_copy_ids", "article_sentiment", "clean_articles", "corpus_warnings",
    "event_adjusted_sentiment", "group_sentiment", "load_corpus", "load_rules", "outlet_summary",
    "pairwise_sentiment", "quote_spans", "read_corpus", "score_sentences", "split_sentences", "voice_sentiment",
    "InsufficientData", "MissingColumnError", "read_sections", "section",
    "build_explorer", "explorer_data", "write_explorer", "findings_markdown", "summarize", "term_contexts",
    "findings_evidence", "save_findings", "explore_terms",
    "CodebookError", "actor_contexts", "actor_labels", "find_actors", "read_codebook",
    "TargetError", "actor_sentiment", "score_mentions", "score_targets", "plot_actor_coverage", "plot_actor_labels",
    "plot_actor_sentiment",
]
__version__ = "0.1.0"
