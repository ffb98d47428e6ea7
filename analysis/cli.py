"""Command line: ``python -m analysis COMMAND``. Errors print one line and exit with status 2 (bad input) or 1
(a run that could not finish, a fault of the machine)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import pandas as pd

from . import config
from .actors import find_actors, read_codebook
from .contrast import spreadsheet_rows, top_terms
from .corpus import corpus_warnings, outlet_summary
from .errors import FramingError, InsufficientData, UsageError, describe_os_error
from .events import coverage_gaps, coverage_matrix, wire_copy_ids
from .explorer import write_explorer
from .export import SPREADSHEET_ROWS, spreadsheet_safe
from .findings import findings_evidence, findings_markdown, summarize, term_contexts
from .labels import actor_labels, label_reach
from .languages import language_mix
from .parallel import SCHEDULER_ENV, describe
from .pipeline import prepare_corpus
from .report import build_report
from .sentences import split_sentences
from .sentiment import (
    article_sentiment,
    event_adjusted_sentiment,
    group_sentiment,
    pairwise_sentiment,
    voice_sentiment,
)
from .shuffles import shuffled_findings
from .store import cache_entries, clear_cache, verify_cache
from .targets import actor_sentiment

EXIT_USAGE = 2


def _columns(text: str | None) -> dict[str, str] | None:
    if not text:
        return None
    mapping = {}
    for part in text.split(","):
        ours, sep, theirs = part.partition("=")
        if not sep or not ours.strip() or not theirs.strip():
            raise UsageError(
                f"--columns takes FIELD=COLUMN pairs separated by commas, not {part!r}"
            )
        mapping[ours.strip()] = theirs.strip()
    return mapping


def _add_corpus_args(
    p: argparse.ArgumentParser, *, optional: bool = False, out: bool = False
) -> None:
    if optional:
        p.add_argument(
            "--corpus",
            default=str(config.SAMPLE_CORPUS),
            help="corpus file or folder (default: the bundled sample)",
        )
    else:
        p.add_argument(
            "corpus",
            help="corpus file (.csv, .tsv, .jsonl, .parquet) or folder of .txt files with manifest.csv",
        )
    p.add_argument("--columns", help="map fields to your columns, e.g. text=body,outlet=media_name")
    p.add_argument(
        "--encoding", help="the corpus's text encoding when it is not UTF-8 (e.g. cp1252)"
    )
    p.add_argument(
        "--rules", help="extra page-furniture rules file (same form as analysis/furniture.ini)"
    )
    p.add_argument(
        "--events", help="CSV of article_id,event[,event_label] correcting automatic event grouping"
    )
    p.add_argument(
        "--cache-dir",
        help="folder of prepared corpora and sentence scores "
        "(default: $FRAMING_CACHE_DIR or ~/.cache/framing-analysis)",
    )
    p.add_argument(
        "--scheduler",
        help="where heavy steps run: 'local' (default: this machine's cores), 'serial', "
        "or a Dask scheduler address such as tcp://host:8786 (default: $FRAMING_SCHEDULER)",
    )
    if out:
        p.add_argument(
            "--out", required=True, help="output folder (never data/raw or the input's own folder)"
        )


def _prepare(args):
    return prepare_corpus(
        args.corpus,
        columns=_columns(args.columns),
        encoding=args.encoding,
        rules=getattr(args, "rules", None),
        event_overrides=getattr(args, "events", None),
        cache_dir=args.cache_dir,
    )


def _sentences(prepared, args):
    return prepared.sentences(cache_dir=args.cache_dir, n_jobs=getattr(args, "jobs", None))


def cmd_validate(args) -> int:
    prepared = _prepare(args)
    loaded, arts = prepared.loaded, prepared.articles
    print(f"corpus: {loaded.path} ({loaded.format})")
    print(
        f"rows read: {loaded.n_rows}; articles: {len(arts)}; rows left out: {len(loaded.skipped)}"
    )
    print(
        "columns used: "
        + ", ".join(f"{ours} <- '{theirs}'" for ours, theirs in loaded.columns_used.items())
    )
    for note in prepared.notes:
        print(f"note: {note}")
    dates = arts["published"].dropna()
    span = f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else "no dates"
    shared = arts.groupby("event")["outlet"].nunique()
    print(
        f"outlets: {arts['outlet'].nunique()}; events: {arts['event'].nunique()} "
        f"({int((shared >= 2).sum())} covered by 2+ outlets); published: {span}"
    )
    print(f"languages: {language_mix(arts)}")
    print(
        f"cleaning removed {int(arts['n_chars_removed'].sum())} characters and "
        f"{int(arts['n_lines_removed'].sum())} lines (prepare writes the audit)"
    )
    print("")
    print(outlet_summary(arts).to_string(index=False))
    if len(loaded.skipped):
        print("\nrows left out:")
        for r in loaded.skipped.itertuples():
            print(f"  {r.source}: {r.reason}")
    warns = corpus_warnings(loaded.articles)
    if warns:
        print("")
        for w in warns:
            print(f"warning: {w}")
    print("\nusable: yes")
    return 0


def _refuse_unsafe_out(out: Path, corpus: Path) -> None:
    out, corpus = out.resolve(), corpus.resolve()
    raw = config.RAW_DIR.resolve()
    if out == raw or raw in out.parents:
        raise UsageError(f"--out {out} is inside {raw}: raw data is never written to")
    home = corpus if corpus.is_dir() else corpus.parent
    if out == home or (corpus.is_dir() and home in out.parents):
        raise UsageError(
            f"--out {out} would write next to the input {corpus}: choose another folder"
        )


def _out(args) -> Path:
    out = Path(args.out)
    _refuse_unsafe_out(out, Path(args.corpus))
    return out


def _write(out: Path, tables: dict[str, pd.DataFrame]) -> None:
    """Write each table: ``.parquet`` exactly; ``.csv`` spreadsheet-safe, with an exact Parquet twin."""
    out.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        path = config.inside(out, name)
        if name.endswith(".parquet"):
            table.to_parquet(path, index=False)
            continue
        spreadsheet_safe(table).to_csv(path, index=False, lineterminator="\n")
        twin = path.with_suffix(".parquet")
        if twin.name not in tables:
            table.to_parquet(twin, index=False)


def cmd_prepare(args) -> int:
    out = _out(args)
    prepared = _prepare(args)
    n_sentences = sum(
        len(part)
        for part in prepared.sentence_parts(
            cache_dir=args.cache_dir, n_jobs=getattr(args, "jobs", None)
        )
    )
    cleaned, audit = prepared.articles, prepared.audit
    _write(
        out,
        {
            "articles.parquet": cleaned,
            "articles.csv": cleaned,
            "cleaning_audit.csv": audit,
            "skipped_rows.csv": prepared.skipped,
        },
    )
    for note in prepared.notes:
        print(f"note: {note}")
    print(f"languages: {language_mix(cleaned)}")
    print(
        f"{len(cleaned)} articles cleaned ({int(cleaned['n_chars_removed'].sum())} characters, "
        f"{int(cleaned['n_lines_removed'].sum())} lines removed; {len(audit)} audit rows); "
        f"{len(prepared.skipped)} rows left out; {n_sentences} sentences split and scored; written to {out}"
    )
    if prepared.folder is not None:
        print(
            f"prepared dataset (reused by the notebooks, the report and every command): {prepared.folder}"
        )
    print("time: " + ", ".join(f"{step} {sec:.1f} s" for step, sec in prepared.timings.items()))
    return 0


def cmd_sentiment(args) -> int:
    out = _out(args)
    prepared = _prepare(args)
    sentences = _sentences(prepared, args)
    scores = article_sentiment(sentences)
    by_outlet = group_sentiment(scores)
    tables = {
        "sentences.parquet": sentences,
        "sentiment_articles.csv": scores,
        "sentiment_by_outlet.csv": by_outlet,
        "sentiment_by_event_outlet.csv": group_sentiment(scores, by=["event", "outlet"]),
        "sentiment_voice.csv": voice_sentiment(sentences),
    }
    for name, func in (
        ("sentiment_event_adjusted.csv", event_adjusted_sentiment),
        ("sentiment_pairwise.csv", pairwise_sentiment),
    ):
        try:
            tables[name] = func(scores)
        except InsufficientData as err:
            print(f"not computed: {name} ({err})")
    _write(out, tables)
    print(by_outlet.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    print(f"\n{len(sentences)} sentences of {len(scores)} articles; tables written to {out}")
    return 0


def _add_n_boot(p: argparse.ArgumentParser, over: str = "") -> None:
    p.add_argument(
        "--n-boot",
        type=int,
        default=2000,
        help=f"bootstrap resamples{over} for the intervals (default 2000)",
    )


def _add_tone_budget(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--tone-budget",
        type=lambda t: _at_least_one(t, besides=" or 'all'") if t != "all" else None,
        default=config.TONE_BUDGET,
        metavar="N",
        help=f"mentions scored for tone towards actors at most (default {config.TONE_BUDGET:,}; 'all': "
        "every mention); beyond it, at most the same number per actor, outlet and event, the "
        "same mentions every run, said in the table",
    )


def _at_least_one(text: str, *, besides: str = "") -> int:
    """A whole number of 1 or more, from the command line (``besides``: what else the option takes)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number{besides}: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more: {value}")
    return value


def _kinds(value: str) -> str:
    """--kinds: comma-separated kinds of terms."""
    from .kinds import KINDS

    wrong = [k for k in value.split(",") if k not in KINDS]
    if wrong:
        raise argparse.ArgumentTypeError(
            f"not a kind of term: {', '.join(wrong)} (kinds: {', '.join(KINDS)})"
        )
    return value


def _min_df(value: str):
    """--min-df: a whole number of articles or "auto"."""
    return value if value == "auto" else _at_least_one(value, besides=" or 'auto'")


def cmd_contrast(args) -> int:
    out = _out(args)
    corpus = _prepare(args)
    # kept: a rerun reads it
    exclude = wire_copy_ids(corpus.wire_copies()) if args.exclude_wire else None
    prior = args.uniform_prior if args.uniform_prior is not None else "informative"
    ngrams = tuple(int(n) for n in args.ngrams.split(","))
    # names: kept too
    mentions = corpus.actors(codebook=args.codebook or config.default_codebook(args.corpus))
    table = corpus.contrasts(
        scope=args.scope.split(","),
        prior=prior,
        prior_scale=args.prior_scale,
        exclude=exclude,
        outlets=args.outlets,
        min_df=args.min_df,
        ngram_range=ngrams,
        mentions=mentions,
        term_rules=args.term_rules,
    )  # kept: a rerun reads it back
    keep = spreadsheet_rows(table, limit=SPREADSHEET_ROWS - 1)
    _write(out, {"term_contrasts.csv": table[keep], "term_contrasts.parquet": table})
    kinds = args.kinds.split(",")
    for (scope, outlet), grp in top_terms(table, n=args.top, kinds=kinds).groupby(
        ["scope", "outlet"], sort=False, observed=True
    ):
        print(
            f"{scope:>8} | {outlet}: "
            + ", ".join(f"{t} ({z:.1f})" for t, z in zip(grp["term"], grp["z"]))
        )
    cut = (
        ""
        if keep.all()
        else f" ({int(keep.sum())} in the CSV: q < 0.05 or the 1,000 highest |z| of each)"
    )
    print(
        f"\n{len(table)} rows{cut} written to {config.inside(out, 'term_contrasts.csv')} and .parquet; "
        f"shown: {', '.join(kinds)} terms (--kinds)"
    )
    return 0


def cmd_events(args) -> int:
    out = _out(args)
    prepared = _prepare(args)
    articles = prepared.articles
    for note in prepared.notes:
        print(f"note: {note}")
    matrix = coverage_matrix(articles)
    wires = prepared.wire_copies(min_shared=args.min_shared)  # kept: a rerun reads it back
    _write(
        out,
        {
            "coverage_matrix.csv": matrix.reset_index(),
            "coverage_gaps.csv": coverage_gaps(articles),
            "article_events.csv": articles[
                ["article_id", "outlet", "published", "event", "event_label"]
            ],
            "wire_copies.csv": wires,
        },
    )
    per_outlet = (matrix > 0).sum()
    print(
        f"{len(matrix)} events; events covered per outlet: "
        + ", ".join(f"{o}: {n}" for o, n in per_outlet.items())
    )
    print(
        f"events covered by every outlet: {int(((matrix > 0).sum(axis=1) == matrix.shape[1]).sum())}"
    )
    print(f"wire-copy pairs (shared fraction >= {args.min_shared}): {len(wires)}")
    print(f"tables written to {out}")
    return 0


def cmd_findings(args) -> int:
    out = _out(args)
    prepared = _prepare(args)
    articles, sentences = prepared.articles, _sentences(prepared, args)
    scores = article_sentiment(sentences)
    # names: no framing
    mentions = prepared.actors(codebook=args.codebook or config.default_codebook(args.corpus))
    evidence, reasons = findings_evidence(
        prepared, scores, n_boot=args.n_boot, mentions=mentions, term_rules=args.term_rules
    )
    for name, reason in reasons.items():
        print(f"not computed ({name}): {reason}")
    frames = prepared.frames()
    shuffled = shuffled_findings(
        prepared,
        scores,
        k=args.shuffles,
        mentions=mentions,
        term_rules=args.term_rules,
        frames=frames,
    )
    findings = summarize(articles, **evidence, alpha=args.alpha, shuffled=shuffled)
    _write(
        out,
        {
            "findings.csv": findings,
            "findings_shuffled.csv": shuffled,
            "actor_mentions.csv": mentions,
        },
    )
    config.inside(out, "findings.md").write_text(findings_markdown(findings), encoding="utf-8")
    page = write_explorer(
        articles,
        sentences,
        config.inside(out, "explorer.html"),
        findings=findings,
        article_scores=scores,
        mentions=mentions,
        frame_scores=frames,
        **evidence,
    )
    print(findings_markdown(findings))
    print(
        f"findings.md, findings.csv and {page.name} ({page.stat().st_size / 1e6:.1f} MB) written to {out}"
    )
    return 0


def cmd_frames(args) -> int:
    from .frame_stats import frame_prevalence, pairwise_frames
    from .frames import FRAME_NAMES, frame_checks, frame_evidence

    out = _out(args)
    prepared = _prepare(args)
    frames = prepared.frames()
    for note in frames.attrs.get("notes", []):
        print("note:", note)
    checks = frame_checks()
    tables = {"frames_by_article.csv": frames, "frames_model_checks.csv": checks}
    try:
        prevalence = frame_prevalence(frames, n_boot=args.n_boot)
        pairs = pairwise_frames(frames, n_boot=args.n_boot)
        tables.update({"frames_by_outlet.csv": prevalence, "frames_pairwise.csv": pairs})
    except InsufficientData as err:
        prevalence = pairs = None
        print(f"outlets not compared: {err}")
    evidence = frame_evidence(
        prepared.articles,
        frames,
        sentences=_sentences(prepared, args),
        per_group=args.evidence_articles,
    )
    tables["frames_evidence.csv"] = evidence
    _write(out, tables)
    for r in checks.itertuples():
        print(
            f"{r.frame_name}: cross-validated macro-F1 {r.cv_macro_f1:.2f}; hand-coded check: {r.why}"
        )
    if prevalence is not None:
        for frame, rows in prevalence.groupby("frame", sort=False):
            shares = ", ".join(
                f"{r.outlet} {r.prevalence:.0%} ({r.ci_low:.0%} to {r.ci_high:.0%})"
                if r.ci_low == r.ci_low
                else f"{r.outlet} {r.prevalence:.0%}"
                for r in rows.itertuples()
            )
            print(f"== {FRAME_NAMES[frame]}: {shares}")
        held = pairs[pairs["holds"]]
        print(
            f"{len(held)} of {len(pairs)} pairwise differences hold after correction for all comparisons"
        )
    print(f"tables written to {out}")
    return 0


def cmd_contexts(args) -> int:
    out = _out(args)
    articles = _prepare(args).articles
    found = term_contexts(
        split_sentences(articles), args.term, outlet=args.outlet, event=args.event
    )
    name = f"contexts-{config.safe_name(args.term)}.csv"
    _write(out, {name: found})
    for outlet, rows in found.groupby("outlet", sort=True):
        print(f"== {outlet}: {len(rows)} sentences in {rows['article_id'].nunique()} articles")
        for r in rows.head(args.top).itertuples():
            print(
                f"  [{r.event}] {r.text[: r.start]}**{r.text[r.start : r.end]}**{r.text[r.end :]}"
            )
    print(f"\n{len(found)} sentences written to {config.inside(out, name)}")
    return 0


def cmd_actors(args) -> int:
    out = _out(args)
    prepared = _prepare(args)
    articles = prepared.articles
    mentions = find_actors(articles, codebook=args.codebook, min_articles=args.min_articles)
    sentences = _sentences(prepared, args)
    tables = {"actor_mentions.csv": mentions}
    labels = tone = None
    try:
        labels = actor_labels(
            mentions,
            articles,
            scope=args.scope,
            window=args.window,
            sentences=sentences,
            top=args.actors or None,
        )
        tables["actor_labels.csv"] = labels
    except InsufficientData as err:
        print(f"labels not computed: {err}")
    try:
        tone = actor_sentiment(
            mentions,
            articles,
            sentences=sentences,
            n_boot=args.n_boot,
            top=args.actors or None,
            budget=args.tone_budget,
        )
        tables["actor_sentiment.csv"] = tone
    except InsufficientData as err:
        print(f"tone towards actors not computed: {err}")
    _write(out, tables)
    summary = mentions.groupby("actor").agg(
        articles=("article_id", "nunique"),
        mentions=("actor", "size"),
        outlets=("outlet", "nunique"),
        kind=("kind", "first"),
    )
    summary = summary[summary["kind"] != "place"]  # places are listed apart, below
    summary = summary.sort_values(["articles", "mentions"], ascending=False, kind="stable").head(
        args.top
    )
    for actor, row in summary.iterrows():
        print(
            f"{actor} ({row['kind']}): {row['mentions']} mentions in {row['articles']} articles, "
            f"{row['outlets']} outlets"
        )
        if labels is not None:
            mine = labels[(labels["actor"] == actor) & (labels["q"] < 0.05) & (labels["z"] > 0)]
            words = "; ".join(
                f"{o}: "
                + ", ".join(f"{t} ({z:.1f})" for t, z in zip(g["term"].head(3), g["z"].head(3)))
                for o, g in mine.groupby("outlet", sort=True)
            )
            print(f"  labels (q < 0.05): {words or 'none'}")
            reach = label_reach(labels, actors=[actor]) if not words else ()
            if len(reach):  # none found: what the test could have found
                print(
                    "    to be found, a label one outlet alone uses must be in: "
                    + "; ".join(
                        f"{r.outlet} "
                        + (
                            f"{r.needs_articles} of its {r.articles} articles"
                            if pd.notna(r.needs_articles)
                            else f"more than its {r.articles} articles"
                        )
                        + f" (the most any is in: {r.most_alone})"
                        for r in reach.itertuples()
                    )
                )
        if tone is not None and actor in set(tone["actor"]):
            parts = []
            for r in tone[tone["actor"] == actor].itertuples():
                part = f"{r.outlet} {r.mean:+.2f} [{r.ci_low:+.2f}, {r.ci_high:+.2f}]"
                if r.adjusted == r.adjusted:  # not NaN
                    part += f", vs others on the same events {r.adjusted:+.2f} [{r.adjusted_low:+.2f}, {r.adjusted_high:+.2f}]"
                parts.append(part + (f" ({r.caution})" if r.caution else ""))
            print("  tone towards it (95% intervals): " + "; ".join(parts))
    places = mentions[mentions["kind"] == "place"].groupby("actor")["article_id"].nunique()
    places = places.sort_values(ascending=False, kind="stable").head(args.top)
    if len(places):
        print("places named: " + ", ".join(f"{p} ({n} articles)" for p, n in places.items()))
    kinds = mentions.drop_duplicates("actor")["kind"].value_counts()
    print(
        f"\n{len(mentions)} mentions ({int(mentions['in_title'].sum())} in headlines) of "
        f"{mentions['actor'].nunique()} actors ({', '.join(f'{n} {k}' for k, n in kinds.items())}); "
        f"tables written to {out}"
    )
    return 0


def cmd_cache(args) -> int:
    root = Path(args.cache_dir) if args.cache_dir else config.cache_dir()
    if args.older_than is not None and args.older_than < 0:
        raise UsageError(f"--older-than must be 0 or more days, not {args.older_than}")
    if args.clear is not None or args.older_than is not None:
        removed = clear_cache(root, key=args.clear or None, older_than=args.older_than)
        freed = sum(e["bytes"] for e in removed)
        for entry in removed:
            print(f"removed {entry['key'][:16]}  {entry['corpus']}")
        print(
            f"removed {len(removed)} entr{'y' if len(removed) == 1 else 'ies'} of {root}, {freed / 1e6:,.1f} MB"
        )
        return 0
    if args.verify:
        found = verify_cache(root)
        for path, why in found:
            print(f"damaged: {path}: {why}; removed, computed again when next needed")
        print(
            f"checked every file of {root}: " + (f"{len(found)} damaged" if found else "all sound")
        )
        return 1 if found else 0
    entries = cache_entries(root)
    if not entries:
        print(f"{root} holds nothing")
        return 0
    now = time.time()
    print(f"{'key':16}  {'articles':>9}  {'MB':>9}  {'last used':>10}  corpus")
    for e in entries:
        days = (now - e["used"]) / 86400
        print(
            f"{e['key'][:16]:16}  {'' if e['articles'] is None else format(e['articles'], ','):>9}  "
            f"{e['bytes'] / 1e6:>9,.1f}  {f'{days:.1f} days':>10}  {e['corpus']}"
        )
    print(f"{len(entries)} entries in {root}, {sum(e['bytes'] for e in entries) / 1e6:,.1f} MB")
    return 0


SLOWEST_CELLS = 5  # notebook cells named by `report` after its timings


def cmd_report(args) -> int:
    options = {
        "columns": _columns(args.columns),
        "encoding": args.encoding,
        "rules": args.rules,
        "event_overrides": args.events,
    }
    parameters = {} if args.tone_budget == config.TONE_BUDGET else {"TONE_BUDGET": args.tone_budget}
    if args.codebook:
        # a bad codebook fails now, naming its line, not inside a notebook
        read_codebook(args.codebook)
        parameters["CODEBOOK"] = str(Path(args.codebook).resolve())
    timings: dict[str, float] = {}
    cells: list = []
    started = time.perf_counter()
    try:
        folder = build_report(
            corpus=args.corpus,
            out=_out(args),
            options=options,
            parameters=parameters,
            wait=args.wait,
            timings=timings,
            cells=cells,
            at_once=args.at_once,
        )
    # nothing half-written is left (build_report removes it); the previous report stays
    except OSError as err:
        print(
            f"error: {describe_os_error(err, f'writing the report to {_out(args)}', where=_out(args))}",
            file=sys.stderr,
        )
        return 1
    total = time.perf_counter() - started
    overlap = " (notebooks ran side by side, so their times overlap)" if args.at_once != 1 else ""
    print(
        "where the time went: "
        + "; ".join(f"{step} {sec:.1f} s" for step, sec in timings.items())
        + f"; total {total:.1f} s{overlap}"
    )
    slowest = sorted(cells, key=lambda c: -c[3])[:SLOWEST_CELLS]
    print(
        "slowest cells: "
        + "; ".join(
            f"{nb} cell {k} ({line.strip()[:40]}) {sec:.1f} s" for nb, k, line, sec in slowest
        )
    )
    print(f"report written to {folder} (open {folder / 'index.html'})")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check a corpus and say what is in it")
    _add_corpus_args(p)
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("prepare", help="clean a corpus and write articles, audit and skipped rows")
    _add_corpus_args(p, out=True)
    p.set_defaults(func=cmd_prepare)
    p = sub.add_parser(
        "sentiment", help="sentence-level VADER per outlet, event-adjusted, pairwise, by voice"
    )
    _add_corpus_args(p, out=True)
    p.add_argument(
        "--jobs",
        type=int,
        help="processes for scoring new sentences (default: all cores for big inputs)",
    )
    p.set_defaults(func=cmd_sentiment)
    p = sub.add_parser(
        "contrast", help="terms each outlet prefers (log-odds z, TF-IDF), one-vs-rest"
    )
    _add_corpus_args(p, out=True)
    p.add_argument(
        "--scope", default="all,matched", help="comma-separated: all, matched, events, or event ids"
    )
    p.add_argument(
        "--min-df",
        type=_min_df,
        default="auto",
        help="a term must occur in at least this many articles (default auto: 2, or 1 in 100,000 "
        "articles where that is more)",
    )
    p.add_argument("--ngrams", default="1,2", help="smallest,largest n-gram length (default 1,2)")
    p.add_argument(
        "--prior-scale",
        type=float,
        default=0.1,
        help="informative prior = counts x this (default 0.1)",
    )
    p.add_argument("--uniform-prior", type=float, help="use this uniform prior count instead")
    p.add_argument(
        "--exclude-wire", action="store_true", help="leave out articles found to be wire copies"
    )
    p.add_argument(
        "--outlets",
        nargs="+",
        metavar="OUTLET",
        help="compare only these outlets (default: every one)",
    )
    p.add_argument("--top", type=int, default=10, help="terms to print per outlet")
    p.add_argument(
        "--kinds",
        default="framing",
        type=_kinds,
        help="comma-separated kinds of terms to print: framing (default), name, style, self",
    )
    p.add_argument(
        "--codebook",
        help="actors by regular expression (CSV or INI of actor, pattern): their names are "
        "the kind 'name'",
    )
    p.add_argument(
        "--term-rules", help="CSV of kind,term[,outlet] rules that set the kind of terms (see docs)"
    )
    p.set_defaults(func=cmd_contrast)
    p = sub.add_parser(
        "events", help="coverage matrix, blindspots, automatic event grouping, wire copies"
    )
    _add_corpus_args(p, out=True)
    p.add_argument(
        "--min-shared", type=float, default=0.5, help="shared text fraction that makes a wire copy"
    )
    p.set_defaults(func=cmd_events)
    p = sub.add_parser(
        "findings", help="ranked findings with their numbers, and the offline explorer.html"
    )
    _add_corpus_args(p, out=True)
    _add_n_boot(p)
    p.add_argument(
        "--alpha",
        type=float,
        default=0.05,
        help="false discovery rate for term findings (default 0.05)",
    )
    p.add_argument("--codebook", help="actors by regular expression: CSV or INI of actor, pattern")
    p.add_argument(
        "--term-rules",
        help="CSV of kind,term[,outlet] rules that set the kind of terms (see docs/methods.md)",
    )
    p.add_argument(
        "--shuffles",
        type=int,
        default=20,
        help="copies of the corpus with the outlets shuffled within "
        "events, for the chance check (default 20; 0: none)",
    )
    p.set_defaults(func=cmd_findings)
    p = sub.add_parser(
        "contexts", help="every sentence holding a term, per outlet (as the contrasts count it)"
    )
    _add_corpus_args(p, out=True)
    p.add_argument(
        "--term", required=True, help="a word or a multi-word term, e.g. 'regime' or 'Mr. Trump'"
    )
    p.add_argument("--outlet", action="append", help="only this outlet (repeat for more)")
    p.add_argument("--event", action="append", help="only this event id (repeat for more)")
    p.add_argument(
        "--top", type=int, default=5, help="sentences to print per outlet (all are written)"
    )
    p.set_defaults(func=cmd_contexts)
    p = sub.add_parser(
        "actors", help="who each outlet names, how often, with which words (labels) and what tone"
    )
    _add_corpus_args(p, out=True)
    p.add_argument("--codebook", help="actors by regular expression: CSV or INI of actor, pattern")
    p.add_argument(
        "--min-articles",
        type=int,
        default=1,
        help="an automatic actor must be in this many articles",
    )
    p.add_argument(
        "--scope",
        default="matched",
        choices=["matched", "all"],
        help="compare labels on shared events only (default) or on all articles",
    )
    p.add_argument(
        "--window", type=int, default=3, help="words either side of a mention that label it"
    )
    p.add_argument("--top", type=int, default=15, help="actors to print")
    _add_n_boot(p)
    p.add_argument(
        "--actors",
        type=int,
        default=100,
        help="labels and tone for the actors named in most articles, "
        "this many (default 100; 0: every actor)",
    )
    _add_tone_budget(p)
    p.set_defaults(func=cmd_actors)
    p = sub.add_parser(
        "frames", help="generic news frames per article and per outlet, pairwise, with evidence"
    )
    _add_corpus_args(p, out=True)
    _add_n_boot(p, " (over events)")
    p.add_argument(
        "--evidence-articles",
        type=int,
        default=25,
        help="articles per outlet and frame whose evidence sentences are written (default 25)",
    )
    p.set_defaults(func=cmd_frames)
    p = sub.add_parser(
        "cache", help="what the cache holds (prepared corpora, sentence scores); check or clear it"
    )
    p.add_argument(
        "--cache-dir",
        help="the cache folder (default: $FRAMING_CACHE_DIR or ~/.cache/framing-analysis)",
    )
    p.add_argument(
        "--verify",
        action="store_true",
        help="read every file back; remove damaged ones, which the next "
        "run computes again (exit 1 if any was found)",
    )
    p.add_argument(
        "--clear",
        nargs="?",
        const="",
        metavar="KEY",
        help="remove every entry, or those whose key starts "
        "with KEY (as listed; 'sentence-scores' for the scores); not while a run uses them",
    )
    p.add_argument(
        "--older-than",
        type=float,
        metavar="DAYS",
        help="with or without --clear: remove the entries last used more than DAYS days ago",
    )
    p.set_defaults(func=cmd_cache)
    p = sub.add_parser("report", help="run every notebook headless and export the report folder")
    _add_corpus_args(p, optional=True)
    p.add_argument(
        "--out",
        default=str(config.DEFAULT_REPORT_DIR),
        help="report folder (default: reports/sample)",
    )
    p.add_argument(
        "--codebook",
        help="actors by regular expression for the explorer: CSV or INI of actor, pattern",
    )
    p.add_argument(
        "--wait",
        action="store_true",
        help="if another report is being written to the same folder, wait for it instead of stopping",
    )
    p.add_argument(
        "--at-once",
        type=_at_least_one,
        default=None,
        metavar="N",
        help="notebooks run at once, each in its own kernel (default 2; 1: one after another); "
        "the report is the same either way",
    )
    _add_tone_budget(p)
    p.set_defaults(func=cmd_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if getattr(args, "scheduler", None):
            print(f"heavy steps run on: {describe(args.scheduler)}", file=sys.stderr)
            # every step, and the report's notebooks, use it
            os.environ[SCHEDULER_ENV] = args.scheduler
        if getattr(args, "cache_dir", None):
            os.environ["FRAMING_CACHE_DIR"] = args.cache_dir
        return args.func(args)
    # bad input (2), or a run that could not finish (1): one line, no traceback
    except FramingError as err:
        print(f"error: {err}", file=sys.stderr)
        return err.exit_status
    except BrokenPipeError:  # output piped into `head` and cut short: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    # the machine: a full disk, a folder that cannot be written, too many open files
    except OSError as err:
        print(f"error: {describe_os_error(err)}", file=sys.stderr)
        return 1
