"""The notebook suite: stored clean, executed end to end through a real Jupyter kernel, and the report."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from analysis import config
from analysis.report import ReportError, build_report, notebooks

from .conftest import run_cli
from .synthetic import sentiment_corpus

NOTEBOOKS = notebooks()


def test_seven_notebooks():
    assert [p.stem for p in NOTEBOOKS] == [
        "01-corpus-overview",
        "02-term-contrasts",
        "03-sentiment",
        "04-event-side-by-side",
        "05-actors",
        "06-findings",
        "07-frames",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_stored_clean_and_follows_house_style(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code), "stored with outputs"
    # opens with the question
    assert nb.cells[0].cell_type == "markdown" and "**" in nb.cells[0].source
    assert code[0].metadata.get("tags") == ["parameters"]
    assert "CORPUS" in code[0].source and "OUTPUT_DIR" in code[0].source
    assert "import analysis" in code[1].source
    for cell in code:
        assert not re.search(r"^\s*(def|class|lambda)\b", cell.source, re.M), (
            "notebooks define no functions"
        )
        # one save_figure, one save_table
        assert "savefig" not in cell.source and "to_csv" not in cell.source


@pytest.fixture(scope="module")
def cache_env(tmp_path_factory, monkeypatch_module):
    monkeypatch_module.setenv("FRAMING_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory, cache_env):
    out = tmp_path_factory.mktemp("r") / "sample"
    build_report(out=out, progress=False)
    return out


EXPECTED_FIGURES = [
    "articles-per-outlet",
    "coverage-by-event-and-outlet",
    "article-length-by-outlet",
    "cleaning-removed-by-outlet",
    "distinctive-terms-all-articles",
    "distinctive-terms-matched-events",
    "distinctive-terms-all-vs-matched",
    "sentiment-by-outlet",
    "sentiment-event-adjusted",
    "sentiment-pairwise-differences",
    "sentiment-by-event-and-outlet",
    "sentiment-reporter-vs-quoted",
    "sentence-sentiment-distribution",
    "event-sentiment-along-articles",
    "event-distinctive-terms",
    "actors-named-per-outlet",
    "actor-labels-by-outlet",
    "actor-sentiment-by-outlet",
    "actor-sentiment-event-adjusted",
]


@pytest.mark.slow
def test_sample_report_has_every_file(sample_report):
    for stem in [p.stem for p in NOTEBOOKS]:
        assert (sample_report / "notebooks" / f"{stem}.ipynb").exists()
        assert (sample_report / "notebooks" / f"{stem}.html").exists()
    for name in EXPECTED_FIGURES:
        for ext in ("png", "svg", "pdf"):
            assert (sample_report / "figures" / f"{name}.{ext}").stat().st_size > 1000, (name, ext)
        assert f"figures/thumbs/{name}.png" in (sample_report / "index.html").read_text()
    tables = {p.stem for p in (sample_report / "tables").glob("*.csv")}
    assert {
        "outlet-summary",
        "coverage-matrix",
        "term-contrasts",
        "sentiment-by-outlet",
        "sentiment-event-adjusted",
        "event-side-by-side",
        "cleaning-audit",
        "wire-copies",
        "actor-mentions",
        "actor-labels",
        "actor-sentiment",
    } <= tables
    tone = pd.read_csv(sample_report / "tables" / "actor-sentiment.csv")
    # codebook actor included
    assert {"Donald Trump", "Vladimir Putin", "Russian government"} <= set(tone["actor"])
    assert tone["caution"].str.startswith("only 1 article").all()  # one article per outlet: flagged
    actors_nb = (sample_report / "notebooks" / "05-actors.html").read_text()
    assert (
        "<strong>Donald Trump</strong>" in actors_nb
        or "<strong>Vladimir Putin</strong>" in actors_nb
    )
    manifest = json.loads((sample_report / "manifest.json").read_text())
    assert manifest["corpus"]["articles"] == 5 and manifest["versions"]["vaderSentiment"] == "3.3.2"
    assert manifest["corpus"]["files"] == 6  # the manifest and the five texts it names
    assert "index.html" in manifest["files"]
    # the executed notebooks ran every cell and kept no machine-specific timings
    nb = nbformat.read(sample_report / "notebooks" / "03-sentiment.ipynb", as_version=4)
    assert all(c.execution_count for c in nb.cells if c.cell_type == "code")
    assert "start_time" not in json.dumps(nb.metadata)
    assert not list(sample_report.parent.glob(".*partial"))
    # findings lead the index, with the explorer and the findings' files beside it
    index = (sample_report / "index.html").read_text()
    assert (
        index.index("<h2") == index.index("<h2 id='findings'>") and "href='explorer.html'" in index
    )
    assert "Small corpus: 5 articles from" in index  # five articles: a caution, not a finding
    assert (sample_report / "findings.md").read_text().startswith("# Findings")
    assert pd.read_csv(sample_report / "tables" / "findings.csv")["kind"].tolist() == ["caution"]
    page = (sample_report / "explorer.html").read_text()
    assert "id='data'" in page and not re.search(r"(src|href)=['\"]?https?:", page)


def _same_as_recorded(report: Path, name: str) -> None:
    """The report's tables and findings are those recorded by tests/report_digests.py (to 10 significant digits):
    recorded from the code before analysis.counting left analysis.contrast, so a change that only moves code
    changes no number. A change meant to change them records new digests (see that file)."""
    from .report_digests import recorded, table_digests

    got, want = table_digests(report), recorded(name)
    assert sorted(got) == sorted(want)
    assert [k for k in want if got[k] != want[k]] == []


@pytest.mark.slow
def test_sample_report_says_what_it_said_before(sample_report):
    _same_as_recorded(sample_report, "sample")


@pytest.mark.slow
def test_report_rerun_is_byte_identical(sample_report, tmp_path):
    """The rerun runs the notebooks one after another (the first ran two at a time) and reads the kept tables back:
    the same bytes either way."""
    again = build_report(out=tmp_path / "sample", progress=False, at_once=1)
    first = {
        p.relative_to(sample_report): p.read_bytes()
        for p in sample_report.rglob("*")
        if p.is_file()
    }
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    different = [str(k) for k in first if first[k] != second[k]]
    assert not different


@pytest.mark.slow
def test_report_on_unlabelled_synthetic_corpus(tmp_path, cache_env):
    corpus = (
        sentiment_corpus()
        .drop(columns=["event", "title"])
        .rename(columns={"article_id": "id", "text": "words"})
    )
    corpus["published"] = "2021-03-01"
    path = tmp_path / "synthetic.csv"
    corpus.to_csv(path, index=False)
    result = run_cli(
        "report", "--corpus", path, "--out", tmp_path / "report", "--columns", "text=words"
    )
    assert result.returncode == 0, result.stderr[-3000:]
    manifest = json.loads((tmp_path / "report" / "manifest.json").read_text())
    assert manifest["corpus"]["outlets"] == 5
    assert any("grouped" in n for n in manifest["corpus"]["notes"])
    for name in EXPECTED_FIGURES:
        if not name.startswith("actor"):
            assert (tmp_path / "report" / "figures" / f"{name}.png").exists(), name
    # no names in these generated sentences: the actor sections say so in the index instead of failing
    index = (tmp_path / "report" / "index.html").read_text()
    assert "<b>Actor labels</b>: no actor is named by two or more outlets" in index
    assert "<b>Tone towards actors</b>: no actor is named in 5 or more articles" in index
    side = pd.read_csv(tmp_path / "report" / "tables" / "event-side-by-side.csv")
    assert side["outlet"].nunique() >= 2


@pytest.mark.slow
def test_failing_notebook_stops_report_and_names_it(tmp_path, cache_env):
    out = tmp_path / "report"
    out.mkdir()
    (out / "previous.txt").write_text("an earlier report")
    with pytest.raises(
        ReportError, match=r"notebook 04-event-side-by-side.ipynb failed in cell \d+ .*EventsError"
    ) as err:
        build_report(out=out, parameters={"EVENT": "no-such-event"}, progress=False)
    # the old report is untouched
    assert (out / "previous.txt").exists() and not (out / "index.html").exists()
    failed = tmp_path / ".report.partial" / "notebooks" / "04-event-side-by-side.ipynb"
    # the message's path is real
    assert str(failed) in str(err.value) and "no-such-event" in failed.read_text()


@pytest.mark.slow
def test_cli_report_failure_exit_status(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("outlet,text\n", encoding="utf-8")
    result = run_cli("report", "--corpus", bad, "--out", tmp_path / "r")
    assert (
        result.returncode == 2
        and "no articles" in result.stderr
        and "Traceback" not in result.stderr
    )


def test_data_names_never_escape_the_output_folder(tmp_path):
    import matplotlib.pyplot as plt

    from analysis import save_figure, save_table

    fig, _ = plt.subplots()
    paths = save_figure(fig, "../../escaped", out_dir=tmp_path)
    plt.close(fig)
    table = save_table(pd.DataFrame({"a": [1]}), "/etc/passwd", out_dir=tmp_path)
    for path in [*paths, table]:
        assert tmp_path in path.parents
    assert config.safe_name("../../escaped").startswith("escaped-")


@pytest.mark.slow
def test_report_on_basil(basil_path, tmp_path, cache_env):
    out = build_report(corpus=basil_path, out=tmp_path / "basil", progress=False)
    _same_as_recorded(out, "basil")
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["corpus"]["articles"] == 300 and manifest["corpus"]["events"] == 100
    adjusted = pd.read_csv(out / "tables" / "sentiment-event-adjusted.csv")
    assert adjusted["n_events"].tolist() == [100, 100, 100] and adjusted["ci_low"].notna().all()
    top = pd.read_csv(out / "tables" / "top-terms.csv")
    # the Times' "Mr." is house style ...
    assert set(top["kind"]) == {"framing"} and "mr" not in set(top["term"])
    styled = pd.read_csv(out / "tables" / "top-terms-naming-and-style.csv")
    nyt = styled[(styled["scope"] == "matched") & (styled["outlet"] == "New York Times")]
    assert nyt.set_index("term").loc["mr", "kind"] == "style"  # ... shown in its own panel
    contrasts = pd.read_parquet(out / "tables" / "term-contrasts.parquet")
    # the CSV cut, the Parquet whole
    assert len(pd.read_csv(out / "tables" / "term-contrasts.csv")) <= len(contrasts)
    for name in EXPECTED_FIGURES:
        assert (out / "figures" / f"{name}.pdf").exists(), name
    tone = pd.read_csv(out / "tables" / "actor-sentiment.csv").set_index(["actor", "outlet"])
    assert tone.loc[("Donald Trump", "New York Times"), "n_articles"] >= 30
    # an outlet naming the actor in one article has none
    with_interval = tone.dropna(subset=["ci_low"])
    assert (
        len(with_interval) > 0.9 * len(tone)
        and (tone["n_articles"] > 1).eq(tone["ci_low"].notna()).all()
    )
    assert with_interval["ci_low"].le(with_interval["mean"]).all()
    assert with_interval["mean"].le(with_interval["ci_high"]).all()
    labels = pd.read_csv(out / "tables" / "actor-labels.csv")
    obama = labels[(labels["actor"] == "Barack Obama") & (labels["outlet"] == "New York Times")]
    # the Times' "Mr. Obama" is house style, never a label (#30); what README says of BASIL's labels holds
    assert len(obama) and not labels["term"].isin(["mr", "mrs", "ms"]).any()
    assert labels["q"].between(0.05, 1).all()
