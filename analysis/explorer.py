"""The offline explorer: one self-contained HTML page to check every number against its sentences.

Data, script and styles are inline; the page fetches nothing, so it opens
from a file with no network. Plain HTML and a small dependency-free script
(``templates/explorer.js``), chosen by measurement over Bokeh and Plotly
(benchmarks/bench_explorer.py; docs/methods.md, "The explorer"). Everything from the
data is set as text by the script (never as HTML), and the inline JSON has
every ``<`` escaped, so a title holding ``<script>`` stays text.

Up to ``FULL_TEXT_ARTICLES`` articles (and 14 MB) the page holds every
sentence, with the contrast tables' stop words, and its script reads any word
or phrase as :func:`analysis.term_contexts` does (the same tokens, acronyms
and stop words), showing its sentences side by side per outlet. Past that,
what it holds is capped so that 20,000 articles stay under 15 MB: the
``terms_per_outlet`` most distinctive terms (highest z) of each outlet, scope
and kind, with their q, and for each of those terms at most
``contexts_per_outlet`` sentences per outlet, taken across as many events as
possible. The page says so, with the counts of sentences not shown, and
points to :func:`analysis.term_contexts`.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from . import config
from ._docs import shared_docs
from .findings import contains_terms, match_spans
from .tables import InsufficientData, natural_sorted, needs

TERMS_PER_OUTLET = 150
CONTEXTS_PER_OUTLET = 8
LEDE_CHARS = 240
ACTORS_SHOWN = 200
MAX_BYTES = 14_000_000  # the page stays under 15 MB: the caps shrink until the data fits
#: Up to this many articles every sentence is in the page (when it fits in MAX_BYTES), and any word or phrase
#: can be searched in it; past it, the page keeps the contexts of its terms and says what it left out.
FULL_TEXT_ARTICLES = 2_000
#: The terms' sentences are searched in this many articles at most: past it, in whole events drawn at random
#: with a fixed seed (20,000 of 100,000 articles: 12 s instead of 60 s), and the page says so, with each term's
#: articles per outlet over the whole corpus (the contrast table's ``n_articles``).
SCAN_ARTICLES = 20_000
SCAN_SEED = 0
FRAME_ARTICLES = 6  # articles per outlet and frame whose strongest sentence the Frames view shows


def _clean(value):
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return None
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return round(float(value), 6)
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return value if isinstance(value, (int, str, bool)) else str(value)


def _lede(title, text: str, limit: int) -> str:
    """The first paragraph of ``text`` that is not the headline, cut at ``limit`` characters."""
    for line in str(text).split("\n"):
        line = line.strip()
        if line and line != str(title or "").strip():
            return line if len(line) <= limit else line[:limit].rsplit(" ", 1)[0] + " \u2026"
    return ""


def _shown_terms(contrasts: pd.DataFrame, per_outlet: int) -> pd.DataFrame:
    """The ``per_outlet`` most distinctive terms of each scope, outlet and kind of term."""
    scopes = [s for s in ("all", "matched") if (contrasts["scope"] == s).any()]
    table = contrasts[contrasts["scope"].isin(scopes) & (contrasts["z"] > 0)]
    if "kind" not in table.columns:
        table = table.assign(kind="framing")
    table = table.sort_values(
        ["scope", "outlet", "z", "term"], ascending=[True, True, False, True], kind="stable"
    )
    return (
        table.groupby(["scope", "outlet", "kind"], sort=False, observed=True)
        .head(per_outlet)
        .reset_index(drop=True)
    )


def _round_robin(rows: np.ndarray, events: np.ndarray, k: int) -> np.ndarray:
    """Up to ``k`` of ``rows`` (sorted sentence rows), one per event in turn (``events`` are the rows' event
    codes), so that they span as many events as they can; in that order, so that the first k of a larger
    choice are the choice for a cap of k."""
    ev = events[rows]
    order = np.argsort(ev, kind="stable")
    starts = np.r_[True, ev[order][1:] != ev[order][:-1]]
    level = np.empty(len(rows), dtype=np.int64)  # the row's rank within its event
    level[order] = np.arange(len(rows)) - np.maximum.accumulate(
        np.where(starts, np.arange(len(rows)), 0)
    )
    return rows[np.lexsort((ev, level))[:k]]


class _Contexts:
    """Sentences stored once in a pool, and per key (a term, an actor) ``{outlet: [[sentence id, start, end,
    ...], ...]}`` with the number of sentences each outlet has for it."""

    def __init__(self, sentences: pd.DataFrame, art_index: dict, per_outlet: int):
        self.sentences, self.per_outlet = sentences, per_outlet
        self.outlets = sentences["outlet"].to_numpy()
        self.events = pd.factorize(sentences["event"])[0]  # -1 where no event: one more "event"
        self.article = sentences["article_id"].map(art_index).to_numpy()
        self.index = sentences["sentence_index"].to_numpy()
        self.texts = sentences["text"].to_numpy()
        self.pool: dict[int, int] = {}
        self.stored: list = []

    def _id(self, r: int) -> int:
        if r not in self.pool:
            self.pool[r] = len(self.stored)
            self.stored.append([int(self.article[r]), int(self.index[r]), self.texts[r]])
        return self.pool[r]

    def add(self, rows, spans_of) -> tuple[dict, dict]:
        """Contexts and totals for one key: ``rows`` are sentence rows (sorted), ``spans_of(r, text)`` the
        flat ``[start, end, ...]`` to highlight in sentence row ``r``."""
        rows = np.asarray(rows, dtype=np.int64)
        outlets = self.outlets[rows]
        contexts, totals = {}, {}
        for outlet in pd.unique(outlets):
            members = rows[outlets == outlet]
            contexts[outlet] = [
                [self._id(r), *spans_of(r, self.texts[r])]
                for r in _round_robin(members, self.events, self.per_outlet).tolist()
            ]
            totals[outlet] = len(members)
        return contexts, totals


def scanned_events(articles: pd.DataFrame, max_articles: int, seed: int = SCAN_SEED) -> np.ndarray:
    """Which of ``articles`` the explorer searches for its terms' sentences: all of them up to
    ``max_articles``; past it, whole events drawn at random with ``seed`` until ``max_articles`` (an article
    without an event is an event of its own), so the contexts still span events. A boolean array."""
    if len(articles) <= max_articles:
        return np.ones(len(articles), dtype=bool)
    events = (
        articles["event"].astype("string").fillna("\0" + articles["article_id"].astype("string"))
    )
    codes, _ = pd.factorize(events, sort=True)
    sizes = np.bincount(codes)
    order = np.random.default_rng(seed).permutation(len(sizes))
    chosen = np.zeros(len(sizes), dtype=bool)
    chosen[order[np.cumsum(sizes[order]) <= max_articles]] = True
    return chosen[codes]


def _term_contexts(store: _Contexts, terms: list[str], rows: np.ndarray) -> tuple[dict, dict]:
    """Contexts and sentence counts of ``terms`` among the sentence ``rows`` (sorted) searched."""
    texts = store.sentences["text"].to_numpy()
    holds = contains_terms(texts[rows] if len(rows) < len(texts) else texts, terms).tocsc()
    contexts, totals = {}, {}
    for j, term in enumerate(terms):
        contexts[term], totals[term] = store.add(
            rows[np.sort(holds[:, j].indices)],
            lambda r, text: [x for span in match_spans(text, term) for x in span],
        )
    return contexts, totals


def _actor_contexts(
    store: _Contexts, mentions: pd.DataFrame, actors: list[str]
) -> tuple[dict, dict]:
    sentences = store.sentences
    row_of = pd.Series(
        np.arange(len(sentences)),
        index=pd.MultiIndex.from_arrays([sentences["article_id"], sentences["sentence_index"]]),
    )
    starts = (
        sentences["start"].to_numpy()
        if "start" in sentences
        else np.zeros(len(sentences), dtype=np.int64)
    )
    chosen = mentions[mentions["actor"].isin(actors)]
    rows = row_of.reindex(
        pd.MultiIndex.from_arrays([chosen["article_id"], chosen["sentence_index"]])
    ).to_numpy()
    found = ~np.isnan(rows)
    rows = rows[found].astype(np.int64)
    spans = pd.DataFrame(
        {
            "actor": chosen["actor"].to_numpy()[found],
            "row": rows,
            "start": chosen["start"].to_numpy()[found] - starts[rows],
            "end": chosen["end"].to_numpy()[found] - starts[rows],
        }
    )
    groups = dict(
        tuple(
            spans.sort_values(["actor", "row", "start"], kind="stable").groupby("actor", sort=False)
        )
    )
    contexts, totals = {}, {}
    for actor in actors:
        group = groups.get(actor, spans.iloc[:0])
        r, a, b = (group[c].to_numpy() for c in ("row", "start", "end"))

        def spans_of(row, text, r=r, a=a, b=b):
            lo, hi = np.searchsorted(r, row, "left"), np.searchsorted(r, row, "right")
            return [int(x) for pair in zip(a[lo:hi], b[lo:hi]) for x in pair]

        contexts[actor], totals[actor] = store.add(np.unique(r), spans_of)
    return contexts, totals


@needs(
    articles=["article_id", "outlet", "event", "title", "text"],
    sentences=["article_id", "sentence_index", "outlet", "event", "text"],
)
def explorer_data(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    contrasts: pd.DataFrame | None = None,
    article_scores: pd.DataFrame | None = None,
    pairwise: pd.DataFrame | None = None,
    adjusted: pd.DataFrame | None = None,
    findings: pd.DataFrame | None = None,
    title: str = "Framing explorer",
    terms_per_outlet: int = TERMS_PER_OUTLET,
    contexts_per_outlet: int = CONTEXTS_PER_OUTLET,
    lede_chars: int = LEDE_CHARS,
    max_bytes: int = MAX_BYTES,
    mentions: pd.DataFrame | None = None,
    actors_shown: int = ACTORS_SHOWN,
    scan_articles: int = SCAN_ARTICLES,
    frames: pd.DataFrame | None = None,
    frame_scores: pd.DataFrame | None = None,
) -> dict:
    """Everything the explorer page shows, as one JSON-ready dict (see :func:`build_explorer`).

    When the data would take more than ``max_bytes``, fewer sentences per
    outlet and term are kept (down to one), then fewer terms per outlet
    (halved each time); ``caps`` in the dict says what was kept. The terms'
    sentences are searched in ``scan_articles`` articles at most (whole
    events, :func:`scanned_events`); past it ``searched`` says how many, and
    ``term_articles`` how many of each outlet's articles hold each term.
    ``frames`` (:func:`analysis.pairwise_frames`) and ``frame_scores``
    (:func:`analysis.score_frames`) make the Frames view: prevalence per
    outlet, the pairs, and the sentences behind the labels of
    ``FRAME_ARTICLES`` articles per outlet and frame.
    """
    arts = articles.reset_index(drop=True)
    outlets = natural_sorted(arts["outlet"].unique().tolist())
    out_idx = {o: i for i, o in enumerate(outlets)}
    labels = {}
    if "event_label" in arts:
        labels = (
            arts.dropna(subset=["event", "event_label"])
            .groupby("event")["event_label"]
            .first()
            .to_dict()
        )
    event_ids = sorted(arts["event"].dropna().astype(str).unique().tolist())
    ev_idx = {e: i for i, e in enumerate(event_ids)}
    art_index = {a: i for i, a in enumerate(arts["article_id"])}
    scores = {}
    if article_scores is not None and "compound_mean" in article_scores:
        scores = dict(zip(article_scores["article_id"], article_scores["compound_mean"]))
    dates = arts["published"] if "published" in arts else pd.Series(None, index=arts.index)
    urls = arts["url"] if "url" in arts else pd.Series(None, index=arts.index)
    article_rows = [
        [
            _clean(aid),
            out_idx[o],
            ev_idx.get(str(e)) if pd.notna(e) else None,
            _clean(t) or "",
            _clean(u),
            _clean(d) if pd.notna(d) else None,
            _lede(t, x, lede_chars),
            _clean(scores.get(aid)),
        ]
        for aid, o, e, t, u, d, x in zip(
            arts["article_id"],
            arts["outlet"],
            arts["event"],
            arts["title"],
            urls,
            dates,
            arts["text"],
        )
    ]
    data = {
        "title": title,
        "outlets": outlets,
        "events": [[e, _clean(labels.get(e)) or e] for e in event_ids],
        "articles": article_rows,
        "caps": {
            "terms_per_outlet": terms_per_outlet,
            "contexts_per_outlet": contexts_per_outlet,
            "lede_chars": lede_chars,
        },
        "terms": [],
        "sentences": [],
        "contexts": {},
        "totals": {},
        "actors": [],
        "actor_contexts": {},
        "actor_totals": {},
        "pairs": [],
        "offsets": [],
        "findings": [],
        "full": False,
        "stop_words": [],
        "n_sentences": 0,
    }
    store = _Contexts(sentences.reset_index(drop=True), art_index, contexts_per_outlet)

    def by_index(per_key: dict) -> dict:
        return {
            k: {str(out_idx[o]): v for o, v in per.items() if o in out_idx}
            for k, per in per_key.items()
        }

    if contrasts is not None and len(contrasts):
        chosen = _shown_terms(contrasts, terms_per_outlet)
        data["terms"] = [
            [s, out_idx[o], t, int(c), int(cr), _clean(lo), _clean(z), _clean(q), str(k)]
            for s, o, t, c, cr, lo, z, q, k in zip(
                chosen["scope"],
                chosen["outlet"],
                chosen["term"],
                chosen["count"],
                chosen["count_rest"],
                chosen["log_odds"],
                chosen["z"],
                chosen["q"],
                chosen["kind"],
            )
            if o in out_idx
        ]
        terms = list(dict.fromkeys(chosen["term"]))
        if terms:
            searched = scanned_events(arts, scan_articles)
            rows = np.flatnonzero(store.sentences["article_id"].isin(arts["article_id"][searched]))
            contexts, totals = _term_contexts(store, terms, rows)
            data["contexts"], data["totals"] = by_index(contexts), by_index(totals)
            if (
                not searched.all()
            ):  # the page says which part was searched, and each term's articles in all
                data["searched"] = [int(searched.sum()), len(arts)]
                data["term_articles"] = by_index(_term_articles(contrasts, terms))
    if mentions is not None and len(mentions):
        counts = mentions.groupby("actor").agg(
            n_articles=("article_id", "nunique"), n_mentions=("actor", "size")
        )
        counts = counts.sort_values(
            ["n_articles", "n_mentions"], ascending=False, kind="stable"
        ).head(actors_shown)
        per = mentions[mentions["actor"].isin(counts.index)].groupby(["actor", "outlet"]).size()
        data["actors"] = [
            [
                a,
                int(r.n_articles),
                int(r.n_mentions),
                {str(out_idx[o]): int(n) for (_, o), n in per.loc[[a]].items() if o in out_idx},
            ]
            for a, r in counts.iterrows()
        ]
        contexts, totals = _actor_contexts(store, mentions, list(counts.index))
        data["actor_contexts"], data["actor_totals"] = by_index(contexts), by_index(totals)
    data["n_sentences"] = len(sentences)
    if len(arts) <= FULL_TEXT_ARTICLES:  # every sentence, in their order after the contexts' own
        for r in range(len(sentences)):
            store._id(r)
        data["full"], data["stop_words"] = True, sorted(ENGLISH_STOP_WORDS)
    data["sentences"] = store.stored
    _fit(data, max_bytes)
    if pairwise is not None and len(pairwise):
        data["pairs"] = [
            [out_idx[a], out_idx[b], int(n), _clean(m), _clean(lo), _clean(hi)]
            for a, b, n, m, lo, hi in pairwise[
                ["outlet_a", "outlet_b", "n_events", "mean_diff", "ci_low", "ci_high"]
            ].itertuples(index=False)
        ]
    if adjusted is not None and len(adjusted):
        data["offsets"] = [
            [out_idx[o], int(n), _clean(m), _clean(lo), _clean(hi)]
            for o, n, m, lo, hi in adjusted[
                ["outlet", "n_events", "mean", "ci_low", "ci_high"]
            ].itertuples(index=False)
        ]
    if frame_scores is not None and len(frame_scores):
        data["frames"] = _frames_data(arts, sentences, frames, frame_scores, out_idx, art_index)
    if findings is not None and len(findings):
        data["findings"] = [
            [int(r), k, s, f or "", e or ""]
            for r, k, s, f, e in findings[["rank", "kind", "statement", "figure", "evidence"]]
            .fillna("")
            .itertuples(index=False)
        ]
    return data


def _frames_data(arts, sentences, pairs, scores, out_idx: dict, art_index: dict) -> dict:
    """The Frames view's data: names (and whether the findings may state each), prevalence, pairs, and the
    sentence that weighs most behind the labels of a few articles per outlet and frame."""
    from .frame_stats import frame_prevalence
    from .frames import FRAME_NAMES, FRAMES, frame_evidence, out_of_domain

    checks = out_of_domain()
    key = {f: i for i, f in enumerate(FRAMES)}
    out = {
        "names": [
            [f, FRAME_NAMES[f], bool(checks[f]["reliable"]), checks[f]["why"]] for f in FRAMES
        ],
        "prevalence": [],
        "pairs": [],
        "evidence": {},
    }
    try:
        prevalence = frame_prevalence(scores)
    except InsufficientData:
        prevalence = None
    if prevalence is not None:
        out["prevalence"] = [
            [key[f], out_idx[o], int(n), _clean(m), _clean(lo), _clean(hi)]
            for f, o, n, m, lo, hi in prevalence[
                ["frame", "outlet", "n_events", "prevalence", "ci_low", "ci_high"]
            ].itertuples(index=False)
            if o in out_idx
        ]
    if pairs is not None and len(pairs):
        columns = ["frame", "outlet_a", "outlet_b", "n_events", "mean_diff", "ci_low", "ci_high"]
        out["pairs"] = [
            [key[f], out_idx[a], out_idx[b], int(n), *map(_clean, rest), bool(h)]
            for f, a, b, n, *rest, h in pairs[
                [*columns, "adj_low", "adj_high", "holds"]
            ].itertuples(index=False)
            if a in out_idx and b in out_idx
        ]
    evidence = frame_evidence(arts, scores, sentences=sentences, top=1, per_group=FRAME_ARTICLES)
    for f, o, a, text, w in evidence[
        ["frame", "outlet", "article_id", "text", "weight"]
    ].itertuples(index=False):
        if o in out_idx and a in art_index:
            per = out["evidence"].setdefault(str(key[f]), {}).setdefault(str(out_idx[o]), [])
            per.append([art_index[a], _clean(text), _clean(round(float(w), 3))])
    return out


def _term_articles(contrasts: pd.DataFrame, terms: list[str]) -> dict:
    """``{term: {outlet: articles}}``: how many of each outlet's articles hold each term, over the whole
    corpus, as the contrast table counts them (its widest scope, ``all`` where it has one)."""
    scope = "all" if (contrasts["scope"] == "all").any() else contrasts["scope"].iloc[0]
    rows = contrasts[(contrasts["scope"] == scope) & contrasts["term"].isin(terms)]
    out: dict = {}
    for term, outlet, n in zip(rows["term"], rows["outlet"], rows["n_articles"]):
        if n:
            out.setdefault(str(term), {})[outlet] = int(n)
    return out


def _trim(data: dict, contexts_per_outlet: int, terms_per_outlet: int) -> dict:
    """A copy of ``data`` keeping the first ``contexts_per_outlet`` sentences of each term and outlet and the
    ``terms_per_outlet`` most distinctive terms of each outlet and scope; stored sentences renumbered."""
    seen: dict[tuple, int] = {}
    terms = []
    for row in data["terms"]:  # sorted by scope, outlet and z, most distinctive first
        key = (row[0], row[1], row[8])
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= terms_per_outlet:
            terms.append(row)
    kept = {row[2] for row in terms}
    renumber: dict[int, int] = {i: i for i in range(len(data["sentences"]))} if data["full"] else {}
    sentences: list = list(data["sentences"]) if data["full"] else []

    def keep(per_key: dict, wanted) -> dict:
        out = {}
        for key, per in per_key.items():
            if wanted is not None and key not in wanted:
                continue
            out[key] = {}
            for outlet, entries in per.items():
                out[key][outlet] = []
                for entry in entries[:contexts_per_outlet]:
                    if entry[0] not in renumber:
                        renumber[entry[0]] = len(sentences)
                        sentences.append(data["sentences"][entry[0]])
                    out[key][outlet].append([renumber[entry[0]], *entry[1:]])
        return out

    contexts, actor_contexts = keep(data["contexts"], kept), keep(data["actor_contexts"], None)
    caps = {
        **data["caps"],
        "contexts_per_outlet": contexts_per_outlet,
        "terms_per_outlet": terms_per_outlet,
    }
    return {
        **data,
        "terms": terms,
        "sentences": sentences,
        "contexts": contexts,
        "actor_contexts": actor_contexts,
        "totals": {t: v for t, v in data["totals"].items() if t in kept},
        **(
            {"term_articles": {t: v for t, v in data["term_articles"].items() if t in kept}}
            if "term_articles" in data
            else {}
        ),
        "caps": caps,
    }


def _fit(data: dict, max_bytes: int) -> None:
    """Shrink ``data`` in place until its JSON takes at most ``max_bytes``: first the sentences no context
    needs (the page then searches no longer), then its caps."""
    contexts, terms = data["caps"]["contexts_per_outlet"], data["caps"]["terms_per_outlet"]
    trimmed = data
    while len(_inline_json(trimmed).encode("utf-8")) > max_bytes:
        if trimmed["full"]:
            trimmed = _trim({**data, "full": False, "stop_words": []}, contexts, terms)
            data.update(full=False, stop_words=[])
        elif contexts > 1:
            contexts = max(1, contexts * 2 // 3)
        elif terms > 1:
            terms = max(1, terms // 2)
        else:
            break
        trimmed = _trim(data, contexts, terms)
    data.update(trimmed)


def _inline_json(data: dict) -> str:
    """JSON safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` left as such."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


@needs(
    articles=["article_id", "outlet", "event", "title", "text"],
    sentences=["article_id", "sentence_index", "outlet", "event", "text"],
)
def build_explorer(articles: pd.DataFrame, sentences: pd.DataFrame, **options) -> str:
    """The explorer page as one HTML string: :func:`explorer_data`'s dict inline, with the page's script and styles.

    Views: *Findings*; *Terms* (search, sort, filter by outlet, scope and
    event; a term's contexts side by side per outlet, the term highlighted,
    with headline, event and a link to the article); *Actors* (the same for
    :func:`analysis.find_actors`'s ``mentions``); *Events* (each outlet's
    headline and lede side by side); *Tone* (the events behind each
    sentiment difference). The view lives in the URL fragment, so
    ``explorer.html#term=immigrants`` opens on that term's contexts.
    """
    data = explorer_data(articles, sentences, **options)
    script = (config.TEMPLATES_DIR / "explorer.js").read_text(encoding="utf-8")
    style = (config.TEMPLATES_DIR / "explorer.css").read_text(encoding="utf-8")
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; script-src 'unsafe-inline'; "
        "style-src 'unsafe-inline'; img-src 'self' data:\">"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>Framing explorer</title>\n"
        f"<style>{style}</style></head>\n<body><div id='app'><p>Loading\u2026</p></div>\n"
        f"<script type='application/json' id='data'>{_inline_json(data)}</script>\n"
        f"<script>{script}</script>\n</body></html>\n"
    )


@needs(
    articles=["article_id", "outlet", "event", "title", "text"],
    sentences=["article_id", "sentence_index", "outlet", "event", "text"],
)
@shared_docs
def write_explorer(articles: pd.DataFrame, sentences: pd.DataFrame, path, **options) -> Path:
    """Write :func:`build_explorer`'s page, one HTML file that works offline.

    Parameters
    ----------
    {articles}
    {sentences}
    path : str or Path
        Where to write it (its folder is made).
    **options
        Passed to :func:`explorer_data`: ``contrasts``, ``article_scores``, ``pairwise``, ``adjusted``,
        ``findings``, ``mentions``, ``title`` and the page's size limits.

    Returns
    -------
    Path
        ``path``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(build_explorer(articles, sentences, **options), encoding="utf-8")
    return path
