"""The shuffled-outlets check: how many findings would the same rules state if the outlets did not differ?

:func:`shuffled_findings` gives each article the outlet label of another article
of the same event, at random (a permutation within events, so every event
keeps its outlets and its number of articles per outlet), recomputes the
tables findings come from (term contrasts, pairwise and event-adjusted tone)
and runs :func:`analysis.summarize` on them, ``k`` times with a fixed seed.
Whatever those state is chance by construction. :func:`shuffle_statement`
puts it beside the real count at the top of the findings: where the shuffled
corpora state nearly as many, the findings cannot be told apart from chance.

The term counts are read once: every shuffle after the first takes the
per-article counts of the first (the same articles, the same tokens) and only
sums them by the new labels. Past ``max_articles`` the shuffles run on a
sample of the events (whole events, seeded), and the table says so.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .contrast import _contrast, _in_memory
from .findings import summarize
from .sentiment import event_adjusted_sentiment, pairwise_sentiment
from .tables import InsufficientData, needs

SHUFFLES = 20  # shuffled copies of the corpus by default
SHUFFLE_BOOT = (
    200  # bootstrap resamples for the shuffles' intervals (the findings' tests need no more)
)
MAX_SHUFFLE_ARTICLES = (
    10_000  # articles the shuffles run on at most: past it, a sample of whole events (20 shuffles
)
# of 20,000 generated articles took 113 s; of 10,000, about half)
SHUFFLE_COLUMNS = ["shuffle", "n_findings", "n_tone", "n_terms", "n_articles", "n_events"]


def permute_within_events(
    outlets: pd.Series, events: pd.Series, rng: np.random.Generator
) -> np.ndarray:
    """``outlets`` shuffled among the articles of each event (articles without an event among themselves)."""
    groups = pd.factorize(events.fillna("\0none"))[0]
    values = outlets.to_numpy(copy=True)
    order = np.argsort(groups, kind="stable")
    bounds = np.flatnonzero(np.diff(groups[order])) + 1
    for members in np.split(order, bounds):
        values[members] = values[rng.permutation(members)]
    return values


def _sample_events(
    articles: pd.DataFrame, max_articles: int, rng: np.random.Generator
) -> pd.DataFrame:
    """Whole events, drawn at random, until about ``max_articles`` articles."""
    if len(articles) <= max_articles:
        return articles
    sizes = articles.groupby("event", dropna=False).size()
    drawn = sizes.sample(frac=1.0, random_state=rng.integers(2**31)).cumsum()
    keep = drawn.index[drawn <= max_articles]
    return articles[articles["event"].isin(keep)]


def _tables(
    articles,
    scores,
    *,
    counted: dict,
    kinds: dict,
    n_boot: int,
    seed: int,
    mentions,
    term_rules,
    options,
) -> dict:
    """The tables :func:`analysis.summarize` reads, of one (shuffled) corpus; those it cannot support are left out.
    ``counted`` keeps the per-article term counts and ``kinds`` the terms' kinds from one shuffle to the next."""
    from .kinds import term_kinds

    out = {}
    try:
        table = _contrast(
            *_in_memory(articles), scope=["all", "matched"], counted=counted, **options
        )
        # the same terms and outlets in every shuffle: their kinds are worked out once
        if "kinds" not in kinds:
            kinds["kinds"] = term_kinds(table, mentions=mentions, rules=term_rules)
        out["contrasts"] = kinds["kinds"].apply(table)
    except InsufficientData:
        pass
    for name, step in (("pairwise", pairwise_sentiment), ("adjusted", event_adjusted_sentiment)):
        try:
            out[name] = step(scores, n_boot=n_boot, seed=seed)
        except InsufficientData:
            pass
    return out


def _shuffled_frames(frames: pd.DataFrame, shuffled: pd.DataFrame, *, n_boot: int, seed: int):
    """:func:`analysis.pairwise_frames` of the shuffled articles' frame labels (``None`` where there is no
    shared event)."""
    from .frame_stats import pairwise_frames

    labels = frames.drop(columns=["outlet", "event"], errors="ignore").merge(
        shuffled[["article_id", "outlet", "event"]], on="article_id"
    )
    try:
        return pairwise_frames(labels, n_boot=n_boot, seed=seed)
    except InsufficientData:
        return None


@needs(
    articles=["article_id", "outlet", "event", "text"],
    article_scores=["article_id", "outlet", "event", "compound_mean"],
)
def shuffled_findings(
    articles: pd.DataFrame,
    article_scores: pd.DataFrame,
    *,
    k: int = SHUFFLES,
    seed: int = 0,
    n_boot: int = SHUFFLE_BOOT,
    max_articles: int = MAX_SHUFFLE_ARTICLES,
    mentions=None,
    term_rules=None,
    frames: pd.DataFrame | None = None,
    **contrast_options,
) -> pd.DataFrame:
    """The findings the same rules state on ``k`` copies of the corpus with the outlets shuffled within events.

    Parameters
    ----------
    articles : DataFrame
        The articles (a :class:`~analysis.PreparedCorpus` stands for its articles).
    article_scores : DataFrame
        :func:`analysis.article_sentiment`'s table of the same articles.
    k, seed : int
        Shuffles, and the seed that makes them the same on every run.
    n_boot : int
        Bootstrap resamples of the shuffles' tone intervals.
    max_articles : int
        Past this many articles, each shuffle runs on a seeded sample of whole events of about this many.
    mentions, term_rules
        As for :func:`analysis.contrast_terms`: the kinds of terms, so that the rules are the same.
    frames : DataFrame, optional
        :func:`analysis.score_frames`' table of the same articles: the frame differences are then tested on
        every shuffle too, as the findings test them.
    **contrast_options
        Further options of the contrasts (``prior_scale``, ``min_df``, ``exclude``...), as the real ones had.

    Returns
    -------
    DataFrame
        One row per shuffle: ``shuffle``, ``n_findings`` (stated findings, cautions left out), ``n_tone``,
        ``n_terms`` (every other kind: terms and frames), ``n_articles`` and ``n_events`` (those the shuffle
        ran on).
    """
    articles = getattr(articles, "articles", articles)
    rng = np.random.default_rng(seed)
    sample = _sample_events(articles.reset_index(drop=True), max_articles, rng).reset_index(
        drop=True
    )
    scores = article_scores.set_index("article_id")
    chosen = scores.reindex(sample["article_id"])
    counted: dict = {}
    kinds: dict = {}
    rows = []
    for s in range(k):
        shuffled = sample.assign(
            outlet=permute_within_events(sample["outlet"], sample["event"], rng)
        )
        shuffled_scores = (
            chosen.reset_index()
            .assign(outlet=shuffled["outlet"].to_numpy(), event=shuffled["event"].to_numpy())
            .dropna(subset=["compound_mean"])
        )
        tables = _tables(
            shuffled,
            shuffled_scores,
            counted=counted,
            kinds=kinds,
            n_boot=n_boot,
            seed=seed + s,
            mentions=mentions,
            term_rules=term_rules,
            options=contrast_options,
        )
        if frames is not None:
            tables["frames"] = _shuffled_frames(frames, shuffled, n_boot=n_boot, seed=seed + s)
        found = summarize(shuffled, **tables)
        stated = found[~found["kind"].isin(["caution", "check"])]
        rows.append(
            (
                s,
                len(stated),
                int((stated["kind"] == "sentiment").sum()),
                int((stated["kind"] != "sentiment").sum()),
                len(sample),
                int(sample["event"].nunique()),
            )
        )
    for spilled in counted.values():
        spilled.spill.close()
    table = pd.DataFrame(rows, columns=SHUFFLE_COLUMNS)
    table.attrs["sampled"] = len(sample) < len(articles)
    return table


def shuffle_statement(n_real: int, shuffled: pd.DataFrame, *, n_articles: int | None = None) -> str:
    """One paragraph for the top of the findings: what the same rules state with the outlets shuffled, and
    whether the real findings can be told apart from that."""
    if shuffled is None or not len(shuffled):
        return ""
    mean, most, k = shuffled["n_findings"].mean(), int(shuffled["n_findings"].max()), len(shuffled)
    where = ""
    if n_articles is not None and int(shuffled["n_articles"].iloc[0]) < n_articles:
        where = (
            f" (each on a sample of {int(shuffled['n_events'].iloc[0]):,} whole events, "
            f"{int(shuffled['n_articles'].iloc[0]):,} of the {n_articles:,} articles)"
        )
    text = (
        f"With the outlets shuffled within events, the same rules state on average {mean:.1f} findings "
        f"(at most {most}) over {k} shuffled copies of this corpus{where}; here they state {n_real}."
    )
    if n_real == 0:
        return text
    if mean >= n_real / 2 or most >= n_real:
        return text + " These findings cannot be told apart from chance."
    return text + " Chance alone would state far fewer."
