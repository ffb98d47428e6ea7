"""Generated news-like corpora for benchmarks (no real text is shipped).

Sentences are drawn from the bundled sample's cleaned sentences, with words
swapped from a larger vocabulary so that articles are distinct; each article
gets ``words`` words in paragraphs of 1-3 sentences, some page furniture and
an occasional repeated paragraph, like scraped news. ``news_corpus(cast=True)``
gives each event its own cast of made-up names instead of the sample's, as
many per article as BASIL has (``calibrate_corpus.py``).
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
        out += [
            s for s in re.split(r"(?<=[.!?])\s+", text.replace("\n", " ")) if len(s.split()) >= 6
        ]
    return out


SLOT = "\x00"  # where a name was in a sample sentence (``cast=True``)
GENERIC = [
    "the official",
    "the ministry",
    "officials",
    "the spokesman",
    "the agency",
    "the committee",
    "lawmakers",
    "the government",
    "the company",
    "the leader",
]


def _slotted_sentences() -> list[str]:
    """The sample's sentences of six words or more, split by :func:`analysis.sentences.split_text` (not
    :func:`_sentences`' regular expression), with every name :func:`analysis.find_actors` finds in them
    replaced by ``SLOT`` (twice for a name of two words or more, once for one word)."""
    from analysis import find_actors
    from analysis.sentences import split_text

    arts = clean_articles(load_corpus(ROOT / "data" / "sample_manifest.csv"))
    mentions = find_actors(arts, min_articles=1, n_jobs=1)
    texts = dict(zip(arts["article_id"], arts["text"]))
    for aid, part in mentions.sort_values("start", ascending=False).groupby(
        "article_id", sort=False
    ):
        text, last = texts[aid], None
        for a, b, name in zip(part["start"], part["end"], part["mention"]):
            if last is None or b <= last:  # from the end, so earlier offsets stay right
                text = text[:a] + SLOT * (1 + (" " in name)) + text[b:]
                last = a
        texts[aid] = text
    out = []  # split as the analysis splits: a naive split after "Mr." left fragments ending "... with Mr."
    for text in arts["article_id"].map(texts):
        out += [s for _, _, s in split_text(text.replace("\n", " ")) if len(s.split()) >= 6]
    return out


def news_corpus(
    n: int,
    *,
    words: int = 600,
    n_outlets: int = 5,
    n_events: int | None = None,
    seed: int = 0,
    cast: bool = False,
    cast_size: int = 24,
    zipf: float = 1.0,
    generic: float = 0.3,
    pool: int = 200_000,
) -> pd.DataFrame:
    """``n`` articles (id, outlet, published, event, title, text) of about ``words`` words each.

    ``cast=False``: the sample's sentences keep their names, so every article
    names the same few dozen actors (the sample's), about 60 times.
    ``cast=True``: each name in them is one of the event's cast instead:
    ``cast_size`` people drawn from ``pool`` made-up names with Zipf weights
    (exponent ``zipf``: a few are in many events' casts, most in one or two),
    the first of the cast named most; a share ``generic`` of the names become
    a common noun ("the official"). The defaults match BASIL's figures for
    names at BASIL's shape (``benchmarks/calibrate_corpus.py``).
    """
    rng = np.random.default_rng(seed)
    sents = _slotted_sentences() if cast else _sentences()
    if cast:
        people = _pseudo_names(np.random.default_rng(seed + 1), pool)
        popular = np.cumsum(1.0 / np.arange(1, len(people) + 1) ** zipf)
        popular /= popular[-1]  # a cast member is drawn with Zipf weights...
        in_cast = np.cumsum(1.0 / np.arange(1, cast_size + 1))
        in_cast /= in_cast[-1]  # ... and named with weights 1, 1/2, 1/3... by rank in the cast
    vocab = sorted({w for s in sents for w in re.findall(r"[a-z]{4,}", s)})
    extra = [f"{a}{b}" for a in ("pre", "re", "un", "over", "co") for b in vocab][:5000]
    n_events = n_events or max(n // 10, 1)
    sent_len = np.mean([len(s.split()) for s in sents])
    per_article = max(int(words / sent_len), 1)
    rows = []
    base = pd.Timestamp("2015-01-01")
    for i in range(n):
        idx = rng.integers(0, len(sents), per_article)
        swap = rng.integers(0, len(extra), per_article)
        body = []
        # one extra word at a random place: sentences are (nearly all) distinct
        for j, s in zip(idx, swap):
            words = sents[j].split(" ")
            at = int(rng.integers(1, len(words)))
            body.append(" ".join(words[:at] + [extra[s]] + words[at:]))
        paras, k = [], 0
        while k < len(body):
            step = int(rng.integers(1, 4))
            paras.append(" ".join(body[k : k + step]))
            k += step
        if rng.random() < 0.3:
            paras.insert(int(rng.integers(0, len(paras))), FURNITURE[int(rng.integers(0, 3))])
        if rng.random() < 0.1:
            paras.append(paras[0])
        event = int(rng.integers(0, n_events))
        title = body[0]
        if cast:  # names from generators of their own: the rest of the corpus is as with cast=False
            members = np.searchsorted(
                popular, np.random.default_rng([seed, event]).random(cast_size)
            )
            names = np.random.default_rng([seed, event, i])

            def fill(text: str) -> str:
                return re.sub(
                    SLOT + "+",
                    lambda m: _cast_name(names, people, members, in_cast, generic, len(m.group())),
                    text,
                )

            paras, title = [fill(p) for p in paras], fill(title)
        rows.append(
            {
                "id": f"g{i}",
                "outlet": f"Outlet {i % n_outlets}",
                "published": (base + pd.Timedelta(days=event // 3)).date().isoformat(),
                "event": f"ev{event}",
                "title": title[:60],
                "text": "\n\n".join(paras),
            }
        )
    return pd.DataFrame(rows)


def _cast_name(rng, people, members, in_cast, generic: float, words: int) -> str:
    """One name for a slot: a cast member's full name (a slot of two words or more) or surname, or a common noun."""
    if rng.random() < generic:
        return GENERIC[int(rng.integers(0, len(GENERIC)))]
    first, last = people[
        members[min(int(np.searchsorted(in_cast, rng.random())), len(members) - 1)]
    ]
    return f"{first} {last}" if words > 1 else last


def _pseudo_names(rng, n: int) -> list[tuple[str, str]]:
    """``n`` made-up (first name, surname) pairs, all different."""
    words = [w.capitalize() for w in _pseudo_words(rng, 1_000)]
    firsts, lasts = words[::2], words[1::2]
    return [
        (firsts[k % len(firsts)], lasts[k // len(firsts) % len(lasts)])
        for k in rng.permutation(len(firsts) * len(lasts))[:n]
    ]


def _pseudo_words(rng, n: int) -> list[str]:
    syllables = [
        "ka",
        "lo",
        "mi",
        "ren",
        "sa",
        "tor",
        "vu",
        "zel",
        "dan",
        "bri",
        "gost",
        "pel",
        "quin",
        "mar",
        "tey",
    ]
    return sorted({"".join(rng.choice(syllables, size=3)) for _ in range(n * 2)})[:n]


def event_news_corpus(
    n: int,
    *,
    n_outlets: int = 5,
    articles_per_event: int = 5,
    words: int = 400,
    wire_share: float = 0.02,
    seed: int = 1,
) -> pd.DataFrame:
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
        # the story's own facts
        facts = np.random.default_rng(event).choice(len(sents), size=8, replace=False)
        picks = np.where(
            rng.random(per_article) < 0.7,
            rng.choice(facts, per_article),
            rng.integers(0, len(sents), per_article),
        )
        body = []
        for j in picks:
            words_ = sents[j].split(" ")
            at = int(rng.integers(1, len(words_)))
            body.append(
                " ".join(words_[:at] + [own[int(rng.integers(0, 8))].capitalize()] + words_[at:])
            )
        day = base + pd.Timedelta(days=int(event * 3650 / n_events) + int(rng.integers(0, 2)))
        rows.append(
            {
                "id": f"g{i}",
                "outlet": f"Outlet {i % n_outlets}",
                "published": day.date().isoformat(),
                "event": f"ev{event}",
                "title": body[0][:60],
                "text": "\n".join(body),
            }
        )
    frame = pd.DataFrame(rows).assign(copied_from=None)
    for i in sorted(rng.choice(n, size=int(n * wire_share), replace=False)):
        j = i - 1 if i % articles_per_event else i + 1
        lines = frame.at[j, "text"].split("\n")
        lines = [" ".join(reversed(s.split())) if k % 10 == 0 else s for k, s in enumerate(lines)]
        frame.at[i, "text"] = "\n".join(lines)
        frame.at[i, "copied_from"] = frame.at[j, "id"]
    return frame
