"""Which terms each outlet prefers: log-odds with an informative Dirichlet prior, and TF-IDF contrasts.

Every outlet is compared with the rest (one-vs-rest), in one table, for any
number of outlets. The counting is :mod:`analysis.counting`'s (a chunk of
articles at a time, only sums kept, so the article x term matrix is never
held whole) and the reading of texts :mod:`analysis.tokens`'s; this module
holds the statistics: the log-odds with their prior, the comparisons, and
the table.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pyarrow as pa
from scipy.stats import false_discovery_control, norm

from ._docs import shared_docs
from .counting import (  # noqa: F401 -- count_terms, AUTO_MIN_DF and CHUNK are read from here too
    AUTO_MIN_DF,
    CHUNK,
    _Counted,
    _dense,
    _event_strata,
    _first_pass,
    _in_chunks,
    _kept_terms,
    _membership,
    _outlets_with_terms,
    _second_pass,
    _Spill,
    auto_min_df,
    count_terms,
)
from .errors import ContrastError, NothingToCompare
from .evidence import article_p, hypergeometric_moments, mantel_haenszel_z
from .languages import ENGLISH
from .tables import needs, require_columns
from .tokens import TOKEN_PATTERN, acronyms, fold, make_vectorizer, preprocess  # noqa: F401 -- as they were

log = logging.getLogger(__name__)
CONTRAST_COLUMNS = [
    "scope",
    "outlet",
    "term",
    "count",
    "count_rest",
    "n_articles",
    "n_articles_rest",
    "total",
    "total_rest",
    "total_articles",
    "total_articles_rest",
    "prior",
    "log_odds",
    "z_tokens",
    "z",
    "q",
    "tfidf_diff",
]
_WHOLE = (
    "count",
    "count_rest",
    "n_articles",
    "n_articles_rest",
    "total",
    "total_rest",
    "total_articles",
    "total_articles_rest",
)  # whole numbers; the other computed columns are floats
DEFAULT_PRIOR_SCALE = (
    0.1  # see docs/methods.md: with 0.01 a term only one outlet uses can hardly reach |z| > 1.96
)


def log_odds_dirichlet(y_i, y_j, alpha) -> tuple[np.ndarray, np.ndarray]:
    """Monroe, Colaresi & Quinn (2008) log-odds ratio with Dirichlet prior: ``(delta, z)``.

    ``delta_w = log((y_i+a_w)/(n_i+a_0-y_i-a_w)) - log((y_j+a_w)/(n_j+a_0-y_j-a_w))``,
    ``var_w ~ 1/(y_i+a_w) + 1/(y_j+a_w)``, ``z_w = delta_w / sqrt(var_w)``,
    with ``n`` the totals and ``a_0`` the sum of the prior ``a``.
    """
    y_i, y_j, alpha = (np.asarray(v, dtype="float64") for v in (y_i, y_j, alpha))
    a0, n_i, n_j = alpha.sum(), y_i.sum(), y_j.sum()
    delta = (
        np.log(y_i + alpha)
        - np.log(n_i + a0 - y_i - alpha)
        - np.log(y_j + alpha)
        + np.log(n_j + a0 - y_j - alpha)
    )
    z = delta / np.sqrt(1.0 / (y_i + alpha) + 1.0 / (y_j + alpha))
    return delta, z


def _prior(counts: np.ndarray, prior, scale: float, terms: np.ndarray) -> np.ndarray:
    if isinstance(prior, str):
        if prior != "informative":
            raise ContrastError(
                f"prior must be 'informative', a number or per-term counts, not {prior!r}"
            )
        return counts * scale
    if np.isscalar(prior):
        if not prior > 0:
            raise ContrastError(f"a uniform prior must be positive, not {prior!r}")
        return np.full(len(terms), float(prior))
    series = pd.Series(prior, dtype="float64").reindex(terms)
    if series.isna().any() or (series <= 0).any():
        raise ContrastError("a per-term prior must give every term a positive count")
    return series.to_numpy()


def _comparisons(articles: pd.DataFrame, scope: str, by: str):
    """(scope label, outlet, positions of the outlet's articles, positions of the rest) for one scope."""
    groups = articles[by].to_numpy()
    outlets = sorted(pd.unique(groups))
    if scope == "all":
        for outlet in outlets:
            own = groups == outlet
            yield "all", outlet, np.flatnonzero(own), np.flatnonzero(~own)
        return
    codes, events = pd.factorize(articles["event"])  # integer codes: -1 where no event
    if scope not in ("matched", "events") and scope not in set(events):
        raise ContrastError(
            f"scope {scope!r} is neither 'all', 'matched', 'events' nor an event id"
        )
    group_codes, _ = pd.factorize(articles[by])
    pairs = np.unique(np.stack([codes, group_codes])[:, codes >= 0], axis=1)
    # events covered by two or more outlets
    shared = np.bincount(pairs[0], minlength=len(events)) >= 2
    if scope == "matched":
        for outlet in outlets:
            own = groups == outlet
            mine = np.zeros(len(events), dtype=bool)
            mine[np.unique(codes[own & (codes >= 0)])] = True
            in_events = (codes >= 0) & (mine & shared)[np.maximum(codes, 0)]
            yield (
                "matched",
                outlet,
                np.flatnonzero(own & in_events),
                np.flatnonzero(~own & in_events),
            )
        return
    chosen = sorted(events[shared]) if scope == "events" else [scope]
    # positions grouped by event, so each event costs its own size
    by_event = np.argsort(codes, kind="stable")
    starts = np.searchsorted(codes[by_event], np.arange(len(events) + 1))
    for event in chosen:
        code = events.get_loc(event)
        rows = by_event[starts[code] : starts[code + 1]]
        for outlet in sorted(pd.unique(groups[rows])):
            own = groups[rows] == outlet
            yield str(event), outlet, rows[own], rows[~own]


@needs(articles=["text"])
def contrast_terms(
    articles: pd.DataFrame,
    *,
    by: str = "outlet",
    scope="all",
    prior="informative",
    prior_scale: float = DEFAULT_PRIOR_SCALE,
    exclude=None,
    outlets=None,
    min_df="auto",
    n_jobs: int | None = None,
    scheduler=None,
    progress: bool | None = None,
    mentions=None,
    term_rules=None,
    **vectorizer_params,
) -> pd.DataFrame:
    """One-vs-rest term contrasts of every outlet: the full table, every term.

    Columns: ``scope``, ``outlet``, ``term``; ``count`` and ``count_rest``
    (uses of the term by the outlet and by the rest); ``n_articles`` and
    ``n_articles_rest`` (articles holding it); ``total``, ``total_rest``
    (uses of all terms) and ``total_articles``, ``total_articles_rest``
    (articles compared); ``prior`` (``a_w``); ``log_odds`` (``delta_w`` of
    Monroe, Colaresi & Quinn 2008, over uses) and ``z_tokens``, its z;
    ``z``, the evidence counted in articles: the Mantel-Haenszel (1959)
    statistic of how many of the outlet's articles hold the term, against
    the articles of the rest, stratified by event in the ``matched`` scope
    (so one article repeating a word counts once, and an outlet's events
    are compared with the same events' other articles); ``q``, the
    Benjamini-Hochberg q-value of ``z``'s two-sided p over every term of
    that comparison (read ``q < 0.05`` as "distinctive, with at most 5%
    false discoveries among such terms"); ``tfidf_diff`` (the outlet's mean
    TF-IDF weight minus the rest's); ``kind`` (``framing``, ``name``,
    ``style`` or ``self``: :func:`analysis.classify_terms`, with
    ``mentions``, :func:`analysis.find_actors`'s table, for names, and
    ``term_rules``, a rules file of the corpus's own). Sorted by scope,
    outlet, descending ``z``, then descending ``z_tokens``.

    ``scope``: ``"all"``; ``"matched"`` (each outlet against the others only
    on events they share, and only its articles on those events);
    ``"events"`` (within each event covered by two or more outlets); an
    event id; or a list of these. ``prior``: ``"informative"`` (each term's
    count over the comparison x ``prior_scale``), a number (uniform), or
    per-term counts. ``exclude``: article ids to leave out (e.g.
    :func:`analysis.wire_copy_ids`). ``outlets``: compare only these
    outlets (values of ``by``), e.g. two for a side-by-side view; the others'
    articles are left out as ``exclude`` leaves them. ``min_df``: the
    articles a term must be in (a number, a share as scikit-learn takes it,
    or ``"auto"``: :func:`auto_min_df` of the number of articles given, 2
    up to 200,000).
    Other keywords go to scikit-learn's CountVectorizer (``stop_words``,
    ``ngram_range``, ``max_df``, ...).

    Out of core: the articles are counted ``CHUNK`` at a time, where
    ``n_jobs`` and ``scheduler`` say, with a progress bar (``progress``; all
    three: :func:`analysis.parallel_config`). Only sums are kept: document frequencies per term,
    and term counts and TF-IDF weights summed per side of each comparison;
    each chunk's counts wait for the second pass on disk once they pass
    ``SPILL`` bytes. So memory grows with the vocabulary and the number of
    comparisons, not with the number of articles, and the table is the one
    the whole article x term matrix would give (tested).

    An outlet with no usable term (after stop words and ``min_df``) is left
    out, and ``table.attrs["notes"]`` says so; :class:`NothingToCompare`
    (an :class:`~analysis.InsufficientData`) when fewer than two outlets
    are left or the scope leaves nothing to compare.
    """
    from .kinds import classify_terms

    table = _contrast(
        *_in_memory(articles),
        by=by,
        scope=scope,
        prior=prior,
        prior_scale=prior_scale,
        exclude=exclude,
        outlets=outlets,
        min_df=min_df,
        n_jobs=n_jobs,
        scheduler=scheduler,
        progress=progress,
        **vectorizer_params,
    )
    return classify_terms(table, mentions=mentions, rules=term_rules)


def _in_memory(articles: pd.DataFrame):
    """``articles`` without their text, and the function that gives :func:`_contrast` their texts."""
    texts = articles["text"]
    return articles.drop(columns=["text"]), lambda keep: _in_chunks(texts.to_numpy()[keep])


def _languages(articles: pd.DataFrame) -> np.ndarray | None:
    """Each article's language, where some is not English (each is then read with its own stop words)."""
    if "language" not in articles or articles["language"].eq(ENGLISH).all():
        return None
    return articles["language"].to_numpy()


def contrast_parts(corpus, **options) -> pd.DataFrame:
    """:func:`contrast_terms` of a :class:`analysis.PreparedCorpus`'s articles, the same table, reading
    their text a part at a time from the prepared dataset: the corpus's text is never in memory whole.
    The corpus keeps the per-article term counts of the last call, and a call over some of the same
    articles with the same tokenizing (the two-outlet scatter after every outlet's contrasts) takes
    its counts from there instead of reading the texts again."""
    if corpus.folder is None or corpus._articles is not None:
        return _contrast(*_in_memory(corpus.articles), counted=corpus.term_counts, **options)
    meta = pd.concat(list(corpus.parts(columns=corpus.columns_but_text())))  # whatever ``by`` names

    def texts(keep: np.ndarray):
        lo = 0
        for part in corpus.parts(columns=["text"]):
            mask = keep[lo : lo + len(part)]
            lo += len(part)
            yield from part["text"].to_numpy()[mask]

    return _contrast(
        meta, lambda keep: _in_chunks(texts(keep)), counted=corpus.term_counts, **options
    )


def _contrast(
    articles: pd.DataFrame,
    chunks,
    *,
    by: str = "outlet",
    scope="all",
    prior="informative",
    prior_scale: float = DEFAULT_PRIOR_SCALE,
    exclude=None,
    outlets=None,
    min_df="auto",
    n_jobs: int | None = None,
    scheduler=None,
    progress: bool | None = None,
    counted: dict | None = None,
    **vectorizer_params,
) -> pd.DataFrame:
    """:func:`contrast_terms` of ``articles`` (without their text), whose texts ``chunks(keep)`` gives: lists
    of texts of the rows where the boolean array ``keep`` is true, in order.

    ``counted``: a dict that keeps this call's per-article term counts (:class:`_Counted`), and from
    which a later call over some of the same rows, with the same tokenizing, takes its counts instead
    of reading the texts again (the two-outlet scatter after the contrasts of all outlets). The table
    is the same either way."""
    vectorizer_params["min_df"] = auto_min_df(len(articles)) if str(min_df) == "auto" else min_df
    scopes = [scope] if isinstance(scope, str) else list(scope)
    require_columns(
        articles,
        [by]
        + (["event"] if set(scopes) != {"all"} else [])
        + (["article_id"] if exclude is not None else []),
        "contrast_terms",
    )
    chosen = np.ones(len(articles), dtype=bool)
    if exclude is not None:
        chosen = ~articles["article_id"].isin(set(exclude)).to_numpy()
    if outlets is not None:
        outlets = list(outlets)
        missing = sorted(set(map(str, outlets)) - set(map(str, pd.unique(articles[by]))))
        if missing:
            raise NothingToCompare(
                f"outlets not in the corpus ({by!r}): {', '.join(map(repr, missing))}"
            )
        chosen &= articles[by].isin(outlets).to_numpy()
    positions = np.flatnonzero(chosen)
    if not chosen.all():
        articles = articles[chosen]
    _need_two_outlets(pd.unique(articles[by]))
    articles = articles.reset_index(drop=True)
    vectorizer = make_vectorizer(**vectorizer_params)
    outlet_codes, outlets = pd.factorize(articles[by])
    spill, owned = _Spill(), True  # owned: closed below, unless ``counted`` keeps it
    keep_counts = counted is not None and vectorizer.vocabulary is None
    how = repr(
        sorted(
            (k, v)
            for k, v in vectorizer_params.items()
            if k not in ("min_df", "max_df", "max_features")
        )
    )
    before = counted.get(how) if keep_counts else None
    reuse = before is not None and bool(np.isin(positions, before.rows).all())
    try:
        if reuse:
            names, df, tf = before.take(positions, spill)
        else:
            vocab, df, tf = _first_pass(
                chunks(chosen),
                len(articles),
                dict(vectorizer_params),
                spill,
                n_jobs=n_jobs,
                scheduler=scheduler,
                progress=progress,
                languages=_languages(articles),
            )
            names = pa.array(list(vocab), type=pa.large_string())
            del vocab
            if keep_counts:  # kept for the next call: these counts replace the last call's
                previous = counted.pop(how, None)
                if previous is not None:
                    previous.spill.close()
                counted[how], owned = _Counted(names, spill, positions), False
        try:
            terms, order = _kept_terms(names, df, tf, vectorizer, len(articles))
        # as scikit-learn says it: empty vocabulary, or min_df pruned everything
        except ValueError as err:
            raise NothingToCompare(
                f"no term is left to compare ({err}); lower min_df (now "
                f"{vectorizer.min_df}) or check the texts"
            ) from None
        new_index = np.full(len(df), -1, dtype=np.int32)
        new_index[order] = np.arange(len(order))
        used = _outlets_with_terms(spill, new_index, outlet_codes, len(outlets))
        notes, keep = [], np.ones(len(articles), dtype=bool)
        if not used.all():  # nothing to compare for them: their articles leave the comparison
            empty = sorted(outlets[~used])
            notes.append(
                f"left out of the contrasts, with no usable terms after stop words and min_df: "
                f"{', '.join(map(repr, empty))} (lower min_df to keep them)"
            )
            log.warning(notes[-1])
            keep = ~articles[by].isin(empty).to_numpy()
            _need_two_outlets(pd.unique(articles.loc[keep, by]), why=" with usable terms")
        kept, positions = articles[keep].reset_index(drop=True), np.flatnonzero(keep)
        comparisons = [
            (label, outlet, positions[own], positions[rest])
            for one in scopes
            for label, outlet, own, rest in _comparisons(kept, one, by)
            if len(own) and len(rest)
        ]
        if not comparisons:
            raise NothingToCompare(
                f"scope {scope!r} leaves no outlet with anything to compare against"
                + (" (no event is covered by two outlets)" if set(scopes) - {"all"} else "")
            )
        # scikit-learn's smooth idf (TfidfTransformer) over the articles compared; df of a kept term is theirs
        idf = np.log((int(keep.sum()) + 1) / (df[order] + 1.0)) + 1.0
        sides = [rows for c in comparisons for rows in c[2:]]
        sizes = np.array([len(rows) for rows in sides])
        membership = _membership(sides, len(articles))
        del sides
        events = (
            _event_strata(articles, positions, len(terms))
            if any(c[0] == "matched" for c in comparisons)
            else None
        )
        sums = _second_pass(
            spill, new_index, len(terms), idf, membership, _dense(sizes, len(terms)), events
        )
    finally:
        if owned:
            spill.close()
    counts, weights, present, by_event = sums
    # the terms either side uses
    used = [counts.columns((2 * k, 2 * k + 1)) for k in range(len(comparisons))]

    def parts():
        for k, cols in enumerate(used):
            y_i, y_j, w_i, w_j, d_i, d_j = (
                sums.at(r, cols) for sums in (counts, weights, present) for r in (2 * k, 2 * k + 1)
            )
            n_i, n_j = sizes[2 * k], sizes[2 * k + 1]
            tfidf = (w_i / n_i - w_j / n_j) * idf[cols]
            # stratified by event: each event's articles against each other
            if comparisons[k][0] == "matched":
                moments = by_event.moments(comparisons[k][2], comparisons[k][3], cols)
            else:
                moments = hypergeometric_moments(d_i + d_j, n_i, n_j)
            used[k] = None
            yield _contrast_one(
                y_i, y_j, tfidf, (d_i, d_j, n_i, n_j, *moments), cols, terms, prior, prior_scale
            )

    table = _assemble(
        [c[:2] for c in comparisons], [len(c) if len(c) >= 2 else 0 for c in used], parts(), terms
    )
    table.attrs["notes"] = notes
    return table


def _need_two_outlets(outlets, why: str = "") -> None:
    if len(outlets) < 2:
        raise NothingToCompare(
            f"contrasts need at least two outlets{why}; found {len(outlets)} "
            f"({', '.join(map(repr, outlets)) or 'none'})"
        )


def _assemble(keys: list[tuple], lengths: list[int], parts, terms: np.ndarray) -> pd.DataFrame:
    """One table from the comparisons' columns, each written once into its place (so memory holds the
    table and one comparison, not both twice); scope, outlet and term are categories (the terms'
    categories are sorted, so sorting by term is alphabetical)."""
    total, table = int(sum(lengths)), {}
    for i, name in enumerate(("scope", "outlet")):
        index = {v: j for j, v in enumerate(dict.fromkeys(k[i] for k in keys))}
        codes = np.repeat(np.array([index[k[i]] for k in keys], dtype=np.int32), lengths)
        table[name] = pd.Categorical.from_codes(codes, categories=list(index))
    where = np.empty(total, dtype=np.int32)
    columns = {
        name: np.empty(total, dtype="int64" if name in _WHOLE else "float64")
        for name in CONTRAST_COLUMNS[3:]
    }
    at = 0
    for length, part in zip(lengths, parts):
        assert len(part["where"]) == length
        where[at : at + length] = part["where"]
        for name, column in columns.items():
            column[at : at + length] = part[name]
        at += length
    table["term"] = pd.Categorical.from_codes(where, categories=pd.Index(terms, dtype=object))
    del where
    return pd.DataFrame({**table, **columns}, copy=False)


def _contrast_one(y_i, y_j, tfidf, articles, cols, terms, prior, scale) -> dict[str, np.ndarray]:
    """One comparison over the term columns ``cols`` (sorted); terms neither side uses are left out.

    ``y_i``, ``y_j``: each side's term counts; ``articles``: ``(d_i, d_j, n_i, n_j, expected, variance, low,
    high)``, the articles of each side holding each term, the sides' sizes, and the Mantel-Haenszel moments
    and support of ``d_i`` (:mod:`analysis.evidence`)."""
    d_i, d_j, n_i, n_j, expected, variance, low, high = articles
    present = (y_i + y_j) > 0
    # one term alone has no odds against the others (log 0): nothing to contrast
    if present.sum() < 2:
        present[:] = False
    alpha = _prior(y_i + y_j, prior, scale, terms[cols])
    delta, z_tokens = log_odds_dirichlet(y_i[present], y_j[present], alpha[present])
    p = article_p(
        d_i[present],
        expected[present],
        variance[present],
        low[present],
        high[present],
        (d_i + d_j)[present],
    )
    # the z of that p: ranked as it is tested
    z = np.sign(d_i[present] - expected[present]) * norm.isf(p / 2)
    # a p below what a float holds: the statistic itself, which stays finite
    beyond = np.flatnonzero(p < 1e-300)
    if len(beyond):
        z[beyond] = mantel_haenszel_z(
            d_i[present][beyond], expected[present][beyond], variance[present][beyond]
        )
    # by the articles' evidence, then the tokens'; terms are sorted alphabetically, so a stable sort breaks ties by term
    order = np.lexsort((-z_tokens, -z))
    where = np.flatnonzero(present)[order]
    n = len(where)
    # Benjamini-Hochberg over every term of this comparison, from the two-sided p of the articles' evidence
    q = false_discovery_control(p[order], method="bh") if n else np.zeros(0)
    return {
        "where": cols[where].astype(np.int32),
        "count": y_i[where].astype("int64"),
        "count_rest": y_j[where].astype("int64"),
        "n_articles": d_i[where].astype("int64"),
        "n_articles_rest": d_j[where].astype("int64"),
        "total": np.full(n, int(y_i.sum())),
        "total_rest": np.full(n, int(y_j.sum())),
        "total_articles": np.full(n, int(n_i)),
        "total_articles_rest": np.full(n, int(n_j)),
        "prior": alpha[where],
        "log_odds": delta[order],
        "z_tokens": z_tokens[order],
        "z": z[order],
        "q": q,
        "tfidf_diff": tfidf[where],
    }


@needs(contrasts=["scope", "outlet", "term", "count"])
def top_terms(
    contrasts: pd.DataFrame, *, n: int = 10, by: str = "z", min_count: int = 1, kinds=("framing",)
) -> pd.DataFrame:
    """The ``n`` most distinctive terms per (scope, outlet) by ``by``, for plots and summaries.

    Parameters
    ----------
    contrasts : DataFrame
        :func:`contrast_terms`'s table.
    n : int
        Terms per scope and outlet.
    by : str
        The column ranked, largest first (ties by term).
    min_count : int
        Terms the outlet used fewer times are left out.
    kinds : sequence of str or None
        The kinds of terms shown (``framing`` by default; ``("name", "style", "self")`` for the naming
        and house-style panel); ``None``: every kind. A table without ``kind`` is taken whole.

    Returns
    -------
    DataFrame
        The rows of ``contrasts`` kept, sorted by scope, outlet and ``by``.
    """
    kept = contrasts[contrasts["count"] >= min_count]
    if kinds is not None and "kind" in kept.columns:
        kept = kept[kept["kind"].isin([kinds] if isinstance(kinds, str) else list(kinds))]
    # ties in articles: by uses
    then = ["z_tokens"] if by == "z" and "z_tokens" in kept.columns else []
    return (
        kept.sort_values(
            ["scope", "outlet", by, *then, "term"],
            ascending=[True, True, False, *[False] * len(then), True],
            kind="stable",
        )
        .groupby(["scope", "outlet"], sort=False, observed=True)
        .head(n)
        .reset_index(drop=True)
    )


@needs(contrasts=["scope", "outlet", "z", "q"])
def spreadsheet_rows(
    contrasts: pd.DataFrame, *, limit: int, per_comparison: int = 1_000, alpha: float = 0.05
) -> np.ndarray:
    """Which rows a spreadsheet export keeps (a boolean mask): of each scope and outlet, those with
    ``q < alpha`` or its ``per_comparison`` highest ``|z|``, whichever are more; at most ``limit`` in all,
    taking each comparison's most distinctive first (its rank by ``|z|``, then the table's order)."""
    keys = [contrasts["scope"], contrasts["outlet"]]
    strength = pd.Series(-np.abs(contrasts["z"].to_numpy()), index=contrasts.index)
    rank = strength.groupby(keys, sort=False, observed=True).rank(method="first").to_numpy() - 1
    significant = (
        pd.Series(contrasts["q"].to_numpy() < alpha)
        .groupby([k.to_numpy() for k in keys], sort=False)
        .transform("sum")
        .to_numpy()
    )
    keep = rank < np.maximum(per_comparison, significant)
    if keep.sum() > limit:
        chosen = np.flatnonzero(keep)
        chosen = chosen[np.lexsort((chosen, rank[chosen]))][:limit]  # by rank, then row
        keep = np.zeros(len(rank), dtype=bool)
        keep[chosen] = True
    return keep


@needs(articles=["event", "outlet", "text"])
@shared_docs
def contrast_event(articles: pd.DataFrame, *, event, min_df: int = 1, **params) -> pd.DataFrame:
    """Term contrasts within one event: each outlet's words against the other outlets' on the same event.

    Parameters
    ----------
    {articles}
    event : object
        The event's id; its articles are compared (scope = the event id).
    min_df : int, default 1
        A term must be in at least this many of the event's articles.
    **params
        Passed to :func:`analysis.contrast_terms`.

    Returns
    -------
    DataFrame
        :func:`analysis.contrast_terms`'s table. Raises :class:`analysis.NothingToCompare` when fewer than two
        outlets covered the event.
    """
    within = articles[articles["event"] == event]
    if within["outlet"].nunique() < 2:
        raise NothingToCompare(
            f"only {within['outlet'].nunique()} outlet covered event {event!r}: "
            f"there is no other outlet to compare its words with"
        )
    return contrast_terms(within, scope=event, min_df=min_df, **params)


@needs(articles=["outlet"])
@shared_docs
def default_pair(articles: pd.DataFrame) -> tuple[str, str]:
    """The two outlets with the most articles (ties broken by name), for two-outlet views.

    Parameters
    ----------
    {articles}

    Returns
    -------
    tuple of str
        The two outlets, the larger first. Raises :class:`analysis.NothingToCompare` with fewer than two.
    """
    counts = articles["outlet"].value_counts()
    ranked = sorted(counts.index, key=lambda o: (-counts[o], o))
    if len(ranked) < 2:
        raise NothingToCompare(f"a two-outlet comparison needs two outlets; found {len(ranked)}")
    return ranked[0], ranked[1]
