"""Actors tied to the right person: relatives, compounds, names that are common words, titles inside names,
nicknames and initials; every actor's kind; headlines; labels beyond the window (issue #30)."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis as fa
from analysis.descriptions import descriptions, phrases

OUTLETS = ("Left", "Right", "Centre")


def corpus(*texts, titles=None) -> pd.DataFrame:
    """One article per text, the outlets in turn, one event each."""
    rows = [
        {
            "article_id": f"a{k}",
            "outlet": OUTLETS[k % 3],
            "event": f"e{k}",
            "title": (titles or [""] * len(texts))[k],
            "text": t,
        }
        for k, t in enumerate(texts)
    ]
    return pd.DataFrame(rows)


def actor_at(mentions, article, mention, nth=0):
    rows = mentions[(mentions["article_id"] == article) & (mentions["mention"] == mention)]
    return rows["actor"].iloc[nth]


def test_a_relative_s_full_name_does_not_capture_the_surname():
    """After "first lady Melania Trump", "President Trump" is Donald (the corpus gives him that title); after
    "Brigitte Macron", "Mr. Macron" is Emmanuel (the corpus gives him "Mr." where he is the only Macron)."""
    background = [
        "President Donald Trump spoke on Monday. Trump said the talks went well.",
        "President Donald Trump left Paris. Mr. Emmanuel Macron stayed. Mr. Macron said little.",
        "Emmanuel Macron met envoys. Mr. Macron was pleased, and President Trump agreed.",
    ]
    articles = corpus(
        *background,
        "President Donald Trump landed. The first lady Melania Trump visited a school. Later, President "
        "Trump spoke to reporters.",
        "Emmanuel Macron hosted a dinner. His wife Brigitte Macron greeted guests. Mr. Macron gave a toast.",
    )
    mentions = fa.find_actors(articles)
    assert actor_at(mentions, "a3", "Trump", 0) == "Donald Trump"
    assert actor_at(mentions, "a3", "Melania Trump") == "Melania Trump"
    assert actor_at(mentions, "a4", "Macron", 0) == "Emmanuel Macron"
    assert actor_at(mentions, "a4", "Brigitte Macron") == "Brigitte Macron"


def test_compounds_and_possessives_give_their_parts():
    articles = corpus(
        "Shinzo Abe flew in for the Trump-Abe summit. Abe spoke first. Donald Trump listened.",
        "North Korea's Kim Jong Un watched. Following Trump's visit, Kim said nothing. A pro-Trump crowd "
        "gathered for a Trump-related rally.",
        "Donald Trump met Shinzo Abe. Trump and Abe smiled in the days following the summit and the "
        "following week.",
    )
    mentions = fa.find_actors(articles)
    actors = set(mentions["actor"])
    assert not {a for a in actors if "-" in a or a.startswith("Following")}
    first = mentions[mentions["article_id"] == "a0"]
    assert (
        list(first["actor"]).count("Shinzo Abe") == 3
    )  # the full name, "Abe" of the summit, "Abe"
    second = mentions[mentions["article_id"] == "a1"]
    assert {"North Korea", "Kim Jong Un", "Donald Trump"} <= set(second["actor"])
    assert (
        second["mention"] == "Trump"
    ).sum() == 3  # "Trump's visit", "pro-Trump", "Trump-related"


def test_a_name_that_is_a_common_word_is_a_name_after_a_given_name_or_a_title():
    articles = corpus(
        "Theresa May met envoys in May. Prime Minister May said the talks went well.",
        "Moon Jae-in spoke in Seoul. Moon said the summit would go ahead.",
        "Theresa May and Moon Jae-in spoke on Monday.",
    )
    mentions = fa.find_actors(articles)
    may = mentions[mentions["actor"] == "Theresa May"]
    assert list(may["mention"]) == ["Theresa May", "May", "Theresa May"]  # not the month
    assert may["title"].tolist()[1] == "Prime Minister"
    moon = mentions[mentions["actor"] == "Moon Jae-in"]
    assert list(moon["mention"]) == ["Moon Jae-in", "Moon", "Moon Jae-in"]


def test_a_given_name_that_is_a_common_word_opens_a_name_its_surname_stands_for():
    """The corpus writes "bill" in lower case (the legislation) more than as a name; "Bill Clinton" is still a
    person, so "Mr. Clinton" after him and Hillary Clinton is his, and "Mrs. Clinton" hers."""
    articles = corpus(
        "The bill passed the Senate. A second bill failed, and the bill's sponsor left.",
        "Hillary Clinton spoke in Iowa. Mrs. Clinton said the bill was flawed.",
        "Hillary Clinton and former President Bill Clinton released their tax returns. Mr. Clinton "
        "earned most of it. Mrs. Clinton wrote a book.",
    )
    mentions = fa.find_actors(articles)
    third = mentions[mentions["article_id"] == "a2"]
    assert list(zip(third["mention"], third["actor"])) == [
        ("Hillary Clinton", "Hillary Clinton"),
        ("Bill Clinton", "Bill Clinton"),
        ("Clinton", "Bill Clinton"),
        ("Clinton", "Hillary Clinton"),
    ]


def test_titles_and_places_inside_names_and_formal_names_meet_one_key():
    articles = corpus(
        "United States Donald Trump met China Terry Branstad. Arizona Sheriff Joe Arpaio watched.",
        "Donald Trump thanked Terry Branstad and Joe Arpaio. Robert S. Mueller III was silent.",
        "Robert Mueller and Joseph R. Biden Jr. spoke. Joe Biden said Mueller was right. Secretary of "
        "State-designate Mike Pompeo left. The CIA Director John Brennan stayed.",
        "Joe Biden met Mike Pompeo and John Brennan.",
    )
    mentions = fa.find_actors(articles)
    actors = set(mentions["actor"])
    assert {"Donald Trump", "Terry Branstad", "Joe Arpaio", "Robert Mueller", "Joe Biden"} <= actors
    assert not {a for a in actors if a.startswith(("United States ", "China ", "Arizona "))}
    assert (
        actor_at(mentions, "a2", "Joseph R. Biden Jr") == "Joe Biden"
    )  # a nickname, a suffix, an initial
    assert actor_at(mentions, "a1", "Robert S. Mueller III") == "Robert Mueller"
    pompeo = mentions[(mentions["article_id"] == "a2") & (mentions["actor"] == "Mike Pompeo")]
    assert pompeo["title"].iloc[0] == "Secretary of State-designate"
    assert "CIA" in set(
        mentions.loc[mentions["article_id"] == "a2", "actor"]
    )  # "CIA" of "CIA Director"
    trump = mentions[(mentions["article_id"] == "a0") & (mentions["actor"] == "Donald Trump")]
    text = articles["text"][0]
    assert text[trump["start"].iloc[0] : trump["end"].iloc[0]] == "Donald Trump"


def test_an_abbreviated_title_a_phrase_ends_in_goes_to_the_name_after_it():
    """In "Among Mrs. Clinton's disclosures" the pattern stops at the full stop of "Mrs.", after "Among"; the
    honorific is still Clinton's, and tells her from her husband."""
    articles = corpus(
        "Hillary Clinton and Bill Clinton released their returns. Among Mrs. Clinton's disclosures was a "
        "book deal. Texas Gov. Greg Abbott said nothing.",
        "Mrs. Hillary Clinton spoke. Mr. Bill Clinton listened.",
    )
    mentions = fa.find_actors(articles)
    row = mentions[(mentions["article_id"] == "a0") & (mentions["mention"] == "Clinton")].iloc[0]
    assert (row["title"], row["actor"]) == ("Mrs.", "Hillary Clinton")
    assert mentions.loc[mentions["mention"] == "Greg Abbott", "title"].tolist() == ["Gov."]


def test_a_headline_s_subject_takes_the_short_form_the_text_leaves_open():
    """Under "Hillary Clinton Releases Tax Returns", "Clinton said" after "Hillary and Bill Clinton" is her,
    and so it is where the text names her in full before him; without the headline it is the latest full
    name, his."""
    text = (
        "Hillary and Bill Clinton earned millions. Clinton said the returns were complete. The campaign "
        "releases tax returns each year."  # the corpus writes the headline's other words in lower case
    )
    both = "Hillary Clinton and her husband, Bill Clinton, earned millions. Clinton said so."
    headline = "Hillary Clinton Releases Tax Returns"
    articles = corpus(text, text, both, titles=[headline, "", headline])
    mentions = fa.find_actors(articles)
    assert actor_at(mentions, "a0", "Clinton") == "Hillary Clinton"
    assert actor_at(mentions, "a1", "Clinton") == "Bill Clinton"
    assert actor_at(mentions, "a2", "Clinton") == "Hillary Clinton"


def test_institutions_meet_their_short_and_inverted_forms():
    """The House is the House of Representatives its article (or, failing that, the corpus) names;
    "Department of Justice" and "Justice Department" are one; a title word naming an institution ("Justice"
    of "Justice Department", "Sheriff" of "Sheriff Department") stays in its name."""
    articles = corpus(
        "The House of Representatives passed the bill. The House adjourned.",
        "The House voted again. The Justice Department objected.",
        "The Department of Justice filed suit. Justice Kennedy wrote the opinion.",
        "The Sacramento County Sheriff Department said the Justice Department called.",
    )
    mentions = fa.find_actors(articles)
    house = mentions[mentions["mention"].str.startswith("House")]
    assert set(house["actor"]) == {"House of Representatives"} and len(house) == 3
    justice = mentions[mentions["mention"].str.contains("Justice ?Department|of Justice")]
    assert set(justice["actor"]) == {"Justice Department"} and len(justice) == 3
    assert actor_at(mentions, "a2", "Kennedy") == "Kennedy"
    assert "Sacramento County Sheriff Department" in set(mentions["actor"])


def test_a_headline_line_in_the_text_makes_no_name_of_its_verbs():
    """A text that opens with its headline ("Trump Accuses Former Clinton Aide ..."): the corpus writes
    "accuses" in lower case only outside such lines, so "Trump Accuses" is no name that would take every
    later "Trump"; a function word a headline capitalises ends no name ("Justice Department As")."""
    articles = corpus(
        "Trump Accuses Former Clinton Aide of Failing Protocols\n\nPresident Trump said the aide failed. "
        "Mr. Trump accuses her again.",
        "Donald Trump spoke. Trump said the former aide of Hillary Clinton failed to follow protocols.",
        "Trump Attacks Justice Department As Deep State\n\nThe Justice Department said nothing. She "
        "accuses him; he attacks them.",
    )
    mentions = fa.find_actors(articles)
    assert not {a for a in mentions["actor"] if a.endswith(("Accuses", "Attacks", " As"))}
    first = mentions[mentions["article_id"] == "a0"]
    assert set(first.loc[first["mention"] == "Trump", "actor"]) == {"Donald Trump"}
    assert "Justice Department" in set(mentions["actor"])


def test_an_epithet_before_a_known_name_is_not_part_of_it():
    """An epithet: "Crooked Hillary Clinton" is Hillary Clinton, whom the corpus names on her own; a given
    name before a name ("Mary Ann Smith" where "Ann Smith" is written) stays a different person."""
    articles = corpus(
        "Hillary Clinton spoke. Ann Smith listened.",
        "\u201cCrooked Hillary Clinton\u2019s top aide,\u201d he wrote. Clinton did not answer.",
        "Mary Ann Smith, a neighbour, disagreed with Ann Smith.",
    )
    mentions = fa.find_actors(articles)
    second = mentions[mentions["article_id"] == "a1"]
    assert set(second["actor"]) == {"Hillary Clinton"} and len(second) == 2
    assert {"Mary Ann Smith", "Ann Smith"} <= set(mentions["actor"])


def test_an_institution_s_name_holds_its_and():
    """The "Fish and Wildlife Service" is one name, whatever stands before it ("U.S.", "United States") and
    however its "and" is written; its initials ("FWS") beside it are it too. "Hillary and Bill Clinton"
    stays two names."""
    articles = corpus(
        "The U.S. Fish and Wildlife Service said so. The FWS also said it would decide.",
        "The United States Fish and Wildlife Service agreed with the Fish & Wildlife Service.",
        "Hillary and Bill Clinton earned millions.",
    )
    mentions = fa.find_actors(articles)
    service = mentions[mentions["mention"].str.contains("Wildlife|FWS")]
    assert len(service) == 4 and service["actor"].nunique() == 1
    assert "Bill Clinton" in set(mentions["mention"])
    assert not mentions["mention"].str.contains("Hillary and").any()


def test_a_quotation_s_first_word_is_a_sentence_s_first_word():
    """A quotation opens with a capital whatever its first word is, and so does a sentence inside one, which
    the splitter keeps whole: "Needless", which the corpus writes nowhere else, is no actor, nor
    "Everybody"; a name a quotation opens with ("Reid") stays one where the corpus writes it elsewhere too,
    and an abbreviated title ends no sentence ("Sen. Tim Kaine")."""
    articles = corpus(
        "Harry Reid spoke. He added, \u201cNeedless to say, the bill is dead,\u201d said Reid.",
        '"Unfortunately the letter is nothing new," Jim Manley said.',
        "\u201cReid is right,\u201d said Chuck Schumer. \u201cIt is tough. Everybody knows it. Sen. Tim Kaine "
        "agrees.\u201d",
    )
    mentions = fa.find_actors(articles)
    assert not {"Needless", "Unfortunately", "Everybody"} & set(mentions["actor"])
    assert actor_at(mentions, "a2", "Reid") == "Harry Reid"
    assert actor_at(mentions, "a2", "Tim Kaine") == "Tim Kaine"


def test_plural_titles_name_endings_and_formal_suffixes():
    """ "Presidents Bush and Obama": a plural title, and "Bush" is the George W. Bush the article named. "Tea
    Party-backed": the name before an English ending is whole. "Mr. Davis" after "Thomas M. Davis III" is
    him (a middle initial says the suffix is style); "Trump" after "Donald Trump Jr." is not the son."""
    articles = corpus(
        "George W. Bush started the war. It was waged under Presidents Bush and Obama.",
        "A Tea Party-backed professor won. Barack Obama said nothing.",
        "Former Representative Thomas M. Davis III, a Virginia Republican, spoke. Mr. Davis said it was over.",
        "President Donald Trump spoke. A photo showed Donald Trump Jr. with a rifle. Trump said nothing.",
        "Cesar Sayoc Jr. was arrested in Florida.",
        "Cesar Sayoc pleaded guilty. Donald Trump Jr. tweeted.",
    )
    mentions = fa.find_actors(articles)
    bush = mentions[(mentions["article_id"] == "a0") & (mentions["mention"] == "Bush")].iloc[0]
    assert (bush["title"], bush["actor"]) == ("Presidents", "George W. Bush")
    assert mentions.loc[mentions["article_id"] == "a1", "mention"].tolist() == [
        "Tea Party",
        "Barack Obama",
    ]
    assert actor_at(mentions, "a2", "Davis") == actor_at(mentions, "a2", "Thomas M. Davis III")
    assert actor_at(mentions, "a3", "Trump") == "Donald Trump"
    # a suffix no article writes beside the name without it is style; beside it, a son
    assert actor_at(mentions, "a4", "Cesar Sayoc Jr") == "Cesar Sayoc"
    assert actor_at(mentions, "a5", "Donald Trump Jr") == "Donald Trump Jr"


def test_a_title_s_word_after_a_given_name_is_a_surname():
    """A title's word that is also a surname ("King"): after a given name, with or without a middle
    initial, it is the surname; an abbreviated title after a place stays a title ("Arizona Gov.")."""
    articles = corpus(
        "Rep. Steve King spoke. Representative Peter T. King listened. Arizona Gov. Doug Ducey left.",
        "Steve King and Peter King disagreed. King Abdullah visited.",
    )
    mentions = fa.find_actors(articles)
    first = mentions[mentions["article_id"] == "a0"]
    assert first["actor"].tolist() == ["Steve King", "Peter King", "Doug Ducey"]
    assert first["title"].tolist() == ["Rep.", "Representative", "Gov."]
    assert actor_at(mentions, "a1", "Abdullah") == "Abdullah"


def test_a_show_in_quotation_marks_keeps_its_weekday():
    articles = corpus(
        'Speaking on "Fox News Sunday," Jim DeMint said so. Fox News reported it. He told CNN Friday.',
        "Sean Hannity said on \u201cFox News Sunday\u201d that CNN was wrong.",
    )
    mentions = fa.find_actors(articles)
    assert actor_at(mentions, "a0", "Fox News Sunday") == actor_at(
        mentions, "a1", "Fox News Sunday"
    )
    assert (
        actor_at(mentions, "a0", "Fox News")
        == "Fox News"
        != actor_at(mentions, "a0", "Fox News Sunday")
    )
    assert actor_at(mentions, "a0", "CNN") == "CNN"  # a weekday after a name is a date


def test_laws_are_no_actors_and_a_party_written_in_lower_case_is_the_party():
    articles = corpus(
        "The Affordable Care Act passed. Nancy Pelosi cited the Fifth Amendment. The Republican Party met.",
        "He is active in his local Republican party.",
    )
    mentions = fa.find_actors(articles)
    assert not mentions["mention"].str.contains("Act|Amendment").any()
    assert actor_at(mentions, "a1", "Republican party") == "Republican Party"


def test_initials_meet_the_name_they_abbreviate_and_adjectives_are_no_actors():
    articles = corpus(
        "The American Civil Liberties Union sued. The ACLU said North Korean missiles worried Western "
        "European allies. The F.B.I. and the Department of Justice declined to comment.",
        "The ACLU and the FBI met. North Korean officials and Western European diplomats left.",
        "The American Civil Liberties Union spoke. North Korean troops moved; the FBI watched.",
    )
    mentions = fa.find_actors(articles)
    actors = set(mentions["actor"])
    assert actor_at(mentions, "a0", "ACLU") == "American Civil Liberties Union"
    assert actor_at(mentions, "a0", "F.B.I.") == actor_at(mentions, "a1", "FBI")
    assert "Department of Justice" in actors
    assert not actors & {"North Korean", "Western European"}


def test_every_actor_has_a_kind_and_a_rule_and_a_codebook_overrides_it(tmp_path):
    articles = corpus(
        "Republicans met in Washington with the Senate Judiciary Committee. The FBI and Jane Roe agreed.",
        "Republicans in Washington heard Jane Roe. The FBI and the Senate Judiciary Committee did not.",
        "Jane Roe, Republicans and the FBI spoke in Washington. Then the Kremlin said nothing.",
    )
    mentions = fa.find_actors(articles)
    kinds = mentions.drop_duplicates("actor").set_index("actor")
    assert kinds["kind"].notna().all() and kinds["kind_rule"].str.len().gt(0).all()
    assert set(kinds["kind"]) <= {"person", "organisation", "place", "group"}
    assert kinds.loc["Washington", "kind"] == "place"
    assert kinds.loc["Republicans", "kind"] == "group"
    assert kinds.loc["FBI", ["kind", "kind_rule"]].tolist() == ["organisation", "initials"]
    assert kinds.loc["Senate Judiciary Committee", "kind"] == "organisation"
    assert kinds.loc["Jane Roe", "kind"] == "person"
    book = tmp_path / "book.csv"
    book.write_text("actor,pattern,kind\nRussian government,\\bthe Kremlin\\b,organisation\n")
    got = fa.find_actors(articles, codebook=book).drop_duplicates("actor").set_index("actor")
    assert got.loc["Russian government", "kind"] == "organisation"
    assert got.loc["Russian government", "kind_rule"] == f"codebook ({book}, line 2)"
    ini = tmp_path / "book.ini"
    ini.write_text("[Washington]\nkind = person\nname = \\bWashington\\b\n")
    got = fa.find_actors(articles, codebook=ini).drop_duplicates("actor").set_index("actor")
    assert got.loc["Washington", "kind"] == "person"  # the codebook's word wins over the gazetteer
    bad = tmp_path / "bad.csv"
    bad.write_text("actor,pattern,kind\nRussian government,\\bthe Kremlin\\b,country\n")
    with pytest.raises(fa.CodebookError, match=r"bad.csv, line 2: kind 'country'"):
        fa.find_actors(articles, codebook=bad)


def test_headline_mentions_are_mentions_with_offsets_into_the_headline():
    articles = corpus(
        "President Donald Trump met Kim Jong Un on Monday. Trump said the talks went well.",
        "Donald Trump met Kim Jong Un. Kim smiled.",
        "Kim Jong Un met Donald Trump.",
        titles=["Trump meets Kim in Hanoi", "Summit ends: Xanadu Quell Speaks", ""],
    )
    mentions = fa.find_actors(articles)
    heads = mentions[mentions["in_title"]]
    titles = articles.set_index("article_id")["title"]
    assert all(titles[r.article_id][r.start : r.end] == r.mention for r in heads.itertuples())
    first = heads[heads["article_id"] == "a0"]
    assert list(first["actor"]) == ["Donald Trump", "Kim Jong Un"]  # the article's full names
    assert (first["sentence_index"] == -1).all()
    # a name only a headline gives is no actor of its own
    assert "Xanadu Quell" not in set(mentions["actor"])
    # tone and labels read the text's sentences: the headline's mentions are not theirs
    assert not fa.actors.in_text(mentions)["in_title"].any()


def test_appositions_and_title_phrases_give_labels_beyond_the_window_and_honorifics_none():
    sentence = (
        "Kim Jong-un, the reclusive young North Korean leader, said the dictator Kim was ill."
    )
    assert phrases(sentence, 0, 11) == ["the reclusive young North Korean leader"]
    at = sentence.index("Kim was")
    assert phrases(sentence, at, at + 3) == ["dictator "]
    paragraph = "Kim Jong-un, the North Korean leader, spoke. Donald Trump laughed. Later the dictator left."
    named = [(0, "Kim Jong Un"), (paragraph.index("Donald"), "Donald Trump")]
    heads = {"Kim Jong Un": {"leader", "dictator"}, "Donald Trump": {"president"}}
    assert descriptions(paragraph, named, heads) == [("Kim Jong Un", "dictator")]
    # where two actors named before it fit, the description is tied to neither
    assert descriptions(paragraph, named, {**heads, "Donald Trump": {"dictator"}}) == []
    # in actor_labels: "young" stands five words from the name, beyond a window of three; "mr" is style
    story = (
        "Kim Jong Un, the reclusive young North Korean leader, met envoys. Mr. Kim said little. "
        "Officials met him. Later the leader left."
    )
    plain = "Kim Jong Un met envoys. Mr. Kim said little. Officials met him."
    texts = []
    for k in range(6):
        texts += [story, plain, plain]
    articles = corpus(*texts)
    articles["event"] = [f"e{k // 3}" for k in range(len(articles))]
    mentions = fa.find_actors(articles)
    labels = fa.actor_labels(mentions, articles, min_df=1)
    kim = labels[(labels["actor"] == "Kim Jong Un") & (labels["outlet"] == "Left")].set_index(
        "term"
    )
    assert kim.loc["young", "n_articles"] == 6 and kim.loc["reclusive", "z"] > 0
    assert "mr" not in set(labels["term"])
    # "the leader" later in the paragraph: the apposition's word for him, and he is the only actor before it
    assert labels.attrs["notes"][0].startswith("6 definite descriptions")


def test_who_each_outlet_names_shows_people_apart_from_places_and_no_outlet_naming_itself():
    import matplotlib

    matplotlib.use("Agg")
    articles = corpus(
        "Jane Roe spoke in Washington, Left reported.",
        "Jane Roe spoke in Washington, told Left.",
        "Jane Roe spoke in Washington.",
    )
    mentions = fa.find_actors(articles)
    fig = fa.plot_actor_coverage(mentions, articles)
    shown = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "Jane Roe" in shown and "Washington" not in shown
    # "Left" is named by Left only (itself) and by Right once: only Right's counts
    assert "Left" in shown
    places = fa.plot_actor_coverage(mentions, articles, kinds=("place",))
    assert [t.get_text() for t in places.axes[0].get_yticklabels()] == ["Washington"]
    assert places.axes[0].get_title().startswith("Where each outlet")
