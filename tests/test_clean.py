"""Cleaning: the seeds' known damage, synthetic cases, arbitrary text, and BASIL."""

from __future__ import annotations

import csv
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import clean_articles, load_corpus, load_rules
from analysis.clean import RulesError, clean_text, normalize_unicode

from .conftest import run_cli, write_csv


@pytest.fixture(scope="module")
def cleaned(sample_path):
    articles = load_corpus(sample_path)
    out, audit = clean_articles(articles, return_audit=True)
    by_file = {src[:3]: text for src, text in zip(out["source"], out["text"])}
    return out, audit, by_file, articles


def test_004_repeated_paragraphs_appear_once(cleaned):
    _, audit, text, raw = cleaned
    repeated = [
        "You can say that the level of trust on a working level",
        "The comments came out as US Secretary of State Rex Tillerson",
        "The US has blamed Moscow's ally",
        "Putin has angrily rejected the accusations",
        "Despite hopes of an improvement",
        "Washington has said it is hoping to pry Russia",
        "Prior to Tillerson's arrival",
    ]
    raw004 = raw.loc[raw["source"].str.startswith("004"), "text"].item()
    for start in repeated:
        assert raw004.count(start) == 2 and text["004"].count(start) == 1, start
    assert "More From This Section" not in text["004"]


def test_002_quotes_repaired(cleaned):
    _, _, text, _ = cleaned
    assert '""' not in text["002"]
    assert 'Russian-US relations are in "very poor condition."' in text["002"]
    assert 'including a "beautiful" letter from Putin' in text["002"]


def test_000_footer_and_003_newsletter_gone(cleaned):
    _, audit, text, _ = cleaned
    for line in ["SEE ALSO:", "Join the conversation", "NOW WATCH:"]:
        assert line not in text["000"]
    for line in ["New MEE newsletter", "Sign up to get the latest", "Middle East Eye delivers"]:
        assert line not in text["003"]
    assert {
        "see-also",
        "join-conversation",
        "now-watch",
        "newsletter-promo",
        "newsletter-signup",
        "about-mee",
    } <= set(audit["rule"])


def test_001_caption_once_byline_and_stray_line_gone(cleaned):
    _, _, text, _ = cleaned
    assert text["001"].count("Russian President Vladimir Putin leads a meeting") == 1
    assert "Route 6" not in text["001"] and "TRT World and Agencies" not in text["001"]
    assert not text["001"].startswith("Putin, Tillerson discuss")  # the headline, kept as title


REPORTING = {
    "000": [
        "Recent polling carried out in Russia shows 71% of Russians favor strengthening economic",
        "Russian President Vladimir Putin said on Wednesday that he and President-elect Donald Trump agreed",
    ],
    "001": [
        "The United States responded to the gas attack by firing 59 cruise missiles at a Syrian air base.",
        "But the civil war in Syria has driven a wedge between Moscow and Washington",
    ],
    "002": [
        "Putin and Trump agreed to continue contacts by phone and in the future to hold a private meeting.",
        "Trump was elected US President on the results of elections held on 8 November.",
    ],
    "003": [
        'Russian President Vladimir Putin and US President Donald Trump said in a "positive" phone call on Saturday',
        "For Putin, an easing of Western sanctions would be a major coup",
    ],
    "004": [
        "Moscow and Washington are trying to figure each other out",
        "President Vladimir Putin said ties between Russia and the United States appear to have deteriorated",
    ],
}


@pytest.mark.parametrize("seed", sorted(REPORTING))
def test_reporting_survives(cleaned, seed):
    _, _, text, _ = cleaned
    for sentence in REPORTING[seed]:
        assert sentence in text[seed]


def test_audit_accounts_for_every_removed_character(cleaned):
    out, audit, _, raw = cleaned
    per_article = audit.groupby("article_id")["n_chars"].sum()
    for aid, n_raw, n_removed, text in zip(
        out["article_id"], out["n_chars_raw"], out["n_chars_removed"], out["text"]
    ):
        assert n_raw - len(text) == n_removed == per_article.get(aid, 0)
    assert raw["text"].tolist() != out["text"].tolist()  # cleaning returns a new table ...
    # ... and leaves the input alone
    assert load_corpus(config_sample())["text"].tolist() == raw["text"].tolist()


def config_sample():
    from analysis import config

    return config.SAMPLE_CORPUS


def test_headline_repeated_only_when_it_is_the_title():
    text, audit = clean_text(
        "Storm hits coast\nThe storm hit the coast on Monday.", title="Storm Hits Coast"
    )
    assert text == "The storm hit the coast on Monday." and audit[-1][0] == "repeated-headline"
    text, _ = clean_text("Storm hits coast\nThe storm hit.", title="Another title")
    assert text.startswith("Storm hits coast")


def test_html_scripts_entities():
    raw = "<p>Officials &amp; experts met.</p><script>var x = 1;</script><p>Talks&nbsp;ended.</p>"
    text, audit = clean_text(raw)
    assert text == "Officials & experts met.\nTalks ended."
    assert any(a[0] == "html" and "var x" in a[3] for a in audit)
    assert clean_text("AT&T said Q&A sessions < 5 min.")[0] == "AT&T said Q&A sessions < 5 min."


def test_unicode_normalisation():
    assert (
        normalize_unicode("\u201cHi\u201d \u2018there\u2019\u00a0now\u200b") == "\"Hi\" 'there' now"
    )
    # ligature would grow: kept; fullwidth folded
    assert normalize_unicode("ﬁnal ＡＢＣ") == "ﬁnal ABC"
    assert clean_text("a\r\nb")[0] == "a\nb"


def test_furniture_only_whole_lines():
    text, _ = clean_text(
        "Advertisement\nAdvertisement revenue rose 5 percent.\nSEE ALSO: other story"
    )
    assert text == "Advertisement revenue rose 5 percent."


def test_user_rules_per_outlet(tmp_path):
    rules_file = tmp_path / "rules.ini"
    rules_file.write_text(
        "[Daily Planet]\nsubscribe-box = Subscribe to the Planet.*\n", encoding="utf-8"
    )
    rules = load_rules(rules_file)
    arts = pd.DataFrame(
        {
            "article_id": ["a", "b"],
            "outlet": ["Daily Planet", "Other"],
            "title": [None, None],
            "text": [
                "News.\nSubscribe to the Planet today",
                "News.\nSubscribe to the Planet today",
            ],
        }
    )
    out, audit = clean_articles(arts, rules=rules, return_audit=True)
    assert out["text"].tolist() == ["News.", "News.\nSubscribe to the Planet today"]
    assert audit["rule"].tolist() == ["subscribe-box"]
    bad = tmp_path / "bad.ini"
    bad.write_text("[all]\nbroken = (unclosed\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"bad.ini: section \[all\], rule 'broken'"):
        load_rules(bad)


@settings(max_examples=300, deadline=None)
@given(st.text(), st.one_of(st.none(), st.text(max_size=40)))
def test_cleaning_never_crashes_nor_grows(text, title):
    cleaned, audit = clean_text(text, title=title)
    assert len(cleaned) <= len(text)
    assert sum(a[2] for a in audit) == len(text) - len(cleaned)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.text(min_size=1, max_size=30), st.text(max_size=200)), min_size=1, max_size=8
    )
)
def test_loading_and_cleaning_arbitrary_csv(tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("h") / "c.csv"
    frame = pd.DataFrame(rows, columns=["outlet", "text"])
    # pandas leaves a bare \r unquoted otherwise
    frame.to_csv(path, index=False, quoting=csv.QUOTE_ALL)
    from analysis import CorpusError, read_corpus

    try:
        loaded = read_corpus(path)
    except CorpusError:
        return  # a clear refusal (e.g. every row empty) is a valid outcome
    assert len(loaded.articles) + len(loaded.skipped) == loaded.n_rows == len(rows)
    out = clean_articles(loaded.articles)
    assert (out["text"].str.len() <= loaded.articles["text"].str.len()).all()


def test_prepare_writes_outputs_and_never_into_raw(sample_path, tmp_path):
    from analysis import config

    result = run_cli("prepare", sample_path, "--out", tmp_path / "prep")
    assert result.returncode == 0, result.stderr
    for name in ["articles.parquet", "articles.csv", "cleaning_audit.csv", "skipped_rows.csv"]:
        assert (tmp_path / "prep" / name).exists(), name
    assert len(pd.read_parquet(tmp_path / "prep" / "articles.parquet")) == 5
    refused = run_cli("prepare", sample_path, "--out", config.RAW_DIR / "x")
    assert refused.returncode == 2 and "raw data is never written" in refused.stderr
    corpus = write_csv(tmp_path / "c.csv", [{"outlet": "A", "text": "x"}])
    refused = run_cli("prepare", corpus, "--out", tmp_path)
    assert refused.returncode == 2 and "next to the input" in refused.stderr
    assert not (config.RAW_DIR / "x").exists()


def test_basil_only_advertisements_and_headlines_removed(basil_path):
    raw = load_corpus(basil_path)
    out, audit = clean_articles(raw, return_audit=True)
    assert set(audit["step"]) <= {"unicode", "whitespace", "furniture", "repeated-headline"}, set(
        audit["step"]
    )
    # the README promises a few "Advertisement" lines; this copy may hold none
    assert set(audit.loc[audit["step"] == "furniture", "rule"]) <= {"advertisement"}
    assert (audit["step"] == "repeated-headline").sum() == 29
    for before, after, title in zip(raw["text"], out["text"], raw["title"]):
        original = [
            re.sub(" +", " ", p.strip()) for p in normalize_unicode(before).split("\n") if p.strip()
        ]
        kept = after.split("\n")
        assert set(kept) <= set(original)
        gone = [p for p in original if p not in kept]
        headline = normalize_unicode(" ".join(str(title).split())).casefold()
        assert all(p == "Advertisement" or p.casefold() == headline for p in gone), (gone, title)
