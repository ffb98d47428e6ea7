"""The shared first steps of every command and notebook: load, clean, and group events if needed."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .clean import clean_articles
from .corpus import LoadedCorpus, read_corpus
from .events import group_events


@dataclass
class PreparedCorpus:
    """A corpus ready for analysis: cleaned ``articles`` (events filled in), the cleaning
    ``audit``, the ``skipped`` rows with reasons, and ``notes`` on what was done."""

    loaded: LoadedCorpus
    articles: pd.DataFrame
    audit: pd.DataFrame
    notes: list[str] = field(default_factory=list)

    @property
    def skipped(self) -> pd.DataFrame:
        return self.loaded.skipped


def prepare_corpus(corpus, *, columns: dict[str, str] | None = None, encoding: str | None = None, rules=None,
                   event_overrides=None) -> PreparedCorpus:
    """Load ``corpus``, clean it, and group articles without an event into events.

    Returns a :class:`PreparedCorpus`. When the corpus has no event labels
    (or some articles lack one), :func:`analysis.group_events` fills them in
    and a note says so; ``event_overrides`` (CSV of ``article_id,event``)
    corrects the grouping by hand.
    """
    loaded = read_corpus(corpus, columns=columns, encoding=encoding)
    articles, audit = clean_articles(loaded.articles, rules=rules, return_audit=True)
    notes = list(loaded.notes)
    missing = int(articles["event"].isna().sum())
    if missing or event_overrides is not None:
        articles = group_events(articles, overrides=event_overrides)
        grouped = articles.loc[loaded.articles["event"].isna().to_numpy(), "event"].nunique()
        if missing:
            what = "the corpus has no event labels" if missing == len(articles) else f"{missing} articles have no event"
            notes.append(f"{what}: grouped {missing} articles into {grouped} events by text similarity and date "
                         f"(analysis.group_events; correct it with an overrides file)")
    return PreparedCorpus(loaded, articles, audit, notes)
