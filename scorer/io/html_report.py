"""The self-contained HTML report (``credscore score --format html``).

One HTML file, no network: no CDN, no fonts, no images beyond inline SVG; a Content-Security-Policy
meta tag forbids every fetch, so the page works (and stays inert) when opened from ``file://``.

What the page shows:

* a summary: document count, decisions, a score histogram (click a bar to filter), how often each
  signal fired (evidence found / score >= 0.5 / mean score), the most frequent reason codes;
* a sortable, filterable, paginated table of documents (score, decision, label, top reasons,
  domain, one column per signal score);
* a view per document, opened on demand: its text with the evidence spans highlighted by signal
  (legend with toggles; hovering a highlight shows code, message and detector; overlapping spans
  are split into segments carrying every covering span), the reasons, document-level findings,
  attribution facts, the source rating and the model version.

Memory stays bounded for large batches: :class:`HtmlReportWriter` streams each record's compact
table row and its per-document payload into two temporary files and keeps only summary counters;
``close()`` then streams the HTML out. In the page the table rows are one JSON array parsed at
load, and every document's payload sits in its own ``<script>`` element that is unpacked and
parsed only when the document is opened, so 10,000 documents load in about a second. Payloads are
gzip-compressed and base64-encoded by default (``compress=True``: about half the size for real
articles; the page inflates them with the browser's ``DecompressionStream``, in every current
browser); ``compress=False`` writes plain JSON. The file size is dominated by the embedded texts
(see ``reports/html_report.md``).

Document text is untrusted web content: the page inserts it with ``textContent`` only, never as
markup, and the embedded JSON escapes ``<`` so no payload can close its ``<script>`` element.

Span offsets in reports count Unicode code points (Python ``str`` indices); JavaScript strings
count UTF-16 code units, so offsets are converted here for texts with characters outside the BMP.
"""

from __future__ import annotations

import base64
import bisect
import gzip
import html
import json
import math
import re
import tempfile
from collections import Counter, defaultdict
from typing import Any, TextIO

from features.registry import SIGNALS

#: Per-document text cap in the embedded payload (characters). A 20 MB document would make its
#: view unusable; spans starting beyond the cap are listed but not highlighted.
DEFAULT_MAX_TEXT_CHARS = 1_000_000

#: Score histogram bins over 0..100.
HIST_BINS = 10

#: A signal counts as "high" in the summary when its score reaches this value.
SIGNAL_HIGH = 0.5

#: Top reason codes shown per table row.
TOP_REASONS = 3

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_offsets(text: str, offsets: list[int]) -> list[int]:
    """Convert code-point offsets into ``text`` to UTF-16 code-unit offsets (for JavaScript).

    Every character outside the Basic Multilingual Plane is two UTF-16 units, so an offset moves
    right by the number of such characters before it.
    """
    if text.isascii():
        return list(offsets)
    astral = [m.start() for m in _ASTRAL.finditer(text)]
    if not astral:
        return list(offsets)
    return [off + bisect.bisect_left(astral, off) for off in offsets]


def _js_json(value: Any, ascii_only: bool) -> str:
    """Compact JSON that is safe inside a ``<script>`` element (``<`` is escaped)."""
    try:
        s = json.dumps(value, ensure_ascii=ascii_only, separators=(",", ":"), allow_nan=False)
        if not ascii_only:
            s.encode("utf-8")  # lone surrogates cannot be written as UTF-8
    except UnicodeEncodeError:
        s = json.dumps(value, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    except ValueError:  # NaN/inf somewhere: write them as null rather than lose the record
        s = json.dumps(_finite(value), ensure_ascii=ascii_only, separators=(",", ":"))
    return s.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def _num(value: Any) -> float | None:
    """A finite float or None (records read from files may carry anything)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    f = float(value)
    return f if math.isfinite(f) else None


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else []


def _dicts(value: Any) -> list[dict[str, Any]]:
    """The dict items of a list (anything else: none)."""
    return [x for x in _list(value) if isinstance(x, dict)]


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


class HtmlReportWriter:
    """Writes the batch as one self-contained HTML page (see the module docstring).

    ``write`` accepts report dicts (``Report.to_dict(include_text=True)``; without ``"text"`` the
    document view lists the evidence but cannot show the text) and error records
    (``{"id", "error": {"code", "message"}}``). Nothing is written to ``fh`` before ``close()``.
    """

    def __init__(self, fh: TextIO, *, title: str = "credscore report",
                 max_text_chars: int = DEFAULT_MAX_TEXT_CHARS, compress: bool = True) -> None:
        self.fh = fh
        self.title = title
        self.max_text_chars = max_text_chars
        self.compress = compress
        enc = (getattr(fh, "encoding", None) or "utf-8").lower().replace("_", "-")
        self._ascii_only = enc not in ("utf-8", "utf8", "utf-8-sig")
        # spooled to disk as the batch grows; closed in close()
        self._rows = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self._docs = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self._closed = False
        self.n = 0
        self.n_errors = 0
        self.decisions: Counter[str] = Counter()
        self.hist = [0] * HIST_BINS
        self.hist_dec: list[Counter[str]] = [Counter() for _ in range(HIST_BINS)]
        self.models: Counter[str] = Counter()
        self.languages: Counter[str] = Counter()
        self.reason_codes: Counter[str] = Counter()
        self.reason_signal: dict[str, str] = {}
        self.error_codes: Counter[str] = Counter()
        self.signals: list[str] = list(SIGNALS)
        self.sig_evidence: Counter[str] = Counter()
        self.sig_high: Counter[str] = Counter()
        self.sig_measured: Counter[str] = Counter()
        self.sig_sum: dict[str, float] = defaultdict(float)
        self.score_sum: float = 0.0
        self.n_scored = 0

    # -- collecting ----------------------------------------------------------------------------
    def write(self, record: dict[str, Any]) -> None:
        """Add one output record (report or error record)."""
        if self._closed:
            raise ValueError("HtmlReportWriter is closed")
        i = self.n
        self.n += 1
        if "error" in record and "credibility" not in record:
            row, doc = self._error(i, record)
        else:
            row, doc = self._report(i, record)
        self._rows.write(_js_json(row, self._ascii_only) + "\n")
        payload = _js_json(doc, self._ascii_only)
        if self.compress:
            # gzip + base64 halves the page for real articles; the page inflates one document
            # when it is opened (DecompressionStream). mtime=0 keeps the output reproducible.
            packed = gzip.compress(payload.encode("utf-8", "surrogatepass"), 6, mtime=0)
            self._docs.write("z" + base64.b64encode(packed).decode("ascii") + "\n")
        else:
            self._docs.write("j" + payload + "\n")

    def _error(self, i: int, record: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        err = record.get("error") or {}
        if not isinstance(err, dict):
            err = {"code": "error", "message": str(err)}
        code = _str(err.get("code")) or "error"
        msg = _str(err.get("message")) or ""
        self.n_errors += 1
        self.decisions["error"] += 1
        self.error_codes[code] += 1
        rid = _str(record.get("id")) or ""
        row = {"i": i, "id": rid, "s": None, "d": "error", "l": "", "dom": _str(record.get("domain")),
               "u": _str(record.get("url")), "t": None, "r": [], "sg": {}, "e": [code, msg]}
        doc = {"i": i, "id": rid, "url": _str(record.get("url")), "error": [code, msg]}
        return row, doc

    def _report(self, i: int, record: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        cred = _dict(record.get("credibility"))
        score = _num(cred.get("score"))
        decision = _str(cred.get("decision")) or ""
        label = _str(cred.get("label")) or ""
        self.decisions[decision or "unknown"] += 1
        if score is not None:
            b = min(HIST_BINS - 1, max(0, int(score // (100 / HIST_BINS))))
            self.hist[b] += 1
            self.hist_dec[b][decision or "unknown"] += 1
            self.score_sum += score
            self.n_scored += 1
        model = _dict(record.get("model"))
        self.models[f"{model.get('name', '?')} {model.get('version', '?')}"] += 1
        lang = _str(record.get("language")) or "und"
        self.languages[lang] += 1

        text = record.get("text")
        text = text if isinstance(text, str) else None
        truncated = text is not None and len(text) > self.max_text_chars
        shown = text[: self.max_text_chars] if (text is not None and truncated) else text

        sig_rows: dict[str, list[Any]] = {}
        spans: list[list[Any]] = []
        findings: list[list[Any]] = []
        blocks: dict[str, Any] = {}
        signals = _dict(record.get("signals"))
        for sig, block in signals.items():
            if not isinstance(block, dict):
                continue
            if sig not in self.signals:
                self.signals.append(sig)
            s = _num(block.get("score"))
            sp = _dicts(block.get("spans"))
            fi = _dicts(block.get("findings"))
            n_ev = len(sp) + len(fi)
            sig_rows[sig] = [s, n_ev]
            if n_ev:
                self.sig_evidence[sig] += 1
            if s is not None:
                self.sig_measured[sig] += 1
                self.sig_sum[sig] += s
                if s >= SIGNAL_HIGH:
                    self.sig_high[sig] += 1
            for x in sp:
                start, end = x.get("start"), x.get("end")
                if not isinstance(start, int) or not isinstance(end, int):
                    continue
                spans.append([start, end, sig, _str(x.get("code")) or "", _str(x.get("message")) or "",
                              _str(x.get("detector")) or "", _str(x.get("text")) or ""])
            for x in fi:
                findings.append([sig, _str(x.get("code")) or "", _str(x.get("message")) or "",
                                 _str(x.get("detector")) or ""])
            extra = {k: v for k, v in block.items() if k not in ("score", "spans", "findings")}
            if extra:
                blocks[sig] = extra
        spans.sort(key=lambda x: (x[0], x[1], x[3]))

        # JavaScript offsets (UTF-16) for the highlighted view; spans past the cap or out of
        # bounds are kept in the evidence list with offsets null.
        if shown is not None:
            limit = len(shown)
            inside = [sp_ for sp_ in spans if 0 <= sp_[0] <= sp_[1] <= limit]
            js = utf16_offsets(shown, [o for sp_ in inside for o in (sp_[0], sp_[1])])
            it = iter(js)
            conv = {id(sp_): (next(it), next(it)) for sp_ in inside}
            for sp_ in spans:
                sp_.extend(conv.get(id(sp_), (None, None)))
        else:
            for sp_ in spans:
                sp_.extend([None, None])

        reasons = []
        for r in _dicts(record.get("reasons")):
            code = _str(r.get("code")) or ""
            reasons.append([code, _str(r.get("signal")) or "", _str(r.get("message")) or "",
                            _num(r.get("weight"))])
            self.reason_codes[code] += 1
            self.reason_signal.setdefault(code, _str(r.get("signal")) or "")

        rid = _str(record.get("id")) or ""
        domain = _str(record.get("domain"))
        title = _str(record.get("title"))
        row = {"i": i, "id": rid, "s": score, "d": decision, "l": label, "dom": domain,
               "u": _str(record.get("url")), "t": title,
               "r": [[c, s] for c, s, _m, _w in reasons[:TOP_REASONS]],
               "sg": sig_rows, "e": None}
        if len(reasons) > TOP_REASONS:  # the rest, for the reason filter and the search box
            row["ra"] = [c for c, _s, _m, _w in reasons[TOP_REASONS:]]
        doc = {
            "i": i, "id": rid, "url": _str(record.get("url")), "domain": domain, "title": title,
            "language": lang, "cred": {"score": score, "label": label, "decision": decision,
                                       "p_low": _num(cred.get("p_low"))},
            "model": {"name": _str(model.get("name")), "version": _str(model.get("version"))},
            "schema": _str(record.get("schema_version")),
            "sg": sig_rows, "spans": spans, "findings": findings, "reasons": reasons,
            "blocks": blocks, "detectors": [str(d) for d in _list(record.get("detectors"))],
            "metadata": record.get("metadata") if isinstance(record.get("metadata"), dict) else None,
            "text": shown, "text_len": None if text is None else len(text),
            "truncated": truncated,
        }
        return row, doc

    # -- writing -------------------------------------------------------------------------------
    def close(self) -> None:
        """Write the HTML page to ``fh`` and release the temporary files."""
        if self._closed:
            return
        self._closed = True
        try:
            self._write_page()
            self.fh.flush()
        finally:
            self._rows.close()
            self._docs.close()

    def _write_page(self) -> None:
        w = self.fh.write
        css, js = _CSS, _JS
        meta = {"signals": self.signals, "n": self.n, "high": SIGNAL_HIGH,
                "bins": HIST_BINS}
        w("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        w("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n")
        w("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        w(f"<title>{_esc(self.title)}</title>\n<style>{css}</style>\n</head>\n<body>\n")
        w(self._header_html())
        w(self._summary_html())
        w(_BODY_HTML)
        w("<script type=\"application/json\" id=\"cs-meta\">")
        w(_js_json(meta, self._ascii_only))
        w("</script>\n<script type=\"application/json\" id=\"cs-rows\">[")
        self._rows.seek(0)
        first = True
        for line in self._rows:
            if not first:
                w(",")
            w(line.rstrip("\n"))
            first = False
        w("]</script>\n")
        self._docs.seek(0)
        for i, line in enumerate(self._docs):
            kind = "text/plain\" data-gz" if line[0] == "z" else "application/json\""
            w(f"<script type=\"{kind} id=\"d{i}\">{line[1:].rstrip()}</script>\n")
        w(f"<script>{js}</script>\n</body>\n</html>\n")

    def _header_html(self) -> str:
        models = ", ".join(f"{_esc(m)}" + (f" ({c})" if len(self.models) > 1 else "")
                           for m, c in self.models.most_common()) or "none"
        return (f"<header><h1>{_esc(self.title)}</h1>"
                f"<p class=\"sub\">{self.n:,} documents &middot; model {models}</p></header>\n")

    def _summary_html(self) -> str:
        parts = ["<section id=\"summary\" aria-label=\"Summary\"><div class=\"cards\">"]
        parts.append(_card("documents", f"{self.n:,}", None))
        for dec in ("accept", "review", "reject"):
            parts.append(_card(dec, f"{self.decisions.get(dec, 0):,}", dec))
        for dec, c in sorted(self.decisions.items()):
            if dec not in ("accept", "review", "reject", "error"):
                parts.append(_card(dec, f"{c:,}", dec))
        if self.n_errors:
            parts.append(_card("errors", f"{self.n_errors:,}", "error"))
        mean = f"{self.score_sum / self.n_scored:.1f}" if self.n_scored else "&ndash;"
        parts.append(_card("mean score", mean, None))
        parts.append("</div>")
        if self.languages:
            langs = " &middot; ".join(f"{_esc(k)} {c:,}" for k, c in self.languages.most_common(8))
            more = len(self.languages) - 8
            parts.append(f"<p class=\"hint\" id=\"langs\">languages: {langs}"
                         + (f" &middot; {more} more" if more > 0 else "") + "</p>")
        parts.append("<div class=\"panels\">")
        parts.append(self._histogram_html())
        parts.append(self._signals_html())
        parts.append(self._reasons_html())
        parts.append("</div></section>\n")
        return "".join(parts)

    def _histogram_html(self) -> str:
        peak = max(self.hist) or 1
        width, height, pad = 360, 150, 18
        bw = width / HIST_BINS
        bars = []
        for b, c in enumerate(self.hist):
            h = (height - pad) * c / peak
            lo, hi = b * 100 // HIST_BINS, (b + 1) * 100 // HIST_BINS
            # coloured by the decision most documents in the bin got (thresholds come from the
            # model card, so the writer does not assume them)
            dec = self.hist_dec[b].most_common(1)[0][0] if c else "none"
            bars.append(
                f"<g class=\"bin\" data-lo=\"{lo}\" data-hi=\"{hi}\" tabindex=\"0\" role=\"button\">"
                f"<title>score {lo}&ndash;{hi}{'' if hi < 100 else ' (incl. 100)'}: {c:,} documents"
                f"</title><rect class=\"hit\" x=\"{b * bw:.1f}\" y=\"0\" width=\"{bw:.1f}\" "
                f"height=\"{height - pad}\"/><rect class=\"bar dec-{_cls(dec)}\" "
                f"x=\"{b * bw + 2:.1f}\" "
                f"y=\"{height - pad - h:.1f}\" width=\"{bw - 4:.1f}\" height=\"{h:.1f}\"/>"
                f"<text x=\"{b * bw + bw / 2:.1f}\" y=\"{max(10.0, height - pad - h - 3):.1f}\" "
                f"class=\"cnt\">{c if c else ''}</text>"
                f"<text x=\"{b * bw + 1:.1f}\" y=\"{height - 4}\" class=\"ax\">{lo}</text></g>")
        return ("<div class=\"panel\"><h2>Score histogram</h2>"
                f"<svg id=\"hist\" viewBox=\"0 0 {width} {height}\" role=\"img\" "
                "aria-label=\"histogram of credibility scores\">" + "".join(bars) + "</svg>"
                "<p class=\"hint\">0 = low credibility, 100 = high. Click a bar to filter.</p></div>")

    def _signals_html(self) -> str:
        rows = []
        for sig in self.signals:
            measured = self.sig_measured.get(sig, 0)
            mean = f"{self.sig_sum[sig] / measured:.2f}" if measured else "&ndash;"
            ev = self.sig_evidence.get(sig, 0)
            pct = 100.0 * ev / self.n if self.n else 0.0
            rows.append(
                f"<tr data-signal=\"{_esc(sig)}\"><td><span class=\"sw sig-{_cls(sig)}\"></span>"
                f"{_esc(sig)}</td><td class=\"num\">{ev:,}</td><td class=\"meter\">"
                f"<span style=\"width:{pct:.1f}%\" class=\"sig-{_cls(sig)}\"></span></td>"
                f"<td class=\"num\">{self.sig_high.get(sig, 0):,}</td><td class=\"num\">{mean}</td>"
                "</tr>")
        return ("<div class=\"panel\"><h2>Signals</h2><table class=\"small\" id=\"sigtable\">"
                "<thead><tr><th>signal</th><th title=\"documents with at least one evidence "
                "item\">docs with evidence</th><th></th><th title=\"documents whose signal score "
                f"is at least {SIGNAL_HIGH}\">score &ge; {SIGNAL_HIGH}</th><th>mean score</th></tr>"
                "</thead><tbody>" + "".join(rows) + "</tbody></table>"
                "<p class=\"hint\">Click a signal to list the documents where it fired.</p></div>")

    def _reasons_html(self) -> str:
        rows = []
        for code, c in self.reason_codes.most_common(10):
            sig = self.reason_signal.get(code, "")
            rows.append(f"<tr data-reason=\"{_esc(code)}\"><td><span class=\"sw sig-{_cls(sig)}\">"
                        f"</span><code>{_esc(code)}</code></td><td class=\"num\">{c:,}</td></tr>")
        for code, c in self.error_codes.most_common(5):
            rows.append(f"<tr data-error=\"{_esc(code)}\"><td><span class=\"sw sig-error\"></span>"
                        f"<code>error: {_esc(code)}</code></td><td class=\"num\">{c:,}</td></tr>")
        body = "".join(rows) or "<tr><td colspan=\"2\">no reasons</td></tr>"
        return ("<div class=\"panel\"><h2>Most frequent reasons</h2><table class=\"small\" "
                "id=\"reasontable\"><thead><tr><th>code</th><th>documents</th></tr></thead>"
                f"<tbody>{body}</tbody></table></div>")


def _esc(s: str) -> str:
    return html.escape(s, quote=True)


def _cls(sig: str) -> str:
    return re.sub(r"[^a-z0-9_-]", "_", sig.lower()) or "x"


def _card(label: str, value: str, decision: str | None) -> str:
    attr = f" data-decision=\"{_esc(decision)}\" role=\"button\" tabindex=\"0\"" if decision else ""
    cls = f" dec-{_cls(decision)}" if decision else ""
    return (f"<div class=\"card{cls}\"{attr}><div class=\"v\">{value}</div>"
            f"<div class=\"k\">{_esc(label)}</div></div>")


_CSS = r"""
:root{--fg:#1d232a;--muted:#5f6b77;--bg:#fff;--panel:#f5f7f9;--line:#d9dee3;--accent:#2160c4;
--spam:#ff9b9b;--translation:#d3a6ff;--attribution:#8fd3ff;--framing:#ffd36b;--source:#9be39b;
--other:#cfcfcf;--accept:#2e8b57;--review:#c88a00;--reject:#c0392b;--error:#7f8c8d}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;
color:var(--fg);background:var(--bg)}
header{padding:14px 22px 6px;border-bottom:1px solid var(--line)}
h1{font-size:20px;margin:0}h2{font-size:15px;margin:0 0 8px}
.sub,.hint{color:var(--muted);margin:2px 0}.hint{font-size:12px}
section{padding:12px 22px}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin-bottom:12px}
.card{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:8px 14px;
min-width:110px}
.card[role=button]{cursor:pointer}.card[role=button]:hover{border-color:var(--accent)}
.card .v{font-size:22px;font-weight:600}.card .k{color:var(--muted);font-size:12px}
.card.dec-accept .v{color:var(--accept)}.card.dec-review .v{color:var(--review)}
.card.dec-reject .v{color:var(--reject)}.card.dec-error .v{color:var(--error)}
.panels{display:flex;flex-wrap:wrap;gap:14px}
.panel{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:10px 14px;
flex:1 1 320px;min-width:300px}
#hist{width:100%;max-width:460px;height:auto;display:block}
#hist .hit{fill:transparent}#hist .bin{cursor:pointer}#hist .bin:hover .bar{opacity:.75}
#hist .bar{fill:#6a8fc7}#hist .dec-reject{fill:#d46a5f}#hist .dec-review{fill:#e0b04a}
#hist .dec-accept{fill:#5aa469}
#hist text{font-size:10px;fill:var(--muted)}#hist .cnt{text-anchor:middle}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:4px 6px;border-bottom:1px solid var(--line);vertical-align:top}
table.small td,table.small th{padding:3px 6px;font-size:13px}
#sigtable tbody tr,#reasontable tbody tr{cursor:pointer}
#sigtable td:first-child,.legend label{white-space:nowrap}
.docgrid .panel{margin-bottom:12px}
#sigtable tbody tr:hover,#reasontable tbody tr:hover{background:#e9eef5}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.meter{width:30%}td.meter span{display:block;height:10px;border-radius:2px;min-width:1px}
.sw{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:6px;
vertical-align:-1px;border:1px solid rgba(0,0,0,.25)}
.sig-spam{background:var(--spam)}.sig-translation{background:var(--translation)}
.sig-attribution{background:var(--attribution)}.sig-framing{background:var(--framing)}
.sig-source{background:var(--source)}.sig-error{background:var(--error)}
.controls{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:6px 0 10px}
.controls input[type=search]{min-width:260px;padding:5px 8px}
.controls select,.controls button{padding:4px 8px}
#count{color:var(--muted)}
#doctable th{cursor:pointer;user-select:none;white-space:nowrap;background:var(--panel);
position:sticky;top:0}
#doctable th[aria-sort=descending]::after{content:" \25BC"}
#doctable th[aria-sort=ascending]::after{content:" \25B2"}
#doctable tbody tr{cursor:pointer}#doctable tbody tr:hover{background:#eef3fa}
#doctable td.id{max-width:280px;overflow-wrap:anywhere}
#doctable td.id .t{display:block;color:var(--muted);font-size:12px}
.dec{font-weight:600}.dec.accept{color:var(--accept)}.dec.review{color:var(--review)}
.dec.reject{color:var(--reject)}.dec.error{color:var(--error)}
.rc{display:inline-block;font:12px ui-monospace,Menlo,Consolas,monospace;padding:0 4px;
margin:1px 3px 1px 0;border-radius:3px;border:1px solid rgba(0,0,0,.2)}
td.sgc{font-variant-numeric:tabular-nums;text-align:right;font-size:12px}
.pager{display:flex;gap:8px;align-items:center;margin-top:8px}
#docview{padding:12px 22px}
.nav{display:flex;gap:8px;align-items:center;margin-bottom:10px;flex-wrap:wrap}
.docgrid{display:grid;grid-template-columns:minmax(0,2fr) minmax(280px,1fr);gap:16px}
@media (max-width:900px){.docgrid{grid-template-columns:1fr}}
.kv{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;font-size:13px}
.kv dt{color:var(--muted)}.kv dd{margin:0;overflow-wrap:anywhere}
.big{font-size:30px;font-weight:700}
.legend{display:flex;flex-wrap:wrap;gap:10px;margin:6px 0;font-size:13px}
.legend label{cursor:pointer}
#doctext{white-space:pre-wrap;overflow-wrap:anywhere;font:14px/1.6 Georgia,"DejaVu Serif",serif;
background:#fff;border:1px solid var(--line);border-radius:6px;padding:12px 16px;
max-height:75vh;overflow:auto}
#doctext mark{color:inherit;border-radius:2px;padding:0;cursor:help;
box-shadow:inset 0 -2px 0 rgba(0,0,0,.25)}
#doctext mark.multi{box-shadow:inset 0 -3px 0 #333}
#doctext mark.zw{display:inline-block;width:3px;height:1em;vertical-align:-2px;
background:#333 !important}
#doctext mark.flash{outline:2px solid var(--accent)}
#doctext.off-spam mark.sig-spam,#doctext.off-translation mark.sig-translation,
#doctext.off-attribution mark.sig-attribution,#doctext.off-framing mark.sig-framing,
#doctext.off-source mark.sig-source{background:transparent !important;box-shadow:none}
#findings td:first-child{white-space:nowrap}
.ev td{font-size:13px}.ev td:first-child,.ev td.num{white-space:nowrap}.ev td.snip{font-family:Georgia,"DejaVu Serif",serif;max-width:360px;
overflow-wrap:anywhere}
.wbar{display:inline-block;height:8px;background:#c0392b;border-radius:2px;vertical-align:middle}
.wbar.neg{background:#2e8b57}
.notice{background:#fff6d6;border:1px solid #e8d48a;border-radius:4px;padding:6px 10px;margin:6px 0}
a{color:var(--accent)}
[hidden]{display:none !important}
"""

_BODY_HTML = r"""
<noscript><p class="notice">The document table and views need JavaScript; the summary above
works without it.</p></noscript>
<section id="listview" aria-label="Documents">
<h2>Documents</h2>
<div class="controls">
<input type="search" id="q" placeholder="filter: id, domain, title, reason code&hellip;"
 aria-label="filter documents">
<select id="fdec" aria-label="decision"><option value="">any decision</option>
<option>accept</option><option>review</option><option>reject</option><option>error</option></select>
<select id="fsig" aria-label="signal"><option value="">any signal</option></select>
<span id="frange" hidden></span>
<button id="clear" type="button">clear filters</button>
<span id="count"></span>
</div>
<table id="doctable"><thead><tr id="thead"></tr></thead><tbody id="tbody"></tbody></table>
<div class="pager"><button id="prev" type="button">&larr; previous</button>
<span id="pageinfo"></span><button id="next" type="button">next &rarr;</button>
<label>rows per page <select id="psize"><option>25</option><option selected>50</option>
<option>100</option><option>250</option></select></label></div>
</section>
<section id="docview" hidden aria-label="Document"></section>
"""

_JS = r"""
(function(){
"use strict";
const $=id=>document.getElementById(id);
const META=JSON.parse($("cs-meta").textContent);
const ROWS=JSON.parse($("cs-rows").textContent);
const SIGS=META.signals;
const SHORT={spam:"spam",translation:"transl.",attribution:"attrib.",framing:"framing",source:"source"};
const DEC_ORDER={reject:0,review:1,accept:2,error:3};
function el(tag,attrs,...kids){const e=document.createElement(tag);
 if(attrs)for(const k in attrs){const v=attrs[k];if(v==null)continue;
  if(k==="class")e.className=v;else if(k==="text")e.textContent=v;
  else if(k.startsWith("on"))e.addEventListener(k.slice(2),v);else e.setAttribute(k,v);}
 for(const c of kids){if(c==null)continue;e.appendChild(typeof c==="string"?document.createTextNode(c):c);}
 return e;}
function cls(s){return String(s).toLowerCase().replace(/[^a-z0-9_-]/g,"_")||"x";}
function fmt(x,d){return x==null?"\u2013":Number(x).toFixed(d);}
// ---- state ----
const st={sort:null,dir:-1,q:"",dec:"",sig:"",lo:null,hi:null,reason:"",page:0,size:50,view:[]};
const COLS=[{k:"i",t:"#",num:true},{k:"id",t:"document"},{k:"s",t:"score",num:true},
 {k:"d",t:"decision"},{k:"r",t:"top reasons",nosort:true},{k:"dom",t:"domain"}]
 .concat(SIGS.map(s=>({k:"sg:"+s,t:SHORT[s]||s,num:true,sig:s})));
function key(r,k){
 if(k==="s")return r.s;
 if(k==="i")return r.i;
 if(k==="d")return r.d in DEC_ORDER?DEC_ORDER[r.d]:4;
 if(k.startsWith("sg:")){const v=r.sg[k.slice(3)];return v?v[0]:null;}
 const v=r[k];return v==null?null:String(v).toLowerCase();}
function matches(r){
 if(st.dec&&r.d!==st.dec)return false;
 if(st.sig){const v=r.sg[st.sig];if(!v||!(v[1]>0||(v[0]!=null&&v[0]>=META.high)))return false;}
 if(st.lo!=null){if(r.s==null||r.s<st.lo||(st.hi<100?r.s>=st.hi:r.s>100))return false;}
 if(st.reason&&!(r.r.some(x=>x[0]===st.reason)||(r.ra&&r.ra.includes(st.reason))||
  (r.e&&r.e[0]===st.reason)))return false;
 if(st.q){if(r._h===undefined)r._h=[r.id,r.dom,r.t,r.u,r.d,r.l].concat(r.r.map(x=>x[0]))
  .concat(r.ra||[]).concat(r.e?r.e:[]).join("\n").toLowerCase();  // built once per row
  if(!st.qw.every(w=>r._h.includes(w)))return false;}
 return true;}
function compute(){
 st.qw=st.q?st.q.split(/\s+/):[];
 let v=ROWS.filter(matches);
 if(st.sort){const k=st.sort,d=st.dir;
  v.sort((a,b)=>{const x=key(a,k),y=key(b,k);
   if(x==null&&y==null)return a.i-b.i;if(x==null)return 1;if(y==null)return -1;
   if(x<y)return -d;if(x>y)return d;return a.i-b.i;});}
 st.view=v;}
function renderHead(){const tr=$("thead");tr.textContent="";
 for(const c of COLS){const th=el("th",{"data-k":c.k,class:c.num?"num":null,scope:"col",
   title:c.sig?c.sig+" signal score (0..1)":(c.nosort?null:"click to sort")},c.t);
  if(c.sig)th.prepend(el("span",{class:"sw sig-"+cls(c.sig)}));
  if(st.sort===c.k)th.setAttribute("aria-sort",st.dir<0?"descending":"ascending");
  if(!c.nosort)th.addEventListener("click",()=>{
   // numbers start high-to-low (best score / strongest signal first); text starts A-Z
   if(st.sort===c.k)st.dir=-st.dir;else{st.sort=c.k;st.dir=c.num&&c.k!=="i"?-1:1;}
   st.page=0;refresh();});
  tr.appendChild(th);}}
function renderBody(){const tb=$("tbody");tb.textContent="";
 const n=st.view.length,pages=Math.max(1,Math.ceil(n/st.size));
 if(st.page>=pages)st.page=pages-1;
 const start=st.page*st.size,rows=st.view.slice(start,start+st.size);
 const frag=document.createDocumentFragment();
 for(const r of rows){
  const tr=el("tr",{"data-i":r.i,"data-id":r.id,tabindex:"0"});
  tr.appendChild(el("td",{class:"num"},String(r.i+1)));
  tr.appendChild(el("td",{class:"id"},r.id||"(no id)",r.t?el("span",{class:"t"},r.t):null));
  tr.appendChild(el("td",{class:"num score"},fmt(r.s,1)));
  tr.appendChild(el("td",{},el("span",{class:"dec "+cls(r.d)},r.d||"\u2013"),
   r.l?el("span",{class:"t"}," ("+r.l+")"):null));
  const rc=el("td",{class:"reasons"});
  if(r.e)rc.appendChild(el("span",{class:"rc sig-error",title:r.e[1]},r.e[0]));
  for(const x of r.r)rc.appendChild(el("span",{class:"rc sig-"+cls(x[1]),title:x[1]},x[0]));
  tr.appendChild(rc);
  tr.appendChild(el("td",{class:"dom"},r.dom||""));
  for(const s of SIGS){const v=r.sg[s];const td=el("td",{class:"sgc"},v?fmt(v[0],2):"");
   if(v&&v[0]!=null)td.style.background="rgba(192,57,43,"+(0.45*v[0]).toFixed(3)+")";
   if(v&&v[1])td.title=v[1]+" evidence item"+(v[1]===1?"":"s");tr.appendChild(td);}
  tr.addEventListener("click",()=>openDoc(r.i));
  tr.addEventListener("keydown",e=>{if(e.key==="Enter")openDoc(r.i);});
  frag.appendChild(tr);}
 if(!rows.length)frag.appendChild(el("tr",{class:"empty"},el("td",{colspan:String(COLS.length)},
  ROWS.length?"No document matches the filters.":"The batch is empty.")));
 tb.appendChild(frag);
 $("count").textContent=n===ROWS.length?n.toLocaleString()+" documents":
  n.toLocaleString()+" of "+ROWS.length.toLocaleString()+" documents";
 $("pageinfo").textContent="page "+(st.page+1)+" of "+pages;
 $("prev").disabled=st.page===0;$("next").disabled=st.page>=pages-1;}
function refresh(){compute();renderHead();renderBody();
 const fr=$("frange");
 const bits=[];if(st.lo!=null)bits.push("score "+st.lo+"\u2013"+st.hi);
 if(st.reason)bits.push("reason "+st.reason);
 fr.hidden=!bits.length;fr.textContent=bits.join(", ");}
// ---- controls ----
for(const s of SIGS)$("fsig").appendChild(el("option",{value:s},"signal fired: "+s));
let qt=null;
$("q").addEventListener("input",e=>{clearTimeout(qt);qt=setTimeout(()=>{
 st.q=e.target.value.trim().toLowerCase();st.page=0;refresh();},120);});
$("fdec").addEventListener("change",e=>{st.dec=e.target.value;st.page=0;refresh();});
$("fsig").addEventListener("change",e=>{st.sig=e.target.value;st.page=0;refresh();});
$("psize").addEventListener("change",e=>{st.size=+e.target.value;st.page=0;refresh();});
$("prev").addEventListener("click",()=>{st.page--;renderBody();});
$("next").addEventListener("click",()=>{st.page++;renderBody();});
$("clear").addEventListener("click",()=>{Object.assign(st,{q:"",dec:"",sig:"",lo:null,hi:null,
 reason:"",page:0});$("q").value="";$("fdec").value="";$("fsig").value="";refresh();});
function toList(){if(location.hash)history.pushState(null,"",location.pathname+location.search);
 showList();$("listview").scrollIntoView();}
for(const g of document.querySelectorAll("#hist .bin")){
 const f=()=>{st.lo=+g.dataset.lo;st.hi=+g.dataset.hi;st.page=0;refresh();toList();};
 g.addEventListener("click",f);g.addEventListener("keydown",e=>{if(e.key==="Enter")f();});}
for(const c of document.querySelectorAll(".card[data-decision]")){
 const f=()=>{st.dec=c.dataset.decision;$("fdec").value=st.dec;st.page=0;refresh();toList();};
 c.addEventListener("click",f);c.addEventListener("keydown",e=>{if(e.key==="Enter")f();});}
for(const tr of document.querySelectorAll("#sigtable tr[data-signal]"))
 tr.addEventListener("click",()=>{st.sig=tr.dataset.signal;$("fsig").value=st.sig;st.page=0;
  refresh();toList();});
for(const tr of document.querySelectorAll("#reasontable tr[data-reason],#reasontable tr[data-error]"))
 tr.addEventListener("click",()=>{st.reason=tr.dataset.reason||tr.dataset.error;st.page=0;
  refresh();toList();});
// ---- document view ----
const cache=new Map();
async function loadDoc(i){if(cache.has(i))return cache.get(i);const s=$("d"+i);if(!s)return null;
 let txt=s.textContent;
 if(s.hasAttribute("data-gz")){const bin=atob(txt.trim());const u=new Uint8Array(bin.length);
  for(let k=0;k<bin.length;k++)u[k]=bin.charCodeAt(k);
  txt=await new Response(new Blob([u]).stream().pipeThrough(new DecompressionStream("gzip"))).text();}
 const d=JSON.parse(txt);if(cache.size>20)cache.delete(cache.keys().next().value);
 cache.set(i,d);return d;}
function openDoc(i){location.hash="doc="+i;}
function segments(text,spans){
 // Split the text at every span boundary; each segment lists the spans covering it.
 const pts=new Set([0,text.length]);const live=[];
 spans.forEach((s,k)=>{const a=s[7],b=s[8];if(a==null||b==null)return;
  live.push(k);pts.add(a);pts.add(b);});
 const xs=Array.from(pts).sort((a,b)=>a-b);const out=[];
 const starts=new Map();for(const k of live){const a=spans[k][7];
  if(!starts.has(a))starts.set(a,[]);starts.get(a).push(k);}
 let active=[];
 for(let j=0;j<xs.length;j++){const a=xs[j];
  active=active.filter(k=>spans[k][8]>a);
  const zw=[];for(const k of starts.get(a)||[]){if(spans[k][8]===a)zw.push(k);else active.push(k);}
  if(zw.length)out.push({a:a,b:a,ks:zw,zw:true});
  if(j+1<xs.length&&xs[j+1]>a)out.push({a:a,b:xs[j+1],ks:active.slice()});}
 return out;}
const COLOURS=new Map();
function colour(s){if(!COLOURS.has(s))COLOURS.set(s,getComputedStyle(document.documentElement)
 .getPropertyValue("--"+s).trim()||"#cfcfcf");return COLOURS.get(s);}
function renderText(d,box){
 const text=d.text,spans=d.spans,frag=document.createDocumentFragment();
 for(const g of segments(text,spans)){const piece=text.slice(g.a,g.b);
  if(!g.ks.length){frag.appendChild(document.createTextNode(piece));continue;}
  const sigs=[...new Set(g.ks.map(k=>spans[k][2]))];
  const m=el("mark",{class:"sig-"+cls(sigs[0])+(g.ks.length>1?" multi":"")+(g.zw?" zw":"")+
   sigs.slice(1).map(s=>" also-"+cls(s)).join(""),"data-spans":g.ks.join(" "),
   "data-signals":sigs.join(" ")},piece);
  if(sigs.length>1){const cs=sigs.map(colour);
   m.style.background="repeating-linear-gradient(135deg,"+cs.map((c,x)=>c+" "+(x*6)+"px "+
    ((x+1)*6)+"px").join(",")+")";m.classList.add(...sigs.map(s=>"sig-"+cls(s)));}
  frag.appendChild(m);}
 box.appendChild(frag);}
function tipText(d,ks){return ks.map(k=>{const s=d.spans[k];
 return s[2]+" \u00b7 "+s[3]+"\n"+s[4]+(s[5]?"\n("+s[5]+")":"");}).join("\n\n");}
function show(x){  // a report value as text: lists joined, objects as "key: value" pairs
 if(x==null||x==="")return "none";
 if(Array.isArray(x))return x.length?x.map(show).join("; "):"none";
 if(typeof x==="object")return Object.keys(x).map(k=>k+": "+show(x[k])).join(", ")||"none";
 return String(x);}
function kv(pairs){const dl=el("dl",{class:"kv"});
 for(const [k,v] of pairs){if(v==null||v==="")continue;dl.appendChild(el("dt",{},k));
  dl.appendChild(el("dd",{},v));}return dl;}
function safeLink(u){return /^https?:\/\//i.test(u)?el("a",{href:u,rel:"noopener noreferrer",
 target:"_blank"},u):document.createTextNode(u);}
let renderToken=0;
async function renderDoc(i){
 const token=++renderToken;let d=null,failure=null;
 try{d=await loadDoc(i);}catch(e){failure=e;}
 if(token!==renderToken)return;  // another document was opened meanwhile
 const v=$("docview");v.textContent="";
 const pos=st.view.findIndex(r=>r.i===i);
 const nav=el("div",{class:"nav"},
  el("button",{type:"button",id:"back",onclick:()=>toList()},"\u2190 all documents"),
  el("button",{type:"button",id:"prevdoc",disabled:pos>0?null:"",
   onclick:()=>openDoc(st.view[pos-1].i)},"\u2191 previous"),
  el("button",{type:"button",id:"nextdoc",disabled:pos>=0&&pos<st.view.length-1?null:"",
   onclick:()=>openDoc(st.view[pos+1].i)},"\u2193 next"),
  el("span",{class:"hint"},pos>=0?"document "+(pos+1)+" of "+st.view.length+
   " in the current list":"document "+(i+1)));
 v.appendChild(nav);
 if(failure){v.appendChild(el("p",{class:"notice"},"This browser could not unpack the document ("+
  failure+"). It needs DecompressionStream (Chrome/Edge 80+, Firefox 113+, Safari 16.4+)."));return;}
 if(!d){v.appendChild(el("p",{},"No such document."));return;}
 v.appendChild(el("h2",{id:"doctitle"},d.id||"(no id)"));
 v.dataset.doc=String(i);  // tests and scripts wait for this
 if(d.error){v.appendChild(el("p",{class:"notice",id:"docerror"},"Not scored: "+d.error[0]+
  " \u2014 "+d.error[1]));if(d.url)v.appendChild(el("p",{},safeLink(d.url)));return;}
 const grid=el("div",{class:"docgrid"});const left=el("div"),right=el("div");
 grid.appendChild(left);grid.appendChild(right);v.appendChild(grid);
 // right column: verdict, signals, reasons, source, attribution, model
 const c=d.cred;
 right.appendChild(el("div",{class:"panel"},
  el("div",{class:"big",id:"docscore"},fmt(c.score,1),el("span",{class:"hint"}," / 100")),
  el("div",{},el("span",{class:"dec "+cls(c.decision),id:"docdecision"},c.decision||"\u2013"),
   " \u00b7 label "+(c.label||"\u2013")+" \u00b7 p(low) "+fmt(c.p_low,3)),
  kv([["title",d.title],["url",d.url?safeLink(d.url):null],["domain",d.domain],
   ["language",d.language],["model",(d.model.name||"?")+" "+(d.model.version||"?")],
   ["schema",d.schema]])));
 const sgt=el("table",{class:"small"},el("thead",{},el("tr",{},el("th",{},"signal"),
  el("th",{class:"num"},"score"),el("th",{class:"num"},"evidence"))));
 const sgb=el("tbody");sgt.appendChild(sgb);
 for(const s of SIGS){const x=d.sg[s]||[null,0];sgb.appendChild(el("tr",{},
  el("td",{},el("span",{class:"sw sig-"+cls(s)}),s),el("td",{class:"num"},fmt(x[0],2)),
  el("td",{class:"num"},String(x[1]))));}
 right.appendChild(el("div",{class:"panel"},el("h2",{},"Signals"),sgt));
 const rt=el("table",{class:"small",id:"reasons"});
 const maxw=Math.max(1e-9,...d.reasons.map(r=>Math.abs(r[3]||0)));
 for(const r of d.reasons){const w=r[3]||0;rt.appendChild(el("tr",{},
  el("td",{},el("span",{class:"sw sig-"+cls(r[1])}),el("code",{},r[0]),el("div",{class:"hint"},r[2])),
  el("td",{class:"num",title:"positive weight lowers credibility"},(w>=0?"+":"")+fmt(w,3),
   el("br"),el("span",{class:"wbar"+(w<0?" neg":""),style:"width:"+(60*Math.abs(w)/maxw).toFixed(0)+"px"}))));}
 right.appendChild(el("div",{class:"panel"},el("h2",{},"Reasons"),
  d.reasons.length?rt:el("p",{class:"hint"},"No reasons recorded.")));
 const src=d.blocks.source||{};const rat=src.ratings||{};
 const srcp=el("div",{class:"panel",id:"source"},el("h2",{},"Source"),
  kv([["domain",src.domain||d.domain],["signal score",fmt((d.sg.source||[null])[0],2)]]));
 const rk=Object.keys(rat);
 if(rk.length){const t=el("table",{class:"small"});for(const k of rk){const val=rat[k];
  t.appendChild(el("tr",{},el("td",{},k),el("td",{},show(val))));}
  srcp.appendChild(t);}else srcp.appendChild(el("p",{class:"hint"},"No rating for this source."));
 right.appendChild(srcp);
 const at=d.blocks.attribution;
 if(at){const keys=["byline","dateline"].concat(Object.keys(at).filter(k=>k!=="byline"&&k!=="dateline"));
  right.appendChild(el("div",{class:"panel",id:"attribution"},el("h2",{},"Attribution"),
   kv(keys.map(k=>[k.replace(/_/g," "),at[k]==null&&(k==="byline"||k==="dateline")?"none found":show(at[k])]))));}
 for(const s of Object.keys(d.blocks)){if(s==="source"||s==="attribution")continue;
  const b=d.blocks[s];right.appendChild(el("div",{class:"panel"},el("h2",{},s),
   kv(Object.keys(b).map(k=>[k.replace(/_/g," "),show(b[k])]))));}
 if(d.findings.length){const ft=el("table",{class:"small",id:"findings"});
  for(const f of d.findings)ft.appendChild(el("tr",{},el("td",{},el("span",{class:"sw sig-"+cls(f[0])}),
   el("code",{},f[1])),el("td",{},f[2])));
  right.appendChild(el("div",{class:"panel"},el("h2",{},"Document-level findings"),ft));}
 if(d.metadata&&Object.keys(d.metadata).length)right.appendChild(el("div",{class:"panel"},
  el("h2",{},"Metadata"),kv(Object.keys(d.metadata).map(k=>[k,String(d.metadata[k])]))));
 if(d.detectors.length)right.appendChild(el("div",{class:"panel"},el("h2",{},"Detectors"),
  el("p",{class:"hint"},d.detectors.join(", "))));
 // left column: legend, text, evidence list
 const legend=el("div",{class:"legend",id:"legend"});
 const box=el("div",{id:"doctext",lang:d.language&&d.language!=="und"?d.language:null,dir:"auto"});
 for(const s of SIGS){const n=d.spans.filter(x=>x[2]===s).length;
  const cb=el("input",{type:"checkbox",checked:"",onchange:e=>box.classList.toggle("off-"+cls(s),!e.target.checked)});
  legend.appendChild(el("label",{title:"show/hide "+s+" highlights"},cb,el("span",{class:"sw sig-"+cls(s)}),s+" ("+n+")"));}
 left.appendChild(el("h2",{},"Text"));left.appendChild(legend);
 if(d.truncated)left.appendChild(el("p",{class:"notice"},"Text truncated to "+d.text.length.toLocaleString()+
  " of "+d.text_len.toLocaleString()+" characters; spans beyond are listed below only."));
 if(d.text==null)left.appendChild(el("p",{class:"notice"},"This record carries no text; evidence is listed below."));
 else{renderText(d,box);left.appendChild(box);
  for(const m of box.querySelectorAll("mark"))m.title=tipText(d,m.dataset.spans.split(" ").map(Number));}
 const et=el("table",{class:"small ev",id:"evidence"},el("thead",{},el("tr",{},el("th",{},"signal"),
  el("th",{},"code"),el("th",{},"text"),el("th",{},"message"),el("th",{class:"num"},"chars"))));
 const eb=el("tbody");et.appendChild(eb);
 d.spans.forEach((s,k)=>{const tr=el("tr",{"data-span":k},el("td",{},el("span",{class:"sw sig-"+cls(s[2])}),s[2]),
  el("td",{},el("code",{},s[3])),el("td",{class:"snip"},s[6].length>200?s[6].slice(0,200)+"\u2026":s[6]),
  el("td",{},s[4],s[5]?el("div",{class:"hint"},s[5]):null),el("td",{class:"num"},s[0]+"\u2013"+s[1]));
  if(s[7]!=null){tr.style.cursor="pointer";tr.title="show in the text";tr.addEventListener("click",()=>{
   const ms=[...box.querySelectorAll("mark")].filter(m=>m.dataset.spans.split(" ").includes(String(k)));
   if(ms.length){ms[0].scrollIntoView({block:"center"});for(const m of ms){m.classList.add("flash");
    setTimeout(()=>m.classList.remove("flash"),1500);}}});}
  eb.appendChild(tr);});
 left.appendChild(el("h2",{style:"margin-top:14px"},"Evidence ("+d.spans.length+" spans)"));
 left.appendChild(d.spans.length?et:el("p",{class:"hint"},"No span evidence."));}
function showList(){$("docview").hidden=true;$("listview").hidden=false;$("summary").hidden=false;
}
function route(){const m=/^#doc=(\d+)$/.exec(location.hash);
 if(m&&+m[1]<ROWS.length){$("listview").hidden=true;$("summary").hidden=true;$("docview").hidden=false;
  renderDoc(+m[1]);window.scrollTo(0,0);}else showList();}
window.addEventListener("hashchange",route);
document.addEventListener("keydown",e=>{if($("docview").hidden||e.target.tagName==="INPUT")return;
 if(e.key==="Escape")toList();
 else if(e.key==="j"||e.key==="ArrowDown"&&e.altKey){const b=$("nextdoc");if(b&&!b.disabled)b.click();}
 else if(e.key==="k"||e.key==="ArrowUp"&&e.altKey){const b=$("prevdoc");if(b&&!b.disabled)b.click();}});
window.credscore={state:st,rows:ROWS,refresh:refresh,openDoc:openDoc,loadDoc:loadDoc,segments:segments};
refresh();route();
})();
"""
