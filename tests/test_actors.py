"""Actors: names found, titles split off, short forms and spelling variants tied to one actor, codebooks."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis as fa
from analysis.actors import MENTION_COLUMNS
from analysis.evidence import fewest_alone
from analysis.names import name_key

from .conftest import assert_clean_error, run_cli

STORIES = {
    "Left": (
        "President Bashar al-Assad met envoys in Damascus on Monday. Later, Assad said the talks went well. "
        "North Korea's leader Kim Jong Un watched a test. Kim said nothing. However, the Kremlin stayed quiet."
    ),
    "Right": (
        "Syrian dictator Bashar Assad met envoys on Monday. In January, Mr. Assad had refused. "
        "Kim Jong-un watched a test. Moscow stayed quiet, and Left reported nothing."
    ),
    "Centre": (
        "Syrian President Bashar al-Assad met envoys. Officials said Assad's aides were pleased. "
        "The North Korean leader, Kim Jong-Un, watched a test. Some officials met Mr. Jonas Quill."
    ),
}


def planted(n: int = 3) -> pd.DataFrame:
    rows = [
        {"article_id": f"{o}-{k}", "outlet": o, "event": f"e{k}", "text": t}
        for o, t in STORIES.items()
        for k in range(n)
    ]
    return pd.DataFrame(rows)


def test_one_actor_per_person_whatever_the_spelling_with_titles_split_off():
    articles = planted()
    mentions = fa.find_actors(articles)
    text = dict(zip(articles["article_id"], articles["text"]))
    assert all(
        text[a][s:e] == m
        for a, s, e, m in zip(
            mentions["article_id"], mentions["start"], mentions["end"], mentions["mention"]
        )
    )
    assad = mentions[mentions["actor"] == "Bashar al-Assad"]
    # short forms and variants
    assert set(assad["mention"]) == {"Bashar al-Assad", "Bashar Assad", "Assad"}
    assert set(assad["outlet"]) == {"Left", "Right", "Centre"} and len(assad) == 6 * 3
    assert {"President", "Syrian President", "Mr."} <= set(assad["title"])
    kim = mentions[mentions["actor"].str.startswith("Kim")]
    assert kim["actor"].nunique() == 1 and set(kim["mention"]) == {
        "Kim Jong Un",
        "Kim Jong-un",
        "Kim Jong-Un",
        "Kim",
    }
    names = set(mentions["actor"])
    assert not names & {"Monday", "January", "However", "Later", "Officials", "Some"}
    # an outlet named in the text ("Left reported") is an organisation: counted, and said to be an outlet
    left = mentions[mentions["actor"] == "Left"]
    assert set(left["kind"]) == {"organisation"} and set(left["kind_rule"]) == {
        "an outlet of the corpus"
    }
    assert "Jonas Quill" in names  # a name only one outlet uses is still an actor (3 articles)
    # each mention sits in its sentence
    sentences = fa.split_sentences(articles).set_index(["article_id", "sentence_index"])
    for r in mentions.itertuples():
        s = sentences.loc[(r.article_id, r.sentence_index)]
        assert s["start"] <= r.start and r.end <= s["end"]


def test_names_found_in_pieces_on_worker_processes_are_tied_together_the_same(
    monkeypatch, pool_always
):
    """Found in pieces of two articles on worker processes (common words summed across pieces, names tied
    together afterwards), the table is the one found in one piece."""
    import analysis.actors as actors_module

    articles = planted(4)
    codebook = [("Russian government", r"\bthe Kremlin\b|\bMoscow\b")]
    whole = fa.find_actors(articles, codebook=codebook, n_jobs=1)
    monkeypatch.setattr(actors_module, "CHUNK", 2)
    pooled = fa.find_actors(articles, codebook=codebook, n_jobs=2)
    pd.testing.assert_frame_equal(pooled, whole)
    assert {"Bashar al-Assad", "Kim Jong Un", "Russian government"} <= set(whole["actor"])
    assert whole["article_id"].nunique() == len(articles)


def test_name_keys_unify_daily_variants():
    assert (
        name_key("Kim Jong-un")
        == name_key("Kim Jong Un")
        == name_key("KIM JONG UN")
        == "kim jong un"
    )
    assert name_key("Bashar al-Assad") == name_key("Bashar Assad")
    assert (
        name_key("Donald J. Trump") == name_key("Donald Trump") and name_key("Trump's") == "trump"
    )


def test_generational_suffixes_and_middle_names_meet_on_one_actor():
    """A formal full name meets the person's usual two-word name; a son's "Jr." without a middle initial
    keeps him apart from his father, a third word no two-word name shares keeps two Kims apart, and
    institutions keep their middle words."""
    texts = [
        "Hillary Rodham Clinton spoke in Ohio. Robert S. Mueller III was silent. Donald Trump Jr. tweeted."
        " The Senate Judiciary Committee met.",
        "Hillary Clinton spoke in Iowa. Robert Mueller was silent. Kim Jong Un and Kim Jong Il were named."
        " Donald Trump spoke. The Senate Committee met.",
        "Hillary Clinton spoke again, and Kim Jong Un answered. Kim Jong Il was named again. Donald Trump"
        " Jr. and Donald Trump were there. The Senate Judiciary Committee and the Senate Committee met.",
    ]
    articles = pd.DataFrame(
        {"article_id": list("abc"), "outlet": ["X", "Y", "Z"], "event": "e", "text": texts}
    )
    actors = fa.find_actors(articles).groupby("actor")["mention"].agg(set)
    assert actors["Hillary Clinton"] == {"Hillary Rodham Clinton", "Hillary Clinton"}
    assert {"Robert Mueller", "Robert S. Mueller III"} <= actors["Robert Mueller"]
    # a third word that no two-word name shares keeps a name apart: two Kims stay two
    assert "Kim Jong Un" in actors and "Kim Jong Il" in actors
    assert "Donald Trump Jr" in actors and "Donald Trump Jr" not in actors["Donald Trump"]
    assert "Senate Judiciary Committee" in actors and "Senate Committee" in actors


def test_min_articles_and_codebook(tmp_path):
    articles = planted(n=1)
    # one article: every mention counts by default, and min_articles=2 leaves it out
    assert "Jonas Quill" not in set(fa.find_actors(articles, min_articles=2)["actor"])
    assert "Jonas Quill" in set(fa.find_actors(articles)["actor"])
    book = tmp_path / "book.csv"
    book.write_text(
        "actor,pattern\nRussian government,\\b(?:the Kremlin|Moscow)\\b\n", encoding="utf-8"
    )
    mentions = fa.find_actors(articles, codebook=book)
    russia = mentions[mentions["actor"] == "Russian government"]
    assert set(russia["mention"]) == {"the Kremlin", "Moscow"} and set(russia["outlet"]) == {
        "Left",
        "Right",
    }
    assert russia["source"].str.contains("book.csv, line 2").all()
    # codebook wins
    assert not (mentions["mention"] == "Moscow").sum() - len(russia[russia["mention"] == "Moscow"])
    ini = tmp_path / "book.ini"
    ini.write_text(
        "[Russian government]\nkremlin = \\bthe Kremlin\\b\nmoscow = \\bMoscow\\b\n",
        encoding="utf-8",
    )
    assert (
        fa.find_actors(articles, codebook=ini)
        .query("actor == 'Russian government'")["mention"]
        .tolist()
        == russia["mention"].tolist()
    )


def test_a_bad_codebook_names_its_file_and_line(tmp_path, sample_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("actor,pattern\nRussia,\\bKremlin\\b\nBroken,(unclosed\n", encoding="utf-8")
    with pytest.raises(
        fa.CodebookError, match=r"bad\.csv, line 3: bad pattern '\(unclosed' for actor 'Broken'"
    ):
        fa.read_codebook(bad)
    ini = tmp_path / "bad.ini"
    ini.write_text("[Russia]\nok = Kremlin\nempty = a|\n", encoding="utf-8")
    with pytest.raises(
        fa.CodebookError,
        match=r"bad\.ini, line 3: pattern 'a\|' for actor 'Russia' matches the empty",
    ):
        fa.read_codebook(ini)
    (tmp_path / "cols.csv").write_text("name,regex\nx,y\n", encoding="utf-8")
    with pytest.raises(fa.CodebookError, match="needs the columns 'actor' and 'pattern'"):
        fa.read_codebook(tmp_path / "cols.csv")
    result = run_cli("findings", sample_path, "--out", tmp_path / "out", "--codebook", bad)
    assert_clean_error(result, "bad.csv, line 3")


def test_actor_contexts_point_at_the_mention_in_its_sentence():
    articles = planted()
    sentences = fa.split_sentences(articles)
    mentions = fa.find_actors(articles)
    found = fa.actor_contexts(mentions, sentences, "Bashar al-Assad", outlet="Right")
    assert len(found) == 2 * 3 and set(found["outlet"]) == {"Right"}
    assert (
        found.apply(lambda r: r["text"][r["start"] : r["end"]], axis=1) == found["mention"]
    ).all()


def test_explorer_lists_actors_with_their_sentences_per_outlet():
    articles = planted().assign(title="t")
    sentences = fa.split_sentences(articles)
    mentions = fa.find_actors(articles)
    data = fa.explorer_data(articles, sentences, mentions=mentions)
    actors = {a[0]: a for a in data["actors"]}
    assad = actors["Bashar al-Assad"]
    assert assad[1] == 9 and {data["outlets"][int(o)] for o in assad[3]} == {
        "Left",
        "Right",
        "Centre",
    }
    per = data["actor_contexts"]["Bashar al-Assad"]
    for outlet, entries in per.items():
        for entry in entries:
            text = data["sentences"][entry[0]][2]
            assert "Assad" in text[entry[1] : entry[2]]


def test_the_sample_s_codebook_goes_with_the_sample_only(sample_path, tmp_path):
    assert (
        fa.config.default_codebook(None)
        == fa.config.default_codebook(sample_path)
        == fa.config.SAMPLE_CODEBOOK
    )
    assert fa.config.default_codebook(tmp_path / "mine.csv") is None
    articles = fa.prepare_corpus(sample_path).articles
    mentions = fa.find_actors(articles, codebook=fa.config.SAMPLE_CODEBOOK)
    russia = mentions[mentions["actor"] == "Russian government"]
    assert {"Kremlin", "Moscow"} <= set(russia["mention"]) and not (
        mentions["actor"] == "Kremlin"
    ).any()


def labelled_corpus() -> pd.DataFrame:
    """Outlet "Hawk" calls Bashar al-Assad "the dictator"; "Dove" and "Wire" call him "President"; on 12 shared
    events. Hawk alone covers one more event, where it calls him "the tyrant"."""
    rows = []
    topics = [
        "trade",
        "wheat",
        "borders",
        "energy",
        "refugees",
        "elections",
        "railways",
        "sanctions",
        "water",
        "roads",
        "ports",
        "schools",
    ]
    for e, topic in enumerate(topics):
        for outlet in ("Hawk", "Dove", "Wire"):
            name = (
                "the dictator Bashar al-Assad" if outlet == "Hawk" else "President Bashar al-Assad"
            )
            for k in range(2):
                rows.append(
                    {
                        "article_id": f"{outlet}-{e}-{k}",
                        "outlet": outlet,
                        "event": f"ev-{topic}",
                        "text": f"Envoys met {name} about {topic} in Damascus. Later, Assad spoke about {topic} "
                        f"with the envoys.",
                    }
                )
    for k in range(3):
        rows.append(
            {
                "article_id": f"Hawk-x-{k}",
                "outlet": "Hawk",
                "event": "ev-only-hawk",
                "text": "Envoys met the tyrant Bashar al-Assad in Damascus.",
            }
        )
    return pd.DataFrame(rows)


def test_labels_find_the_outlet_that_says_dictator_on_shared_events_only():
    articles = labelled_corpus()
    labels = fa.actor_labels(fa.find_actors(articles), articles)
    assad = labels[labels["actor"] == "Bashar al-Assad"]
    assert set(assad.columns) >= {
        "actor",
        "scope",
        "outlet",
        "term",
        "count",
        "count_rest",
        "z",
        "q",
    }
    hawk = assad[(assad["outlet"] == "Hawk") & (assad["z"] > 0)].sort_values("z", ascending=False)
    assert (
        hawk.iloc[0]["term"] == "dictator"
        and hawk.iloc[0]["q"] < 0.05
        and hawk.iloc[0]["count_rest"] == 0
    )
    for outlet in ("Dove", "Wire"):
        mine = assad[(assad["outlet"] == outlet) & (assad["term"] == "president")]
        assert mine["z"].item() > 0
    # matched events only: Hawk's own event does not count
    assert "tyrant" not in set(assad["term"])
    everything = fa.actor_labels(fa.find_actors(articles), articles, scope="all")
    assert "tyrant" in set(everything["term"])


def test_labels_say_how_many_articles_a_word_one_outlet_alone_uses_needs(tmp_path):
    """``needs_articles`` is what the test can find: a label only one outlet uses reaches q < 0.05 when it is
    in that many of the outlet's articles naming the actor, and not in one fewer."""

    def corpus(k):
        rows = []
        for e in range(12):
            for outlet in ("Hawk", "Dove", "Wire"):
                label = "the regime of " if outlet == "Hawk" and e < k else ""
                text = (
                    f"Bashar al-Assad spoke on Monday. Later {label}Bashar al-Assad left Damascus."
                )
                rows.append(
                    {
                        "article_id": f"{outlet}-{e}",
                        "outlet": outlet,
                        "event": f"e{e}",
                        "text": text,
                    }
                )
        return pd.DataFrame(rows)

    def labels(k):
        articles = corpus(k)
        return fa.actor_labels(fa.find_actors(articles), articles)

    def hawk(k):
        table = labels(k)
        return table[(table["actor"] == "Bashar al-Assad") & (table["outlet"] == "Hawk")]

    needs = int(hawk(1)["needs_articles"].iloc[0])
    assert 1 < needs < 12 and hawk(1)["needs_articles"].nunique() == 1
    assert hawk(needs).set_index("term").loc["regime", "q"] < 0.05
    assert hawk(needs - 1).set_index("term").loc["regime", "q"] >= 0.05
    reach = fa.label_reach(labels(needs - 1), actors=["Bashar al-Assad"]).set_index("outlet")
    assert reach.loc[
        "Hawk", ["articles", "needs_articles", "most_alone", "alone", "found"]
    ].tolist() == [
        12,
        needs,
        needs - 1,
        "regime",
        "",
    ]
    assert (
        fa.label_reach(labels(needs), actors=["Bashar al-Assad"])
        .set_index("outlet")
        .loc["Hawk", "found"]
        == "regime"
    )
    assert fewest_alone([1 / 3] * 37, 800) == 10  # 2 x (1/3)^10 x 800 = 0.027; ^9: 0.081
    corpus(1).to_csv(tmp_path / "corpus.csv", index=False)
    result = run_cli("actors", tmp_path / "corpus.csv", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "labels (q < 0.05): none" in result.stdout
    assert f"must be in: Dove {needs} of its 12 articles (the most any is in: 0)" in result.stdout


def test_labels_found_in_pieces_with_the_pool_are_the_same(monkeypatch, pool_always):
    from analysis import labels as labels_module

    articles = labelled_corpus()
    mentions = fa.find_actors(articles)
    whole = fa.actor_labels(mentions, articles, n_jobs=1)
    # pieces of five mentions, across sentences and articles
    monkeypatch.setattr(labels_module, "CHUNK", 5)
    mixed = mentions.sample(frac=1.0, random_state=7)  # in any order
    pieces = fa.actor_labels(mixed, articles, n_jobs=2, sentences=fa.split_sentences(articles))
    pd.testing.assert_frame_equal(pieces, whole, check_exact=True)
    assert whole[(whole["outlet"] == "Hawk") & (whole["term"] == "dictator")]["z"].item() > 0


def test_cli_actors_prints_each_actor_s_labels(tmp_path):
    corpus = tmp_path / "corpus.csv"
    labelled_corpus().to_csv(corpus, index=False)
    result = run_cli("actors", corpus, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "Bashar al-Assad (person):" in result.stdout and "Hawk: dictator" in result.stdout
    assert "places named: Damascus" in result.stdout  # places apart from the people
    assert pd.read_csv(tmp_path / "out" / "actor_labels.csv")["actor"].eq("Bashar al-Assad").any()
    assert (tmp_path / "out" / "actor_mentions.parquet").exists()
    bad = tmp_path / "bad.ini"
    bad.write_text("[Syria]\nregime = (?P<x\n", encoding="utf-8")
    assert_clean_error(
        run_cli("actors", corpus, "--out", tmp_path / "out2", "--codebook", bad), "bad.ini, line 2"
    )


def test_adjectives_of_nationality_and_party_are_not_actors():
    rows = [
        {
            "article_id": f"a{k}",
            "outlet": o,
            "event": "e",
            "text": "Russian officials met Democratic senators in Vienna. Later, Anna Berg said the Russian "
            "delegation left. The Republicans objected, and a Republican said so.",
        }
        for k, o in enumerate(["A", "B", "C"])
    ]
    actors = set(fa.find_actors(pd.DataFrame(rows))["actor"])
    assert not actors & {"Russian", "Democratic"}  # followed by a lower-case word every time
    # a name and a group are actors; "a Republican said" says what someone is, not who
    assert {"Anna Berg", "Republicans"} <= actors and "Republican" not in actors


def test_a_title_before_a_name_is_read_from_the_text_around_it_whatever_came_before():
    """What a name phrase makes of its words is worked out once per phrase and remembered, but the title of
    several words before it ("Secretary of State", cut at "of" by the name pattern) is read from each
    text: the same phrase "State Rex Tillerson" is a titled Rex Tillerson after "Acting Secretary of" and
    an untitled one after "Friends of" (the name "State" runs into is dropped, as Rex Tillerson is written
    alone), in either order, with the memory cleared or not."""
    import analysis.names as names_module

    texts = {
        "a": "Acting Secretary of State Rex Tillerson met envoys. Tillerson said little.",
        "b": "A letter from the Friends of State Rex Tillerson signed was read. Rex Tillerson left.",
        "c": "Deputy Prime Minister Jane Doe met Prime Minister Jane Doe's aides. Doe smiled.",
    }
    articles = pd.DataFrame(
        {
            "article_id": list(texts),
            "outlet": ["X", "Y", "Z"],
            "event": "e",
            "text": list(texts.values()),
        }
    )
    columns = ["article_id", "actor", "mention", "start", "end", "title"]
    tables = []
    for order in (["a", "b", "c"], ["c", "b", "a"]):
        for cached in (
            names_module._name_words,
            names_module._shaped,
            names_module._name_info,
            names_module._plain,
        ):
            cached.cache_clear()
        for _ in range(2):  # the second time from what the first remembered
            found = fa.find_actors(
                articles.set_index("article_id").loc[order].reset_index(), min_articles=1, n_jobs=1
            )
            tables.append(found[columns].sort_values(["article_id", "start"], ignore_index=True))
    for table in tables[1:]:
        pd.testing.assert_frame_equal(table, tables[0])
    rows = {(r.article_id, r.start): r for r in tables[0].itertuples()}
    assert (rows["a", 26].mention, rows["a", 26].title) == ("Rex Tillerson", "Secretary of State")
    assert (rows["b", 35].mention, rows["b", 35].title) == ("Rex Tillerson", "")
    assert (
        rows["c", 22].title == "Deputy Prime Minister" and rows["c", 50].title == "Prime Minister"
    )
    assert {rows["c", 22].actor, rows["c", 50].actor, rows["c", 68].actor} == {"Jane Doe"}


def test_no_actor_when_every_capitalised_word_only_opens_a_sentence():
    """Capitalised words seen only at sentence starts are common words: when they are all the corpus has,
    the table is empty, with its columns, not an error."""
    articles = pd.DataFrame(
        {
            "article_id": ["a", "b"],
            "outlet": ["X", "Y"],
            "event": "e",
            "text": [
                "Earlier the rain fell. Later it stopped.",
                "Nothing happened. Earlier it rained.",
            ],
        }
    )
    for codebook in (None, [("Rain", r"\brain\b")]):
        found = fa.find_actors(articles, min_articles=1, codebook=codebook, n_jobs=1)
        assert list(found.columns) == MENTION_COLUMNS
        assert set(found["actor"]) == (set() if codebook is None else {"Rain"})
