"""Exported tables: spreadsheet-safe CSVs (no formula runs) beside exact Parquet twins."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from analysis import save_table
from analysis.export import spreadsheet_safe

HOSTILE = [
    '=HYPERLINK("http://example.invalid","click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\tTabbed",
    "plain",
    "a=b",
]


def test_csv_cells_that_would_run_as_formulas_are_neutralised(tmp_path):
    table = pd.DataFrame(
        {"outlet": HOSTILE, "title": pd.Categorical(HOSTILE), "z": [-1.5, 2, -0.25, 0, 1, 3, -7]}
    )
    path = save_table(table, "hostile", out_dir=tmp_path)
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for col in ("outlet", "title"):
        cells = [r[col] for r in rows]
        assert cells[:5] == ["'" + v for v in HOSTILE[:5]]  # shown as text by spreadsheets
        assert cells[5:] == ["plain", "a=b"]  # ordinary text untouched
    assert [float(r["z"]) for r in rows] == [-1.5, 2, -0.25, 0, 1, 3, -7]  # numbers stay numbers
    exact = pd.read_parquet(path.with_suffix(".parquet"))
    assert exact["outlet"].tolist() == HOSTILE and exact["title"].astype(str).tolist() == HOSTILE
    assert exact["z"].tolist() == table["z"].tolist()


def test_spreadsheet_safe_leaves_the_input_alone_and_handles_missing_values():
    table = pd.DataFrame({"a": ["=1", None, float("nan")], "=b": [1, 2, 3]})
    before = table.copy()
    safe = spreadsheet_safe(table)
    assert safe["a"].tolist()[0] == "'=1" and safe["a"].isna().tolist()[1:] == [True, True]
    assert list(safe.columns) == ["a", "'=b"]
    pd.testing.assert_frame_equal(table, before)


def test_cli_tables_are_spreadsheet_safe_too(tmp_path):
    from .conftest import run_cli

    corpus = tmp_path / "c.csv"
    pd.DataFrame(
        {
            "outlet": ["=Evil Outlet", "Fair Outlet"] * 2,
            "title": ["@attack", "-minus", "+plus", "ok"],
            "text": ["The minister met the envoy in the capital on Tuesday."] * 4,
        }
    ).to_csv(corpus, index=False)
    result = run_cli("prepare", corpus, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    written = pd.read_csv(tmp_path / "out" / "articles.csv")
    assert set(written["outlet"]) == {"'=Evil Outlet", "Fair Outlet"}
    assert set(written["title"]) == {"'@attack", "'-minus", "'+plus", "ok"}
    exact = pd.read_parquet(tmp_path / "out" / "articles.parquet")
    assert set(exact["outlet"]) == {"=Evil Outlet", "Fair Outlet"}


def test_categorical_cells_are_neutralised_through_their_categories_even_when_names_collide():
    table = pd.DataFrame(
        {
            "term": pd.Categorical(["=x", "'=x", "plain", "=x"]),
            "outlet": pd.Categorical(["@a", "b", "@a", "b"]),
        }
    )
    safe = spreadsheet_safe(table)
    # collision: done cell by cell
    assert safe["term"].astype(str).tolist() == ["'=x", "'=x", "plain", "'=x"]
    assert safe["outlet"].astype(str).tolist() == ["'@a", "b", "'@a", "b"]
    assert isinstance(safe["outlet"].dtype, pd.CategoricalDtype)  # no collision: stays categorical
    assert table["term"].tolist() == ["=x", "'=x", "plain", "=x"]


def test_parquet_twin_of_a_few_rows_keeps_only_their_categories(tmp_path):
    big = pd.DataFrame(
        {"term": pd.Categorical([f"term{i}" for i in range(50_000)]), "z": range(50_000)}
    )
    top = big.iloc[[7, 3, 7]]
    save_table(top, "top", out_dir=tmp_path)
    exact = pd.read_parquet(tmp_path / "tables" / "top.parquet")
    assert exact["term"].tolist() == ["term7", "term3", "term7"]
    assert sorted(exact["term"].cat.categories) == ["term3", "term7"]
    assert len(top["term"].cat.categories) == 50_000  # the caller's table is left as it was
    assert (tmp_path / "tables" / "top.parquet").stat().st_size < 10_000


def test_big_tables_written_by_arrow_read_back_as_pandas_writes_them(tmp_path, monkeypatch):
    import analysis.export as export

    table = pd.DataFrame(
        {
            "outlet": pd.Categorical(["A, Inc.", 'The "Herald"', "=cmd", None]),
            "text": ["line one\nline two", "plain", "", None],
            "n": [1, -2, 3, 40_000_000_000],
            "z": [0.1, 4.4688343060235306e-05, -1e-300, float("nan")],
            "flag": [True, False, True, False],
            "published": pd.to_datetime(["2017-04-12", "2017-04-13", None, "2018-01-01"]),
            "at": pd.to_datetime(
                ["2017-04-12 10:30:00", "2017-04-13 00:00:00", "2017-04-14 23:59:59.5", None],
                format="ISO8601",
            ),
            "utc": pd.to_datetime(
                ["2017-04-12 10:30:00", None, "2017-04-14", "2018-01-01"],
                utc=True,
                format="ISO8601",
            ),
        }
    )
    small = save_table(table, "small", out_dir=tmp_path / "pandas")
    monkeypatch.setattr(export, "BIG_CSV", 2)
    big = save_table(table, "big", out_dir=tmp_path / "arrow")
    # Arrow wrote this one
    assert big.read_text(encoding="utf-8") != small.read_text(encoding="utf-8")
    pd.testing.assert_frame_equal(pd.read_csv(big), pd.read_csv(small))
    with open(big, newline="", encoding="utf-8") as fh:
        assert list(csv.reader(fh))[3][0] == "'=cmd"  # still spreadsheet-safe
    mixed = pd.DataFrame({"value": [1, "two", 3.5]})  # Arrow cannot type it: pandas writes it
    export._write_csv(mixed, tmp_path / "mixed.csv")
    assert (tmp_path / "mixed.csv").read_text() == "value\n1\ntwo\n3.5\n"


@pytest.mark.parametrize("dtype", [object, "str", "string[python]", "string[pyarrow]", "category"])
def test_every_kind_of_text_column_is_neutralised_alike(dtype):
    """Arrow-backed and Python strings are checked in bulk, objects and categories cell by cell: the same cells."""
    values = [*HOSTILE, None, "\rReturn", "x-y"]
    safe = spreadsheet_safe(pd.DataFrame({"a": pd.Series(values, dtype=dtype)}))
    cells = [None if pd.isna(v) else str(v) for v in safe["a"]]
    assert cells == ["'" + v for v in HOSTILE[:5]] + ["plain", "a=b", None, "'\rReturn", "x-y"]


def test_a_big_term_scatter_keeps_its_vector_files_small(tmp_path, monkeypatch):
    """Past RASTER_POINTS the points go into SVG and PDF as one image; the axes and labels stay vectors."""
    import matplotlib.pyplot as plt

    import analysis as fa
    from analysis import plots

    from .synthetic import regime_corpus

    articles = regime_corpus()
    pair = sorted(articles["outlet"].unique())[:2]
    contrast = fa.contrast_terms(articles, outlets=pair, min_df=1)
    n_points = int(((contrast["outlet"] == pair[0]) & (contrast["scope"] == "all")).sum())
    sizes, images = {}, {}
    for label, limit in (("vector", n_points), ("image", n_points - 1)):
        monkeypatch.setattr(plots, "RASTER_POINTS", limit)
        fig = fa.plot_term_scatter(contrast, outlet_a=pair[0], outlet_b=pair[1], colors={})
        paths = {p.suffix: p for p in fa.save_figure(fig, f"scatter-{label}", out_dir=tmp_path)}
        plt.close(fig)
        svg = paths[".svg"].read_text()
        sizes[label] = len(svg)
        images[label] = svg.count("<image")
        assert svg.count("<path") > 20  # axes, ticks and lettering drawn as vectors either way
    # the points, as one image (the colour bar is one already)
    assert images["image"] == images["vector"] + 1
    assert sizes["image"] < sizes["vector"]
