"""Generated news-like corpora for benchmarks (no real text is shipped).

Sentences are drawn from the bundled sample's cleaned sentences, with words
swapped from a larger vocabulary so that articles are distinct; each article
gets ``words`` words in paragraphs of 1-3 sentences, some page furniture and
an occasional repeated paragraph, like scraped news.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import clean_articles, load_corpus  # noqa: E402

FURNITURE = ["Advertisement", "SEE ALSO: Another story you may like", "More From This Section"]


def _sentences() -> list[str]:
    arts = clean_articles(load_corpus(ROOT / "data" / "sample_manifest.csv"))
    out = []
    for text in arts["text"]:
        out += [s for s in re.split(r"(?<=[.!?])\s+", text.replace("\n", " ")) if len(s.split()) >= 6]
    return out


def news_corpus(n: int, *, words: int = 600, n_outlets: int = 5, n_events: int | None = None,
                seed: int = 0) -> pd.DataFrame:
    """``n`` articles (id, outlet, published, event, title, text) of about ``words`` words each."""
    rng = np.random.default_rng(seed)
    sents = _sentences()
    vocab = sorted({w for s in sents for w in re.findall(r"[a-z]{4,}", s)})
    extra = [f"{a}{b}" for a in ("pre", "re", "un", "over", "co") for b in vocab][: 5000]
    n_events = n_events or max(n // 10, 1)
    sent_len = np.mean([len(s.split()) for s in sents])
    per_article = max(int(words / sent_len), 1)
    rows = []
    base = pd.Timestamp("2015-01-01")
    for i in range(n):
        idx = rng.integers(0, len(sents), per_article)
        swap = rng.integers(0, len(extra), per_article)
        body = []
        for j, s in zip(idx, swap):  # one extra word at a random place: sentences are (nearly all) distinct
            words = sents[j].split(" ")
            at = int(rng.integers(1, len(words)))
            body.append(" ".join(words[:at] + [extra[s]] + words[at:]))
        paras, k = [], 0
        while k < len(body):
            step = int(rng.integers(1, 4))
            paras.append(" ".join(body[k:k + step]))
            k += step
        if rng.random() < 0.3:
            paras.insert(int(rng.integers(0, len(paras))), FURNITURE[int(rng.integers(0, 3))])
        if rng.random() < 0.1:
            paras.append(paras[0])
        event = int(rng.integers(0, n_events))
        rows.append({"id": f"g{i}", "outlet": f"Outlet {i % n_outlets}",
                     "published": (base + pd.Timedelta(days=event // 3)).date().isoformat(),
                     "event": f"ev{event}", "title": body[0][:60], "text": "\n\n".join(paras)})
    return pd.DataFrame(rows)


def _pseudo_words(rng, n: int) -> list[str]:
    syllables = ["ka", "lo", "mi", "ren", "sa", "tor", "vu", "zel", "dan", "bri", "gost", "pel", "quin", "mar", "tey"]
    return sorted({"".join(rng.choice(syllables, size=3)) for _ in range(n * 2)})[:n]


def event_news_corpus(n: int, *, n_outlets: int = 5, articles_per_event: int = 5, words: int = 400,
                      wire_share: float = 0.02, seed: int = 1) -> pd.DataFrame:
    """``n`` articles on ``n / articles_per_event`` events, each event with its own names, date
    and facts (70% of an article's sentences come from its event's 8, the rest from anywhere);
    ``wire_share`` of them are another outlet's article on the same event with a tenth of
    its sentences rewritten (``copied_from`` names the source). Columns: id, outlet,
    published, event, title, text, copied_from."""
    rng = np.random.default_rng(seed)
    sents = _sentences()
    n_events = max(n // articles_per_event, 1)
    names = _pseudo_words(rng, 20_000)
    sent_len = np.mean([len(s.split()) for s in sents])
    per_article = max(int(words / sent_len), 1)
    base = pd.Timestamp("2010-01-01")
    rows = []
    for i in range(n):
        event = i // articles_per_event
        own = [names[(event * 7 + k) % len(names)] for k in range(8)]  # the event's names
        facts = np.random.default_rng(event).choice(len(sents), size=8, replace=False)  # the story's own facts
        picks = np.where(rng.random(per_article) < 0.7, rng.choice(facts, per_article),
                         rng.integers(0, len(sents), per_article))
        body = []
        for j in picks:
            words_ = sents[j].split(" ")
            at = int(rng.integers(1, len(words_)))
            body.append(" ".join(words_[:at] + [own[int(rng.integers(0, 8))].capitalize()] + words_[at:]))
        day = base + pd.Timedelta(days=int(event * 3650 / n_events) + int(rng.integers(0, 2)))
        rows.append({"id": f"g{i}", "outlet": f"Outlet {i % n_outlets}", "published": day.date().isoformat(),
                     "event": f"ev{event}", "title": body[0][:60], "text": "\n".join(body)})
    frame = pd.DataFrame(rows).assign(copied_from=None)
    for i in sorted(rng.choice(n, size=int(n * wire_share), replace=False)):
        j = i - 1 if i % articles_per_event else i + 1
        lines = frame.at[j, "text"].split("\n")
        lines = [" ".join(reversed(s.split())) if k % 10 == 0 else s for k, s in enumerate(lines)]
        frame.at[i, "text"] = "\n".join(lines)
        frame.at[i, "copied_from"] = frame.at[j, "id"]
    return frame
