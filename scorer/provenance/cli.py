"""``credscore cluster INPUT... [-o OUT] [--force] [--threshold T]``: provenance records.

Reads every input record (files, folders, ``-`` for stdin; the formats of
:mod:`scorer.io.readers`), clusters them all at once (the whole batch is held in memory: about
text size plus ~1.1 KB of signatures per document), and writes one JSONL line per input record,
in order: ``{"id": ..., "provenance": {...}}`` or an error record for an unreadable one.

Exit codes: 0 all records clustered, 1 some records could not be read, 2 usage (argparse or an
output file that exists without ``--force``).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from typing import Any

from scorer.document import Document

logger = logging.getLogger(__name__)


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``cluster`` subparser and set ``func``."""
    from scorer.provenance import ProvenanceConfig

    d = ProvenanceConfig()
    p = subparsers.add_parser(
        "cluster",
        help="group copies of the same story; mark the original and label each copy",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders, or - for stdin")
    p.add_argument("-o", "--output", default="-", help="output JSONL file (default: stdout)")
    p.add_argument("--force", action="store_true", help="overwrite an existing output file")
    p.add_argument("--threshold", type=float, default=d.word_threshold,
                   help="containment of the smaller document's word shingles in the larger that "
                        f"joins two documents (default {d.word_threshold})")
    p.add_argument("--mt-threshold", type=float, default=d.content_threshold,
                   help="the same for translation-robust content pairs "
                        f"(default {d.content_threshold})")
    p.add_argument("--jobs", type=int, default=1,
                   help="worker processes for signatures (default 1)")
    p.add_argument("--input-format", default="auto",
                   choices=("auto", "text", "jsonl", "csv", "tsv", "html", "warc"),
                   help="input format (default: from each file's ending)")
    p.add_argument("--glob", default="*", help="file-name pattern inside folders (default: *)")
    p.set_defaults(func=run)
    return p


def _with_html_text(doc: Document) -> Document:
    """HTML input: the extracted main text and page metadata (as ``Scorer.prepare`` does)."""
    if doc.text or not doc.html:
        return doc
    import dataclasses

    from scorer.io.html import extract

    text, meta = extract(doc.html, doc.url)
    merged = dict(meta)
    merged.update(doc.metadata)
    return dataclasses.replace(
        doc, text=text, metadata=merged,
        published=doc.published or meta.get("published"),
        url=doc.url or meta.get("canonical_url"))


def run(args: argparse.Namespace) -> int:
    """Execute ``credscore cluster``."""
    from scorer.io.readers import ReadOptions, RecordError, iter_documents
    from scorer.io.writers import dumps_record
    from scorer.provenance import ProvenanceConfig, cluster

    for name, v in (("--threshold", args.threshold), ("--mt-threshold", args.mt_threshold)):
        if not 0.0 < v <= 1.0:
            print(f"credscore cluster: {name} must be in (0, 1], got {v}", file=sys.stderr)
            return 2
    if args.output != "-" and os.path.exists(args.output) and not args.force:
        print(f"credscore cluster: {args.output} exists; pass --force to overwrite it",
              file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    items = list(iter_documents(args.inputs, ReadOptions(input_format=args.input_format,
                                                           glob=args.glob)))
    docs: list[Document] = []
    for it in items:
        if isinstance(it, Document):
            docs.append(_with_html_text(it))
    cfg = ProvenanceConfig(word_threshold=args.threshold, content_threshold=args.mt_threshold,
                           jobs=max(1, args.jobs))
    recs = iter(cluster(docs, cfg))
    failed = 0
    fh = sys.stdout if args.output == "-" else open(  # noqa: SIM115 - closed below
        args.output, "w", encoding="utf-8")
    try:
        for it in items:
            if isinstance(it, RecordError):
                failed += 1
                rec: dict[str, Any] = {"id": it.id, "error": {"code": it.code,
                                                              "message": it.message}}
            else:
                rec = {"id": it.id, "provenance": next(recs)}
            fh.write(dumps_record(rec) + "\n")
    finally:
        if fh is not sys.stdout:
            fh.close()
    logger.info("clustered %d documents in %.1fs (%d unreadable)", len(docs),
                time.perf_counter() - t0, failed)
    return 1 if failed else 0
