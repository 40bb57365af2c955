"""Streaming readers: files, folders, stdin, JSONL, CSV/TSV, HTML, WARC.

Every reader yields, in input order, one item per input record: a :class:`Document` or a
:class:`RecordError` for a record that cannot be read. Nothing is accumulated, so memory does not
grow with the number of records.
"""

from __future__ import annotations

import fnmatch
import io
import json
import logging
import os
import sys
import zlib
from dataclasses import dataclass, field
from typing import IO, Any, Iterator, Mapping, Sequence

from scorer.document import Document
from scorer.io.html import decode_html

logger = logging.getLogger(__name__)

#: Input formats and the file endings that select them.
FORMATS = ("auto", "text", "jsonl", "csv", "tsv", "html", "warc")
_ENDINGS: tuple[tuple[str, str], ...] = (
    (".jsonl", "jsonl"), (".ndjson", "jsonl"), (".jsonl.gz", "jsonl"),
    (".csv", "csv"), (".tsv", "tsv"),
    (".html", "html"), (".htm", "html"), (".xhtml", "html"),
    (".warc", "warc"), (".warc.gz", "warc"), (".arc.gz", "warc"),
    (".txt", "text"), (".text", "text"), (".md", "text"),
)
_JSONL_KNOWN = ("id", "text", "html", "url", "title", "published")


@dataclass(frozen=True, slots=True)
class RecordError:
    """A record that could not be read; becomes an error record in the output."""

    id: str
    code: str
    message: str
    extra: Mapping[str, Any] = field(default_factory=dict)


Item = Document | RecordError


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read inputs."""

    input_format: str = "auto"
    glob: str = "*"
    text_col: str = "text"
    id_col: str = "id"
    url_col: str = "url"
    html_col: str = "html"
    max_bytes: int = 20_000_000


def format_of(path: str) -> str:
    """The input format a file name implies (``text`` when nothing matches)."""
    low = path.lower()
    for ending, fmt in _ENDINGS:
        if low.endswith(ending):
            return fmt
    return "text"


def iter_documents(paths: Sequence[str], options: ReadOptions | None = None) -> Iterator[Item]:
    """Every record of every input, in order. ``-`` is standard input."""
    opts = options or ReadOptions()
    for path in paths:
        if path == "-":
            yield from _read_stdin(opts)
        elif os.path.isdir(path):
            for file in _walk(path, opts.glob):
                yield from read_path(file, opts)
        elif os.path.exists(path):
            yield from read_path(path, opts)
        else:
            yield RecordError(path, "not_found", f"no such file or folder: {path}")


def _walk(folder: str, pattern: str) -> Iterator[str]:
    """Files below ``folder`` whose name matches ``pattern``, in path order; hidden ones skipped."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        logger.warning("cannot list %s: %s", folder, exc)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path, pattern)
        elif fnmatch.fnmatch(entry.name, pattern):
            yield entry.path


def read_path(path: str, opts: ReadOptions) -> Iterator[Item]:
    """Records of one file, by its format (``opts.input_format`` or its ending)."""
    fmt = opts.input_format if opts.input_format != "auto" else format_of(path)
    try:
        if fmt == "jsonl":
            with _open_binary(path) as fh:
                yield from read_jsonl(fh, path, opts)
        elif fmt in ("csv", "tsv"):
            yield from read_csv(path, opts, sep="\t" if fmt == "tsv" else ",")
        elif fmt == "warc":
            with open(path, "rb") as fh:
                yield from read_warc(fh, path, opts)
        else:
            size = os.path.getsize(path)
            if size > opts.max_bytes:
                yield RecordError(path, "too_large", f"{path} is {size:,} bytes; the limit is "
                                  f"{opts.max_bytes:,} (raise it with --max-chars)")
                return
            with open(path, "rb") as fh:
                data = fh.read()
            yield _single(data, path, "html" if fmt == "html" else "text")
    except EOFError as exc:
        yield RecordError(f"{path}#truncated", "truncated", f"{path} ends early ({exc}): "
                          "the file is truncated; the records before this one were read")
    except OSError as exc:  # includes gzip.BadGzipFile
        yield RecordError(f"{path}#unreadable", "read_error",
                          f"cannot read {path}: {exc.strerror or exc}")


def _open_binary(path: str) -> IO[bytes]:
    if path.lower().endswith(".gz"):
        import gzip

        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def _single(data: bytes, record_id: str, fmt: str) -> Item:
    """One whole-file document (text or HTML)."""
    if fmt == "html":
        return Document(text="", html=decode_html(data), id=record_id)
    if b"\x00" in data[:8192]:
        return RecordError(record_id, "unsupported", f"{record_id} looks binary (NUL bytes); "
                           "give text, HTML, JSONL, CSV or WARC input")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return RecordError(record_id, "decode_error", f"{record_id} is not valid UTF-8 (byte "
                           f"{exc.start}); convert it, e.g. iconv -f cp1252 -t utf-8")
    if text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        return Document(text="", html=text, id=record_id)
    return Document(text=text, id=record_id)


def _read_stdin(opts: ReadOptions) -> Iterator[Item]:
    """Standard input: JSONL if it starts with ``{``, HTML if with ``<``, else one text."""
    stream = sys.stdin.buffer
    fmt = opts.input_format
    if fmt == "auto":
        head = stream.peek(64)[:64] if hasattr(stream, "peek") else b""
        stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        fmt = "jsonl" if stripped.startswith(b"{") else "text"
    if fmt == "jsonl":
        yield from read_jsonl(stream, "-", opts)
    elif fmt in ("csv", "tsv"):
        yield from read_csv(io.BytesIO(stream.read()), opts, sep="\t" if fmt == "tsv" else ",",
                            name="-")
    elif fmt == "warc":
        yield from read_warc(stream, "-", opts)
    else:
        yield _single(stream.read(), "-", "html" if fmt == "html" else "text")


def read_jsonl(fh: IO[bytes], name: str, opts: ReadOptions) -> Iterator[Item]:
    """One object per line: ``text`` or ``html``, optional ``id``/``url``/``title``/``published``;
    other fields are carried into the output. Blank lines are not records."""
    for lineno, raw in enumerate(fh, start=1):
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        line = raw.strip()
        if not line:
            continue
        rid = f"{name}:{lineno}"
        if len(raw) > opts.max_bytes:
            yield RecordError(rid, "too_large", f"line {lineno} is {len(raw):,} bytes; the limit "
                              f"is {opts.max_bytes:,} (raise it with --max-chars)")
            continue
        try:
            obj = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield RecordError(rid, "decode_error", f"line {lineno} is not valid UTF-8 (byte "
                              f"{exc.start})")
            continue
        except json.JSONDecodeError as exc:
            yield RecordError(rid, "bad_json", f"line {lineno} is not valid JSON: {exc.msg} at "
                              f"column {exc.colno}")
            continue
        yield document_from_mapping(obj, rid, f"line {lineno}")


def document_from_mapping(obj: Any, default_id: str, where: str,
                          text_key: str = "text", html_key: str = "html",
                          id_key: str = "id", url_key: str = "url") -> Item:
    """A Document from a JSON object or CSV row; a RecordError when it has no usable text."""
    if not isinstance(obj, dict):
        return RecordError(default_id, "bad_record", f"{where} is a JSON {type(obj).__name__}, "
                           "not an object with a \"text\" or \"html\" field")
    raw_id = obj.get(id_key)
    rid = default_id if raw_id is None or raw_id == "" else str(raw_id)
    extra = {k: v for k, v in obj.items()
             if k not in (text_key, html_key, id_key, url_key, "title", "published")}
    text, html = obj.get(text_key), obj.get(html_key)
    if not isinstance(text, str):
        text = None
    if not isinstance(html, str):
        html = None
    if not (text or "").strip() and not (html or "").strip():
        return RecordError(rid, "missing_text", f"{where} has no \"{text_key}\" or "
                           f"\"{html_key}\" field with text in it", extra)
    url = obj.get(url_key)
    title = obj.get("title")
    published = obj.get("published")
    return Document(
        text=text or "", html=html if not text else None, id=rid,
        url=url if isinstance(url, str) and url else None,
        title=title if isinstance(title, str) else None,
        published=str(published) if published not in (None, "") else None, extra=extra,
    )


def read_csv(source: str | IO[bytes], opts: ReadOptions, sep: str = ",",
             name: str | None = None, chunksize: int = 1000) -> Iterator[Item]:
    """CSV/TSV rows via pandas, read in chunks (streaming)."""
    import pandas as pd

    label = name or str(source)
    try:
        reader = pd.read_csv(source, sep=sep, dtype=str, keep_default_na=False,
                             chunksize=chunksize, encoding="utf-8-sig")
        row_no = 0
        first = True
        for chunk in reader:
            if first:
                first = False
                if opts.text_col not in chunk.columns and opts.html_col not in chunk.columns:
                    yield RecordError(label, "missing_column", f"{label} has no column "
                                      f"{opts.text_col!r} (columns: {', '.join(chunk.columns)});"
                                      " name it with --text-col")
                    return
            for rec in chunk.to_dict(orient="records"):
                row_no += 1
                yield document_from_mapping(
                    rec, f"{label}:{row_no}", f"row {row_no}", text_key=opts.text_col,
                    html_key=opts.html_col, id_key=opts.id_col, url_key=opts.url_col)
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        yield RecordError(label, "bad_csv", f"{label} cannot be read as CSV: {exc}")


def _size_of(fh: IO[bytes]) -> int | None:
    """The size of a regular file behind ``fh``; ``None`` for pipes and streams."""
    try:
        st = os.fstat(fh.fileno())
    except (OSError, AttributeError, io.UnsupportedOperation):
        return None
    import stat

    return st.st_size if stat.S_ISREG(st.st_mode) else None


class _GzipEOF(io.RawIOBase):
    """A gzip stream that records a truncated end instead of raising in the middle of warcio."""

    def __init__(self, raw: IO[bytes]) -> None:
        import gzip

        self._gz = gzip.GzipFile(fileobj=raw)
        self.truncated = False

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if self.truncated:
            return b""
        try:
            return self._gz.read1(8192 if size is None or size < 0 else min(size, 8192))
        except (EOFError, OSError, zlib.error):
            self.truncated = True
            return b""

    def readinto(self, b: Any) -> int:
        data = self.read(len(b))
        b[:len(data)] = data
        return len(data)


def read_warc(fh: IO[bytes], name: str, opts: ReadOptions) -> Iterator[Item]:
    """HTML response records of a WARC file (gzip or not); the target URI is the url."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    head = fh.peek(2)[:2] if hasattr(fh, "peek") else b""
    gz: _GzipEOF | None = None
    if head == b"\x1f\x8b":
        # Python's gzip reader notices a truncated member, where warcio's own decompression
        # can end silently and drop a partial record.
        gz = _GzipEOF(fh)
        fh = gz  # type: ignore[assignment]
    size = _size_of(fh) if gz is None else None
    try:
        archive = ArchiveIterator(fh)
        seen = 0
        for record in archive:
            seen += 1
            length = (record.rec_headers.get_header("Content-Length") or "").strip()
            if record.rec_type is None or not length.isdigit():
                # A record whose WARC header was cut short (a truncated file).
                yield RecordError(f"{name}#{n + 1}", "warc_truncated", f"{name} ends early "
                                  f"after {n} HTML records: the file is truncated")
                return
            if record.rec_type != "response":
                continue
            ctype = ""
            if record.http_headers is not None:
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
            if "html" not in ctype:
                stream = record.content_stream()
                while stream.read(65536):
                    pass  # warcio reads past it anyway; this tells whether it is complete
                cut = getattr(record.raw_stream, "limit", 0) > 0 or (gz is not None and gz.truncated)
                if cut:
                    yield RecordError(f"{name}#{n + 1}", "warc_truncated", f"{name} ends early "
                                      f"after {n} HTML records: the file is truncated")
                    return
                continue
            n += 1
            uri = record.rec_headers.get_header("WARC-Target-URI") or None
            rid = record.rec_headers.get_header("WARC-Record-ID") or f"{name}#{n}"
            try:
                data = record.content_stream().read(opts.max_bytes + 1)
            except (OSError, EOFError, ValueError, zlib.error) as exc:
                yield RecordError(rid, "warc_truncated", f"{name}: record {n} cannot be read "
                                  f"({exc}); the file may be truncated", {"url": uri})
                return
            if getattr(record.raw_stream, "limit", 0) > 0 and len(data) <= opts.max_bytes:
                yield RecordError(rid, "warc_truncated", f"{name}: record {n} ends early: the "
                                  "file is truncated", {"url": uri})
                return
            if len(data) > opts.max_bytes:
                yield RecordError(rid, "too_large", f"{name}: record {n} is over "
                                  f"{opts.max_bytes:,} bytes", {"url": uri})
                continue
            if gz is not None and gz.truncated:
                yield RecordError(rid, "warc_truncated", f"{name}: record {n} ends early: the "
                                  "file is truncated", {"url": uri})
                return
            yield Document(text="", html=decode_html(data), url=uri, id=rid)
        # A cut inside a record's WARC header: warcio stops without a record for it.
        partial = size is not None and (size - archive.offset > 4 or (seen == 0 and size > 0))
        if (gz is not None and gz.truncated) or partial:
            yield RecordError(f"{name}#{n + 1}", "warc_truncated", f"{name} ends early after "
                              f"{n} HTML records: the file is truncated")
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, AttributeError, KeyError,
            IndexError, TypeError, zlib.error) as exc:  # warcio raises all of these on damaged files
        yield RecordError(f"{name}#{n + 1}", "warc_error", f"{name}: cannot read WARC after "
                          f"{n} HTML records ({exc}); the file may be truncated or not a WARC")
