"""Languages: each article's language is named, and what reads English only never reads another language.

The corpora are tests/languages.py's: the same six stories in German, French, Spanish and English, two outlets,
outlet A writing "regime" where outlet B writes "government" (in each language), and outlet B's planted
sentence starting with a word that VADER's English lexicon misreads in German ("Die Regierung ...": "die").
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

import analysis as fa
from analysis.languages import detect_languages, language_mix, stop_words

from .conftest import run_cli
from .languages import TEXTS, corpus, mixed

LANGUAGES = {"de": "German", "fr": "French", "es": "Spanish"}


def _write(tmp_path, frame: pd.DataFrame, name: str):
    path = tmp_path / f"{name}.csv"
    frame.to_csv(path, index=False)
    return path


def test_each_text_s_language_is_told_from_titles_sentences_and_articles():
    items = []
    for code, entry in TEXTS.items():
        items += [(code, title) for title in entry["titles"]]
        for sentences in entry["events"].values():
            items += [(code, s) for s in sentences] + [(code, " ".join(sentences))]
    got = detect_languages([text for _, text in items])
    wrong = [(code, found, text) for (code, text), found in zip(items, got) if code != found]
    # every sentence and article; at most one title in twenty (a five-word headline is hard)
    assert all(len(text) < 60 for _, _, text in wrong), wrong
    assert len(wrong) <= len(items) // 20, wrong


def test_too_little_text_is_undetermined_not_guessed():
    assert detect_languages(["", "12 34", "OK"], titles=["", "", ""]).tolist() == ["und"] * 3


def test_stop_words_are_each_language_s_own():
    assert {"die", "der", "das", "und"} <= stop_words("de")
    assert {"le", "la", "les", "au"} <= stop_words("fr")
    assert {"el", "los", "del"} <= stop_words("es")
    assert "die" not in stop_words("en") and "war" not in stop_words("en")


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_a_corpus_in_another_language_is_named_and_its_tone_not_misread(tmp_path, code):
    path = _write(tmp_path, corpus(code), code)
    checked = run_cli("validate", path)
    assert checked.returncode == 0, checked.stderr
    assert f"languages: {LANGUAGES[code]}: 24 of 24 articles" in checked.stdout
    assert (
        "VADER's tone, the tone towards actors and the actor finder are not computed"
        in checked.stdout
    )

    prepared = fa.prepare_corpus(path)
    sentences = prepared.sentences()
    assert sentences["language"].eq(code).all() and sentences["compound"].isna().all()
    scores = fa.article_sentiment(sentences)
    assert scores.empty and scores.attrs["notes"] == [
        f"not computed for 24 {LANGUAGES[code]} articles: VADER reads English only"
    ]
    with pytest.raises(fa.InsufficientData, match="VADER reads English only"):
        fa.pairwise_sentiment(scores)
    assert prepared.actors().empty

    contrasts = prepared.contrasts(scope="all")
    terms = set(contrasts["term"].astype(str))
    words = {w for term in terms for w in term.split()}
    assert not words & stop_words(code)  # no stop word, alone or inside a two-word term
    top = fa.top_terms(contrasts, n=2)
    assert set(top["term"]) >= {
        {"de": "regime", "fr": "régime", "es": "régimen"}[code],
        {"de": "regierung", "fr": "gouvernement", "es": "gobierno"}[code],
    }  # the planted difference, accents kept

    out = tmp_path / "findings"
    found = run_cli("findings", path, "--out", out)
    assert found.returncode == 0, found.stderr
    findings = pd.read_csv(out / "findings.csv")
    assert not findings["kind"].eq("sentiment").any()
    stated = findings[~findings["kind"].isin(["caution", "check"])]
    assert not {w for t in stated["term"].dropna() for w in str(t).split()} & stop_words(code)
    assert (
        findings["statement"]
        .str.contains(
            f"No article is in English ({LANGUAGES[code]}: 24 of 24 articles)", regex=False
        )
        .any()
    )


def test_the_same_corpus_in_english_still_gets_its_tone(tmp_path):
    """The control: the English telling is scored, so the German one's missing tone is the language's doing."""
    prepared = fa.prepare_corpus(_write(tmp_path, corpus("en"), "en"))
    scores = fa.article_sentiment(prepared.sentences())
    assert len(scores) == 24 and "notes" not in scores.attrs
    assert len(fa.pairwise_sentiment(scores)) == 1


def test_a_mixed_corpus_reads_its_english_part_and_says_so(tmp_path):
    frame = mixed()
    path = _write(tmp_path, frame, "mixed")
    prepared = fa.prepare_corpus(path)
    articles = prepared.articles
    assert language_mix(articles) == "German: 12, English: 12 of 24 articles"
    assert any("read the 12 English articles only" in n for n in prepared.notes)
    scores = fa.article_sentiment(prepared.sentences())
    assert set(scores["article_id"]) == set(
        articles.loc[articles["language"] == "en", "article_id"]
    )
    assert scores.attrs["notes"] == [
        "not computed for 12 German articles: VADER reads English only"
    ]
    mentions = prepared.actors()
    assert set(mentions["article_id"]) <= set(scores["article_id"])
    # each article with its own language's stop words: German "die" goes, English "war" would stay
    contrasts = prepared.contrasts(scope="all")
    assert "die" not in set(contrasts["term"].astype(str))
    assert {"regierung", "government"} <= set(contrasts["term"].astype(str))


@pytest.mark.slow
def test_a_german_report_has_no_tone_and_says_why(tmp_path):
    """The whole report on a German corpus: every notebook runs, the tone sections say why they are not
    computed, the index names the language, and no finding is about tone."""
    path = _write(tmp_path, corpus("de"), "de")
    out = tmp_path / "report"
    result = run_cli("report", "--corpus", path, "--out", out)
    assert result.returncode == 0, result.stderr[-3000:]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Languages: German: 24 of 24 articles." in index
    sections = {r["title"]: r for r in fa.read_sections(out)}
    for title in (
        "Sentiment by outlet",
        "Event-adjusted sentiment",
        "Pairwise sentiment differences",
    ):
        assert not sections[title]["computed"]
        assert "VADER reads English only" in sections[title]["reason"]
    for title in ("Frames by outlet", "Pairwise frame differences"):
        assert not sections[title]["computed"]
        assert "the frame model reads English only" in sections[title]["reason"]
    findings = pd.read_csv(out / "tables" / "findings.csv")
    assert not findings["kind"].eq("sentiment").any()
    assert "VADER reads English only" in (out / "findings.md").read_text(encoding="utf-8")
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["corpus"]["articles"] == 24


def test_a_codebook_is_read_in_every_language_and_its_tone_in_english_only(tmp_path):
    """The name finder reads English only, but a codebook's patterns match in any language: who each outlet
    names works in German; the tone towards them (VADER's words) and their labels (English stop words) do not."""
    articles = fa.prepare_corpus(_write(tmp_path, mixed(), "mixed")).articles
    codebook = [("Parliament", r"\bBundestag\b|\b[Pp]arliament\b")]
    mentions = fa.find_actors(articles, codebook=codebook)
    named = mentions[mentions["actor"] == "Parliament"]
    language = named["article_id"].map(articles.set_index("article_id")["language"])
    assert set(language) == {"de", "en"}  # found in both languages
    texts = articles.set_index("article_id")["text"]
    titles = articles.set_index("article_id")["title"]
    assert all(
        (titles if r.in_title else texts)[r.article_id][r.start : r.end] == r.mention
        for r in named.itertuples()
    )  # offsets into the text, or into the headline for a mention there
    assert "the codebook's patterns are read in every language" in mentions.attrs["notes"][0]
    scored = fa.score_mentions(named, articles)
    assert len(scored) and set(scored["article_id"]) <= set(
        articles.loc[articles["language"] == "en", "article_id"]
    )
