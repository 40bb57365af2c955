"""Property tests: whatever bytes arrive, every input record yields exactly one item."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorer.document import Document
from scorer.io.readers import ReadOptions, RecordError, iter_documents, read_jsonl
from scorer.scoring import Scorer

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=5), kids,
                                                              max_size=3),
    max_leaves=8)

good_line = st.builds(lambda t, i: json.dumps({"id": i, "text": t}),
                      st.text(min_size=1).filter(lambda t: t.strip()),
                      st.text(min_size=1, max_size=8))
bad_line = st.one_of(
    st.binary(min_size=1).filter(lambda b: b.strip() and b"\n" not in b and b"\r" not in b)
    .map(lambda b: b.decode("latin-1")),
    json_values.map(json.dumps),
    st.just('{"text": 12}'), st.just('{"html": "   "}'), st.just("{"), st.just("[]"),
)


@SETTINGS
@given(st.lists(st.one_of(good_line, bad_line), min_size=1, max_size=12),
       st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_jsonl_every_nonblank_line_is_one_item(tmp_path_factory, lines, eol, bom) -> None:
    path = tmp_path_factory.mktemp("j") / "in.jsonl"
    data = (eol + eol).join(lines) + eol  # blank lines between records are not records
    raw = data.encode("utf-8", "surrogatepass")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + raw)
    items = list(iter_documents([str(path)]))
    expected = sum(1 for line in raw.splitlines()
                   if line.replace(b"\xef\xbb\xbf", b"").strip())
    assert len(items) == expected
    for item in items:
        assert isinstance(item, (Document, RecordError))
        if isinstance(item, Document):
            assert (item.text or item.html or "").strip()


@SETTINGS
@given(st.binary(max_size=3000))
def test_text_file_of_any_bytes_is_one_item(tmp_path_factory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("t") / "doc.txt"
    path.write_bytes(data)
    items = list(iter_documents([str(path)]))
    assert len(items) == 1


@SETTINGS
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1,
                        max_size=60).filter(lambda t: t.strip()), min_size=1, max_size=8))
def test_csv_with_quoted_newlines_keeps_rows(tmp_path_factory, texts) -> None:
    import csv

    path = tmp_path_factory.mktemp("c") / "in.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text"])
        for i, t in enumerate(texts):
            w.writerow([f"r{i}", t + "\nsecond line, with \"quotes\""])
    items = list(iter_documents([str(path)]))
    assert [getattr(i, "id", None) for i in items] == [f"r{i}" for i in range(len(texts))]


@SETTINGS
@given(st.integers(min_value=1, max_value=95))
def test_truncated_gzip_jsonl_ends_with_an_error_item(tmp_path_factory, pct: int) -> None:
    path = tmp_path_factory.mktemp("g") / "in.jsonl.gz"
    body = "".join(json.dumps({"id": f"r{i}", "text": f"record number {i} " * 20}) + "\n"
                   for i in range(40))
    data = gzip.compress(body.encode())
    path.write_bytes(data[: max(1, len(data) * pct // 100)])
    items = list(iter_documents([str(path)]))
    assert items and isinstance(items[-1], RecordError)
    assert all(isinstance(i, Document) for i in items[:-1])


def test_scorer_records_one_output_per_item_for_hostile_documents() -> None:
    scorer = Scorer.load(use_model=False)
    docs: list[Document | RecordError] = [
        Document(text="", html="<html>" + "<div>" * 5000 + "x" + "</div>" * 5000, id="deep"),
        Document(text="", html="<p>broken <b><i><table><tr><td>" * 300, id="broken"),
        Document(text="\x00\x01\x02 binary-ish \ufffd" * 100, id="bin"),
        Document(text="word " * 2_000_000, id="ten-mb-line"),
        RecordError("bad", "bad_json", "not json"),
        Document(text="The council met on Monday and approved the budget.", id="ok"),
    ]
    out = scorer.records(docs)
    assert [r["id"] for r in out] == ["deep", "broken", "bin", "ten-mb-line", "bad", "ok"]
    assert "error" in out[4] and "error" not in out[5]


def test_read_jsonl_stream_does_not_accumulate() -> None:
    import io

    stream = io.BytesIO(b"".join(json.dumps({"text": f"t{i}"}).encode() + b"\n"
                                 for i in range(1000)))
    gen = read_jsonl(stream, "s", ReadOptions())
    first = next(gen)
    assert isinstance(first, Document) and first.text == "t0"
    assert stream.tell() < len(stream.getvalue())  # the rest is still unread


def _warc_bytes(gz: bool, n: int = 4) -> bytes:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for k in range(n):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://news.example.org/{k}", "response",
            payload=io.BytesIO(b"<html><body><p>" + b"Council news item. " * 40 +
                               b"</p></body></html>"), http_headers=headers))
    return buf.getvalue()


@SETTINGS
@given(st.booleans(), st.floats(min_value=0.0, max_value=0.999))
def test_truncated_warc_never_raises_and_ends_in_an_error(tmp_path_factory, gz: bool,
                                                          frac: float) -> None:
    import io

    from warcio.archiveiterator import ArchiveIterator

    data = _warc_bytes(gz)
    ends, starts = [], []
    it = ArchiveIterator(io.BytesIO(data))
    for rec in it:
        rec.content_stream().read()
        starts.append(it.get_record_offset())
        ends.append(it.get_record_offset() + it.get_record_length())
    starts.append(len(data))
    cut = int(len(data) * frac)
    complete = sum(1 for e in ends if e <= cut)
    path = tmp_path_factory.mktemp("w") / "crawl.warc"
    path.write_bytes(data[:cut])
    items = list(iter_documents([str(path)]))
    docs = [i for i in items if isinstance(i, Document)]
    assert complete <= len(docs) <= complete + 1
    errors = [i for i in items if isinstance(i, RecordError)]
    assert len(errors) <= 1 and (not errors or items[-1] is errors[0])
    between = any(end <= cut <= nxt for end, nxt in zip(ends, starts[1:]))
    if cut > 0 and not between and len(docs) == complete:
        assert errors, "a cut inside a record must end with an error record"


def test_truncated_warc_every_cut_point(tmp_path) -> None:
    """Every cut of a small WARC (plain and gzip) yields its complete records, then at most one
    error record; a cut that leaves a partial record always ends with that error record."""
    for gz in (False, True):
        data = _warc_bytes(gz, n=2)
        path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
        full = [i for i in iter_documents([str(_write(path, data))])]
        assert len(full) == 2 and all(isinstance(i, Document) for i in full)
        for cut in range(1, len(data), 3 if not gz else 1):
            items = list(iter_documents([str(_write(path, data[:cut]))]))
            docs = [i for i in items if isinstance(i, Document)]
            errors = [i for i in items if isinstance(i, RecordError)]
            assert len(docs) <= 2 and len(errors) <= 1
            assert not errors or items[-1] is errors[0]
            assert docs or errors, f"cut at {cut} of {len(data)} (gzip={gz}) vanished silently"


def _write(path, data: bytes):
    path.write_bytes(data)
    return path
