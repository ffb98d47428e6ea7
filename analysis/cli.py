"""Command line: ``python -m analysis COMMAND``. Errors print one sentence and exit with status 2."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import config
from .clean import RulesError, clean_articles
from .corpus import CorpusError, corpus_warnings, outlet_summary, read_corpus

EXIT_USAGE = 2


class UsageError(ValueError):
    """A command-line request that cannot be carried out."""


def _columns(text: str | None) -> dict[str, str] | None:
    if not text:
        return None
    mapping = {}
    for part in text.split(","):
        ours, sep, theirs = part.partition("=")
        if not sep or not ours.strip() or not theirs.strip():
            raise UsageError(f"--columns takes FIELD=COLUMN pairs separated by commas, not {part!r}")
        mapping[ours.strip()] = theirs.strip()
    return mapping


def _add_corpus_args(p: argparse.ArgumentParser, *, optional: bool = False) -> None:
    if optional:
        p.add_argument("--corpus", default=str(config.SAMPLE_CORPUS), help="corpus file or folder (default: the bundled sample)")
    else:
        p.add_argument("corpus", help="corpus file (.csv, .tsv, .jsonl, .parquet) or folder of .txt files with manifest.csv")
    p.add_argument("--columns", help="map fields to your columns, e.g. text=body,outlet=media_name")
    p.add_argument("--encoding", help="the corpus's text encoding when it is not UTF-8 (e.g. cp1252)")


def _read(args):
    return read_corpus(args.corpus, columns=_columns(args.columns), encoding=args.encoding)


def cmd_validate(args) -> int:
    loaded = _read(args)
    arts = loaded.articles
    say = print
    say(f"corpus: {loaded.path} ({loaded.format})")
    say(f"rows read: {loaded.n_rows}; articles: {len(arts)}; rows left out: {len(loaded.skipped)}")
    say("columns used: " + ", ".join(f"{ours} <- '{theirs}'" for ours, theirs in loaded.columns_used.items()))
    for note in loaded.notes:
        say(f"note: {note}")
    dates = arts["published"].dropna()
    span = f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else "no dates"
    n_events = arts["event"].nunique()
    shared = arts.dropna(subset=["event"]).groupby("event")["outlet"].nunique()
    say(f"outlets: {arts['outlet'].nunique()}; events: {n_events} ({int((shared >= 2).sum())} covered by 2+ outlets); "
        f"published: {span}")
    say("")
    say(outlet_summary(arts).to_string(index=False))
    if len(loaded.skipped):
        say("\nrows left out:")
        for r in loaded.skipped.itertuples():
            say(f"  {r.source}: {r.reason}")
    warns = corpus_warnings(arts)
    if warns:
        say("")
        for w in warns:
            say(f"warning: {w}")
    say("\nusable: yes")
    return 0


def _refuse_unsafe_out(out: Path, corpus: Path) -> None:
    out, corpus = out.resolve(), corpus.resolve()
    raw = config.RAW_DIR.resolve()
    if out == raw or raw in out.parents:
        raise UsageError(f"--out {out} is inside {raw}: raw data is never written to")
    home = corpus if corpus.is_dir() else corpus.parent
    if out == home or (corpus.is_dir() and home in out.parents):
        raise UsageError(f"--out {out} would write next to the input {corpus}: choose another folder")


def cmd_prepare(args) -> int:
    out = Path(args.out)
    _refuse_unsafe_out(out, Path(args.corpus))
    loaded = _read(args)
    cleaned, audit = clean_articles(loaded.articles, rules=args.rules, return_audit=True)
    out.mkdir(parents=True, exist_ok=True)
    cleaned.to_parquet(config.inside(out, "articles.parquet"), index=False)
    cleaned.to_csv(config.inside(out, "articles.csv"), index=False)
    audit.to_csv(config.inside(out, "cleaning_audit.csv"), index=False)
    loaded.skipped.to_csv(config.inside(out, "skipped_rows.csv"), index=False)
    print(f"{len(cleaned)} articles cleaned ({int(cleaned['n_chars_removed'].sum())} characters, "
          f"{int(cleaned['n_lines_removed'].sum())} lines removed; {len(audit)} audit rows); "
          f"{len(loaded.skipped)} rows left out; written to {out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check a corpus and say what is in it")
    _add_corpus_args(p)
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("prepare", help="clean a corpus and write articles, audit and skipped rows")
    _add_corpus_args(p)
    p.add_argument("--out", required=True, help="output folder (never data/raw or the input's own folder)")
    p.add_argument("--rules", help="extra page-furniture rules file (same form as analysis/furniture.ini)")
    p.set_defaults(func=cmd_prepare)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (CorpusError, RulesError, UsageError) as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
