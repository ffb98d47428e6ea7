"""The prepared dataset: reuse, invalidation, resuming from parts, damaged parts, tables kept and read back, and
two processes writing at once."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import analysis as fa
from analysis import config, contrast, pipeline

from .conftest import run_cli, write_csv
from .synthetic import regime_corpus


def _corpus(tmp_path: Path, n: int = 24, name: str = "corpus.csv") -> Path:
    """Articles with page furniture to clean, no event labels (so events are grouped), one empty text."""
    rows = []
    for i in range(n):
        outlet = ("Alpha", "Beta", "Gamma")[i % 3]
        story = i // 3
        text = (
            f"Story {story}: the council voted on budget item {story} on Tuesday. "
            f"Officials said the {('regime', 'government', 'government')[i % 3]} would act. "
            "Share this article\n"
            + f"Residents of district {story} welcomed the plan. It passed easily."
        )
        rows.append(
            {
                "article_id": f"a{i:03d}",
                "outlet": outlet,
                "title": f"Vote {story}",
                "text": text,
                "published": f"2024-03-{1 + story % 27:02d}",
            }
        )
    rows[n // 2]["text"] = ""
    return write_csv(tmp_path / name, rows)


def _same(a: fa.PreparedCorpus, b: fa.PreparedCorpus) -> None:
    pd.testing.assert_frame_equal(a.articles, b.articles)
    pd.testing.assert_frame_equal(a.audit, b.audit)
    pd.testing.assert_frame_equal(a.skipped, b.skipped)
    assert a.notes == b.notes and a.warnings() == b.warnings()


# ---------------------------------------------------------------- prepare once
def test_prepared_dataset_is_reused_and_equals_a_fresh_run(tmp_path):
    path, cache = _corpus(tmp_path), tmp_path / "cache"
    fresh = fa.prepare_corpus(path, cache_dir=False)
    first = fa.prepare_corpus(path, cache_dir=cache)
    again = fa.prepare_corpus(path, cache_dir=cache)
    assert first.folder == again.folder and (again.folder / "dataset.json").exists()
    assert "clean" in first.timings and set(again.timings) == {"read prepared"}
    assert "text" not in again.loaded.articles and "text" not in first.loaded.articles
    assert len(fresh.skipped) == 1 and "no text" in fresh.skipped["reason"].iloc[0]
    _same(fresh, first)
    _same(fresh, again)
    meta = json.loads((again.folder / "dataset.json").read_text())
    assert meta["n_articles"] == len(fresh.articles) and meta["params"]["corpus"] == str(
        path.resolve()
    )
    assert set(meta["params"]["files"]) == {"corpus.csv"}
    pd.testing.assert_frame_equal(fresh.sentences(cache_dir=False), again.sentences())
    assert (again.folder / "sentences" / "part-00000.parquet").exists()
    reread = fa.prepare_corpus(path, cache_dir=cache)
    pd.testing.assert_frame_equal(reread.sentences(), fresh.sentences(cache_dir=False))


def test_a_changed_corpus_or_option_is_prepared_again(tmp_path):
    path, cache = _corpus(tmp_path), tmp_path / "cache"
    base = fa.prepare_corpus(path, cache_dir=cache)
    rules = tmp_path / "rules.ini"
    rules.write_text("[all]\nresidents = Residents of district .*\n")
    with_rules = fa.prepare_corpus(path, cache_dir=cache, rules=rules)
    assert with_rules.folder != base.folder and "clean" in with_rules.timings
    assert not with_rules.articles["text"].str.contains("Residents").any()
    frame = pd.read_csv(path)
    frame.loc[0, "text"] = "A different text. It changes the corpus."
    frame.to_csv(path, index=False)
    changed = fa.prepare_corpus(path, cache_dir=cache)
    assert changed.folder not in (base.folder, with_rules.folder) and "clean" in changed.timings
    assert (
        changed.articles.loc[changed.articles["article_id"] == "a000", "text"]
        .iloc[0]
        .startswith("A different")
    )


def test_an_interrupted_prepare_resumes_from_its_last_complete_part(tmp_path, monkeypatch):
    path, cache = _corpus(tmp_path, n=30), tmp_path / "cache"
    # 30 rows read 4 at a time: 8 parts of 29 articles (row 16 has no text)
    monkeypatch.setattr(pipeline, "PART", 4)
    real, calls = pipeline._clean_part, []

    def failing(work):
        calls.append(len(work[0]))
        if len(calls) == 5:
            raise KeyboardInterrupt("interrupted")
        return real(work)

    monkeypatch.setattr(pipeline, "_clean_part", failing)
    with pytest.raises(KeyboardInterrupt):
        fa.prepare_corpus(path, cache_dir=cache, n_jobs=1)
    assert not list((cache / "prepared").glob("*/dataset.json"))
    kept = sorted(p.name for p in (cache / "prepared").glob("*/cleaned/part-*[0-9].parquet"))
    assert kept == [f"part-{k:05d}.parquet" for k in range(4)]
    calls.clear()
    monkeypatch.setattr(
        pipeline, "_clean_part", lambda work: (calls.append(len(work[0])), real(work))[1]
    )
    resumed = fa.prepare_corpus(path, cache_dir=cache, n_jobs=1)
    # only the four parts not yet kept (rows 17-30)
    assert sum(calls) == 29 - 15 and len(calls) == 4
    monkeypatch.setattr(pipeline, "_clean_part", real)
    _same(fa.prepare_corpus(path, cache_dir=False), resumed)
    assert not (resumed.folder / "cleaned").exists()


def test_a_corrupt_part_is_computed_again(tmp_path):
    path, cache = _corpus(tmp_path), tmp_path / "cache"
    first = fa.prepare_corpus(path, cache_dir=cache)
    (first.folder / "articles" / "part-00000.parquet").write_bytes(b"not parquet")
    again = fa.prepare_corpus(path, cache_dir=cache)
    assert "clean" in again.timings
    _same(first, again)


# ---------------------------------------------------------------- out of core
def test_reading_in_batches_gives_what_reading_whole_gives(tmp_path):
    rows = [
        {
            "outlet": "AB"[i % 2],
            "title": f"T{i}",
            "text": f"Text {i}.",
            "published": f"2024-01-{1 + i % 28:02d}",
        }
        for i in range(23)
    ]
    rows[5]["text"] = ""  # left out, in the first batch
    rows[12] = dict(rows[2])  # a copy of row 3, three batches later
    rows[20]["outlet"] = ""
    path = write_csv(tmp_path / "c.csv", rows)
    whole = fa.read_corpus(path)
    batches = list(fa.read_corpus_batches(path, batch_rows=4))
    assert [b.n_rows for b in batches] == [4, 4, 4, 4, 4, 3]
    pd.testing.assert_frame_equal(pd.concat([b.articles for b in batches]), whole.articles)
    pd.testing.assert_frame_equal(
        pd.concat([b.skipped for b in batches], ignore_index=True), whole.skipped
    )
    assert "duplicate of row 3" in " ".join(whole.skipped["reason"]) and len(whole.skipped) == 3


@pytest.mark.parametrize("batch_rows", [2, 100])
def test_errors_deep_in_a_file_name_its_row_whatever_the_batch(tmp_path, batch_rows):
    body = "".join(f"{i},A,text {i},2024-01-02\n" for i in range(1, 9))
    dup = tmp_path / "dup.csv"
    dup.write_text("id,outlet,text,published\n" + body + "3,B,again,2024-01-03\n")
    with pytest.raises(fa.CorpusError) as err:
        list(fa.read_corpus_batches(dup, batch_rows=batch_rows))
    assert (
        "row 9" in str(err.value)
        and "row 3 has it too" in str(err.value)
        and "column 'id'" in str(err.value)
    )
    date = tmp_path / "date.csv"
    date.write_text("id,outlet,text,published\n" + body + "9,B,late,not a date\n")
    with pytest.raises(fa.CorpusError) as err:
        list(fa.read_corpus_batches(date, batch_rows=batch_rows))
    assert "row 9" in str(err.value) and "column 'published'" in str(err.value)
    empty = tmp_path / "empty.csv"
    empty.write_text("id,outlet,text\n1,A,\n2,B, \n3,C,\n")
    with pytest.raises(fa.CorpusError, match="all 3 rows were skipped"):
        list(fa.read_corpus_batches(empty, batch_rows=batch_rows))


def _labelled(tmp_path: Path, n: int = 40) -> Path:
    """Articles with events (so none are grouped), two wire copies, one empty text."""
    rows = []
    for i in range(n):
        story = i // 4
        word = "regime" if i % 4 == 0 else "government"
        rows.append(
            {
                "id": f"a{i:03d}",
                "outlet": ("Alpha", "Beta", "Gamma", "Delta")[i % 4],
                "event": f"e{story}",
                "title": f"Vote {story}",
                "published": f"2024-03-{1 + story:02d}",
                "text": f"Story {story}: the {word} announced budget item {story}. Critics called the "
                f"{word} reckless and cruel. Supporters praised district {i} for its patience.",
            }
        )
    rows[7]["text"] = ""
    return write_csv(tmp_path / "labelled.csv", rows)


def test_a_prepared_corpus_is_analysed_part_by_part_without_loading_its_text(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "PART", 6)  # 40 rows: 7 parts
    monkeypatch.setattr(contrast, "CHUNK", 4)  # chunks of text that straddle the parts
    path, cache = _labelled(tmp_path), tmp_path / "cache"
    fresh = fa.prepare_corpus(path, cache_dir=False)
    first = fa.prepare_corpus(path, cache_dir=cache)
    # no event to group: parts as cleaned
    assert first._articles is None and not (first.folder / "cleaned").exists()
    assert first.part_sizes == [6, 5, 6, 6, 6, 6, 4]
    again = fa.prepare_corpus(path, cache_dir=cache)
    scores = again.article_scores(cache_dir=False)
    options = dict(scope=["all", "matched"], exclude=["a001", "a002"], min_df=1)
    table = again.contrasts(**options)
    assert again._articles is None  # sentiment and contrasts read the text a part at a time
    assert len(list((again.folder / "sentences").glob("part-*.parquet"))) == 7
    pd.testing.assert_frame_equal(scores, fa.article_sentiment(fresh.sentences(cache_dir=False)))
    pd.testing.assert_frame_equal(table, fa.contrast_terms(fresh.articles, **options))
    regime = table[(table["scope"] == "all") & (table["term"] == "regime")]
    assert regime.set_index("outlet")["z"].idxmax() == "Alpha" and (regime["q"] < 0.05).any()
    titles = again.contrasts(by="title", min_df=1)  # any column of the parts can be the sides
    pd.testing.assert_frame_equal(titles, fa.contrast_terms(fresh.articles, by="title", min_df=1))
    assert set(titles["outlet"]) == set(fresh.articles["title"]) and again._articles is None
    # two outlets side by side, as 02 draws them
    pair = again.contrasts(outlets=["Gamma", "Alpha"], min_df=1)
    two = fresh.articles[fresh.articles["outlet"].isin(["Alpha", "Gamma"])]
    pd.testing.assert_frame_equal(pair, fa.contrast_terms(two, min_df=1))
    assert set(pair["outlet"]) == {"Alpha", "Gamma"} and again._articles is None
    meta = again.metadata()  # what the report's own process reads: everything but the text
    assert "text" not in meta and again._articles is None
    pd.testing.assert_frame_equal(
        meta.drop(columns=["n_chars"]), fresh.articles.drop(columns=["text"])
    )
    pd.testing.assert_frame_equal(fa.outlet_summary(meta), fa.outlet_summary(fresh.articles))
    pd.testing.assert_frame_equal(pd.concat(list(again.parts())), fresh.articles)
    _same(fresh, again)
    assert again._articles is not None  # asked for whole, they are read whole, once
    pd.testing.assert_frame_equal(
        fa.prepare_corpus(path, cache_dir=cache).sentences(), fresh.sentences(cache_dir=False)
    )


def test_wire_copies_are_found_once_and_read_back(tmp_path, monkeypatch):
    path, cache = _labelled(tmp_path), tmp_path / "cache"
    corpus = fa.prepare_corpus(path, cache_dir=cache)
    direct = fa.find_wire_copies(corpus.articles)
    assert len(direct) > 0
    pd.testing.assert_frame_equal(corpus.wire_copies(), direct)
    calls = []
    real = fa.find_wire_copies
    monkeypatch.setattr(
        "analysis.events.find_wire_copies",
        functools.wraps(real)(lambda *a, **k: (calls.append(k), real(*a, **k))[1]),
    )
    # notebook 02, or the contrast command, after 01
    again = fa.prepare_corpus(path, cache_dir=cache)
    pd.testing.assert_frame_equal(again.wire_copies(min_shared=0.5, n_jobs=1), direct)
    assert calls == []
    strict = again.wire_copies(min_shared=0.99)
    assert len(calls) == 1 and len(strict) <= len(direct)


@pytest.mark.parametrize("grouped", [True, False])
def test_another_process_finishing_first_is_read_back(tmp_path, monkeypatch, grouped):
    """The cleaned parts this process kept are tidied away by another that finished the same dataset
    first: this one reads that dataset (events to group) or finds its parts already in place (none)."""
    path, cache = (_corpus(tmp_path) if grouped else _labelled(tmp_path)), tmp_path / "cache"
    hook = "_cleaned" if grouped else "link_file"
    real, other = getattr(pipeline, hook), []

    def meanwhile(*args):
        if not other:
            monkeypatch.setattr(pipeline, hook, real)
            # resumes from our parts, finishes, tidies up
            other.append(fa.prepare_corpus(path, cache_dir=cache))
            monkeypatch.setattr(pipeline, hook, meanwhile)
        return real(*args)

    monkeypatch.setattr(pipeline, hook, meanwhile)
    mine = fa.prepare_corpus(path, cache_dir=cache)
    assert other and not (other[0].folder / "cleaned").exists()
    if grouped:
        assert "read prepared" in mine.timings
    _same(mine, fa.prepare_corpus(path, cache_dir=False))
    _same(fa.prepare_corpus(path, cache_dir=cache), other[0])


PREPARE_SCRIPT = """
import sys, json
import analysis as fa
if __name__ == "__main__":
    c = fa.prepare_corpus(sys.argv[1], cache_dir=sys.argv[2])
    s = fa.score_sentences(fa.split_sentences(c.articles), cache_dir=sys.argv[2])
    print(json.dumps({"n": len(c.articles), "text": c.articles["text"].str.len().sum().item(),
                      "compound": float(s["compound"].sum()), "folder": str(c.folder)}))
"""


def test_two_processes_preparing_and_scoring_at_once_agree(tmp_path):
    path, cache = _corpus(tmp_path, n=90), tmp_path / "cache"
    cmd = [sys.executable, "-c", PREPARE_SCRIPT, str(path), str(cache)]
    procs = [
        subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=config.REPO_DIR
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    results = [json.loads(o[0].strip().splitlines()[-1]) for o in outs]
    assert results[0] == results[1]
    fresh = fa.prepare_corpus(path, cache_dir=False)
    scored = fa.score_sentences(fa.split_sentences(fresh.articles), cache_dir=False)
    assert results[0]["compound"] == float(scored["compound"].sum())
    reused = fa.prepare_corpus(path, cache_dir=cache)  # what both wrote reads back whole
    assert set(reused.timings) == {"read prepared"}
    _same(fresh, reused)
    cached = fa.score_sentences(fa.split_sentences(fresh.articles), cache_dir=cache)
    pd.testing.assert_frame_equal(cached, scored)


def test_cli_prepare_reports_the_dataset_and_reuses_it(tmp_path):
    path, cache = _corpus(tmp_path), tmp_path / "cache"
    first = run_cli("prepare", path, "--out", tmp_path / "out", "--cache-dir", cache)
    assert first.returncode == 0, first.stderr
    assert (
        "prepared dataset" in first.stdout
        and "time: load" in first.stdout
        and "sentences split and scored" in first.stdout
    )
    again = run_cli("prepare", path, "--out", tmp_path / "out2", "--cache-dir", cache)
    assert again.returncode == 0 and "read prepared" in again.stdout
    a, b = (pd.read_parquet(tmp_path / d / "articles.parquet") for d in ("out", "out2"))
    pd.testing.assert_frame_equal(a, b)


def test_contrasts_and_actors_are_computed_once_and_read_back(tmp_path, monkeypatch):
    """What one notebook computed (contrasts in 02, actors in 05) the next reads back (06): equal tables,
    notes included; the same parameters spelled differently share one table; other parameters or a
    changed codebook compute again."""
    regime = regime_corpus().rename(columns={"article_id": "id"})
    path, cache = write_csv(tmp_path / "regime.csv", regime.to_dict("records")), tmp_path / "cache"
    corpus = fa.prepare_corpus(path, cache_dir=cache)
    calls = []
    real, real_parts = fa.contrast_terms, contrast.contrast_parts
    monkeypatch.setattr(
        "analysis.contrast.contrast_parts",
        functools.wraps(real_parts)(lambda *a, **k: (calls.append(k), real_parts(*a, **k))[1]),
    )
    direct = real(corpus.articles, scope=["all", "matched"], exclude=["A-0-0", "B-1-0"])
    first = corpus.contrasts(scope=["all", "matched"], exclude=["B-1-0", "A-0-0"])
    again = fa.prepare_corpus(path, cache_dir=cache)  # another notebook, another kernel
    spelled = again.contrasts(
        scope=["all", "matched"],
        exclude=["A-0-0", "B-1-0"],
        prior_scale=0.1,
        min_df=2,
        ngram_range=(1, 2),
    )
    assert len(calls) == 1
    pd.testing.assert_frame_equal(direct, first)
    pd.testing.assert_frame_equal(direct, spelled)
    assert spelled.attrs == direct.attrs
    again.contrasts(scope=["all", "matched"], exclude=["A-0-0", "B-1-0"], min_df=1)
    assert (
        len(calls) == 2 and len(list((corpus.folder / "derived").glob("contrasts-*.parquet"))) == 2
    )
    evidence, _ = fa.findings_evidence(again, fa.article_sentiment(again.sentences()), n_boot=50)
    pd.testing.assert_frame_equal(
        evidence["contrasts"], real(again.articles, scope=["all", "matched"])
    )
    assert len(calls) == 3  # findings_evidence on a PreparedCorpus keeps its contrasts too
    fa.findings_evidence(
        fa.prepare_corpus(path, cache_dir=cache), fa.article_sentiment(again.sentences()), n_boot=50
    )
    assert len(calls) == 3
    pd.testing.assert_frame_equal(
        corpus.contrasts(outlets=("B", "A")), again.contrasts(outlets=["A", "B"])
    )
    assert len(calls) == 4  # outlets in any order: one table

    book = tmp_path / "codebook.csv"
    book.write_text("actor,pattern\nThe Regime,\\bregime\\b\n", encoding="utf-8")
    mentions = corpus.actors(codebook=str(book))
    pd.testing.assert_frame_equal(mentions, fa.find_actors(corpus.articles, codebook=book))
    found = []
    real_find = fa.find_actors
    monkeypatch.setattr(
        "analysis.actors.find_actors", lambda *a, **k: (found.append(k), real_find(*a, **k))[1]
    )
    pd.testing.assert_frame_equal(again.actors(codebook=book), mentions)
    assert found == []
    book.write_text("actor,pattern\nThe Government,\\bgovernment\\b\n", encoding="utf-8")
    assert "The Government" in set(again.actors(codebook=book)["actor"]) and len(found) == 1
    assert (
        fa.prepare_corpus(path, cache_dir=False)
        .contrasts(scope="all")
        .equals(real(corpus.articles))
    )


KEEP_SCRIPT = """
import os, sys, time
import pandas as pd
import analysis as fa
if __name__ == "__main__":
    corpus = fa.prepare_corpus(sys.argv[1], cache_dir=sys.argv[2])
    def compute():
        with open(sys.argv[3], "a") as log:
            log.write(f"{os.getpid()}\\n")
        time.sleep(2)
        return pd.DataFrame({"n": [len(corpus.articles)], "by": [os.getpid()]})
    print(corpus.keep("slow-table", compute, option=1)["by"].item())
"""


def test_two_processes_asking_for_one_kept_table_compute_it_once(tmp_path):
    """Two notebooks (or a notebook and the report) asking for the same kept table at once: one computes it, the
    other waits for it and reads it back."""
    path, cache, log = _corpus(tmp_path, n=30), tmp_path / "cache", tmp_path / "computed.txt"
    fa.prepare_corpus(path, cache_dir=cache)  # prepared once: both processes read it
    cmd = [sys.executable, "-c", KEEP_SCRIPT, str(path), str(cache), str(log)]
    procs = [
        subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=config.REPO_DIR
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    computed = log.read_text().split()
    assert len(computed) == 1  # once, not twice
    # both read the one table: the same process made it
    assert [o[0].strip() for o in outs] == computed * 2
