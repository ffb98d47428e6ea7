"""Findings and contexts: planted differences are stated with their numbers, and nothing else is."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest

import analysis as fa
from analysis.explorer import build_explorer, explorer_data, scanned_events
from analysis.family import family_q
from analysis.findings import normalize_term, summarize

from .synthetic import regime_corpus, sentiment_corpus


@pytest.fixture(scope="module")
def regime():
    articles = regime_corpus()
    return (
        articles,
        fa.split_sentences(articles),
        fa.contrast_terms(articles, scope=["all", "matched"]),
    )


@pytest.fixture(scope="module")
def dark(tmp_path_factory):
    articles = sentiment_corpus()
    scores = fa.article_sentiment(
        fa.score_sentences(fa.split_sentences(articles), cache_dir=tmp_path_factory.mktemp("cache"))
    )
    return articles, scores


def test_term_contexts_finds_every_sentence_as_the_contrast_counted_it(regime):
    articles, sentences, contrasts = regime
    found = fa.term_contexts(sentences, "Regime")
    expected = sentences[sentences["text"].str.contains(r"\bregime\b", case=False)]
    assert len(found) == len(expected) > 0
    assert set(found["outlet"]) == {"A"}
    assert (
        found.apply(lambda r: r["text"][r["start"] : r["end"]].lower(), axis=1) == "regime"
    ).all()
    assert list(found.columns[:7]) == [
        "article_id",
        "outlet",
        "event",
        "sentence_index",
        "text",
        "start",
        "end",
    ]
    # as many sentences hold it as the contrast table counted occurrences (one per sentence here)
    count = contrasts.query("scope == 'all' and outlet == 'A' and term == 'regime'")["count"].item()
    assert found["n_matches"].sum() == count


@pytest.mark.parametrize(
    "look_first", [False, True], ids=["every-text-read", "words-looked-for-first"]
)
def test_term_matrix_in_pieces_on_worker_processes_is_the_vectorizers_own(
    regime, monkeypatch, pool_always, look_first
):
    """contains_terms cut into pieces of three texts, on worker processes: the vectorizer's matrix, entry for
    entry; and the same when the texts that cannot hold a term's first word are left out before reading tokens."""
    from analysis import findings
    from analysis.contrast import make_vectorizer

    monkeypatch.setattr(findings, "CONTAINS_CHUNK", 3)
    monkeypatch.setattr(findings, "MAY_HOLD_MIN", 0 if look_first else 10**9)
    tricky = [
        "The US's-Russia talks stalled.",
        "Secretary of State Lee spoke.",
        "A na\u00efve regime start.",
        "",
        "They started the art fair.",
        "REGIME'S end",
        "secretary-state",
        "The Trump's-led art talks.",
        "\u0130stanbul's regime-art fair",
        "NA\u00cfVE STATE'S ART",
    ]
    texts = tricky + regime[1]["text"].tolist()  # and every sentence of the planted corpus
    if look_first:  # the words are looked for, and some texts are left out (by no means all)
        maybe = findings._may_hold(texts, ["US-russia", "regime", "art"])
        assert (
            maybe is not None
            and 0 < maybe.sum() < len(texts)
            and not maybe[1]
            and maybe[0]
            and maybe[7]
        )
    terms = [
        "US-russia",
        "secretary state",
        "na\u00efve",
        "art",
        "regime",
        "government",
        "state",
        "regime end",
        "trump-led",
        "regime-art",
    ]
    got = findings.contains_terms(texts, terms, n_jobs=2)
    want = (
        make_vectorizer(min_df=1, vocabulary=terms, ngram_range=(1, 2), binary=True)
        .transform(texts)
        .tocsr()
    )
    assert got.shape == want.shape and (got != want).nnz == 0
    assert np.array_equal(got.indptr, want.indptr) and np.array_equal(got.indices, want.indices)
    # terms no n-gram can spell (a stop word, a capital, two spaces) match nothing, as in the vectorizer; a
    # three-word term beside one-word ones
    odd = [*terms, "secretary of state", "Regime", "regime  end", "regime end stalled", " art"]
    got = findings.contains_terms(texts, odd, n_jobs=2)
    want = (
        make_vectorizer(min_df=1, vocabulary=odd, ngram_range=(1, 3), binary=True)
        .transform(texts)
        .tocsr()
    )
    assert np.array_equal(got.indptr, want.indptr) and np.array_equal(got.indices, want.indices)
    assert got[:, len(terms) : len(terms) + 3].nnz == 0 and got.dtype == want.dtype
    assert (
        got[0, 0] == 1 and got[1, 1] == 1 and got[2, 2] == 1 and got[4, 3] == 1 and got[5, 7] == 1
    )
    # across a possessive; after a longer lower case
    assert got[7, 8] == 1 and got[8, 9] == 1 and got[9, 2] == 1
    assert got[:, 4].sum() > 10 and got[3].nnz == 0


def test_term_contexts_multiword_filters_and_stop_words(regime):
    _, sentences, _ = regime
    found = fa.term_contexts(
        sentences, "government spokesman", outlet="B", event=["ev-trade", "ev-wheat"]
    )
    assert (
        len(found) == 2 * 3
        and set(found["outlet"]) == {"B"}
        and set(found["event"]) == {"ev-trade", "ev-wheat"}
    )
    assert (
        found.apply(lambda r: r["text"][r["start"] : r["end"]], axis=1) == "government spokesman"
    ).all()
    # stop words between the words are skipped, as the vectorizer skips them
    assert normalize_term("Secretary of State") == "secretary state"
    s = pd.DataFrame(
        {
            "article_id": ["x"],
            "outlet": ["O"],
            "event": ["e"],
            "sentence_index": [0],
            "text": ["Then the Secretary of State's aide spoke."],
        }
    )
    hit = fa.term_contexts(s, "secretary of state aide")
    assert hit["text"][0][hit["start"][0] : hit["end"][0]] == "Secretary of State's aide"
    assert fa.term_contexts(s, "secret").empty  # word boundaries: no match inside a word
    with pytest.raises(ValueError, match="only stop words"):
        fa.term_contexts(s, "of the")


def test_planted_regime_is_a_finding_with_z_and_q(regime):
    articles, _, contrasts = regime
    findings = summarize(articles, contrasts=contrasts)
    terms = findings[findings["kind"] == "framing"]
    top = terms.iloc[0]
    assert (top["outlet"], top["term"], top["scope"]) == ("A", "regime", "matched")
    assert top["q"] < 0.001 and top["z"] > 5
    assert (
        "A alone says 'regime'" in top["statement"]
        and "in 36 of its 36 articles, against 0 of the others' 72" in top["statement"]
        and re.search(r"z = \d+\.\d, q < 0\.001", top["statement"])
    )
    assert top["evidence"] == "explorer.html#term=regime&scope=matched&outlet=A"
    assert (terms["q"] < 0.05).all() and (terms["z"] > 0).all()
    assert list(findings["rank"]) == list(range(1, len(findings) + 1))
    # the hurricane, which only C covered, is no framing finding: matched scope leaves it out
    assert "hurricane" not in set(terms["term"])
    md = fa.findings_markdown(findings)
    assert (
        md.startswith("# Findings") and "1. " in md and "[evidence](explorer.html#term=regime" in md
    )


def test_planted_darker_outlet_is_found_and_zero_spanning_differences_are_not_stated(dark):
    articles, scores = dark
    pairwise = fa.pairwise_sentiment(scores, n_boot=500)
    adjusted = fa.event_adjusted_sentiment(scores, n_boot=500)
    findings = summarize(articles, pairwise=pairwise, adjusted=adjusted)
    tone = findings[findings["kind"] == "sentiment"]
    pairs = tone[tone["other"].notna()]
    assert {tuple(x) for x in pairs[["outlet", "other"]].to_numpy()} >= {
        ("Dark", "Even A"),
        ("Dark", "Even B"),
        ("Dark", "Even C"),
    }
    assert (tone["ci_high"] < 0).all() and (tone["ci_low"] <= tone["estimate"]).all()
    assert "Dark" in set(tone.loc[tone["other"].isna(), "outlet"])  # the event-adjusted offset
    spans_zero = pairwise[(pairwise["ci_low"] <= 0) & (pairwise["ci_high"] >= 0)]
    assert len(spans_zero)  # there are such pairs (the even outlets among themselves) ...
    for a, b in spans_zero[["outlet_a", "outlet_b"]].to_numpy():  # ... and none of them is stated
        assert not ((tone["outlet"] == a) & (tone["other"] == b)).any()
        assert not ((tone["outlet"] == b) & (tone["other"] == a)).any()
    first = pairs.iloc[0]
    assert re.search(
        r"On the 24 events both covered, Dark's sentences are 0\.\d{3} \(95% interval 0\.\d{3} to "
        r"0\.\d{3}\) more negative than Even [ABC]'s",
        first["statement"],
    )


def test_any_interval_spanning_zero_is_never_stated():
    rng = np.random.default_rng(0)
    articles = pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(60)],
            "outlet": ["X", "Y", "Z"] * 20,
            "event": [f"e{i // 3}" for i in range(60)],
            "text": ["x"] * 60,
        }
    )
    for _ in range(50):
        low = rng.uniform(-0.2, 0.2, 3)
        high = low + rng.uniform(0, 0.2, 3)
        pairwise = pd.DataFrame(
            {
                "outlet_a": ["X", "X", "Y"],
                "outlet_b": ["Y", "Z", "Z"],
                "n_events": [20] * 3,
                "mean_diff": (low + high) / 2,
                "ci_low": low,
                "ci_high": high,
            }
        )
        stated = summarize(articles, pairwise=pairwise).query("kind == 'sentiment'")
        big = np.abs((low + high) / 2) >= fa.findings.MIN_TONE_EFFECT  # and big enough to matter
        # and passing the family's false-discovery control
        q = family_q(pairwise=pairwise)[0]["pairwise"]
        assert len(stated) == int((((low > 0) | (high < 0)) & big & (q < 0.05)).sum())
        # stated as the darker outlet's: the whole interval below 0
        assert (stated["ci_high"] < 0).all()
    rounding = pd.DataFrame(
        {
            "outlet_a": ["X", "X", "Y"],
            "outlet_b": ["Y", "Z", "Z"],
            "n_events": [20] * 3,
            "mean_diff": [0.0, 1e-16, 0.05],
            "ci_low": [5.6e-17, 0.0, 0.01],
            "ci_high": [2.2e-16, 2e-16, 0.09],
        }
    )  # an offset of exactly 0, as BLAS rounds it
    adjusted = pd.DataFrame(
        {
            "outlet": ["X", "Y"],
            "n_events": [20, 20],
            "mean": [0.0, 0.05],
            "ci_low": [5.6e-17, 0.01],
            "ci_high": [2.2e-16, 0.09],
        }
    )
    stated = summarize(articles, pairwise=rounding, adjusted=adjusted).query("kind == 'sentiment'")
    assert len(stated) == 2 and (stated["estimate"].abs() > 0.01).all()  # only the real differences


def test_self_reference_and_house_style_are_reported_as_such():
    rows = []
    for e in range(12):
        for outlet in ("Fox News", "Other One", "Other Two"):
            for k in range(2):
                said = (
                    "told Fox News. Mr. Smith agreed"
                    if outlet == "Fox News"
                    else "told reporters. Smith agreed"
                )
                rows.append(
                    {
                        "article_id": f"{outlet}-{e}-{k}",
                        "outlet": outlet,
                        "event": f"e{e}",
                        "text": f"The senator spoke about budget item {e}. He {said} on the plan.",
                    }
                )
    articles = pd.DataFrame(rows)
    findings = summarize(articles, contrasts=fa.contrast_terms(articles, scope="matched"))
    fox = findings[findings["outlet"] == "Fox News"]
    assert "self-reference" in set(fox["kind"]) and "house style" in set(fox["kind"])
    assert not fox[fox["kind"] == "framing"]["term"].str.contains("fox|mr").any()
    assert (
        fox.loc[fox["kind"] == "house style", "statement"]
        .str.contains("House style: Fox News writes 'mr")
        .all()
    )


def test_a_term_finding_needs_a_difference_in_share_of_articles_that_matters():
    rows = []
    for e in range(40):
        for outlet in ("Wide", "Other One", "Other Two"):
            for k in range(15):
                # every outlet writes "plan" in nearly every article, Wide in all: sure on 1,800 articles (q < 0.05),
                # too small to state (100% against 93%); "levy" in a fifth of Wide's articles only
                plan = "plan" if outlet == "Wide" or k else "scheme"
                levy = " The levy rose." if outlet == "Wide" and k < 3 else ""
                rows.append(
                    {
                        "article_id": f"{outlet}-{e}-{k}",
                        "outlet": outlet,
                        "event": f"e{e}",
                        "text": f"Officials discussed the {plan} for district {e}.{levy}",
                    }
                )
    articles = pd.DataFrame(rows)
    contrasts = fa.contrast_terms(articles, scope="matched")
    wide = contrasts[contrasts["outlet"] == "Wide"].set_index("term")
    assert wide.loc["levy", "q"] < 0.001 and wide.loc["plan", "q"] < 0.05
    gap = wide.loc["plan", "n_articles"] / 600 - wide.loc["plan", "n_articles_rest"] / 1200
    assert 0 < gap < fa.findings.MIN_SHARE_GAP
    stated = set(summarize(articles, contrasts=contrasts)["term"].dropna())
    assert "levy" in stated  # of the terms tied with it ("district levy"), the shortest
    assert "plan" not in stated


def test_small_corpus_gets_a_caution_not_a_finding(regime):
    articles, _, contrasts = regime
    few = articles.groupby("outlet").head(3)
    findings = summarize(few, contrasts=fa.contrast_terms(few, scope=["all", "matched"], min_df=1))
    assert list(findings["kind"]) == ["caution"]
    assert "Small corpus: 9 articles from 3 outlets" in findings["statement"][0]
    pairwise = pd.DataFrame(
        {
            "outlet_a": ["A"],
            "outlet_b": ["B"],
            "n_events": [4],
            "mean_diff": [-0.3],
            "ci_low": [-0.4],
            "ci_high": [-0.2],
        }
    )
    stated = summarize(articles, pairwise=pairwise)
    assert list(stated["kind"]) == ["caution"] and "share only 4 events" in stated["statement"][0]


def test_explorer_holds_capped_contexts_for_every_outlet_and_escapes_everything(regime):
    articles, sentences, contrasts = regime
    articles = articles.assign(title="Headline", url="https://example.org/a")
    evil = "<script>alert(1)</script>"
    articles.loc[articles["outlet"] == "B", "outlet"] = evil
    articles.loc[0, "title"] = "</script><img src=x onerror=alert(2)>"
    sentences = fa.split_sentences(articles)
    contrasts = fa.contrast_terms(articles, scope=["all", "matched"])
    page = build_explorer(articles, sentences, contrasts=contrasts, contexts_per_outlet=4)
    assert "<script>alert" not in page and "<img" not in page and "</script><img" not in page
    data = json.loads(
        re.search(r"<script type='application/json' id='data'>(.*?)</script>", page, re.S).group(1)
    )
    assert evil in data["outlets"] and data["articles"][0][3].startswith("</script>")
    assert not re.search(r"(src|href)=['\"]?https?:", page)  # nothing fetched
    gov = data["contexts"]["government"]
    outlets = {data["outlets"][int(o)] for o in gov}
    assert outlets == {evil, "C"}  # every outlet that says it
    assert all(len(v) <= 4 for v in gov.values())
    # 12 events, 3 articles, 4 sentences each
    assert data["totals"]["government"][str(data["outlets"].index("C"))] == 12 * 3 * 4
    # contexts are spread over events: four stored sentences from four different events
    for entries in gov.values():
        events = {data["articles"][data["sentences"][e[0]][0]][2] for e in entries}
        assert len(events) == 4
        for entry in entries:
            text = data["sentences"][entry[0]][2]
            assert text[entry[1] : entry[2]].lower() == "government"


def test_explorer_searches_whole_events_past_its_limit_and_counts_articles_over_all(regime):
    articles, sentences, contrasts = regime
    data = explorer_data(articles, sentences, contrasts=contrasts, scan_articles=len(articles) // 2)
    searched, total = data["searched"]
    assert total == len(articles) and 0 < searched <= len(articles) // 2
    chosen = articles[scanned_events(articles, len(articles) // 2)]
    assert len(chosen) == searched
    # whole events: every event searched has all its articles
    sizes = articles.groupby("event").size()
    per_event = chosen.groupby("event").size()
    assert per_event.to_dict() == sizes[per_event.index].to_dict()
    # the sentences counted are those of the searched articles; the articles are the contrast table's, in all
    c = str(data["outlets"].index("C"))
    in_chosen = sentences[sentences["article_id"].isin(chosen["article_id"])]
    held = in_chosen[(in_chosen["outlet"] == "C") & in_chosen["text"].str.contains("government")]
    assert data["totals"]["government"][c] == len(held) > 0
    row = contrasts[
        (contrasts["scope"] == "all")
        & (contrasts["outlet"] == "C")
        & (contrasts["term"] == "government")
    ]
    assert data["term_articles"]["government"][c] == int(row["n_articles"].iloc[0]) == 12 * 3
    for entries in data["contexts"][
        "government"
    ].values():  # stored sentences come from the searched part
        assert {data["articles"][data["sentences"][e[0]][0]][0] for e in entries} <= set(
            chosen["article_id"]
        )
    # the same draw every run; under the limit, no note
    assert data == explorer_data(
        articles, sentences, contrasts=contrasts, scan_articles=len(articles) // 2
    )
    assert "searched" not in explorer_data(articles, sentences, contrasts=contrasts)


def test_explorer_caps_terms_per_outlet(regime):
    articles, sentences, contrasts = regime
    data = explorer_data(articles, sentences, contrasts=contrasts, terms_per_outlet=5)
    per = pd.DataFrame(data["terms"]).groupby([0, 1]).size()
    assert (per <= 5).all() and set(per.index.get_level_values(0)) == {"all", "matched"}


def test_interactive_explorer_builds_and_shows_highlighted_escaped_contexts(regime, monkeypatch):
    from analysis.interactive import contexts_html

    articles, sentences, _ = regime
    monkeypatch.setenv("FRAMING_HEADLESS", "1")
    # headless: no widget, so reruns stay identical
    assert fa.explore_terms(articles, sentences, colors={}) is None
    monkeypatch.delenv("FRAMING_HEADLESS")
    panel = fa.explore_terms(articles, sentences, colors=fa.outlet_colors(articles["outlet"]))
    a, b, event = panel.children[0].children
    term = panel.children[1].children[0]
    assert (a.value, b.value) == ("A", "B") and "regime" in term.options  # A's own terms first
    event.value = "ev-trade"  # the pair's terms follow the chosen event
    assert "trade" in term.options and "wheat" not in term.options
    contexts = fa.term_contexts(
        sentences.assign(text=sentences["text"].str.replace("The regime", "The <b>regime</b>")),
        "regime",
        outlet="A",
    )
    page = contexts_html(contexts, "regime", limit=2)
    assert (
        "<b>regime" not in page
        and "&lt;b&gt;" in page
        and page.count("<li>") == 2
        and "<mark>regime</mark>" in page
    )
    assert f"2 of {len(contexts)} sentences" in page


def test_explorer_shrinks_its_caps_to_fit_the_size_limit(regime):
    from analysis.explorer import _inline_json

    articles, sentences, contrasts = regime
    full = explorer_data(articles, sentences, contrasts=contrasts)
    limit = len(_inline_json(full).encode()) * 2 // 3
    fitted = explorer_data(articles, sentences, contrasts=contrasts, max_bytes=limit)
    assert len(_inline_json(fitted).encode()) <= limit
    assert fitted["caps"]["contexts_per_outlet"] < full["caps"]["contexts_per_outlet"]
    # what is kept is the first of what was stored, and every stored sentence is still the one it points to
    for term, per in fitted["contexts"].items():
        for outlet, entries in per.items():
            assert [fitted["sentences"][e[0]] for e in entries] == [
                full["sentences"][e[0]] for e in full["contexts"][term][outlet][: len(entries)]
            ]
            assert len(entries) == min(
                fitted["caps"]["contexts_per_outlet"], len(full["contexts"][term][outlet])
            )


def test_index_findings_are_escaped_and_link_figure_and_evidence():
    from analysis.report import _findings_html

    findings = pd.DataFrame(
        [
            {
                "rank": 1,
                "kind": "term",
                "statement": "<script>alert(1)</script> says 'x'",
                "figure": "figures/a.png",
                "evidence": "explorer.html#term=x&scope=matched",
            },
            {
                "rank": 2,
                "kind": "caution",
                "statement": "<b>few</b>",
                "figure": None,
                "evidence": None,
            },
        ]
    )
    page = "\n".join(_findings_html(findings))
    assert (
        "<script>" not in page
        and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        and "&lt;b&gt;few" in page
    )
    assert "<h2 id='findings'>" in page and page.count("<li data-kind='term'>") == 1
    assert (
        "href='figures/a.png'" in page and "href='explorer.html#term=x&amp;scope=matched'" in page
    )


def test_interactive_explorer_shows_an_actor_s_sentences(monkeypatch):
    from .test_actors import planted

    monkeypatch.delenv("FRAMING_HEADLESS", raising=False)
    articles = planted()
    sentences = fa.split_sentences(articles)
    mentions = fa.find_actors(articles)
    panel = fa.explore_terms(articles, sentences, colors={}, mentions=mentions)
    term, actor = panel.children[1].children
    assert "Bashar al-Assad" in [v for _, v in actor.options]
    found = fa.actor_contexts(mentions, sentences, "Bashar al-Assad", outlet=["Left", "Right"])
    from analysis.interactive import contexts_html

    page = contexts_html(found)
    assert (
        page.count("<mark>") == len(found)
        and "<mark>Assad</mark>" in page
        and "<mark>Bashar Assad</mark>" in page
    )


@pytest.mark.skipif(
    not __import__("shutil").which("node"), reason="Node.js is not installed to check the script"
)
def test_explorer_script_parses():
    import subprocess

    from analysis import config

    result = subprocess.run(
        ["node", "--check", str(config.TEMPLATES_DIR / "explorer.js")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
