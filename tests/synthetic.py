"""Synthetic corpora with planted differences that the methods must find."""

from __future__ import annotations

import numpy as np
import pandas as pd

NEUTRAL = [
    "The delegation arrived in the capital on Tuesday morning.",
    "Officials met behind closed doors for several hours.",
    "The minister travelled to the border region after the meeting.",
    "A spokesman said the schedule would be published later.",
    "The committee is expected to meet again next month.",
    "Reporters waited outside the building until the evening.",
]
POSITIVE = [
    "Leaders praised the excellent progress and celebrated a wonderful success.",
    "The agreement was welcomed as a great and hopeful step forward.",
    "Residents were happy and grateful for the generous support.",
]
NEGATIVE = [
    "The attack killed dozens and left the city in terrible grief.",
    "Critics condemned the brutal crackdown as a horrific disaster.",
    "Families mourned the victims of the deadly and tragic violence.",
]
QUOTES = [
    '"We are working hard and we are hopeful," the spokesman said.',
    '"This is a terrible tragedy," a resident said.',
]


def _article(rng, n, p_neg, p_pos):
    out = []
    for _ in range(n):
        u = rng.random()
        pool = NEGATIVE if u < p_neg else POSITIVE if u < p_neg + p_pos else NEUTRAL
        out.append(pool[rng.integers(len(pool))])
    return out


def sentiment_corpus(*, with_grim: bool = True, seed: int = 7) -> pd.DataFrame:
    """Outlets "Even A/B/C" write alike; "Dark" writes its own sentences darker;
    "Grim" writes like the Even outlets but covers only the grim events."""
    rng = np.random.default_rng(seed)
    rows = []
    for e in range(24):
        grim = e % 2 == 1
        base_neg, base_pos = (0.5, 0.1) if grim else (0.15, 0.25)
        outlets = ["Even A", "Even B", "Even C", "Dark"] + (["Grim"] if with_grim and grim else [])
        for outlet in outlets:
            p_neg, p_pos = (
                (min(base_neg + 0.35, 0.95), base_pos / 3)
                if outlet == "Dark"
                else (base_neg, base_pos)
            )
            for k in range(2):
                sents = _article(rng, 10, p_neg, p_pos) + [QUOTES[int(rng.integers(2))]]
                rows.append(
                    {
                        "article_id": f"{outlet}-{e}-{k}",
                        "outlet": outlet,
                        "event": f"event-{e:02d}",
                        "title": None,
                        "text": " ".join(sents[:5]) + "\n" + " ".join(sents[5:]),
                    }
                )
    return pd.DataFrame(rows)


FRAME = [
    "The {gov} announced new measures on {topic} after the talks.",
    "Officials from the {gov} met foreign envoys to discuss {topic}.",
    "Critics said the {gov} had ignored warnings about {topic}.",
    "The {gov} spokesman declined to comment on {topic} negotiations.",
]
TOPICS = [
    "trade",
    "tariffs",
    "pipelines",
    "sanctions",
    "elections",
    "borders",
    "energy",
    "refugees",
    "vaccines",
    "wheat",
    "fisheries",
    "railways",
]


def regime_corpus(*, seed: int = 3) -> pd.DataFrame:
    """Outlets A, B, C cover 12 shared events in otherwise identical sentences, except that
    A says "regime" where B and C say "government"; C alone also covers a hurricane."""
    rng = np.random.default_rng(seed)
    rows = []
    for e, topic in enumerate(TOPICS):
        for outlet in ("A", "B", "C"):
            gov = "regime" if outlet == "A" else "government"
            for k in range(3):
                order = rng.permutation(len(FRAME))
                text = " ".join(FRAME[i].format(gov=gov, topic=topic) for i in order)
                rows.append(
                    {
                        "article_id": f"{outlet}-{e}-{k}",
                        "outlet": outlet,
                        "event": f"ev-{topic}",
                        "title": None,
                        "text": text,
                    }
                )
    for k in range(4):
        rows.append(
            {
                "article_id": f"C-storm-{k}",
                "outlet": "C",
                "event": "ev-storm",
                "title": None,
                "text": "The hurricane made landfall overnight. Hurricane winds flattened coastal towns. "
                "Forecasters tracked the hurricane as it weakened inland.",
            }
        )
    return pd.DataFrame(rows)


def event_corpus(
    *, n_events: int = 30, outlets=("North", "South", "East"), seed: int = 11
) -> pd.DataFrame:
    """Articles about ``n_events`` distinct stories (each with its own vocabulary and date),
    several outlets per story, no two stories sharing distinctive words. Labels included."""
    rng = np.random.default_rng(seed)
    places = [
        "harbour",
        "valley",
        "airport",
        "factory",
        "stadium",
        "bridge",
        "parliament",
        "hospital",
        "mine",
        "school",
        "railway",
        "market",
        "dam",
        "prison",
        "embassy",
        "university",
        "forest",
        "refinery",
        "port",
        "museum",
    ]
    actions = [
        "fire",
        "strike",
        "flood",
        "election",
        "protest",
        "merger",
        "verdict",
        "collapse",
        "summit",
        "outbreak",
    ]
    rows = []
    for e in range(n_events):
        place, action = places[e % len(places)], actions[(e * 7 + e // len(places)) % len(actions)]
        name = f"{place}{e}"  # a made-up proper name unique to the story
        day = pd.Timestamp("2020-01-01") + pd.Timedelta(days=int(e * 2))
        for o, outlet in enumerate(outlets):
            sents = [
                f"The {action} at the {name} {place} drew crowds on {day:%A}.",
                f"Officials at {name} said the {action} would be investigated.",
                f"Witnesses described the {action} near the {name} {place} as sudden.",
                f"Residents of {name} asked for answers after the {action}.",
                f"The {place} at {name} was closed while the {action} was examined.",
            ]
            rng.shuffle(sents)
            rows.append(
                {
                    "article_id": f"{outlet}-{e}",
                    "outlet": outlet,
                    "published": day + pd.Timedelta(days=o % 2),
                    "event": f"story-{e}",
                    "event_label": f"{action} at {name}",
                    "title": None,
                    "text": " ".join(sents[:3]) + "\n" + " ".join(sents[3:]),
                }
            )
    return pd.DataFrame(rows)


_ACTORS = [
    "Governor {a} said the state would act quickly.",
    "Senator {b} criticised Governor {a} at a press conference in {town}.",
    "Governor {a} and Senator {b} have clashed for months over the state budget.",
    "Aides to Senator {b} said he would speak in {town} on Friday.",
    "Governor {a} told reporters in {town} that she expected a difficult week.",
    "The dispute between Governor {a} and Senator {b} dominated the statehouse.",
]
_NAMES = [
    ("Helena Marsh", "Victor Okafor", "Riverton"),
    ("Ingrid Solberg", "Marcus Delacroix", "Fairhaven"),
    ("Rosa Quintero", "Desmond Achebe", "Millbrook"),
    ("Yuki Tanabe", "Gareth Pryce", "Ashford"),
    ("Leila Haddad", "Conrad Albrecht", "Stonebridge"),
    ("Amara Nwosu", "Felix Brandt", "Westmoor"),
]
_STORIES = [
    (
        "bridge",
        "Riverton bridge closed after inspectors find cracks",
        [
            "Inspectors found deep cracks in the steel girders of the Riverton bridge.",
            "Engineers closed the bridge to traffic and diverted trucks onto rural roads.",
            "Commuters faced long detours while the girders were examined by engineers.",
            "The transport agency said repairs to the cracked girders could take months.",
            "Truck drivers complained that the detour added an hour to every delivery.",
        ],
    ),
    (
        "teachers",
        "Teachers strike over pay as schools shut across the state",
        [
            "Teachers walked out of classrooms demanding higher salaries and smaller classes.",
            "Schools shut their doors as the union picketed outside district offices.",
            "Parents scrambled to find childcare while the strike entered its second day.",
            "The teachers union said salaries had fallen behind inflation for a decade.",
            "District officials said negotiations with the union would resume on Monday.",
        ],
    ),
    (
        "wildfire",
        "Wildfire forces evacuations in the northern hills",
        [
            "A wildfire spread through dry forest in the northern hills overnight.",
            "Firefighters battled flames as strong winds pushed the fire toward farms.",
            "Residents of hill villages evacuated with livestock and belongings.",
            "Smoke from the wildfire darkened skies and closed several highways.",
            "Fire crews dropped retardant from aircraft to slow the advancing flames.",
        ],
    ),
]


def related_stories_corpus(*, n_groups: int = 6, seed: int = 11) -> pd.DataFrame:
    """Groups of three different stories (a bridge closure, a teachers' strike, a wildfire) about the
    same two politicians and town, one day apart, each covered once by each of three outlets. Each
    article mixes the story's own sentences with sentences about the shared actors, in varying shares:
    articles of one story are alike, and articles of different stories share the actors' names."""
    rng = np.random.default_rng(seed)
    rows = []
    for g in range(n_groups):
        a, b, town = _NAMES[g % len(_NAMES)]
        actors = [t.format(a=a, b=b, town=town) for t in _ACTORS]
        base = pd.Timestamp("2022-03-01") + pd.Timedelta(days=20 * g)
        for s, (key, title, own) in enumerate(_STORIES):
            for outlet in ("Ledger", "Courier", "Sentinel"):
                n_own, n_actor = int(rng.integers(1, 4)), int(rng.integers(2, 6))
                sents = list(rng.choice(own, size=n_own, replace=False)) + list(
                    rng.choice(actors, size=n_actor, replace=False)
                )
                rng.shuffle(sents)
                rows.append(
                    {
                        "article_id": f"{key}-{g}-{outlet}",
                        "outlet": outlet,
                        "story": f"{key}-{g}",
                        "published": base + pd.Timedelta(days=s),
                        "title": f"{title}; {a.split()[1]} and {b.split()[1]} clash",
                        "text": " ".join(sents),
                    }
                )
    return pd.DataFrame(rows)


def kinds_corpus(*, seed: int = 5) -> pd.DataFrame:
    """Three outlets cover the same 20 events, two articles each, in the same sentences but for:

    * framing: the Daily Ledger says "regime" where the others say "government";
    * a bursty word: the Morning Courier repeats "blizzard" 12 times in 2 of its 40 articles;
    * house style: the Evening Sentinel writes "Mr. Okafor" and credits "Anna Berg contributed reporting.";
    * self-reference: the Daily Ledger cites itself ("told the Daily Ledger");
    * names: the Morning Courier names "Victor Okafor" in full, the others "Okafor";
    * dotted acronyms: the Evening Sentinel writes "F.B.I.", the others "FBI".
    """
    rng = np.random.default_rng(seed)
    rows = []
    for e, topic in enumerate(TOPICS + [f"{t} reform" for t in TOPICS[:8]]):
        for outlet in ("Daily Ledger", "Morning Courier", "Evening Sentinel"):
            gov = "regime" if outlet == "Daily Ledger" else "government"
            name = {"Morning Courier": "Victor Okafor", "Evening Sentinel": "Mr. Okafor"}.get(
                outlet, "Okafor"
            )
            fbi = "F.B.I." if outlet == "Evening Sentinel" else "FBI"
            for k in range(2):
                sents = [FRAME[i].format(gov=gov, topic=topic) for i in rng.permutation(len(FRAME))]
                sents += [
                    f"{name} criticised the plan on {topic} on Monday.",
                    f"The {fbi} opened an inquiry into the {topic} contracts.",
                    f"Lawmakers said {name} would testify next week.",
                ]
                if outlet == "Daily Ledger":
                    sents.append(
                        f"A minister told the Daily Ledger that the {topic} talks would go on."
                    )
                else:
                    sents.append(f"A minister told reporters that the {topic} talks would go on.")
                if outlet == "Morning Courier" and e < 2 and k == 0:
                    sents.append("The blizzard" + ", the blizzard" * 11 + " closed the roads.")
                if outlet == "Evening Sentinel":
                    sents.append("Anna Berg contributed reporting.")
                rows.append(
                    {
                        "article_id": f"{outlet[:5]}-{e}-{k}",
                        "outlet": outlet,
                        "event": f"ev-{e:02d}",
                        "title": None,
                        "text": " ".join(sents),
                    }
                )
    return pd.DataFrame(rows)
