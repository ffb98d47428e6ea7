"""Loading and validating corpora in every supported format, and every bad input."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis import CorpusError, config, load_corpus, read_corpus
from analysis.corpus import ARTICLE_COLUMNS, content_id, word_counts

from .conftest import assert_clean_error, run_cli, write_csv

ROWS = [
    {
        "id": "a1",
        "outlet": "Daily",
        "published": "2020-01-02",
        "title": "T1",
        "text": "The government met.",
        "event": "e1",
    },
    {
        "id": "a2",
        "outlet": "Herald",
        "published": "2020-01-03T10:00:00Z",
        "title": "T2",
        "text": "The regime met.",
        "event": "e1",
    },
    {
        "id": "a3",
        "outlet": "Daily",
        "published": "",
        "title": "T3",
        "text": "A storm hit.",
        "event": "e2",
    },
]


def test_sample_manifest_loads_five_articles_three_events(sample_path):
    articles = load_corpus(sample_path)
    assert list(articles.columns) == ARTICLE_COLUMNS
    assert len(articles) == 5 and articles["outlet"].nunique() == 5
    assert articles["event"].nunique() == 3
    assert articles["published"].isna().sum() == 1  # 000: the day is not stated
    assert articles["article_id"].is_unique
    files = read_corpus(sample_path).files
    assert [f.name for f in files] == ["sample_manifest.csv"] + [
        p.name for p in sorted(config.RAW_DIR.glob("*.txt"))
    ]


def test_raw_sample_is_byte_identical_to_seeds():
    from .conftest import SEEDS

    shared = SEEDS[0].parents[3] / "shared" / "seeds"
    if not shared.exists():
        pytest.skip(f"seeds folder absent: {shared}")
    assert len(SEEDS) == 5
    for path in SEEDS:
        assert path.read_bytes() == (shared / path.name).read_bytes()


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "parquet"])
def test_each_format_gives_the_same_table(tmp_path, fmt):
    frame = pd.DataFrame(ROWS)
    path = tmp_path / f"c.{fmt}"
    if fmt == "csv":
        frame.to_csv(path, index=False)
    elif fmt == "tsv":
        frame.to_csv(path, index=False, sep="\t")
    elif fmt == "jsonl":
        path.write_text("\n".join(json.dumps(r) for r in ROWS) + "\n", encoding="utf-8")
    else:
        frame.to_parquet(path)
    articles = load_corpus(path)
    assert articles["article_id"].tolist() == ["a1", "a2", "a3"]
    assert articles["published"].tolist()[:2] == [
        pd.Timestamp("2020-01-02"),
        pd.Timestamp("2020-01-03 10:00"),
    ]
    assert pd.isna(articles["published"][2])
    assert articles["text"][1] == "The regime met."


def test_txt_folder_with_manifest(tmp_path):
    (tmp_path / "a.txt").write_text("First text.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Second text.", encoding="utf-8")
    write_csv(
        tmp_path / "manifest.csv",
        [{"file": "a.txt", "outlet": "X"}, {"file": "b.txt", "outlet": "Y"}],
    )
    articles = load_corpus(tmp_path)
    assert articles["text"].tolist() == ["First text.", "Second text."]
    assert articles["source"].tolist() == ["a.txt", "b.txt"]


def test_manifest_cannot_reach_outside_its_folder(tmp_path):
    (tmp_path / "secret.txt").write_text("x", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_csv(corpus / "manifest.csv", [{"file": "../secret.txt", "outlet": "X"}])
    with pytest.raises(CorpusError, match="outside the manifest's folder") as err:
        load_corpus(corpus)
    assert err.value.row == 1 and err.value.column == "file"


def test_aliases_and_explicit_mapping(tmp_path):
    path = write_csv(
        tmp_path / "mc.csv",
        [
            {"stories_id": 1, "media_name": "A", "body": "x y", "publish_date": "2020-05-01"},
            {"stories_id": 2, "media_name": "B", "body": "z w", "publish_date": "2020-05-02"},
        ],
    )
    loaded = read_corpus(path)
    assert loaded.columns_used["text"] == "body" and loaded.columns_used["outlet"] == "media_name"
    assert "used column 'body' as text" in loaded.notes
    path2 = write_csv(
        tmp_path / "odd.csv", [{"words": "x", "paper": "A"}, {"words": "y", "paper": "B"}]
    )
    loaded = read_corpus(path2, columns={"text": "words", "outlet": "paper"})
    assert loaded.articles["outlet"].tolist() == ["A", "B"]


def test_content_hash_ids_are_stable(tmp_path):
    path = write_csv(tmp_path / "c.csv", [{k: v for k, v in r.items() if k != "id"} for r in ROWS])
    first, second = load_corpus(path), load_corpus(path)
    assert first["article_id"].tolist() == second["article_id"].tolist()
    assert first["article_id"][0] == content_id("Daily", "T1", "The government met.")


def test_encodings(tmp_path):
    text = "id,outlet,text\n1,Le Monde,Café crème à Paris.\n"
    (tmp_path / "bom.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load_corpus(tmp_path / "bom.csv")["text"][0] == "Café crème à Paris."
    (tmp_path / "latin.csv").write_bytes(text.encode("cp1252"))
    with pytest.raises(CorpusError, match=r"byte 0xe9 at byte offset 29.*--encoding"):
        load_corpus(tmp_path / "latin.csv")
    assert (
        load_corpus(tmp_path / "latin.csv", encoding="cp1252")["text"][0] == "Café crème à Paris."
    )


def test_incomplete_rows_are_listed_not_lost(tmp_path):
    rows = ROWS + [
        {"id": "a4", "outlet": "", "text": "orphan"},
        {"id": "a5", "outlet": "Daily", "text": "   "},
    ]
    loaded = read_corpus(write_csv(tmp_path / "c.csv", rows))
    assert len(loaded.articles) + len(loaded.skipped) == loaded.n_rows == 5
    assert loaded.skipped["article_id"].tolist() == ["a4", "a5"]
    assert "no outlet" in loaded.skipped["reason"][0] and "no text" in loaded.skipped["reason"][1]
    with pytest.warns(UserWarning, match="2 of 5 rows left out"):
        load_corpus(tmp_path / "c.csv")
    with pytest.raises(CorpusError, match="empty outlet"):
        read_corpus(tmp_path / "c.csv", skip_incomplete=False)


def test_identical_rows_without_ids_are_listed_as_duplicates(tmp_path):
    row = {"outlet": "A", "text": "Same."}
    loaded = read_corpus(
        write_csv(tmp_path / "c.csv", [row, row, {"outlet": "B", "text": "Other."}])
    )
    assert len(loaded.articles) == 2
    assert loaded.skipped["reason"].tolist() == ["duplicate of row 1 (same outlet, title and text)"]


BAD = {
    "missing column": (
        "c.csv",
        "id,outlett,text\n1,A,x\n",
        ["c.csv", "no column 'outlet'", "did you mean 'outlett'"],
    ),
    "duplicate id": (
        "c.csv",
        "id,outlet,text\n1,A,x\n2,B,y\n1,C,z\n",
        ["c.csv", "row 3", "column 'id'", "duplicate id", "'1'"],
    ),
    "bad date": (
        "c.csv",
        "outlet,text,date\nA,x,2020-01-01\nB,y,yesterday-ish\n",
        ["row 2", "column 'date'", "'yesterday-ish'"],
    ),
    "malformed csv": ("c.csv", 'outlet,text\nA,x\nB,"y,z\nC,w\n', ["c.csv", "malformed CSV"]),
    "ragged csv": (
        "c.csv",
        "outlet,text\nA,x\nB,y,z,extra\n",
        ["c.csv", "malformed CSV", "line 3"],
    ),
    "bad json line": (
        "c.jsonl",
        '{"outlet": "A", "text": "x"}\n{"outlet": "B", text: y}\n',
        ["c.jsonl", "line 2", "not valid JSON"],
    ),
    "json not object": (
        "c.jsonl",
        '{"outlet": "A", "text": "x"}\n[1, 2]\n',
        ["line 2", "JSON object"],
    ),
    "empty file": ("c.csv", "", ["c.csv", "empty"]),
    "header only": ("c.csv", "outlet,text\n", ["c.csv", "no articles"]),
    "no usable rows": ("c.csv", "outlet,text\n,x\nB,\n", ["no usable articles"]),
    "unknown type": ("c.xlsx", "x", ["unknown file type"]),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_gives_one_clear_error(tmp_path, case):
    name, content, needles = BAD[case]
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        read_corpus(path)
    for needle in needles:
        assert needle in str(err.value), (needle, str(err.value))


@pytest.mark.parametrize("case", ["missing column", "duplicate id", "bad json line"])
def test_cli_validate_exits_2_without_traceback(tmp_path, case):
    name, content, needles = BAD[case]
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert_clean_error(run_cli("validate", path), *needles)


def test_cli_validate_missing_path(tmp_path):
    assert_clean_error(run_cli("validate", tmp_path / "nope.csv"), "nope.csv", "no such file")


def test_cli_validate_reports_what_a_user_needs(sample_path, tmp_path):
    result = run_cli("validate", sample_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for needle in [
        "articles: 5",
        "outlets: 5",
        "events: 3 (2 covered by 2+ outlets)",
        "2016-11-14 to 2017-04-13",
        "TRT World",
        "warning:",
        "usable: yes",
    ]:
        assert needle in out, needle
    rows = ROWS + [{"id": "a4", "outlet": "", "text": "orphan"}]
    result = run_cli("validate", write_csv(tmp_path / "c.csv", rows), "--columns", "text=text")
    assert result.returncode == 0 and "c.csv:row 4: no outlet" in result.stdout


def test_cli_bad_columns_argument(sample_path):
    assert_clean_error(
        run_cli("validate", sample_path, "--columns", "text"), "--columns takes FIELD=COLUMN"
    )


def test_basil_loads(basil_path):
    loaded = read_corpus(basil_path)
    arts = loaded.articles
    assert len(arts) == 300 and loaded.skipped.empty
    assert arts["event"].nunique() == 100
    assert (arts.groupby("event")["outlet"].nunique() == 3).all()
    assert arts["published"].notna().all()


def test_word_counts_are_str_split_counts():
    texts = pd.Series(
        ["Two  words", "", "tab\tand\nnewline\u00a0nbsp\u2003em", " lead and trail "],
        index=[4, 5, 6, 7],
    )
    counts = word_counts(texts)
    assert counts.tolist() == [2, 0, 5, 3] and list(counts.index) == [4, 5, 6, 7]
    assert counts.equals(texts.str.split().str.len().astype("int64"))
