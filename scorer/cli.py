"""The ``credscore`` command line.

Exit codes: 0 every record scored; 1 some records failed (their error records are in the
output); 2 usage error; 3 model or configuration error.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence, TextIO

from scorer import __version__
from scorer.errors import ConfigError, ModelLoadError

logger = logging.getLogger("credscore")

EXIT_OK, EXIT_FAILED_RECORDS, EXIT_USAGE, EXIT_MODEL = 0, 1, 2, 3

EPILOG = """exit codes:
  0  every input record was scored
  1  some records failed; each has an error record in the output, the batch went on
  2  usage error (bad option, output exists without --force, ...)
  3  model or configuration error (missing, tampered or incompatible model file)
"""

#: Documents sent to a worker at a time (the model predicts a batch at once).
CHUNK = 32


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (subcommands: score, explain, detectors, and more)."""
    parser = argparse.ArgumentParser(
        prog="credscore", description="Score the credibility and spam contamination of news "
        "and web documents.", epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"credscore {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging on stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    score = sub.add_parser("score", help="score documents and write one report per record",
                           epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    score.add_argument("inputs", nargs="+", metavar="INPUT",
                       help="files, folders (recursive) or - for stdin: .txt, .html, .jsonl, "
                       ".csv/.tsv, .warc(.gz)")
    _add_read_options(score)
    score.add_argument("-o", "--output", default="-", help="output file (default: stdout)")
    score.add_argument("--format", choices=("jsonl", "csv", "html"), default="jsonl",
                       help="output format (default: jsonl)")
    score.add_argument("--include-text", action="store_true",
                       help="add the analysed text to each report (spans index into it)")
    score.add_argument("--force", action="store_true", help="overwrite an existing output file")
    score.add_argument("--resume", action="store_true",
                       help="continue a partly written JSONL output file: skip the records it "
                       "already holds and append the rest")
    score.add_argument("--provenance", action="store_true",
                       help="also group copies of the same story and mark each report's role "
                       "(reads the whole batch before writing)")
    _add_model_options(score)
    score.add_argument("--cheap-first", action="store_true",
                       help="stop running detectors once the decision is clear (the crawler "
                       "filter's cascade: source, spam, translation + attribution, framing); "
                       "faster, and each report's `filter.skipped` names what did not run")
    score.add_argument("--jobs", type=int, default=1,
                       help="worker processes (default 1; 0 = all cores); output order is kept")
    score.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    score.set_defaults(func=cmd_score)

    explain = sub.add_parser("explain", help="a readable report of one document in the terminal")
    explain.add_argument("input", metavar="FILE", help="a text or HTML file, or - for stdin")
    explain.add_argument("--url", default=None, help="the document's URL, if known")
    _add_model_options(explain)
    explain.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    explain.set_defaults(func=cmd_explain)

    det = sub.add_parser("detectors", help="list registered detectors and their features")
    det.add_argument("--json", action="store_true", help="machine-readable output")
    det.set_defaults(func=cmd_detectors)

    for module in ("scorer.train", "scorer.provenance", "scorer.integrations.spark"):
        try:
            register = __import__(module, fromlist=["register_cli"]).register_cli
        except (ImportError, AttributeError):
            continue
        register(sub)
    return parser


def _add_read_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--input-format", choices=("auto", "text", "jsonl", "csv", "tsv", "html",
                                              "warc"), default="auto",
                   help="input format (default: from each file's ending; stdin: JSONL if it "
                   "starts with '{', else one text)")
    p.add_argument("--glob", default="*", help="file-name pattern inside folders (default: *)")
    p.add_argument("--text-col", default="text", help="CSV/TSV text column (default: text)")
    p.add_argument("--id-col", default="id", help="CSV/TSV id column (default: id)")
    p.add_argument("--url-col", default="url", help="CSV/TSV url column (default: url)")
    p.add_argument("--max-chars", type=int, default=20_000_000,
                   help="size limit per document (default 20,000,000)")
    p.add_argument("--time-budget", type=float, default=10.0,
                   help="seconds one document may take before it becomes an error record "
                   "(default 10; 0 = no limit)")


def _add_model_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", default=None,
                   help="model directory or model.joblib (default: the shipped model; "
                   "a model file is code: load only files you trust)")
    p.add_argument("--no-model", action="store_true",
                   help="skip the trained model and use the heuristic fallback")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help/--version
        return int(exc.code or 0)
    logging.basicConfig(level=logging.WARNING - 10 * min(args.verbose, 2), stream=sys.stderr,
                        format="credscore: %(levelname)s: %(message)s")
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.func(args))
    except (ModelLoadError, ConfigError) as exc:
        print(f"credscore: {exc}", file=sys.stderr)
        return EXIT_MODEL
    except UsageError as exc:
        print(f"credscore: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        with contextlib.suppress(OSError):
            sys.stdout.close()
        return EXIT_OK


class UsageError(Exception):
    """Wrong use of a command that argparse cannot see (exit code 2)."""


# --- score -----------------------------------------------------------------------------------

def _read_options(args: argparse.Namespace) -> Any:
    from scorer.io.readers import ReadOptions

    if args.max_chars <= 0:
        raise UsageError("--max-chars must be positive")
    return ReadOptions(input_format=args.input_format, glob=args.glob, text_col=args.text_col,
                       id_col=args.id_col, url_col=args.url_col, max_bytes=args.max_chars * 4)


def _load_scorer(args: argparse.Namespace) -> Any:
    from scorer.config import Limits
    from scorer.scoring import Scorer

    scorer = Scorer.load(args.model, use_model=not args.no_model)
    scorer.limits = Limits(max_chars=getattr(args, "max_chars", 20_000_000),
                           time_budget_s=getattr(args, "time_budget", 10.0))
    return scorer


def cmd_score(args: argparse.Namespace) -> int:
    from scorer.io.readers import iter_documents

    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    if args.resume and args.format != "jsonl":
        raise UsageError("--resume works with --format jsonl only")
    if args.resume and args.output == "-":
        raise UsageError("--resume needs -o FILE (the partly written output)")
    if args.resume and args.provenance:
        raise UsageError("--resume and --provenance cannot be combined")
    out_path = None if args.output == "-" else Path(args.output)
    skip = 0
    if out_path is not None and out_path.exists() and not args.resume and not args.force:
        raise UsageError(f"{out_path} exists; add --force to overwrite it or --resume to "
                         "continue it")
    if args.resume and out_path is not None and out_path.exists():
        skip = _prepare_resume(out_path)
    scorer = _load_scorer(args)  # fail fast on a bad model, before reading input
    if args.cheap_first:
        from scorer.filter import CredibilityFilter

        scorer = CredibilityFilter(scorer, warmup=False)
    items: Iterable[Any] = iter_documents(args.inputs, _read_options(args))
    if skip:
        items = _skip(items, skip)
    include_text = args.include_text or args.format == "html"
    counts = {"scored": 0, "failed": 0}
    with _open_output(out_path, append=args.resume) as fh:
        writer = _make_writer(args.format, fh)
        if args.provenance:
            records: Iterable[dict[str, Any]] = _with_provenance(scorer, items, include_text)
        else:
            records = score_stream(scorer, items, include_text, jobs, args)
        for rec in _progress(records, args):
            counts["failed" if "error" in rec else "scored"] += 1
            writer.write(rec)
        writer.close()
    total = counts["scored"] + counts["failed"]
    if not args.quiet:
        resumed = f" (after {skip} already in the output)" if skip else ""
        print(f"credscore: {total} records{resumed}: {counts['scored']} scored, "
              f"{counts['failed']} failed", file=sys.stderr)
    return EXIT_FAILED_RECORDS if counts["failed"] else EXIT_OK


def _make_writer(fmt: str, fh: TextIO) -> Any:
    from scorer.io.writers import CsvWriter, JsonlWriter

    if fmt == "csv":
        return CsvWriter(fh)
    if fmt == "html":
        from scorer.io.html_report import HtmlReportWriter

        return HtmlReportWriter(fh)
    return JsonlWriter(fh)


@contextlib.contextmanager
def _open_output(path: Path | None, append: bool = False) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    with open(path, "a" if append else "w", encoding="utf-8", newline="") as fh:
        yield fh


def _prepare_resume(path: Path) -> int:
    """Cut a partly written last line off the output; return how many records it holds."""
    with open(path, "rb+") as fh:
        data = fh.read()
        keep = data.rfind(b"\n") + 1  # 0 when there is no complete line
        if keep < len(data):
            fh.seek(keep)
            fh.truncate()
    return data[:keep].count(b"\n")


def _skip(items: Iterable[Any], n: int) -> Iterator[Any]:
    for i, item in enumerate(items):
        if i >= n:
            yield item


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# Worker-process state: one Scorer per process, built once by the pool initializer.
_WORKER: Any = None


def _init_worker(model: str | None, no_model: bool, limits: Any, cheap_first: bool = False
                 ) -> None:
    global _WORKER
    from scorer.scoring import Scorer

    logging.getLogger("scorer.scoring").setLevel(logging.ERROR)
    _WORKER = Scorer.load(model, use_model=not no_model)
    _WORKER.limits = limits
    if cheap_first:
        from scorer.filter import CredibilityFilter

        _WORKER = CredibilityFilter(_WORKER, warmup=False)


def _work(chunk: list[Any], include_text: bool) -> list[dict[str, Any]]:
    return _WORKER.records(chunk, include_text=include_text)  # type: ignore[no-any-return]


def score_stream(scorer: Any, items: Iterable[Any], include_text: bool, jobs: int,
                 args: argparse.Namespace | None = None) -> Iterator[dict[str, Any]]:
    """Output records for ``items`` in input order, using ``jobs`` processes.

    At most ``4 * jobs`` chunks are in flight, so memory stays bounded however long the input.
    """
    if jobs <= 1:
        for chunk in _chunks(items, CHUNK):
            yield from scorer.records(chunk, include_text=include_text)
        return
    init_args = (getattr(args, "model", None), bool(getattr(args, "no_model", False)),
                 scorer.limits, bool(getattr(args, "cheap_first", False)))
    pending: deque[Future[list[dict[str, Any]]]] = deque()
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                             initargs=init_args) as pool:
        for chunk in _chunks(items, CHUNK):
            pending.append(pool.submit(_work, chunk, include_text))
            if len(pending) >= 4 * jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _with_provenance(scorer: Any, items: Iterable[Any], include_text: bool
                     ) -> Iterator[dict[str, Any]]:
    """Score the whole batch, then add each report's provenance (needs every document).

    Clustering reads the analysed text from the reports, so no document is prepared twice.
    """
    from scorer.document import Document
    from scorer.provenance import cluster

    batch = list(items)
    records = scorer.records(batch, include_text=True)
    scored = [(item, rec) for item, rec in zip(batch, records) if "error" not in rec]
    docs = [Document(text=rec["text"], id=rec["id"], url=rec.get("url"),
                     published=item.published or rec.get("metadata", {}).get("published"),
                     metadata=rec.get("metadata", {})) for item, rec in scored]
    for (_, rec), prov in zip(scored, cluster(docs)):
        rec["provenance"] = prov
    for rec in records:
        if not include_text:
            rec.pop("text", None)
        yield rec


def _progress(records: Iterable[dict[str, Any]], args: argparse.Namespace
              ) -> Iterable[dict[str, Any]]:
    """A progress bar (docs/s) on stderr, only when stderr is a terminal."""
    if args.quiet or not sys.stderr.isatty():
        return records
    from tqdm import tqdm

    return tqdm(records, unit="doc", file=sys.stderr, dynamic_ncols=True)


# --- explain ---------------------------------------------------------------------------------

def cmd_explain(args: argparse.Namespace) -> int:
    import dataclasses

    from scorer.explain import render
    from scorer.io.readers import ReadOptions, iter_documents

    items = list(iter_documents([args.input], ReadOptions()))
    if len(items) != 1:
        raise UsageError(f"explain takes one document; {args.input} holds {len(items)} records "
                         "(use credscore score for batches)")
    item = items[0]
    args.max_chars, args.time_budget = 20_000_000, 10.0
    scorer = _load_scorer(args)
    if args.url and hasattr(item, "url"):
        item = dataclasses.replace(item, url=args.url)
    record = scorer.records([item], include_text=True)[0]
    if "error" in record:
        print(f"credscore: {record['id']}: {record['error']['message']}", file=sys.stderr)
        return EXIT_FAILED_RECORDS
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty()
                                       and not os.environ.get("NO_COLOR"))
    sys.stdout.write(render(record, color=color))
    return EXIT_OK


# --- detectors -------------------------------------------------------------------------------

def cmd_detectors(args: argparse.Namespace) -> int:
    import json

    from features.registry import default_detectors, signal_of, version_of

    rows = [{"name": d.name, "signal": signal_of(d.name), "version": version_of(d.name),
             "features": list(d.feature_names)} for d in default_detectors()]
    if args.json:
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    if not rows:
        print("no detectors registered")
    for row in rows:
        print(f"{row['name']}  (signal {row['signal']}, {row['version']}, "
              f"{len(row['features'])} features)")
        for feat in row["features"]:
            print(f"    {feat}")
    return EXIT_OK
