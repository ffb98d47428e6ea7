"""Small valid corpora that a report must survive: each one `validate` calls usable."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

STORY = {
    "quake": "An earthquake struck the coastal city on Monday, damaging roads and bridges. "
    "Rescue teams searched collapsed buildings while officials counted the injured.",
    "vote": "Lawmakers approved the budget after a long debate in parliament. "
    "The finance minister said the plan would cut the deficit next year.",
    "storm": "A storm flooded villages along the river and forced thousands to leave their homes. "
    "Emergency services opened shelters in schools across the region.",
}


def _row(i, outlet, event, story=None, text=None, date="2021-05-0{d}"):
    return {
        "id": f"a{i}",
        "outlet": outlet,
        "event": event,
        "published": date.format(d=1 + i % 3),
        "title": f"{outlet} on {event}",
        "text": text or STORY[story or event],
    }


SMALL_CORPORA = {
    "two-articles": [_row(1, "Alpha", "quake"), _row(2, "Beta", "quake")],
    "three-articles": [
        _row(1, "Alpha", "quake"),
        _row(2, "Beta", "quake"),
        _row(3, "Alpha", "vote"),
    ],
    "five-articles": [
        _row(1, "Alpha", "quake"),
        _row(2, "Beta", "quake"),
        _row(3, "Gamma", "quake"),
        _row(4, "Alpha", "vote"),
        _row(5, "Beta", "storm"),
    ],
    "outlet-without-terms": [
        _row(1, "Alpha", "quake"),
        _row(2, "Beta", "quake"),
        _row(3, "Alpha", "vote"),
        _row(4, "Silent", "quake", text="It is. They were! Is it?"),
    ],
    "one-outlet": [_row(1, "Alpha", "quake"), _row(2, "Alpha", "vote"), _row(3, "Alpha", "storm")],
    "no-shared-event": [
        _row(1, "Alpha", "quake"),
        _row(2, "Beta", "vote"),
        _row(3, "Gamma", "storm"),
        _row(4, "Alpha", "aftershock", story="quake"),
    ],
}


def write_small_corpus(name: str, folder) -> Path:
    path = folder / f"{name}.csv"
    pd.DataFrame(SMALL_CORPORA[name]).to_csv(path, index=False)
    return path
