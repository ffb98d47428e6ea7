"""Figures for the notebooks and the report. Each function takes tables and returns a Figure.

Colours: one fixed colour per outlet for the whole corpus (:func:`outlet_colors`),
from colour-blind-safe palettes. Titles say what is shown; axes carry units.
"""

from __future__ import annotations

import textwrap

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.transforms import offset_copy
from scipy.stats import false_discovery_control

from ._docs import shared_docs
from .corpus import word_counts
from .export import use_style
from .family import p_from_interval
from .languages import english_only
from .sentiment import READS
from .tables import natural_sorted, needs

# Okabe & Ito (2008), then Paul Tol's "muted" scheme: 17 colour-blind-safe colours
PALETTE = [
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#000000",
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
]


#: Past the 17 colour-blind-safe colours, more distinct ones (matplotlib's tab20b and tab20c), so that no two
#: outlets share a colour up to 57 outlets; past that, the colours cycle.
MORE_COLORS = [
    matplotlib.colors.to_hex(c)
    for name in ("tab20b", "tab20c")
    for c in matplotlib.colormaps[name].colors
]


def outlet_colors(outlets) -> dict[str, str]:
    """A fixed colour per outlet, the same in every notebook and figure.

    Parameters
    ----------
    outlets : iterable of str
        The outlets (repeats and missing values are fine: an article table's ``outlet`` column).

    Returns
    -------
    dict
        Outlet name to colour. Names in natural order ("Outlet 2" before "Outlet 10") take the
        colour-blind-safe palette in order, then :data:`MORE_COLORS`: no two outlets share a colour up
        to 57 outlets.
    """
    names = natural_sorted(pd.unique(pd.Series(list(outlets)).dropna()))
    colors = PALETTE + [c for c in MORE_COLORS if c not in PALETTE]
    return {name: colors[i % len(colors)] for i, name in enumerate(names)}


def _wrap(text, width: int = 28) -> str:
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def _heatmap_size(shape, *, colorbar: bool = False) -> tuple[float, float]:
    """Width for labelled rows plus ~1.1 in per outlet column (0.4 in, labels upright, past 8 columns: 25 outlets
    on one screen); height ~0.3 in per event row."""
    rows, cols = shape
    return 3.2 + (1.1 if cols <= WIDE else 0.4) * cols + (
        1.0 if colorbar else 0.0
    ), 1.6 + 0.3 * rows


WIDE = 8  # columns of outlets from which their labels stand upright in narrower columns


def _outlet_ticks(ax, names) -> None:
    """Outlet names under the columns of a heatmap: level while few, upright past ``WIDE``."""
    names = list(names)
    ax.set_xticks(
        range(len(names)),
        [_wrap(o, 12 if len(names) <= WIDE else 24) for o in names],
        rotation=0 if len(names) <= WIDE else 90,
    )


def _panels(n_outlets: int) -> tuple[int, int]:
    """Columns and rows of one-panel-per-outlet figures: three across, five past nine outlets."""
    cols = min(3 if n_outlets <= 9 else 5, n_outlets)
    return cols, -(-n_outlets // cols)


def _empty(title: str, message: str):
    use_style()
    fig, ax = plt.subplots(figsize=(6.4, 1.6))
    ax.axis("off")
    ax.set_title(title)
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    return fig


# ---------------------------------------------------------------- corpus
@needs(articles=["outlet"])
@shared_docs
def plot_article_counts(articles: pd.DataFrame, *, colors: dict) -> plt.Figure:
    """Bar chart: articles per outlet.

    Parameters
    ----------
    {articles}
    {colors}

    Returns
    -------
    {figure}
    """
    use_style()
    counts = articles["outlet"].value_counts().sort_index()
    fig, ax = plt.subplots(figsize=(6.4, 0.5 + 0.35 * len(counts)))
    ax.barh(
        [_wrap(o) for o in counts.index], counts.to_numpy(), color=[colors[o] for o in counts.index]
    )
    ax.invert_yaxis()
    ax.set_xlabel("articles")
    ax.set_title("Articles per outlet")
    return fig


@needs(matrix=[])
@shared_docs
def plot_coverage(
    matrix: pd.DataFrame, *, labels: dict | None = None, max_events: int = 40
) -> plt.Figure:
    """Heatmap of events x outlets, each cell the outlet's number of articles on the event.

    Parameters
    ----------
    matrix : DataFrame
        Events x outlets article counts: :func:`analysis.coverage_matrix`.
    {event_names}
    {max_events}

    Returns
    -------
    {figure}
    """
    if matrix.empty:
        return _empty("Coverage of events by outlet", "no events")
    use_style()
    order = (matrix > 0).sum(axis=1).sort_values(ascending=False, kind="stable").index[:max_events]
    shown = matrix.loc[order]
    fig, ax = plt.subplots(figsize=_heatmap_size(shown.shape))
    ax.imshow(shown.to_numpy(), aspect="auto", cmap="Blues", vmin=0)
    for (i, j), v in np.ndenumerate(shown.to_numpy()):
        ax.text(
            j,
            i,
            str(v),
            ha="center",
            va="center",
            fontsize=7,
            color="white" if v > shown.to_numpy().max() / 2 else "black",
        )
    _outlet_ticks(ax, shown.columns)
    ax.set_yticks(range(len(shown)), [_wrap((labels or {}).get(e, e), 48) for e in shown.index])
    ax.grid(False)
    more = f" (the {max_events} most covered of {len(matrix)})" if len(matrix) > max_events else ""
    ax.set_title(f"Articles per event and outlet{more}")
    return fig


@needs(articles=["outlet", "text"])
@shared_docs
def plot_lengths(articles: pd.DataFrame, *, colors: dict) -> plt.Figure:
    """Box plot of article length in words (after cleaning) per outlet.

    Parameters
    ----------
    {articles}
    {colors}

    Returns
    -------
    {figure}
    """
    use_style()
    outlets = natural_sorted(articles["outlet"].unique())
    n_words = word_counts(articles["text"]).to_numpy()
    words = [n_words[(articles["outlet"] == o).to_numpy()] for o in outlets]
    fig, ax = plt.subplots(figsize=(6.4, 0.6 + 0.4 * len(outlets)))
    box = ax.boxplot(words, vert=False, patch_artist=True, widths=0.6)
    for patch, o in zip(box["boxes"], outlets):
        patch.set_facecolor(colors[o])
        patch.set_alpha(0.8)
    ax.set_yticks(range(1, len(outlets) + 1), [_wrap(o) for o in outlets])
    ax.invert_yaxis()
    ax.set_xlabel("words per article (after cleaning)")
    ax.set_title("Article length by outlet")
    return fig


@needs(audit=["article_id", "step", "n_chars"], articles=["article_id", "outlet"])
@shared_docs
def plot_cleaning(audit: pd.DataFrame, articles: pd.DataFrame) -> plt.Figure:
    """Stacked bars: characters removed per outlet, by cleaning step.

    Parameters
    ----------
    audit : DataFrame
        What cleaning removed: one row per article and step with ``n_chars`` (a prepared corpus's ``audit``).
    {articles}

    Returns
    -------
    {figure}
    """
    if audit.empty:
        return _empty("What cleaning removed", "cleaning removed nothing")
    use_style()
    table = audit.merge(articles[["article_id", "outlet"]], on="article_id").pivot_table(
        index="outlet", columns="step", values="n_chars", aggfunc="sum", fill_value=0
    )
    table = table.loc[natural_sorted(table.index)]
    fig, ax = plt.subplots(figsize=(6.4, 0.9 + 0.4 * len(table)))
    left = np.zeros(len(table))
    for k, step in enumerate(table.columns):
        ax.barh(
            [_wrap(o) for o in table.index],
            table[step],
            left=left,
            label=step,
            color=PALETTE[k % len(PALETTE)],
        )
        left += table[step].to_numpy()
    ax.invert_yaxis()
    ax.set_xlabel("characters removed")
    ax.legend(loc="lower right")
    ax.set_title("What cleaning removed, by outlet and step")
    return fig


# ---------------------------------------------------------------- contrasts
@needs(contrasts=["scope", "outlet", "term", "count", "z"])
@shared_docs
def plot_term_panels(
    contrasts: pd.DataFrame,
    *,
    scope: str = "all",
    n: int = 10,
    colors: dict,
    title: str | None = None,
    kinds=("framing",),
) -> plt.Figure:
    """Small multiples: for each outlet, its ``n`` most distinctive terms by z, one panel per outlet.

    Parameters
    ----------
    {contrasts}
    scope : str, default "all"
        The comparison shown: ``"all"``, ``"matched"`` (events the outlets share) or an event id.
    n : int, default 10
        Terms per outlet (:func:`analysis.top_terms`).
    {colors}
    title : str, optional
        The figure's title; by default it names the scope.
    kinds : tuple of str, default ("framing",)
        The kinds of terms shown (``framing``, ``name``, ``style``, ``self``): see :func:`analysis.top_terms`.

    Returns
    -------
    {figure}
    """
    from .contrast import top_terms

    table = top_terms(contrasts[contrasts["scope"] == scope], n=n, kinds=kinds)
    outlets = natural_sorted(table["outlet"].unique())
    if not outlets:
        return _empty(title or f"Distinctive terms ({scope})", "no contrast for this scope")
    use_style()
    cols, rows = _panels(len(outlets))
    fig, axes = plt.subplots(
        rows, cols, figsize=(2.6 * cols + 0.8, 0.4 + 0.2 * n * rows), squeeze=False
    )
    for ax, outlet in zip(axes.flat, outlets):
        sub = table[table["outlet"] == outlet]
        ax.barh(sub["term"], sub["z"], color=colors[outlet])
        ax.axvline(1.96, color="#666666", lw=0.8, ls="--")
        ax.invert_yaxis()
        ax.set_title(_wrap(outlet, 30), fontsize=9)
        ax.set_xlabel("z (articles holding the term)")
    for ax in list(axes.flat)[len(outlets) :]:
        ax.axis("off")
    fig.suptitle(
        title or f"Terms each outlet uses more than the others ({scope}); dashed: z = 1.96",
        fontsize=10,
        fontweight="bold",
    )
    return fig


def _place_labels(ax, xs, ys, labels, color) -> None:
    """Label points, skipping any label that would overlap one already placed."""
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    placed = []
    for x, y, label in zip(xs, ys, labels):
        text = ax.annotate(
            label, (x, y), xytext=(3, 3), textcoords="offset points", fontsize=7, color=color
        )
        box = text.get_window_extent(renderer).expanded(1.05, 1.1)
        if any(box.overlaps(other) for other in placed):
            text.remove()
        else:
            placed.append(box)


#: Above this many points a scatter's points are drawn as an image inside SVG and PDF (axes, labels and text stay
#: vectors): 353,948 terms made a 56 MB SVG that took 36 s to write, and no reader zooms into a single term of it.
RASTER_POINTS = 20_000


@needs(pair_contrast=["scope", "outlet", "term", "count", "count_rest", "total", "total_rest", "z"])
@shared_docs
def plot_term_scatter(
    pair_contrast: pd.DataFrame, *, outlet_a: str, outlet_b: str, colors: dict, n_labels: int = 12
) -> plt.Figure:
    """Scattertext-style static scatter of two outlets: each term's frequency in each (per 10,000 terms, log
    scales), coloured by z; the most distinctive terms of each side labelled without overlap.

    Parameters
    ----------
    pair_contrast : DataFrame
        :func:`analysis.contrast_terms`'s table for the two outlets alone (``outlets=[outlet_a, outlet_b]``),
        with ``count_rest``, ``total`` and ``total_rest``.
    outlet_a, outlet_b : str
        The outlets: ``outlet_a`` on the vertical axis, ``outlet_b`` on the horizontal.
    {colors}
    n_labels : int, default 12
        Terms labelled on each side, at most (labels that would overlap are left out).

    Returns
    -------
    {figure}
    """
    rows = pair_contrast[(pair_contrast["outlet"] == outlet_a) & (pair_contrast["scope"] == "all")]
    if rows.empty:
        return _empty(f"{outlet_a} vs {outlet_b}", "no terms to compare")
    use_style()
    fa = (rows["count"] + 0.5) / rows["total"].iloc[0] * 1e4
    fb = (rows["count_rest"] + 0.5) / rows["total_rest"].iloc[0] * 1e4
    lim = max(abs(rows["z"]).max(), 1.96)
    fig, ax = plt.subplots(figsize=(6.4, 5.2))
    points = ax.scatter(
        fb,
        fa,
        c=rows["z"],
        cmap="PuOr_r",
        vmin=-lim,
        vmax=lim,
        s=8,
        alpha=0.8,
        linewidths=0,
        rasterized=len(rows) > RASTER_POINTS,
    )  # SVG and PDF: the points as one image, the rest as lines
    ax.set_xscale("log")
    ax.set_yscale("log")
    lo, hi = min(fa.min(), fb.min()), max(fa.max(), fb.max())
    ax.plot([lo, hi], [lo, hi], color="#999999", lw=0.8)
    ax.grid(True, which="major", axis="both")
    ax.set_xlabel(f"frequency in {outlet_b} (per 10,000 terms)")
    ax.set_ylabel(f"frequency in {outlet_a} (per 10,000 terms)")
    fig.colorbar(points, ax=ax, label=f"z: + more {outlet_a}, - more {outlet_b}", shrink=0.8)
    top_a = rows.nlargest(n_labels, "z")
    top_b = rows.nsmallest(n_labels, "z")
    _place_labels(
        ax, fb[top_a.index], fa[top_a.index], top_a["term"], colors.get(outlet_a, "black")
    )
    _place_labels(
        ax, fb[top_b.index], fa[top_b.index], top_b["term"], colors.get(outlet_b, "black")
    )
    ax.set_title(f"Terms: {outlet_a} vs {outlet_b}")
    return fig


@needs(contrasts=["scope", "outlet", "term", "count", "z"])
@shared_docs
def plot_scope_comparison(contrasts: pd.DataFrame, *, n: int = 8, colors: dict) -> plt.Figure:
    """For each outlet's top terms over all articles: their z over all articles against their z on the events
    the outlets share (``matched``), one panel per outlet.

    Parameters
    ----------
    {contrasts}
    n : int, default 8
        Terms per outlet.
    {colors}

    Returns
    -------
    {figure}
    """
    from .contrast import top_terms

    top = top_terms(contrasts[contrasts["scope"] == "all"], n=n)
    matched = contrasts[contrasts["scope"] == "matched"].set_index(["outlet", "term"])["z"]
    outlets = natural_sorted(top["outlet"].unique())
    if matched.empty or not outlets:
        return _empty(
            "Distinctive terms: all articles vs matched events", "no events shared by two outlets"
        )
    use_style()
    cols, rows = _panels(len(outlets))
    fig, axes = plt.subplots(
        rows, cols, figsize=(2.6 * cols + 0.8, 0.4 + 0.22 * n * rows), squeeze=False
    )
    shared = set(matched.index.get_level_values("outlet"))
    for ax, outlet in zip(axes.flat, outlets):
        sub = top[top["outlet"] == outlet]
        y = np.arange(len(sub))
        zm = np.array([matched.get((outlet, t), np.nan) for t in sub["term"]])
        ok = np.isfinite(zm)
        ax.hlines(y[ok], zm[ok], sub["z"].to_numpy()[ok], color="#bbbbbb", lw=1)
        ax.scatter(sub["z"], y, color=colors[outlet], s=18, zorder=3)
        ax.scatter(zm[ok], y[ok], facecolor="white", edgecolor=colors[outlet], s=18, zorder=3)
        if outlet not in shared:
            ax.text(
                0.98,
                0.02,
                "no event shared\nwith another outlet",
                transform=ax.transAxes,
                ha="right",
                va="bottom",
                fontsize=7,
                color="#555555",
            )
        ax.set_yticks(y, sub["term"])
        ax.invert_yaxis()
        ax.set_title(_wrap(outlet, 30), fontsize=9)
        ax.set_xlabel("z")
    handles = [
        Line2D([], [], marker="o", ls="", color="#555555", label="all articles"),
        Line2D(
            [], [], marker="o", ls="", color="#555555", mfc="white", label="matched events only"
        ),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncol=2)
    for ax in list(axes.flat)[len(outlets) :]:
        ax.axis("off")
    fig.suptitle(
        "Distinctive terms before and after matching on shared events",
        fontsize=10,
        fontweight="bold",
    )
    return fig


# ---------------------------------------------------------------- sentiment
@needs(table=["mean", "ci_low", "ci_high"])
@shared_docs
def plot_intervals(
    table: pd.DataFrame,
    *,
    label: str = "outlet",
    colors: dict,
    title: str,
    xlabel: str = "mean sentence compound (VADER)",
    zero: bool = False,
) -> plt.Figure:
    """Points with 95% intervals, one row per ``label`` (outlet means, event-adjusted offsets).

    Parameters
    ----------
    table : DataFrame
        One row per ``label`` with ``mean``, ``ci_low`` and ``ci_high``: :func:`analysis.group_sentiment` or
        :func:`analysis.event_adjusted_sentiment`.
    label : str, default "outlet"
        The column naming each row.
    {colors}
    title : str
        The figure's title.
    xlabel : str, default "mean sentence compound (VADER)"
        The horizontal axis's label.
    zero : bool, default False
        Draw a line at zero (for offsets).

    Returns
    -------
    {figure}
    """
    if table.empty:
        return _empty(title, "nothing to show")
    use_style()
    t = table.sort_values(label)
    fig, ax = plt.subplots(figsize=(6.4, 0.7 + 0.38 * len(t)))
    y = np.arange(len(t))
    for yi, row in zip(y, t.itertuples()):
        c = colors.get(getattr(row, label), "black")
        if np.isfinite(row.ci_low):
            ax.hlines(yi, row.ci_low, row.ci_high, color=c, lw=2)
        ax.plot(row.mean, yi, "o", color=c)
    if zero:
        ax.axvline(0, color="#666666", lw=0.8)
    ax.set_yticks(y, [_wrap(v) for v in t[label]])
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    return fig


@needs(pairs=["outlet_a", "outlet_b", "n_events", "mean_diff", "ci_low", "ci_high"])
@shared_docs
def plot_pairwise(pairs: pd.DataFrame) -> plt.Figure:
    """Outlet x outlet matrix of the mean difference in tone (row minus column) over the events both covered.

    A dot marks a difference that holds over all the pairs at once (Benjamini-Hochberg q < 0.05 over the
    pairs, from their ``p``: :func:`analysis.family.family_q`). One screen for 25 outlets (300 pairs).

    Parameters
    ----------
    pairs : DataFrame
        :func:`analysis.pairwise_sentiment`'s table.

    Returns
    -------
    {figure}
    """
    from .family import family_q

    shared = pairs[pairs["n_events"] > 0]
    if shared.empty:
        return _empty("Pairwise differences over shared events", "no two outlets share an event")
    use_style()
    outlets = natural_sorted(set(pairs["outlet_a"]) | set(pairs["outlet_b"]))
    at = {o: i for i, o in enumerate(outlets)}
    n = len(outlets)
    diff = np.full((n, n), np.nan)
    sure = np.zeros((n, n), dtype=bool)
    q = family_q(pairwise=shared)[0]["pairwise"]
    for r, q_pair in zip(shared.itertuples(), q):
        a, b = at[r.outlet_a], at[r.outlet_b]
        diff[a, b], diff[b, a] = r.mean_diff, -r.mean_diff
        sure[a, b] = sure[b, a] = bool(q_pair < 0.05)
    lim = max(np.nanmax(np.abs(diff)), 0.02)
    side = 2.6 + 0.34 * n
    fig, ax = plt.subplots(figsize=(side + 1.2, side))
    image = ax.imshow(diff, cmap="RdBu", vmin=-lim, vmax=lim)
    rows, cols = np.nonzero(sure)
    ax.scatter(
        cols, rows, s=max(4.0, 60.0 / max(1, n / 6)), color="black", marker="o", linewidths=0
    )
    ax.set_xticks(
        range(n), [_wrap(o, 14) for o in outlets], rotation=90, fontsize=7 if n > 12 else 8
    )
    ax.set_yticks(range(n), [_wrap(o, 24) for o in outlets], fontsize=7 if n > 12 else 8)
    ax.grid(False)
    fig.colorbar(
        image, ax=ax, shrink=0.8, label="row minus column: mean sentence compound, shared events"
    )
    ax.set_title(
        "Tone of each outlet against each other, on the events both covered\n"
        "(blue: the row's outlet brighter; red: darker; dot: q < 0.05 over all the pairs)",
        fontsize=9,
    )
    return fig


@needs(by_event_outlet=["event", "outlet", "mean"])
@shared_docs
def plot_sentiment_heatmap(
    by_event_outlet: pd.DataFrame, *, labels: dict | None = None, max_events: int = 40
) -> plt.Figure:
    """Event x outlet heatmap of mean sentence compound (diverging, centred on 0; blank where not covered).

    Parameters
    ----------
    by_event_outlet : DataFrame
        One row per event and outlet with ``mean``: :func:`analysis.group_sentiment` by event and outlet.
    {event_names}
    {max_events}

    Returns
    -------
    {figure}
    """
    if by_event_outlet.empty:
        return _empty("Sentiment by event and outlet", "nothing to show")
    use_style()
    table = by_event_outlet.pivot_table(index="event", columns="outlet", values="mean")
    table = table[natural_sorted(table.columns)]
    order = table.notna().sum(axis=1).sort_values(ascending=False, kind="stable").index[:max_events]
    table = table.loc[order]
    lim = max(np.nanmax(np.abs(table.to_numpy())), 0.05)
    fig, ax = plt.subplots(figsize=_heatmap_size(table.shape, colorbar=True))
    image = ax.imshow(table.to_numpy(), aspect="auto", cmap="RdBu", vmin=-lim, vmax=lim)
    _outlet_ticks(ax, table.columns)
    ax.set_yticks(range(len(table)), [_wrap((labels or {}).get(e, e), 48) for e in table.index])
    ax.grid(False)
    fig.colorbar(image, ax=ax, label="mean sentence compound", shrink=0.8)
    ax.set_title("Sentiment by event and outlet (blank: not covered)")
    return fig


@needs(voice=["outlet", "voice", "mean", "ci_low", "ci_high"])
@shared_docs
def plot_voice(voice: pd.DataFrame, *, colors: dict) -> plt.Figure:
    """Reporter's voice against quoted voice: mean compound with 95% intervals per outlet.

    Parameters
    ----------
    voice : DataFrame
        :func:`analysis.voice_sentiment`'s table.
    {colors}

    Returns
    -------
    {figure}
    """
    if voice.empty:
        return _empty("Reporter vs quoted voice", "nothing to show")
    use_style()
    outlets = natural_sorted(voice["outlet"].unique())
    fig, ax = plt.subplots(figsize=(6.4, 0.8 + 0.45 * len(outlets)))
    for k, (name, marker, offset) in enumerate([("reporter", "o", -0.12), ("quoted", "s", 0.12)]):
        sub = voice[voice["voice"] == name].set_index("outlet")
        for i, o in enumerate(outlets):
            if o not in sub.index:
                continue
            row = sub.loc[o]
            if np.isfinite(row["ci_low"]):
                ax.hlines(i + offset, row["ci_low"], row["ci_high"], color=colors[o], lw=2)
            ax.plot(
                row["mean"],
                i + offset,
                marker,
                color=colors[o],
                mfc=colors[o] if k == 0 else "white",
            )
    ax.axvline(0, color="#666666", lw=0.8)
    ax.set_yticks(range(len(outlets)), [_wrap(o) for o in outlets])
    ax.invert_yaxis()
    ax.set_xlabel("mean sentence compound (VADER)")
    handles = [
        Line2D([], [], marker="o", ls="", color="#555555", label="reporter voice"),
        Line2D([], [], marker="s", ls="", color="#555555", mfc="white", label="quoted voice"),
    ]
    # under the axis label, however tall the axes
    below = offset_copy(ax.transAxes, fig=fig, y=-34, units="points")
    ax.legend(
        handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=below, ncol=2
    )
    ax.set_title("Sentiment of the outlet's own voice vs quoted sources")
    return fig


@needs(sentences=["outlet", "compound"])
@shared_docs
def plot_sentence_distributions(sentences: pd.DataFrame, *, colors: dict) -> plt.Figure:
    """Cumulative distribution of sentence compound scores, one line per outlet.

    Parameters
    ----------
    {sentences}
    {colors}

    Returns
    -------
    {figure}
    """
    sentences, _ = english_only(sentences, READS)
    use_style()
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    groups = dict(tuple(sentences.groupby("outlet")))
    for outlet in natural_sorted(groups):
        values = np.sort(groups[outlet]["compound"].to_numpy())
        ax.step(
            values,
            np.arange(1, len(values) + 1) / len(values),
            where="post",
            color=colors[outlet],
            label=_wrap(outlet, 40),
        )
    ax.axvspan(-0.05, 0.05, color="#eeeeee", zorder=0)
    ax.set_xlabel("sentence compound (VADER); shaded: neutral band")
    ax.set_ylabel("share of sentences at or below")
    ax.grid(True, axis="both")
    ax.legend(loc="upper left")
    ax.set_title("Distribution of sentence sentiment by outlet")
    return fig


@needs(sentences=["outlet", "article_id", "sentence_index", "compound"])
@shared_docs
def plot_sentiment_along(sentences: pd.DataFrame, *, colors: dict, title: str) -> plt.Figure:
    """Sentence compound along each article (relative position 0-1, a 3-sentence mean), one line per article.

    Parameters
    ----------
    sentences : DataFrame
        The sentences of a few articles (one event's, say): :func:`analysis.score_sentences`'s rows.
    {colors}
    title : str
        The figure's title.

    Returns
    -------
    {figure}
    """
    if sentences.empty:
        return _empty(title, "no sentences")
    sentences, _ = english_only(sentences, READS)
    use_style()
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    for (outlet, _), grp in sentences.groupby(["outlet", "article_id"], sort=True):
        pos = grp["sentence_index"] / max(grp["sentence_index"].max(), 1)
        smooth = grp["compound"].rolling(3, center=True, min_periods=1).mean()
        ax.plot(pos, smooth, color=colors[outlet], lw=1.4, label=_wrap(outlet, 40))
    handles, names = ax.get_legend_handles_labels()
    unique = dict(zip(names, handles))
    ax.legend(unique.values(), unique.keys(), loc="lower left")
    ax.axhline(0, color="#666666", lw=0.8)
    ax.set_xlabel("position in the article (0 = lede, 1 = end)")
    ax.set_ylabel("sentence compound (3-sentence mean)")
    ax.grid(True, axis="both")
    ax.set_title(title)
    return fig


def close(fig) -> None:
    """Release a figure's memory once it is saved and shown."""
    plt.close(fig)


# ---------------------------------------------------------------- actors
@needs(mentions=["actor", "outlet", "article_id"], articles=["outlet", "article_id"])
@shared_docs
def plot_actor_coverage(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    actors=None,
    n: int = 15,
    kinds=("person", "organisation", "group"),
) -> plt.Figure:
    """Heatmap: the share of each outlet's articles that name each actor, with the count of articles in each
    cell. An outlet naming itself ("told Fox News" in Fox News) is not counted: that is how it cites, not whom
    it covers.

    Parameters
    ----------
    {mentions}
    {articles}
    actors : list of str, optional
        The actors shown, in this order; by default the ``n`` named in most articles.
    n : int, default 15
        Actors shown when ``actors`` is not given.
    kinds : tuple of str, default ("person", "organisation", "group")
        The kinds of actor shown (``kind``, :mod:`analysis.actor_kinds`): places go to a panel of their own
        (``kinds=("place",)``). ``None``: every kind.

    Returns
    -------
    {figure}
    """
    title = "Who each outlet names: share of its articles naming the actor"
    if kinds is not None and "kind" in mentions:
        mentions = mentions[mentions["kind"].isin(list(kinds))]
        if tuple(kinds) == ("place",):
            title = "Where each outlet's articles are: share of its articles naming the place"
    mentions = mentions[mentions["actor"].str.lower() != mentions["outlet"].astype(str).str.lower()]
    if mentions.empty:
        return _empty(title, "no actor found")
    use_style()
    named = mentions.groupby(["actor", "outlet"])["article_id"].nunique().unstack("outlet")
    order = (
        actors
        if actors is not None
        else mentions.groupby("actor")["article_id"]
        .nunique()
        .sort_values(ascending=False, kind="stable")
        .index[:n]
    )
    named = named.reindex(
        index=list(order), columns=natural_sorted(articles["outlet"].unique())
    ).fillna(0)
    share = (
        named / articles.groupby("outlet")["article_id"].nunique().reindex(named.columns).to_numpy()
    )
    fig, ax = plt.subplots(figsize=_heatmap_size(share.shape, colorbar=True))
    image = ax.imshow(share.to_numpy(), cmap="Blues", vmin=0, vmax=1, aspect="auto")
    for (i, j), count in np.ndenumerate(named.to_numpy()):
        ax.text(
            j,
            i,
            f"{int(count)}",
            ha="center",
            va="center",
            fontsize=8,
            color="white" if share.iat[i, j] > 0.6 else "black",
        )
    _outlet_ticks(ax, share.columns)
    ax.set_yticks(range(share.shape[0]), [_wrap(a, 30) for a in share.index])
    fig.colorbar(image, ax=ax, label="share of the outlet's articles (number: articles)")
    ax.set_title(title)
    return fig


@needs(labels=["actor", "outlet", "term", "z", "q"])
@shared_docs
def plot_actor_labels(
    labels: pd.DataFrame, *, actors, n: int = 4, colors: dict, alpha: float = 0.05
) -> plt.Figure:
    """One panel per actor: each outlet's ``n`` most distinctive label words (z, one outlet against the rest),
    bars hatched where q >= ``alpha`` (not significant after false-discovery control).

    Parameters
    ----------
    labels : DataFrame
        :func:`analysis.actor_labels`'s table.
    actors : list of str
        The actors shown, in this order (those no table row names are left out).
    n : int, default 4
        Label words per outlet and actor; past ``WIDE`` outlets, one each for the first four actors.
    {colors}
    alpha : float, default 0.05
        The q below which a bar is solid.

    Returns
    -------
    {figure}
    """
    title = (
        "How each outlet labels each actor: words around its mentions, one outlet against the rest"
    )
    actors = [a for a in actors if (labels["actor"] == a).any()]
    if not actors:
        return _empty(title, "no actor is named by two or more outlets on shared events")
    use_style()
    # many outlets: each one's first label, for the first four actors
    if labels["outlet"].nunique() > WIDE:
        n, actors = 1, actors[:4]
    cols = min(2, len(actors))
    rows = -(-len(actors) // cols)
    # "Outlet 2" before "Outlet 10"
    rank = {o: k for k, o in enumerate(natural_sorted(labels["outlet"].unique()))}
    per = [
        labels[(labels["actor"] == a) & (labels["z"] > 0)]
        .assign(rank=lambda t: t["outlet"].map(rank))
        .sort_values(["rank", "z"], ascending=[True, False], kind="stable")
        .groupby("outlet")
        .head(n)
        for a in actors
    ]
    height = max(len(p) for p in per)
    bar = 0.24 if height <= 30 else 0.16
    fig, axes = plt.subplots(
        rows, cols, figsize=(4.6 * cols, 0.9 + bar * max(height, 3) * rows), squeeze=False
    )
    for ax, actor, table in zip(axes.flat, actors, per):
        y = np.arange(len(table))
        significant = (table["q"] < alpha).to_numpy()
        bars = ax.barh(y, table["z"], color=[colors.get(o, "black") for o in table["outlet"]])
        for bar, ok in zip(bars, significant):
            if not ok:
                bar.set_hatch("///")
                bar.set_alpha(0.45)
        ax.set_yticks(y, [f"{o}: {t}" for o, t in zip(table["outlet"], table["term"])], fontsize=8)
        ax.invert_yaxis()
        ax.axvline(1.96, color="#666666", lw=0.8, ls="--")
        ax.set_title(_wrap(actor, 40), fontsize=9)
        ax.set_xlabel("z (articles holding the term)")
    for ax in list(axes.flat)[len(actors) :]:
        ax.axis("off")
    fig.suptitle(
        title + f"\n(hatched: q ≥ {alpha}; dashed: z = 1.96)", fontsize=10, fontweight="bold"
    )
    return fig


@needs(tone=["actor", "outlet", "mean", "ci_low", "ci_high", "n_articles"])
@shared_docs
def plot_actor_sentiment(
    tone: pd.DataFrame, *, actors, colors: dict, value: str = "mean"
) -> plt.Figure:
    """Tone towards each actor per outlet: points with 95% intervals, one row per actor, one colour per outlet.

    Past ``WIDE`` outlets, an actor x outlet matrix coloured by tone, with a dot where Benjamini-Hochberg
    q < 0.05 over the cells shown.

    Parameters
    ----------
    tone : DataFrame
        :func:`analysis.actor_sentiment`'s table.
    actors : list of str
        The actors shown, in this order.
    {colors}
    value : {"mean", "adjusted"}, default "mean"
        ``"adjusted"`` shows the event-adjusted offsets (``adjusted``, ``adjusted_low``, ``adjusted_high``)
        instead of the means.

    Returns
    -------
    {figure}
    """
    low, high = ("ci_low", "ci_high") if value == "mean" else ("adjusted_low", "adjusted_high")
    what = (
        "mean tone towards the actor (target score)"
        if value == "mean"
        else "darker (−) or brighter (+) than the other outlets on the same events"
    )
    title = (
        "Tone towards each actor, per outlet (95% intervals)"
        if value == "mean"
        else "Tone towards each actor against the other outlets on the same events (95% intervals)"
    )
    t = tone[tone["actor"].isin(list(actors))]
    if t.empty:
        return _empty(title, "no actor is named in enough articles")
    use_style()
    order = [a for a in actors if a in set(t["actor"])]
    outlets = natural_sorted(t["outlet"].unique())
    # many outlets: actors x outlets, coloured by tone, a dot where the interval leaves out 0
    if len(outlets) > WIDE:
        return _actor_tone_matrix(
            t, order, outlets, value=value, low=low, high=high, what=what, title=title
        )
    fig, ax = plt.subplots(figsize=(6.8, 0.9 + 0.22 * len(order) * max(2, len(outlets))))
    step = 0.7 / max(1, len(outlets))
    for k, outlet in enumerate(outlets):
        part = t[t["outlet"] == outlet].set_index("actor").reindex(order)
        y = np.arange(len(order)) + (k - (len(outlets) - 1) / 2) * step
        ok = np.isfinite(part[low].to_numpy(dtype="float64"))
        ax.hlines(
            y[ok],
            part[low].to_numpy()[ok],
            part[high].to_numpy()[ok],
            color=colors.get(outlet, "black"),
            lw=2,
        )
        few = (part["n_articles"] < 10).to_numpy()
        ax.plot(
            part[value].to_numpy()[~few],
            y[~few],
            "o",
            color=colors.get(outlet, "black"),
            label=outlet,
        )
        ax.plot(
            part[value].to_numpy()[few], y[few], "o", mfc="white", color=colors.get(outlet, "black")
        )
    ax.axvline(0, color="#666666", lw=0.8)
    ax.set_yticks(np.arange(len(order)), [_wrap(a, 30) for a in order])
    ax.invert_yaxis()
    ax.set_xlabel(what)
    ax.legend(loc="best", fontsize=8, title="open: fewer than 10 articles", title_fontsize=7)
    ax.set_title(title)
    return fig


def _actor_tone_matrix(
    t: pd.DataFrame,
    order: list,
    outlets: list,
    *,
    value: str,
    low: str,
    high: str,
    what: str,
    title: str,
) -> plt.Figure:
    """:func:`plot_actor_sentiment` for many outlets: one cell per actor and outlet."""
    cells = t.pivot_table(
        index="actor", columns="outlet", values=[value, low, high], aggfunc="first"
    )
    tone = cells[value].reindex(index=order, columns=outlets).to_numpy(dtype="float64")
    # a dot where the cell's Benjamini-Hochberg q over every cell shown is below 0.05: with 25 outlets and a
    # dozen actors, some of 300 intervals leave out 0 by chance alone
    p = p_from_interval(cells[value].to_numpy(), cells[low].to_numpy(), cells[high].to_numpy())
    q = np.full(p.shape, np.nan)
    tested = np.isfinite(p)
    if tested.any():
        q[tested] = false_discovery_control(p[tested], method="bh")
    q = pd.DataFrame(q, index=cells.index, columns=cells[value].columns).reindex(
        index=order, columns=outlets
    )
    sure = (q < 0.05).to_numpy(bool)
    lim = max(np.nanmax(np.abs(tone)) if np.isfinite(tone).any() else 0.0, 0.05)
    fig, ax = plt.subplots(figsize=_heatmap_size(tone.shape, colorbar=True))
    image = ax.imshow(tone, aspect="auto", cmap="RdBu", vmin=-lim, vmax=lim)
    rows, cols = np.nonzero(sure)
    ax.scatter(cols, rows, s=10, color="black", linewidths=0)
    _outlet_ticks(ax, outlets)
    ax.set_yticks(range(len(order)), [_wrap(a, 30) for a in order])
    ax.grid(False)
    fig.colorbar(image, ax=ax, shrink=0.8, label=_wrap(what, 36))
    ax.set_title(
        title.replace(" (95% intervals)", "")
        + f"\n(dot: q < 0.05 over the {int(tested.sum())} cells; "
        "blank: too few articles)",
        fontsize=9,
    )
    return fig


# ---------------------------------------------------------------- frames
@needs(prevalence=["frame", "frame_name", "outlet", "prevalence", "ci_low", "ci_high"])
@shared_docs
def plot_frames(
    prevalence: pd.DataFrame, *, colors: dict, unchecked=(), title: str | None = None
) -> plt.Figure:
    """Outlet x frame: how often each outlet uses each generic news frame on the events they share, with
    95% intervals over events.

    Parameters
    ----------
    prevalence : DataFrame
        :func:`analysis.frame_prevalence`'s table.
    {colors}
    unchecked : iterable of str, optional
        Frames the model could not be shown to label reliably on news like this (marked with an asterisk
        and a footnote).
    title : str, optional
        The figure's title.

    Returns
    -------
    {figure}
    """
    title = title or "Frames by outlet on the events they share (95% interval over events)"
    if prevalence.empty:
        return _empty(title, "nothing to show")
    use_style()
    frames = list(dict.fromkeys(prevalence["frame"]))
    outlets = natural_sorted(prevalence["outlet"].unique())
    step = 0.8 / max(len(outlets), 1)
    fig, ax = plt.subplots(figsize=(6.4, 0.9 + 0.28 * len(frames) * max(len(outlets), 2)))
    names = prevalence.drop_duplicates("frame").set_index("frame")["frame_name"]
    for k, outlet in enumerate(outlets):
        rows = prevalence[prevalence["outlet"] == outlet].set_index("frame")
        y = np.array([frames.index(f) for f in rows.index]) - 0.4 + step * (k + 0.5)
        c = colors.get(outlet, "black")
        finite = np.isfinite(rows["ci_low"].to_numpy("float64"))
        ax.hlines(y[finite], rows["ci_low"][finite], rows["ci_high"][finite], color=c, lw=2)
        ax.plot(rows["prevalence"], y, "o", color=c, label=_wrap(outlet))
    ticks = [names[f] + (" *" if f in set(unchecked) else "") for f in frames]
    ax.set_yticks(np.arange(len(frames)), ticks)
    ax.invert_yaxis()
    ax.set_xlim(-0.02, 1.02)
    xlabel = "share of the outlet's articles using the frame (mean over shared events)"
    if set(unchecked) & set(frames):
        xlabel += (
            "\n* not shown to be reliable on political news (README: Frames): not in the findings"
        )
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return fig
