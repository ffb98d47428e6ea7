"""The explorer page: weight and load time in a real Chromium, ours against Bokeh and Plotly pages of the same terms.

Run: .venv/bin/python benchmarks/bench_explorer.py [N]
Corpora: BASIL (300 articles, where present) or 300 generated, and N = 20,000
generated articles (10 outlets, 4 per event). Ours is the whole explorer
(terms, actors, contexts, events, ledes); the alternatives hold only the term table
(Bokeh: a standalone DataTable with inline resources; Plotly: a table figure
with plotly.js inline), so their figures are a lower bound. Load time is
Chromium's, from navigation start to the page's first render (ours: the
app's ready mark; theirs: the load event plus one animation frame), the
median of 5 loads. Needs `pip install -e ".[bench]"` (Bokeh, Plotly) and
Debian's chromium and chromium-driver.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import BASIL
from generate import event_news_corpus

import analysis as fa

LIMIT_MB = 15


def corpus(n: int):
    if n == 300 and BASIL.exists():
        return "BASIL", fa.prepare_corpus(BASIL).articles
    arts = event_news_corpus(
        n, n_outlets=10 if n > 1000 else 3, articles_per_event=4 if n > 1000 else 3
    )
    arts = arts.drop(columns=["copied_from"]).rename(columns={"id": "article_id"})
    arts["published"] = arts["published"].astype("datetime64[ns]")
    arts["url"] = "https://example.org/" + arts["article_id"]
    return "generated", arts


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = shutil.which("chromium")
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tempfile.mkdtemp()}",
    ):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)


def load_ms(driver, path: Path, ready: str) -> float:
    times = []
    for _ in range(5):
        driver.get("about:blank")
        driver.get(path.as_uri())
        for _ in range(600):
            value = driver.execute_script(ready)
            if value:
                times.append(float(value))
                break
            time.sleep(0.05)
    return statistics.median(times)


OURS = "return document.body.dataset.ready === '1' ? performance.now() : 0"
THEIRS = (
    "if (document.readyState !== 'complete') return 0;"
    "if (!window.__t) requestAnimationFrame(() => { window.__t = performance.now(); }); return window.__t || 0;"
)


def bokeh_page(terms, path: Path) -> None:
    from bokeh.embed import file_html
    from bokeh.models import ColumnDataSource, DataTable, TableColumn
    from bokeh.resources import INLINE

    source = ColumnDataSource(terms[["scope", "outlet", "term", "count", "count_rest", "z", "q"]])
    table = DataTable(
        source=source,
        columns=[TableColumn(field=c, title=c) for c in source.column_names if c != "index"],
        width=900,
        height=600,
    )
    path.write_text(file_html(table, INLINE, "terms"), encoding="utf-8")


def plotly_page(terms, path: Path) -> None:
    import plotly.graph_objects as go

    cols = ["scope", "outlet", "term", "count", "count_rest", "z", "q"]
    fig = go.Figure(go.Table(header={"values": cols}, cells={"values": [terms[c] for c in cols]}))
    path.write_text(fig.to_html(include_plotlyjs=True, full_html=True), encoding="utf-8")


def main(n_large: int) -> None:
    driver = browser()
    folder = Path(tempfile.mkdtemp())
    try:
        for n in (300, n_large):
            label, arts = corpus(n)
            t0 = time.perf_counter()
            sentences = fa.split_sentences(arts)
            contrasts = fa.contrast_terms(arts, scope=["all", "matched"])
            t_inputs = time.perf_counter() - t0
            t0 = time.perf_counter()
            mentions = fa.find_actors(arts)
            t_actors = time.perf_counter() - t0
            t0 = time.perf_counter()
            page = fa.write_explorer(
                arts,
                sentences,
                folder / f"explorer-{n}.html",
                contrasts=contrasts,
                mentions=mentions,
            )
            t_build = time.perf_counter() - t0
            data = fa.explorer_data(arts, sentences, contrasts=contrasts, mentions=mentions)
            shown = contrasts.merge(
                __import__("pandas").DataFrame(
                    [[t[0], data["outlets"][t[1]], t[2]] for t in data["terms"]],
                    columns=["scope", "outlet", "term"],
                )
            )
            bokeh_page(shown, folder / f"bokeh-{n}.html")
            plotly_page(shown, folder / f"plotly-{n}.html")
            sizes = {
                k: (folder / f"{k}-{n}.html").stat().st_size / 1e6
                for k in ("explorer", "bokeh", "plotly")
            }
            ms = {
                "explorer": load_ms(driver, page, OURS),
                "bokeh": load_ms(driver, folder / f"bokeh-{n}.html", THEIRS),
                "plotly": load_ms(driver, folder / f"plotly-{n}.html", THEIRS),
            }
            print(
                f"{label}, {len(arts):,} articles, {arts['outlet'].nunique()} outlets, {len(sentences):,} sentences; "
                f"{len(data['terms']):,} terms, {len(data['sentences']):,} context sentences "
                f"and {len(data['actors'])} actors (built in {t_build:.1f} s after {t_inputs:.1f} s of splitting and "
                f"contrasts and {t_actors:.1f} s of find_actors, {len(mentions):,} mentions); caps kept: "
                f"{data['caps']['terms_per_outlet']} terms per outlet and scope, "
                f"{data['caps']['contexts_per_outlet']} sentences per term and outlet"
            )
            print(
                f"  explorer (everything): {sizes['explorer']:.2f} MB, first render {ms['explorer']:.0f} ms "
                f"({'under' if sizes['explorer'] < LIMIT_MB else 'OVER'} the {LIMIT_MB} MB limit)"
            )
            for k in ("bokeh", "plotly"):
                print(
                    f"  {k} (term table only): {sizes[k]:.2f} MB ({sizes[k] / sizes['explorer']:.2f}x ours), "
                    f"first render {ms[k]:.0f} ms ({ms[k] / ms['explorer']:.2f}x ours)"
                )
    finally:
        driver.quit()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
