(
    """Clean scraped article text, recording every removal in an audit.

Steps, in order (each an audit ``step``):

1. ``html``: tags removed, ``<script>``/``<style>`` removed with their
   content, entities decoded; only where the text holds HTML.
2. ``unicode``: curly quotes to straight, non-breaking and odd spaces to
   spaces, invisible format characters dropped, NFKC where it maps one
   character to at most one (so text never grows), line breaks unified.
3. ``csv-escaping``: runs of three or more quotes left by broken CSV
   exports (``"""
    "quoted"
    """``) become one quote; a pair ``""`` is left alone.
4. ``whitespace``: each line stripped, runs of spaces folded, blank lines dropped.
5. ``furniture``: whole lines matching a rule of ``furniture.ini`` (or the
   user's rules file) for all outlets or for the article's outlet.
6. ``repeated-paragraph``: a paragraph (line) of at least ``min_repeat_chars``
   characters seen earlier in the article (short lines such as "UPDATE:"
   may repeat legitimately).
7. ``repeated-headline``: a first paragraph that repeats the title.

The cleaned text holds one paragraph per line.
"""
)

from __future__ import annotations

import configparser
import gc
import html
import re
import unicodedata
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd

from .config import DEFAULT_RULES
from .errors import RulesError
from .tables import needs

MIN_REPEAT_CHARS = 60
_LINE_STEPS = ("furniture", "repeated-paragraph", "repeated-headline")
AUDIT_COLUMNS = ["article_id", "step", "rule", "n_chars", "removed"]
_SPECIAL = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\t": " ",
    "\u2028": "\n",
    "\u2029": "\n",
    "\x85": "\n",
    "\x0b": "\n",
    "\x0c": "\n",
}
_NON_PLAIN = re.compile(r"[^\x20-\x7e\n]")
_QUOTE_RUN = re.compile(r'"{3,}')  # "" can be real text; three or more never is
_HTML_TAG = re.compile(
    r"<\s*/?\s*(?:p|br|div|span|a|script|style|img|li|ul|ol|h[1-6]|em|strong|b|i|u|iframe|"
    r"figure|figcaption|table|tr|td|th|blockquote|section|article|header|footer|nav|aside|"
    r"noscript|meta|link)\b[^>]*>|<!--",
    re.IGNORECASE,
)
_HTML_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SPACES = re.compile(r"[ ]{2,}")
_BLOCK_TAGS = {
    "p",
    "br",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "figcaption",
    "aside",
    "nav",
}
_DROP_TAGS = {"script", "style", "noscript", "iframe"}


# ---------------------------------------------------------------- rules
def load_rules(path=None) -> dict[str, dict[str, str]]:
    """Read furniture rules: ``{section: {rule_name: regex}}``.

    The project's defaults (``analysis/furniture.ini``) come first; a user's
    file adds to them (same section and name replaces ours).
    """
    rules: dict[str, dict[str, str]] = {}
    for file in [DEFAULT_RULES] + ([Path(path)] if path else []):
        parser = configparser.ConfigParser(
            interpolation=None, delimiters=("=",), comment_prefixes=("#", ";")
        )
        parser.optionxform = str
        try:
            with open(file, encoding="utf-8") as fh:
                parser.read_file(fh)
        except (OSError, configparser.Error) as err:
            raise RulesError(f"{file}: cannot read rules ({err})") from None
        for section in parser.sections():
            for name, pattern in parser.items(section):
                try:
                    re.compile(pattern)
                except re.error as err:
                    raise RulesError(
                        f"{file}: section [{section}], rule '{name}': bad regular expression "
                        f"({err}): {pattern!r}"
                    ) from None
                rules.setdefault(section, {})[name] = pattern
    return rules


@lru_cache(maxsize=1)
def _default_rules() -> dict[str, dict[str, str]]:
    return load_rules()


def _compile(rules: dict[str, dict[str, str]], outlet) -> tuple[re.Pattern | None, list[str]]:
    active = (
        {**rules.get("all", {}), **rules.get(str(outlet), {})}
        if outlet is not None
        else dict(rules.get("all", {}))
    )
    names = list(active)
    if not names:
        return None, names
    joined = "|".join(f"(?P<r{i}>{active[n]})" for i, n in enumerate(names))
    return re.compile(joined, re.IGNORECASE), names


# ---------------------------------------------------------------- text steps
@lru_cache(maxsize=None)
def _map_char(c: str) -> str:
    if c in _SPECIAL:
        return _SPECIAL[c]
    if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co"):
        return ""
    folded = unicodedata.normalize("NFKC", c)
    return folded if len(folded) <= 1 else c


def normalize_unicode(text: str) -> str:
    """Quotes, spaces and compatibility characters normalised; never longer than ``text``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii() or _NON_PLAIN.search(text):
        text = _NON_PLAIN.sub(lambda m: _map_char(m.group()), text)
        composed = unicodedata.normalize("NFC", text)
        if len(composed) <= len(text):
            text = composed
    return text


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropped: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _DROP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _DROP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        (self.dropped if self._skip else self.parts).append(data)


def strip_html(text: str) -> tuple[str, str]:
    """(text without tags, scripts and entities; what was dropped with the scripts and styles)."""
    if _HTML_TAG.search(text):
        parser = _TextExtractor()
        parser.feed(text)
        parser.close()
        return "".join(parser.parts), " ".join(d.strip() for d in parser.dropped if d.strip())
    if _HTML_ENTITY.search(text):
        return html.unescape(text), ""
    return text, ""


def _paragraph_key(paragraph: str) -> str:
    return re.sub(r"[\W_]+", " ", paragraph.casefold()).strip()


def clean_text(
    text: str, *, title=None, outlet=None, rules=None, min_repeat_chars: int = MIN_REPEAT_CHARS
) -> tuple[str, list[tuple[str, str, int, str]]]:
    """Clean one article's text: ``(cleaned, [(step, rule, n_chars, removed), ...])``."""
    rules = _default_rules() if rules is None else rules
    pattern, names = _compiled(id(rules), rules, outlet)
    audit: list[tuple[str, str, int, str]] = []

    before = len(text)
    text, dropped = strip_html(text)
    if len(text) != before:
        audit.append(("html", "tags-and-entities", before - len(text), dropped[:500]))
    before = len(text)
    text = normalize_unicode(text)
    if len(text) != before:
        audit.append(
            ("unicode", "normalise", before - len(text), "invisible or compatibility characters")
        )
    before = len(text)
    text, runs = _QUOTE_RUN.subn('"', text) if '"""' in text else (text, 0)
    if runs:
        audit.append(
            (
                "csv-escaping",
                "doubled-quotes",
                before - len(text),
                f'{runs} runs of """ or more collapsed',
            )
        )

    before = len(text)
    lines = [line.strip() for line in text.split("\n")]
    lines = [_SPACES.sub(" ", line) if "  " in line else line for line in lines if line]
    ws = before - sum(len(line) for line in lines) - max(len(lines) - 1, 0)
    if ws:
        audit.append(("whitespace", "blank-lines-and-spaces", ws, ""))

    kept, seen = [], set()
    for line in lines:
        m = pattern.fullmatch(line) if pattern is not None else None
        if m is not None:
            audit.append(("furniture", names[int(m.lastgroup[1:])], len(line) + 1, line))
            continue
        if len(line) < min_repeat_chars:
            kept.append(line)
            continue
        key = line.casefold()
        if key in seen:
            audit.append(("repeated-paragraph", "repeated-paragraph", len(line) + 1, line))
            continue
        seen.add(key)
        kept.append(line)
    if kept and title and _paragraph_key(kept[0]) == _paragraph_key(str(title)):
        audit.append(("repeated-headline", "repeated-headline", len(kept[0]) + 1, kept[0]))
        kept = kept[1:]
    if not kept and lines and audit:  # no line left: no newline was removed after the last one
        step, rule, n, removed = audit[-1]
        audit[-1] = (step, rule, n - 1, removed)
    return "\n".join(kept), audit


_COMPILED: dict[tuple[int, str], tuple] = {}


def _compiled(rules_id: int, rules, outlet):
    key = (rules_id, str(outlet))
    if key not in _COMPILED:
        if len(_COMPILED) > 10_000:
            _COMPILED.clear()
        _COMPILED[key] = _compile(rules, outlet)
    return _COMPILED[key]


# ---------------------------------------------------------------- tables
@needs(articles=["article_id", "outlet", "text"])
def clean_articles(articles: pd.DataFrame, *, rules=None, return_audit: bool = False):
    """Clean every article's ``text`` (and ``title``); raw input is left untouched.

    Returns a new ``articles`` table with the cleaned ``text`` and the audit
    columns ``n_chars_raw``, ``n_chars_removed``, ``n_lines_removed`` and
    ``cleaning`` (the rules that fired, comma-separated). With
    ``return_audit=True`` returns ``(articles, audit)``, where ``audit`` has
    one row per removal: ``article_id``, ``step``, ``rule``, ``n_chars``
    and ``removed`` (the removed text, or what was changed).

    ``rules`` is a path to a rules file (added to the defaults) or the dict
    that :func:`load_rules` returns.
    """
    rule_set = (
        rules
        if isinstance(rules, dict)
        else _default_rules()
        if rules is None
        else load_rules(rules)
    )
    texts, audit_rows, n_removed, n_lines, fired = [], [], [], [], []
    titles = articles["title"] if "title" in articles else pd.Series(None, index=articles.index)
    clean_titles = [_clean_title(t) for t in titles]
    gc_was_on = gc.isenabled()
    gc.disable()  # millions of small objects and no cycles: the cyclic collector only costs time here
    try:
        for aid, text, title, outlet in zip(
            articles["article_id"], articles["text"], clean_titles, articles["outlet"]
        ):
            cleaned, audit = clean_text(text, title=title, outlet=outlet, rules=rule_set)
            texts.append(cleaned)
            n_removed.append(len(text) - len(cleaned))
            n_lines.append(sum(1 for a in audit if a[0] in _LINE_STEPS))
            fired.append(",".join(dict.fromkeys(a[1] for a in audit)))
            audit_rows.extend((aid, *a) for a in audit)
    finally:
        if gc_was_on:
            gc.enable()
    out = articles.copy()
    out["title"] = clean_titles
    out["text"] = texts
    out["n_chars_raw"] = articles["text"].str.len().to_numpy()
    out["n_chars_removed"] = n_removed
    out["n_lines_removed"] = n_lines
    out["cleaning"] = fired
    if not return_audit:
        return out
    return out, pd.DataFrame(audit_rows, columns=AUDIT_COLUMNS)


def _clean_title(title):
    if title is None or (isinstance(title, float) and title != title):
        return None
    cleaned = " ".join(strip_html(_QUOTE_RUN.sub('"', normalize_unicode(str(title))))[0].split())
    return cleaned or None
