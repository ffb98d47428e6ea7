"""What a text calls a person beyond the words next to the name: appositions, title phrases, definite descriptions.

- **Apposition after the name**: "Kim Jong-un, the North Korean leader, said": the noun phrase between
  the commas (at most ``MAX_WORDS`` words, opened by "the", "a" or "an", or not).
- **Apposition before the name**: "the North Korean leader, Kim Jong-un, said".
- **Title phrase**: "the reclusive North Korean dictator Kim": the words between a determiner and the
  name.
- **Definite description**: "the dictator" in a later sentence of the same paragraph, with no name, is
  tied to an actor named before it in that paragraph when its last word is a word the corpus's
  appositions and title phrases use for that actor and for no other actor named before it there.

What the last rule misses, by design: a description whose head word the corpus never puts beside the
actor's name ("the 34-year-old" where no apposition says "34-year-old"); one that more than one actor
named earlier in the paragraph could be; one that comes before any name in the paragraph, or in the next
paragraph; pronouns ("he", "the latter").
"""

from __future__ import annotations

import re

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

#: Honorifics are how an outlet writes names (house style, like the term contrasts' ``style``), not labels.
COURTESY = frozenset({"mr", "mrs", "ms", "miss", "mx", "messrs", "mme"})
MAX_WORDS = 8
_PHRASE = r"[^,.;:!?\"\u201c\u201d()\n]"
_AFTER = re.compile(rf"\s*,\s*((?:the|a|an)\s+{_PHRASE}{{1,90}}?)\s*(?:,|\.|;|$)")
_DETERMINER = re.compile(r"\b(?:the|a|an)\s", re.I)
_TITLE_PHRASE = re.compile(r"\b(?:the|a|an)\s+((?:[A-Za-z][\w'-]*\s+){1,8})$", re.I)


def _short(phrase: str) -> str:
    """``phrase`` where it has at most ``MAX_WORDS`` words, else ``""``."""
    return phrase if len(phrase.split()) <= MAX_WORDS else ""


def phrases(sentence: str, start: int, end: int) -> list[str]:
    """The appositions and title phrase around the name at ``[start, end)`` of ``sentence``.

    Parameters
    ----------
    sentence : str
        The sentence holding the name.
    start, end : int
        The name's offsets into it.

    Returns
    -------
    list of str
        Each phrase as written ("the North Korean leader"), at most one of each kind.
    """
    out = []
    after = _AFTER.match(sentence, end)
    if after:
        out.append(_short(after.group(1)))
    head = sentence[:start]
    before = _before(head)
    if before:
        out.append(_short(before))
    else:
        titled = _TITLE_PHRASE.search(head)
        # only words that describe: "the attack on Obama" is no title phrase
        if titled and not any(w.lower() in ENGLISH_STOP_WORDS for w in titled.group(1).split()):
            out.append(_short(titled.group(1)))
    return [p for p in out if p]


def _before(head: str) -> str:
    """The apposition that ``head`` (the sentence up to a name) ends in: "the North Korean leader, "."""
    stripped = head.rstrip()
    if not stripped.endswith(","):
        return ""
    segment = stripped[:-1]
    found = list(_DETERMINER.finditer(segment))
    if not found:
        return ""
    phrase = segment[found[-1].start() :]
    words = phrase.split()
    if re.search(r"[.;:!?\"\u201c\u201d()\n,]", phrase) or any(
        w.lower() in ENGLISH_STOP_WORDS for w in words[1:]
    ):
        return ""
    return phrase


_DESCRIPTION = re.compile(r"\bthe\s+((?:[a-z][\w-]*)(?:\s+[a-z][\w-]*){0,3})")


def descriptions(paragraph: str, named: list[tuple[int, str]], heads: dict[str, set[str]]):
    """``(actor, phrase)`` for each definite description of ``paragraph`` tied to one actor (see the module).

    Parameters
    ----------
    paragraph : str
        One paragraph of an article.
    named : list of (int, str)
        ``(offset into the paragraph, actor)`` of the actors' mentions in it, in order.
    heads : dict
        ``{actor: words its appositions and title phrases end in}``, over the corpus.

    Returns
    -------
    list of (str, str)
    """
    out = []
    if not named:
        return out
    known = set().union(*heads.values()) if heads else set()
    for m in _DESCRIPTION.finditer(paragraph):
        words = m.group(1).split()
        k = next((i for i, w in enumerate(words) if w in known), None)
        if k is None:
            continue
        head, phrase = words[k], " ".join(words[: k + 1])
        before = {actor for start, actor in named if start < m.start()}
        if not before:
            continue
        # the description stands alone: no name right after it ("the dictator Kim" is a title phrase)
        after = paragraph[m.start(1) + len(phrase) : m.start(1) + len(phrase) + 2]
        if after[:1] == " " and after[1:2].isupper():
            continue
        fits = [actor for actor in before if head in heads.get(actor, ())]
        if len(fits) == 1:
            out.append((fits[0], phrase))
    return out


def head_word(phrase: str) -> str:
    """The last word of a phrase, lower case: what :func:`descriptions` matches ("leader")."""
    words = re.findall(r"[A-Za-z][\w-]*", phrase)
    return words[-1].lower() if words else ""
