"""Compare how news outlets frame the same events.

The public API: each function takes and returns DataFrames (or a Figure),
with keyword-only options. See README.md for a tour.

Names are imported from their modules on first use (PEP 562), so that
``import analysis`` and the worker processes that score sentences start
in a fraction of a second instead of loading scikit-learn and matplotlib.
"""

from importlib import import_module

from . import config

_EXPORTS = {
    "actors": ["CodebookError", "actor_contexts", "find_actors", "read_codebook"],
    "clean": ["clean_articles", "load_rules"],
    "contrast": [
        "ContrastError",
        "contrast_event",
        "contrast_terms",
        "count_terms",
        "default_pair",
        "top_terms",
    ],
    "corpus": [
        "CorpusError",
        "LoadedCorpus",
        "corpus_warnings",
        "load_corpus",
        "outlet_summary",
        "read_corpus",
        "read_corpus_batches",
    ],
    "events": [
        "EventsError",
        "coverage_gaps",
        "coverage_matrix",
        "event_labels",
        "find_wire_copies",
        "group_events",
        "most_covered_event",
        "side_by_side",
        "wire_copy_ids",
    ],
    "explorer": ["build_explorer", "explorer_data", "write_explorer"],
    "export": ["output_folder", "save_contrasts", "save_figure", "save_table", "use_style"],
    "findings": [
        "findings_evidence",
        "findings_markdown",
        "save_findings",
        "summarize",
        "term_contexts",
    ],
    "frames": [
        "FRAMES",
        "FRAME_NAMES",
        "FrameError",
        "frame_checks",
        "frame_evidence",
        "reliable_frames",
        "score_frames",
    ],
    "frame_stats": ["frame_prevalence", "pairwise_frames"],
    "interactive": ["explore_terms"],
    "kinds": ["TermRulesError", "classify_terms", "read_rules"],
    "labels": ["actor_labels", "label_reach"],
    "languages": ["detect_languages", "english_only", "language_mix", "language_name"],
    "parallel": ["SchedulerError", "parallel_config"],
    "pipeline": ["PreparedCorpus", "prepare_corpus"],
    "plots": [
        "outlet_colors",
        "plot_actor_coverage",
        "plot_actor_labels",
        "plot_actor_sentiment",
        "plot_article_counts",
        "plot_cleaning",
        "plot_coverage",
        "plot_frames",
        "plot_intervals",
        "plot_lengths",
        "plot_pairwise",
        "plot_scope_comparison",
        "plot_sentence_distributions",
        "plot_sentiment_along",
        "plot_sentiment_heatmap",
        "plot_term_panels",
        "plot_term_scatter",
        "plot_voice",
    ],
    "sections": ["read_sections", "section"],
    "shuffles": ["shuffled_findings"],
    "sentences": ["quote_spans", "split_sentences"],
    "sentiment": [
        "article_sentiment",
        "event_adjusted_sentiment",
        "group_sentiment",
        "pairwise_sentiment",
        "score_sentences",
        "voice_sentiment",
    ],
    "tables": ["InsufficientData", "MissingColumnError"],
    "targets": [
        "TargetError",
        "actor_sentiment",
        "score_mentions",
        "score_targets",
        "tone_mentions",
        "tone_sample_note",
    ],
}
_WHERE = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = ["config", *sorted(_WHERE)]
__version__ = "0.1.0"


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
