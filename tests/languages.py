"""Small news corpora in German, French, Spanish and a mix, written for these tests (tests/data/multilingual.json):
six stories, each in the same words in every language, told by two outlets on two dates each."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

TEXTS = json.loads(
    (Path(__file__).parent / "data" / "multilingual.json").read_text(encoding="utf-8")
)
OUTLETS = {
    "de": ("Zeitung A", "Zeitung B"),
    "fr": ("Journal A", "Journal B"),
    "es": ("Diario A", "Diario B"),
    "en": ("Paper A", "Paper B"),
}
#: What outlet A writes where outlet B writes the other word, in each language: a planted term difference.
PLANTED = {
    "de": ("Das Regime schweigt dazu.", "Die Regierung schweigt dazu."),
    "fr": ("Le régime se tait.", "Le gouvernement se tait."),
    "es": ("El régimen guarda silencio.", "El gobierno guarda silencio."),
    "en": ("The regime said nothing.", "The government said nothing."),
}


def corpus(language: str, *, events: int = 12) -> pd.DataFrame:
    """``events`` events (two tellings of each of the six stories), each covered once by both outlets."""
    stories = TEXTS[language]["events"]
    titles = TEXTS[language]["titles"]
    rows = []
    for k in range(events):
        story = list(stories)[k % len(stories)]
        sentences = stories[story]
        for j, outlet in enumerate(OUTLETS[language]):
            # each outlet and telling in its own order, so that no two articles are copies
            order = sentences[(k + j) % 3 :] + sentences[: (k + j) % 3]
            text = " ".join(order) + "\n\n" + PLANTED[language][j]
            rows.append(
                {
                    "id": f"{language}-{k:02d}-{j}",
                    "outlet": outlet,
                    "event": f"{story}-{k // len(stories) + 1}",
                    "published": f"2024-03-{k + 1:02d}",
                    "title": titles[k % len(titles)],
                    "text": text,
                }
            )
    return pd.DataFrame(rows)


def mixed(english: int = 12, other: str = "de", n_other: int = 12) -> pd.DataFrame:
    """An English corpus with ``n_other`` articles of another language among its events."""
    en = corpus("en", events=english // 2)
    de = corpus(other, events=n_other // 2)
    de["outlet"] = de["outlet"].map(dict(zip(OUTLETS[other], OUTLETS["en"])))
    de["event"] = "de-" + de["event"]
    return pd.concat([en, de], ignore_index=True)
