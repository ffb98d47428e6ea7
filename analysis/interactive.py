"""Exploration in JupyterLab: choose an outlet pair, an event and a term; the figure and the sentences follow.

Built on ipywidgets. A notebook run headless (the report sets
``FRAMING_HEADLESS=1``) shows a line saying where the interactive view is
instead: widget output carries random ids, which would make reruns differ,
and the report has the same exploration in ``explorer.html``.
"""

from __future__ import annotations

import html
import os

import matplotlib.pyplot as plt
import pandas as pd

from ._docs import shared_docs
from .actors import actor_contexts
from .contrast import contrast_terms
from .findings import match_spans, term_contexts
from .tables import needs


def headless() -> bool:
    """True inside a report run (``FRAMING_HEADLESS`` set), where no widget is shown."""
    return os.environ.get("FRAMING_HEADLESS", "") not in ("", "0")


def contexts_html(contexts: pd.DataFrame, term: str | None = None, *, limit: int = 8) -> str:
    """:func:`analysis.term_contexts` rows side by side per outlet, every match of ``term`` highlighted (without a
    term, the ``start:end`` of each row, as :func:`analysis.actor_contexts` gives them); all escaped."""
    cols = []
    for outlet, rows in contexts.groupby("outlet", sort=True):
        items = []
        for r in rows.head(limit).itertuples():
            text, at, parts = r.text, 0, []
            spans = match_spans(text, term) if term else [(r.start, r.end)]
            for s, e in spans:
                parts += [html.escape(text[at:s]), f"<mark>{html.escape(text[s:e])}</mark>"]
                at = e
            parts.append(html.escape(text[at:]))
            items.append(
                f"<li>{''.join(parts)} <small>({html.escape(str(r.article_id))}, "
                f"{html.escape(str(r.event))})</small></li>"
            )
        cols.append(
            f"<div style='flex:1;min-width:260px'><b>{html.escape(str(outlet))}</b> "
            f"<small>{min(len(rows), limit)} of {len(rows)} sentences</small><ul>{''.join(items)}</ul></div>"
        )
    if not cols:
        return "<p>No sentence holds this term here.</p>"
    return f"<div style='display:flex;gap:1em;flex-wrap:wrap'>{''.join(cols)}</div>"


@needs(
    articles=["article_id", "outlet", "event", "text"],
    sentences=["article_id", "outlet", "event", "sentence_index", "text"],
)
@shared_docs
def explore_terms(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    colors: dict,
    mentions: pd.DataFrame | None = None,
    n_terms: int = 20,
    min_df: int = 2,
):
    """An interactive panel: outlet pair, event, term and actor; the pair's term scatter and the sentences update.

    Parameters
    ----------
    {articles}
    {sentences}
    {colors}
    mentions : DataFrame, optional
        :func:`analysis.find_actors`'s table: adds an actor menu, the sentences naming the chosen actor in
        the two outlets.
    n_terms : int, default 20
        Terms offered in the term menu, per side.
    min_df : int, default 2
        A term must be in at least this many of the pair's articles.

    Returns
    -------
    ipywidgets.VBox or None
        The panel (display it), or ``None`` when headless (the report has the same exploration in
        ``explorer.html``).
    """
    if headless():
        print(
            "The interactive term explorer shows when this notebook runs in JupyterLab; the report has the same "
            "exploration in explorer.html."
        )
        return None
    import ipywidgets as w
    from IPython.display import HTML, display

    from .plots import plot_term_scatter

    outlets = sorted(articles["outlet"].unique())
    events = [("every event", None)] + [
        (str(e), e) for e in sorted(articles["event"].dropna().unique())
    ]
    first, second = (outlets + outlets)[:2]
    a = w.Dropdown(options=outlets, value=first, description="Outlet A")
    b = w.Dropdown(options=outlets, value=second, description="Outlet B")
    event = w.Dropdown(options=events, value=None, description="Event")
    term = w.Combobox(placeholder="a term, or choose one", description="Term", ensure_option=False)
    actors = [] if mentions is None else list(mentions["actor"].value_counts().index[:200])
    actor = w.Dropdown(
        options=[("(none)", None)] + [(a, a) for a in actors], value=None, description="Actor"
    )
    figure, contexts, named = w.Output(), w.Output(), w.Output()

    def pair_contrast():
        rows = articles[articles["outlet"].isin([a.value, b.value])]
        if event.value is not None:
            rows = rows[rows["event"] == event.value]
        return contrast_terms(rows, min_df=min(min_df, max(1, len(rows) // 4)))

    def show_pair(_=None):
        figure.clear_output(wait=True)
        with figure:
            if a.value == b.value:
                print("Choose two different outlets.")
                return
            try:
                table = pair_contrast()
            except ValueError as err:  # too little to compare in this selection
                print(err)
                return
            ranked = table[table["outlet"] == a.value].sort_values("z")
            term.options = list(
                dict.fromkeys(
                    list(ranked["term"].tail(n_terms)[::-1]) + list(ranked["term"].head(n_terms))
                )
            )
            fig = plot_term_scatter(table, outlet_a=a.value, outlet_b=b.value, colors=colors)
            display(fig)
            plt.close(fig)
        show_contexts()
        show_actor()

    def show_actor(_=None):
        named.clear_output(wait=True)
        with named:
            if actor.value is not None:
                found = actor_contexts(
                    mentions, sentences, actor.value, outlet=[a.value, b.value], event=event.value
                )
                display(
                    HTML(
                        f"<h4>Sentences naming {html.escape(actor.value)}</h4>"
                        + contexts_html(found)
                    )
                )

    def show_contexts(_=None):
        contexts.clear_output(wait=True)
        with contexts:
            if not term.value:
                print("Type or choose a term to read its sentences.")
                return
            try:
                found = term_contexts(
                    sentences, term.value, outlet=[a.value, b.value], event=event.value
                )
            except ValueError as err:
                print(err)
                return
            display(HTML(contexts_html(found, term.value)))

    for control in (a, b, event):
        control.observe(show_pair, names="value")
    term.observe(show_contexts, names="value")
    actor.observe(show_actor, names="value")
    show_pair()
    return w.VBox(
        [
            w.HBox([a, b, event]),
            w.HBox([term, actor] if actors else [term]),
            figure,
            contexts,
            named,
        ]
    )
