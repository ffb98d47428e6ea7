"""A real browser: Debian's Chromium, driven through its ChromeDriver by Selenium (no browser download).

The explorer opens from file:// with the network switched off, shows a term's
contexts from every outlet that uses it, and its search, sort and clicks work;
JupyterLab, served on 127.0.0.1, opens notebook 01 and runs it without an error.
`make test` installs Chromium from Debian's packages where it is missing; where
it cannot, these tests are skipped with that reason.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pandas as pd
import pytest

import analysis as fa
from analysis import config

from .synthetic import regime_corpus

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM and DRIVER),
        reason="Chromium and ChromeDriver are not installed (make test installs Debian's "
        "chromium and chromium-driver where it runs as root with apt-get)",
    ),
]
EVIL = "<script>window.pwned=1</script>"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
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
        "--window-size=1400,1000",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium')}",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_script_timeout(300)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def explorer(tmp_path_factory):
    articles = regime_corpus().assign(title="Talks resume", url="https://example.org/story")
    articles.loc[articles["outlet"] == "B", "outlet"] = EVIL
    articles.loc[0, "title"] = "<img src=x onerror='window.pwned=2'>"
    sentences = fa.split_sentences(articles)
    contrasts = fa.contrast_terms(articles, scope=["all", "matched"])
    findings = fa.summarize(articles, contrasts=contrasts)
    return fa.write_explorer(
        articles,
        sentences,
        tmp_path_factory.mktemp("explorer") / "explorer.html",
        contrasts=contrasts,
        findings=findings,
    )


def _open(driver, url):
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get("about:blank")
    driver.get(url)
    WebDriverWait(driver, 20).until(
        lambda d: d.execute_script("return document.body.dataset.ready === '1'")
    )


def _offline(driver, offline: bool):
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )


def _columns(driver):
    """The outlets' columns of sentences, once the page has drawn them (a click draws them a moment later; on a
    busy machine, later still)."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        WebDriverWait(driver, 20).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "#contexts .column")
        )
    except TimeoutException:
        return {}
    return {
        c.get_attribute("data-outlet"): c
        for c in driver.find_elements(By.CSS_SELECTOR, "#contexts .column")
    }


def test_explorer_opens_offline_on_a_term_with_every_outlet_that_uses_it(browser, explorer):
    from selenium.webdriver.common.by import By

    _offline(browser, True)
    try:
        _open(browser, explorer.as_uri() + "#term=government")
        columns = _columns(browser)
        assert set(columns) == {EVIL, "C"}  # every outlet that says "government", and only those
        for outlet, column in columns.items():
            # the name is shown as text
            assert column.find_element(By.TAG_NAME, "h3").text == outlet
            marks = column.find_elements(By.TAG_NAME, "mark")
            assert marks and {m.text.lower() for m in marks} == {"government"}
            assert "sentences shown" in column.text
        assert "No sentence with this term in: A" in browser.find_element(By.ID, "contexts").text
        # nothing was fetched, nothing from the data ran
        assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
        assert browser.execute_script("return window.pwned === undefined")
        assert not browser.find_elements(By.CSS_SELECTOR, "#app img")
    finally:
        _offline(browser, False)


def test_explorer_says_where_it_searched_a_big_corpus(browser, tmp_path, monkeypatch):
    """Past its limits the page searches whole events and says so, with each outlet's articles in all."""
    from selenium.webdriver.common.by import By

    from analysis import explorer as page_module

    articles = regime_corpus()
    contrasts = fa.contrast_terms(articles, scope=["all", "matched"])
    # the regime corpus, read as a big one: no full text, half its articles searched
    monkeypatch.setattr(page_module, "FULL_TEXT_ARTICLES", 0)
    page = fa.write_explorer(
        articles,
        fa.split_sentences(articles),
        tmp_path / "explorer.html",
        contrasts=contrasts,
        scan_articles=len(articles) // 2,
    )
    _open(browser, page.as_uri() + "#term=government")
    columns = _columns(browser)
    assert set(columns) == {"B", "C"}
    text = browser.find_element(By.ID, "contexts").text
    assert f"of the {len(articles)} articles (whole events drawn with a fixed seed)" in text
    for column in columns.values():  # 12 events x 3 articles of each of B and C say it
        assert "in 36 of the outlet's articles in all" in column.text


def test_explorer_search_sort_and_click(browser, explorer):
    from selenium.webdriver.common.by import By

    _open(browser, explorer.as_uri() + "#view=terms&scope=all")
    box = browser.find_element(By.ID, "search")
    box.send_keys("regi")
    rows = browser.find_elements(By.CSS_SELECTOR, "#terms-table tbody tr")
    assert rows and all("regi" in r.find_elements(By.TAG_NAME, "td")[1].text for r in rows)
    assert "q=regi" in browser.current_url  # the search is in the address too
    browser.find_element(By.CSS_SELECTOR, "button.term[data-term='regime']").click()
    assert "term=regime" in browser.current_url
    columns = _columns(browser)
    assert set(columns) == {"A"} and "regime" in columns["A"].text.lower()
    # sorting: clear the search, sort by count, largest first
    browser.get(explorer.as_uri() + "#view=terms&scope=all&sort=count&desc=1")
    browser.refresh()
    counts = [
        int(r.find_elements(By.TAG_NAME, "td")[4].text)
        for r in browser.find_elements(By.CSS_SELECTOR, "#terms-table tbody tr")
    ]
    assert len(counts) > 3 and counts == sorted(counts, reverse=True)
    browser.find_element(By.CSS_SELECTOR, "th[data-key='count']").click()  # again: smallest first
    counts = [
        int(r.find_elements(By.TAG_NAME, "td")[4].text)
        for r in browser.find_elements(By.CSS_SELECTOR, "#terms-table tbody tr")
    ]
    assert counts == sorted(counts)


def test_explorer_events_side_by_side_and_findings(browser, explorer):
    from selenium.webdriver.common.by import By

    _open(browser, explorer.as_uri() + "#view=events&event=ev-trade")
    columns = {
        c.get_attribute("data-outlet"): c
        for c in browser.find_elements(By.CSS_SELECTOR, "#event-columns .column")
    }
    assert set(columns) == {"A", EVIL, "C"}
    assert all(len(c.find_elements(By.CSS_SELECTOR, ".article")) == 3 for c in columns.values())
    link = columns["A"].find_element(By.CSS_SELECTOR, ".article a")
    assert link.get_attribute("href") == "https://example.org/story"
    _open(browser, explorer.as_uri())
    items = browser.find_elements(By.CSS_SELECTOR, "#findings ol li")
    assert items and "A alone says 'regime'" in items[0].text
    items[0].find_element(By.LINK_TEXT, "evidence").click()
    assert set(_columns(browser)) == {"A"}


TRICKY = [
    "The F.B.I. said the U.S.-led talks on immigrants stalled, and they told us so.",
    "Immigrants' groups met the FBI; US officials and the Secretary of State's aide agreed.",
    "A na\u00efve plan: immigrants, \u00e9migr\u00e9s and the WHO's envoy.",
    "THE US IS LOUD. The regime-art fair opened in \u0130stanbul.",
]


@pytest.fixture(scope="module")
def searchable(tmp_path_factory):
    """A corpus under the full-text budget: every sentence is on the page."""
    articles = regime_corpus()
    for k, text in enumerate(TRICKY):
        articles.loc[k, "text"] += " " + text
    sentences = fa.split_sentences(articles)
    contrasts = fa.contrast_terms(articles, scope=["all", "matched"])
    page = fa.write_explorer(
        articles,
        sentences,
        tmp_path_factory.mktemp("search") / "explorer.html",
        contrasts=contrasts,
    )
    return sentences, page


def test_explorer_finds_any_word_as_the_contrast_tables_count_it(browser, searchable):
    """Words the page keeps no contexts for ("immigrants", "fbi", a phrase with stop words): the page finds
    exactly the sentences and spans analysis.term_contexts finds, outlet by outlet."""
    from selenium.webdriver.common.by import By

    from analysis.findings import match_spans

    sentences, page = searchable
    _open(browser, page.as_uri() + "#view=terms")
    for phrase in [
        "immigrants",
        "F.B.I.",
        "fbi",
        "US",
        "secretary of state",
        "regime-art",
        "na\u00efve",
        "\u00e9migr\u00e9s",
        "officials met",
        "istanbul",
        "WHO",
    ]:
        found = browser.execute_script(
            "const r = window.explorerSearch(arguments[0]); const D = JSON.parse(document.getElementById('data').textContent);"
            "return Object.values(r.per).flat().map(c => [D.articles[D.sentences[c[0]][0]][0], D.sentences[c[0]][1], c.slice(1)]);",
            phrase,
        )
        expected = fa.term_contexts(sentences, phrase)
        want = sorted(
            (a, int(i), [x for span in match_spans(t, phrase) for x in span])
            for a, i, t in zip(expected["article_id"], expected["sentence_index"], expected["text"])
        )
        assert sorted((a, int(i), spans) for a, i, spans in found) == want, phrase
    _open(browser, page.as_uri() + "#term=immigrants")
    columns = _columns(browser)
    assert columns and all(
        m.text.lower() == "immigrants"
        for c in columns.values()
        for m in c.find_elements(By.TAG_NAME, "mark")
    )
    assert (
        "Every sentence of the corpus is on this page"
        in browser.find_element(By.ID, "contexts").text
    )


def test_explorer_term_table_shows_framing_terms_by_default(browser, tmp_path):
    from selenium.webdriver.common.by import By

    from .synthetic import kinds_corpus

    articles = kinds_corpus()
    mentions = fa.find_actors(articles)
    contrasts = fa.contrast_terms(articles, scope=["all", "matched"], mentions=mentions)
    page = fa.write_explorer(
        articles,
        fa.split_sentences(articles),
        tmp_path / "explorer.html",
        contrasts=contrasts,
        mentions=mentions,
    )
    _open(browser, page.as_uri() + "#view=terms&scope=matched")
    terms = {b.text for b in browser.find_elements(By.CSS_SELECTOR, "#terms-table button.term")}
    assert "regime" in terms and not terms & {"mr", "ledger", "victor"}
    _open(browser, page.as_uri() + "#view=terms&scope=matched&kind=style")
    terms = {b.text for b in browser.find_elements(By.CSS_SELECTOR, "#terms-table button.term")}
    assert "mr" in terms and "regime" not in terms


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_jupyterlab_runs_the_overview_the_interactive_explorer_and_the_frames(browser, tmp_path):
    root = tmp_path / "lab"
    root.mkdir()
    name = "01-corpus-overview.ipynb"
    shutil.copy(config.NOTEBOOKS_DIR / name, root / name)
    port, token = _free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "FRAMING_CACHE_DIR": str(tmp_path / "cache"),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "cfg"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "ws"),
    }
    log = open(tmp_path / "lab.log", "w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            "--LabApp.expose_app_in_browser=True",
            "--allow-root",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if server.poll() is not None:
                    break
                time.sleep(0.5)
        if server.poll() is not None:
            pytest.fail("JupyterLab did not start: " + (tmp_path / "lab.log").read_text()[-2000:])
        _open_lab(browser, f"{base}/lab/tree/{name}?token={token}")
        run_all = """
            const done = arguments[arguments.length - 1];
            const app = window.jupyterapp;
            const panel = app.shell.currentWidget;
            panel.sessionContext.ready
              .then(() => app.commands.execute('notebook:run-all-cells'))
              .then(() => app.commands.execute('docmanager:save'))
              .then(() => done('ran'), e => done('failed: ' + e));
        """
        assert browser.execute_async_script(run_all) == "ran"
        nb = json.loads((root / name).read_text())
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        errors = [o for c in code for o in c["outputs"] if o["output_type"] == "error"]
        assert not errors, errors
        assert all(c["execution_count"] for c in code)
        assert any("5 articles" in "".join(o.get("text", "")) for c in code for o in c["outputs"])
        # notebook 05's interactive explorer: widgets render, and choosing a term shows its sentences
        _run_in_lab(browser, root, "06-findings.ipynb", run_all)
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait

        WebDriverWait(browser, 60).until(
            lambda d: len(d.find_elements(By.CSS_SELECTOR, ".widget-dropdown")) >= 4
        )
        # the term Combobox
        box = browser.find_element(By.CSS_SELECTOR, ".jp-OutputArea input[list]")
        box.send_keys("Putin\n")
        WebDriverWait(browser, 60).until(
            lambda d: any(
                m.text.lower() == "putin"
                for m in d.find_elements(By.CSS_SELECTOR, ".jp-OutputArea mark")
            )
        )
        # 07: the frames, their figure drawn in the notebook
        nb = _run_in_lab(browser, root, "07-frames.ipynb", run_all)
        outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"]]
        assert any("image/png" in o.get("data", {}) for o in outputs)
        assert any("articles scored" in "".join(o.get("text", "")) for o in outputs)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _run_in_lab(browser, root, name: str, run_all: str) -> dict:
    """Open the suite's notebook ``name`` in the JupyterLab page, run every cell and save it; the saved
    notebook, which has no error output."""
    from selenium.webdriver.support.ui import WebDriverWait

    shutil.copy(config.NOTEBOOKS_DIR / name, root / name)
    browser.execute_script(
        "window.jupyterapp.commands.execute('docmanager:open', {path: arguments[0]});", name
    )
    WebDriverWait(browser, 60).until(
        lambda d: d.execute_script(
            "const w = window.jupyterapp.shell.currentWidget; return !!(w && w.context && w.context.path === arguments[0]"
            " && w.content.widgets.length);",
            name,
        )
    )
    assert browser.execute_async_script(run_all) == "ran"
    nb = json.loads((root / name).read_text())
    errors = [
        o
        for c in nb["cells"]
        if c["cell_type"] == "code"
        for o in c["outputs"]
        if o["output_type"] == "error"
    ]
    assert not errors, errors
    return nb


def _open_lab(driver, url):
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    WebDriverWait(driver, 120).until(
        lambda d: d.execute_script(
            "const a = window.jupyterapp, w = a && a.shell.currentWidget;"
            "return !!(w && w.sessionContext && w.content && w.content.widgets && w.content.widgets.length);"
        )
    )


def test_explorer_actor_contexts_side_by_side(browser, tmp_path):
    from selenium.webdriver.common.by import By

    from .test_actors import planted

    articles = planted().assign(title="Envoys meet")
    sentences = fa.split_sentences(articles)
    page = fa.write_explorer(
        articles, sentences, tmp_path / "explorer.html", mentions=fa.find_actors(articles)
    )
    _open(browser, page.as_uri() + "#actor=Bashar%20al-Assad")
    columns = _columns(browser)
    assert set(columns) == {"Left", "Right", "Centre"}
    for column in columns.values():
        assert all("Assad" in m.text for m in column.find_elements(By.TAG_NAME, "mark"))
    browser.find_element(By.CSS_SELECTOR, "button.actor[data-actor='Jonas Quill']").click()
    assert "actor=Jonas+Quill" in browser.current_url and set(_columns(browser)) == {"Centre"}


def test_explorer_frames_view_shows_prevalence_pairs_and_the_sentences_behind(browser, tmp_path):
    """One outlet writes its stories in economic terms, the other plainly: the Frames view has every frame per
    outlet, the economic difference marked as holding, and the outlet's money sentences behind the label."""
    from selenium.webdriver.common.by import By

    from .test_frames import ECONOMIC, PLAIN

    rows = []
    for e in range(12):
        for outlet, body in (("A", ECONOMIC), ("B", PLAIN)):
            text = f"Story {e} opens.\n{body}"
            rows.append((f"{outlet}{e}", outlet, f"ev{e}", f"Story {e}", text))
    articles = pd.DataFrame(rows, columns=["article_id", "outlet", "event", "title", "text"])
    sentences = fa.split_sentences(articles)
    frames = fa.score_frames(articles)
    pairs = fa.pairwise_frames(frames, n_boot=300)
    page = fa.write_explorer(
        articles, sentences, tmp_path / "explorer.html", frames=pairs, frame_scores=frames
    )
    _open(browser, page.as_uri() + "#view=frames&frame=economic")
    table = browser.find_element(By.ID, "frames-table")
    assert len(table.find_elements(By.CSS_SELECTOR, "tr")) == 1 + len(fa.FRAMES)
    economic = [
        r for r in browser.find_elements(By.CSS_SELECTOR, "#frame-pairs tr[data-holds='1']")
    ]
    assert any("economic consequences" in r.text for r in economic)
    columns = browser.find_elements(By.CSS_SELECTOR, "#frame-evidence .column")
    assert [c.get_attribute("data-outlet") for c in columns] == ["A"]
    assert "billion" in columns[0].text
