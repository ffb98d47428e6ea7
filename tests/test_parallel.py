"""Where the heavy steps run: the shared pool of local processes, parallel_config, and a real Dask cluster
(LocalCluster on 127.0.0.1) giving the same tables as this process."""

from __future__ import annotations

import os

import pandas as pd
import pytest

import analysis as fa
from analysis import config, parallel
from analysis.counting import count_terms

from .conftest import assert_clean_error, run_cli
from .synthetic import regime_corpus


def _pid(chunk) -> int:
    return os.getpid()


def test_parallel_config_sets_where_work_runs_and_a_keyword_still_wins(monkeypatch):
    monkeypatch.delenv(parallel.SCHEDULER_ENV, raising=False)
    cores = os.cpu_count() or 1
    assert parallel.capacity() == cores and parallel.resolve_scheduler() == parallel.LOCAL
    pooled = []  # any work goes to the pool (COLD_START 0), but for n_jobs=1
    monkeypatch.setattr(parallel, "COLD_START", 0.0)
    monkeypatch.setattr(
        parallel, "_with_pool", lambda f, chunks, *a: pooled.append(1) or [*map(f, chunks)]
    )
    parallel.map_chunks(_pid, range(12))
    assert pooled
    pooled.clear()
    with fa.parallel_config(n_jobs=1):
        assert parallel.capacity() == 1
        assert set(parallel.map_chunks(_pid, range(12))) == {os.getpid()} and not pooled
        assert parallel.capacity(n_jobs=3) == 3  # a keyword given to the call wins
        # blocks nest and keep what they do not set
        with fa.parallel_config(scheduler="serial", progress=False):
            assert parallel.resolve_scheduler() == parallel.SERIAL and parallel.capacity() == 1
            assert parallel.resolve_scheduler("local") == parallel.LOCAL
            assert parallel.progress_bar(3, desc="", unit="it", progress=None).disable
        assert parallel.resolve_scheduler() == parallel.LOCAL and parallel.capacity() == 1
        assert not parallel.progress_bar(3, desc="", unit="it", progress=True).disable
    assert parallel.capacity() == cores  # and the block leaves nothing behind
    with (
        pytest.raises(fa.SchedulerError, match="not 'bogus'"),
        fa.parallel_config(scheduler="bogus"),
    ):
        parallel.resolve_scheduler()


# ---------------------------------------------------------------- the shared pool
def test_a_pool_starts_only_for_work_worth_it(monkeypatch):
    from analysis.vader import score_chunk

    parallel._drop_pool()
    texts = [f"Sentence {i} is {'good' if i % 3 else 'terrible'}." for i in range(600)]
    chunks = [texts[i : i + 50] for i in range(0, len(texts), 50)]  # about 5 ms of work each
    assert parallel.map_chunks(score_chunk, chunks, n_jobs=2) == parallel.map_chunks(
        score_chunk, chunks, n_jobs=1
    )
    assert parallel._POOL is None
    monkeypatch.setattr(parallel, "COLD_START", 0.001)
    assert parallel.map_chunks(score_chunk, chunks, n_jobs=2) == parallel.map_chunks(
        score_chunk, chunks, n_jobs=1
    )
    assert parallel._POOL is not None


# A dead worker used to leave InvalidStateError in the executor's thread: futures map_chunks had cancelled earlier
# still sat in the pool's pending table, and the broken pool failed them all (CPython gh-107219). Nothing is
# cancelled now, and the warning is an error here.
@pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")
def test_the_pool_is_started_once_and_survives_a_dead_worker(tmp_path, pool_always):
    texts = [f"Sentence {i} is {'good' if i % 3 else 'terrible'}." for i in range(600)]
    chunks = [texts[i : i + 50] for i in range(0, len(texts), 50)]
    from analysis.vader import score_chunk

    serial = parallel.map_chunks(score_chunk, chunks, n_jobs=1)
    first = parallel.map_chunks(score_chunk, chunks, n_jobs=2)
    pool = parallel._POOL
    second = parallel.map_chunks(score_chunk, chunks, n_jobs=2)
    assert pool is not None and parallel._POOL is pool  # reused, not started again
    assert first == serial == second
    # a worker killed (out of memory, say): the work is still done
    for proc in list(pool._processes.values()):
        proc.kill()
        proc.join()
    assert parallel.map_chunks(score_chunk, chunks, n_jobs=2) == serial
    assert parallel.map_chunks(score_chunk, chunks, n_jobs=2) == serial  # and a new pool takes over


def test_errors_in_work_reach_the_caller(pool_always):
    with pytest.raises(ZeroDivisionError):
        parallel.map_chunks(_divide, [1, 2, 0, 4, 5, 6], n_jobs=2)


def _divide(x):
    return 1 / x


def test_bad_schedulers_are_refused_clearly(tmp_path, monkeypatch):
    with pytest.raises(fa.SchedulerError, match="not 'bogus'"):
        parallel.resolve_scheduler("bogus")
    monkeypatch.setenv(parallel.SCHEDULER_ENV, "nonsense")
    with pytest.raises(fa.SchedulerError, match=r"\$FRAMING_SCHEDULER"):
        parallel.resolve_scheduler()
    monkeypatch.setenv(parallel.SCHEDULER_ENV, "serial")
    assert parallel.resolve_scheduler() == parallel.SERIAL
    result = run_cli("validate", config.SAMPLE_CORPUS, "--scheduler", "bogus")
    assert_clean_error(result, "bogus")


# ---------------------------------------------------------------- a real Dask cluster
@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as local:
        with distributed.Client(local) as client:
            yield client
            parallel._close_clients()  # the clients made from its address go before the cluster does


def test_a_dask_cluster_gives_the_same_numbers(cluster, monkeypatch, sample_path):
    import analysis.counting as counting_module
    import analysis.events as events_module
    import analysis.sentiment as sentiment_module
    import analysis.targets as targets_module

    # many tasks, so both workers get some
    monkeypatch.setattr(sentiment_module, "CLUSTER_CHUNK", 7)
    monkeypatch.setattr(counting_module, "CHUNK", 5)
    monkeypatch.setattr(counting_module, "PARALLEL_MIN", 2)
    monkeypatch.setattr(targets_module, "CHUNK", 9)
    monkeypatch.setattr(events_module, "WIRE_CHUNK", 2)
    corpus = regime_corpus()
    sentences = fa.split_sentences(fa.prepare_corpus(sample_path).articles)
    address = cluster.scheduler.address
    local = fa.score_sentences(sentences, cache_dir=False, scheduler="serial")
    for where in (cluster, address):
        pd.testing.assert_frame_equal(
            fa.score_sentences(sentences, cache_dir=False, scheduler=where), local
        )
    counts, terms = count_terms(corpus, scheduler="serial")
    counts2, terms2 = count_terms(corpus, scheduler=cluster)
    assert list(terms) == list(terms2) and (counts != counts2).nnz == 0
    pd.testing.assert_frame_equal(
        fa.contrast_terms(corpus, scheduler=address), fa.contrast_terms(corpus, n_jobs=1)
    )
    rows = sentences.assign(start=0, end=sentences["text"].str.find(" ").clip(lower=1))
    pd.testing.assert_frame_equal(
        fa.score_targets(rows, scheduler=cluster), fa.score_targets(rows, n_jobs=1)
    )
    articles = fa.prepare_corpus(sample_path).articles
    reprinted = pd.concat(
        [articles, articles.iloc[[1, 3]].assign(article_id=["r1", "r3"], outlet="Reprinter")]
    )
    wires = fa.find_wire_copies(reprinted, n_jobs=1)
    assert set(wires["article_id_b"]) | set(wires["article_id_a"]) >= {"r1", "r3"}
    pd.testing.assert_frame_equal(fa.find_wire_copies(reprinted, scheduler=cluster), wires)
    import analysis.actors as actors_module

    monkeypatch.setattr(actors_module, "CHUNK", 2)
    pd.testing.assert_frame_equal(
        fa.find_actors(articles, scheduler=cluster), fa.find_actors(articles, n_jobs=1)
    )
    import analysis.labels as labels_module

    monkeypatch.setattr(labels_module, "CHUNK", 3)
    mentions = fa.find_actors(articles, n_jobs=1)
    pd.testing.assert_frame_equal(
        fa.actor_labels(mentions, articles, scope="all", min_mentions=1, scheduler=cluster),
        fa.actor_labels(mentions, articles, scope="all", min_mentions=1, n_jobs=1),
    )
    monkeypatch.setenv(parallel.SCHEDULER_ENV, address)
    assert parallel.resolve_scheduler() is parallel.resolve_scheduler(address)
    assert "Dask cluster at tcp://127.0.0.1" in parallel.describe()
    from distributed import get_task_stream

    with get_task_stream(cluster) as stream:
        # via the environment
        pd.testing.assert_frame_equal(fa.score_sentences(sentences, cache_dir=False), local)
    ran = [t for t in stream.data if "score_chunk" in str(t["key"])]
    assert len(ran) == -(-len(sentences) // 7) and {t["worker"] for t in ran} <= set(
        cluster.scheduler_info()["workers"]
    )


def test_cli_on_a_dask_cluster_writes_the_same_tables(cluster, tmp_path):
    env = {**os.environ, "FRAMING_CACHE_DIR": str(tmp_path / "cache")}
    address = cluster.scheduler.address
    on_cluster = run_cli(
        "sentiment",
        config.SAMPLE_CORPUS,
        "--out",
        tmp_path / "dask",
        "--scheduler",
        address,
        env=env,
    )
    assert on_cluster.returncode == 0, on_cluster.stderr
    assert f"Dask cluster at {address}" in on_cluster.stderr
    env["FRAMING_CACHE_DIR"] = str(tmp_path / "cache2")  # nothing shared with the first run
    here = run_cli("sentiment", config.SAMPLE_CORPUS, "--out", tmp_path / "local", env=env)
    assert here.returncode == 0, here.stderr
    for name in ("sentiment_by_outlet.csv", "sentiment_articles.csv", "sentences.parquet"):
        assert (tmp_path / "dask" / name).read_bytes() == (
            tmp_path / "local" / name
        ).read_bytes(), name


def _pool_then_return(n: int) -> None:
    parallel.COLD_START = 0.0  # start the pool whatever the work
    from analysis.vader import score_chunk

    texts = [f"Sentence {i} is {'good' if i % 3 else 'terrible'}." for i in range(n)]
    parallel.map_chunks(score_chunk, [texts[i : i + 20] for i in range(0, n, 20)], n_jobs=2)
    assert parallel._POOL is not None


def test_a_process_of_its_own_that_used_the_pool_ends():
    """A spawned process (the report's actors step) joins its children as it ends, before atexit runs: the pool's
    idle workers kept it waiting forever (a 100,000-article report hung so), until the pool was let go first."""
    from multiprocessing import get_context

    child = get_context("spawn").Process(target=_pool_then_return, args=(20_000,))
    child.start()
    child.join(timeout=120)
    hung = child.is_alive()
    if hung:
        child.kill()
    assert not hung and child.exitcode == 0
