"""``credscore explain``: one document's report, readable in a terminal.

:func:`render` turns a report dict (``Report.to_dict(include_text=True)``, or a line of
``credscore score`` output) or an error record into text: the verdict (score, label, decision,
p(low)), each signal's score, the reasons that moved the score, the source rating, attribution
facts, document-level findings, the evidence list and the text with its evidence spans marked.

With ``color=True`` spans get a background colour per signal (ANSI SGR codes; overlapping spans
are underlined and coloured by the first signal in report order) and a dim ``[n]`` after each span
pointing into the evidence list. With ``color=False`` the output is plain text: a span reads
``[[flagged text]]{CODE}`` (spans on the same range share one marker: ``{CODE_A,CODE_B}``);
where spans overlap the brackets interleave and each closing marker names the spans it closes.

Everything printed from the record is sanitised: control characters (ESC included) become visible
Control Pictures, so a hostile document cannot drive the terminal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from features.registry import SIGNALS

#: Text shown at most (characters); the evidence list still covers the whole document.
DEFAULT_MAX_TEXT_CHARS = 100_000

RESET = "\x1b[0m"
BOLD = "\x1b[1m"
DIM = "\x1b[2m"
UNDERLINE = "\x1b[4m"
#: Background per signal: black text on bright backgrounds (the 16 basic colours, so any
#: colour terminal shows them).
SIGNAL_SGR: dict[str, str] = {
    "spam": "\x1b[30;101m",
    "translation": "\x1b[30;105m",
    "attribution": "\x1b[30;106m",
    "framing": "\x1b[30;103m",
    "source": "\x1b[30;102m",
}
OTHER_SGR = "\x1b[30;47m"
DECISION_SGR = {"accept": "\x1b[1;32m", "review": "\x1b[1;33m", "reject": "\x1b[1;31m"}

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _picture(m: re.Match[str]) -> str:
    c = ord(m.group())
    if c < 0x20:
        return chr(0x2400 + c)  # U+2400.. Control Pictures: ␛ for ESC, ␍ for CR
    if c == 0x7F:
        return "\u2421"
    return "\ufffd"


def clean(value: Any) -> str:
    """A record value as safe terminal text (newlines and tabs kept, other controls visible)."""
    s = "" if value is None else str(value)
    return _CONTROL.sub(_picture, s.replace("\r\n", "\n"))


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _dicts(value: Any) -> list[dict[str, Any]]:
    """The dict items of a list (anything else: none)."""
    return [x for x in value if isinstance(x, dict)] if isinstance(value, (list, tuple)) else []


def _show(value: Any) -> str:
    """A report value on one line: lists joined with "; ", dicts as "key: value" pairs."""
    if value is None or value == "":
        return "none"
    if isinstance(value, (list, tuple)):
        return "; ".join(_show(v) for v in value) if value else "none"
    if isinstance(value, dict):
        return ", ".join(f"{_one_line(k)}: {_show(v)}" for k, v in value.items()) or "none"
    return _one_line(value)


def _one_line(value: Any) -> str:
    return clean(value).replace("\n", " ⏎ ").replace("\t", " ")


class _Style:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, sgr: str, text: str) -> str:
        return f"{sgr}{text}{RESET}" if self.color and text else text

    def sig(self, sig: str) -> str:
        return SIGNAL_SGR.get(sig, OTHER_SGR)


def _fmt(x: Any, digits: int) -> str:
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return "–"
    return f"{float(x):.{digits}f}"


def _bar(score: Any, color: bool, width: int = 10) -> str:
    if isinstance(score, bool) or not isinstance(score, (int, float)):
        return " " * (width + (0 if color else 2))
    n = max(0, min(width, round(float(score) * width)))
    return "█" * n + "░" * (width - n) if color else "[" + "#" * n + "-" * (width - n) + "]"


def _signal_order(signals: Iterable[str]) -> list[str]:
    present = list(signals)
    return [s for s in SIGNALS if s in present] + [s for s in present if s not in SIGNALS]


def render(record: dict[str, Any], color: bool,
           max_text_chars: int | None = DEFAULT_MAX_TEXT_CHARS) -> str:
    """The terminal report for one record (report or error record). Never raises on odd input."""
    st = _Style(color)
    out: list[str] = []
    rid = _one_line(record.get("id")) or "(no id)"
    out.append(st(BOLD, f"credscore · {rid}"))
    if "error" in record and "credibility" not in record:
        raw = record.get("error")
        err = raw if isinstance(raw, dict) else {"code": "error", "message": raw}
        out.append(st(DECISION_SGR["reject"], f"not scored: {_one_line(err.get('code'))}")
                   + f" — {_one_line(err.get('message'))}")
        return "\n".join(out) + "\n"

    cred = _dict(record.get("credibility"))
    decision = _one_line(cred.get("decision")) or "–"
    out.append(f"score {st(BOLD, _fmt(cred.get('score'), 1))}/100 · label "
               f"{_one_line(cred.get('label')) or '–'} · decision "
               f"{st(DECISION_SGR.get(decision, BOLD), decision.upper())} · p(low) "
               f"{_fmt(cred.get('p_low'), 3)}")
    facts = [("title", record.get("title")), ("url", record.get("url")),
             ("domain", record.get("domain")), ("language", record.get("language"))]
    line = " · ".join(f"{k} {_one_line(v)}" for k, v in facts if v not in (None, ""))
    if line:
        out.append(line)
    model = _dict(record.get("model"))
    out.append(st(DIM, f"model {_one_line(model.get('name')) or '?'} "
                       f"{_one_line(model.get('version')) or '?'}"
                       + (f" · schema {_one_line(record['schema_version'])}"
                          if record.get("schema_version") else "")))

    signals = _dict(record.get("signals"))
    order = _signal_order(k for k, v in signals.items() if isinstance(v, dict))
    spans: list[dict[str, Any]] = []
    findings: list[tuple[str, dict[str, Any]]] = []
    out.append("")
    out.append(st(BOLD, "Signals"))
    width = max([len(s) for s in order] + [6])
    for sig in order:
        block = signals[sig]
        sp = _dicts(block.get("spans"))
        fi = _dicts(block.get("findings"))
        for x in sp:
            spans.append({**x, "signal": sig})
        findings.extend((sig, x) for x in fi)
        n = len(sp) + len(fi)
        name = st(st.sig(sig), f" {sig:<{width}} ") if color else f" {sig:<{width}} "
        score = block.get("score")
        out.append(f" {name} {_fmt(score, 2):>4}  {_bar(score, color)}"
                   + (f"  {n} evidence item{'s' if n != 1 else ''}" if n else "")
                   + ("" if score is not None else st(DIM, "  not measured")))

    reasons = _dicts(record.get("reasons"))
    out.append("")
    out.append(st(BOLD, "Reasons") + st(DIM, " (positive weight lowers credibility)"))
    if not reasons:
        out.append("  none recorded")
    cw = max([len(_one_line(r.get("code"))) for r in reasons] + [4])
    sw = max([len(_one_line(r.get("signal"))) for r in reasons] + [4])
    for r in reasons:
        w = r.get("weight")
        ws = f"{float(w):+.3f}" if isinstance(w, (int, float)) and not isinstance(w, bool) \
            else "   –  "
        sig = st(DIM, f"{_one_line(r.get('signal')):<{sw}}")
        out.append(f"  {ws}  {_one_line(r.get('code')):<{cw}}  {sig}  {_one_line(r.get('message'))}")

    src = _dict(signals.get("source"))
    out.append("")
    out.append(st(BOLD, "Source"))
    ratings = _dict(src.get("ratings"))
    out.append(f"  domain {_one_line(src.get('domain') or record.get('domain')) or '–'} · "
               f"source score {_fmt(src.get('score'), 2)}")
    if ratings:
        for k, v in ratings.items():
            out.append(f"  {_one_line(k)}: {_show(v)}")
    else:
        out.append("  no rating for this source")

    att = _dict(signals.get("attribution"))
    facts_att = {k: v for k, v in att.items() if k not in ("score", "spans", "findings")}
    if facts_att:
        out.append("")
        out.append(st(BOLD, "Attribution"))
        for key in ["byline", "dateline"] + [k for k in facts_att if k not in ("byline",
                                                                               "dateline")]:
            value = facts_att.get(key)
            shown = "none found" if value in (None, "") and key in ("byline", "dateline") \
                else _show(value)
            out.append(f"  {_one_line(key).replace('_', ' ')}: {shown}")

    if findings:
        out.append("")
        out.append(st(BOLD, "Findings") + st(DIM, " (document level)"))
        for sig, f in findings:
            tag = st(st.sig(sig), f" {sig} ") if color else f"{sig}:"
            out.append(f"  {tag} {_one_line(f.get('code'))}  {_one_line(f.get('message'))}"
                       + st(DIM, f"  ({_one_line(f.get('detector'))})" if f.get("detector")
                            else ""))

    spans = [s for s in spans if isinstance(s.get("start"), int) and isinstance(s.get("end"), int)]
    # the same order (and so the same numbers) as the HTML report's evidence list
    spans.sort(key=lambda s: (s["start"], s["end"], _one_line(s.get("code"))))
    out.append("")
    out.append(st(BOLD, f"Evidence ({len(spans)} span{'s' if len(spans) != 1 else ''})"))
    if not spans:
        out.append("  no span evidence")
    for num, s in enumerate(spans, 1):
        snippet = _one_line(s.get("text"))
        if len(snippet) > 120:
            snippet = snippet[:117] + "..."
        tag = st(st.sig(s["signal"]), f" {s['signal']} ") if color else f"{s['signal']}:"
        where = st(DIM, f"@{s['start']}-{s['end']}")
        out.append(f"  [{num}] {tag} {_one_line(s.get('code'))} {where}  “{snippet}”")
        msg = _one_line(s.get("message"))
        det = _one_line(s.get("detector"))
        if msg or det:
            out.append(f"      {msg}" + st(DIM, f" ({det})" if det else ""))

    text = record.get("text")
    out.append("")
    if not isinstance(text, str):
        out.append(st(DIM, "(the record carries no text; score with the text included to see it)"))
        return "\n".join(out) + "\n"
    out.append(st(BOLD, "Text"))
    if color:
        out.append("  " + " ".join(st(SIGNAL_SGR.get(s, OTHER_SGR), f" {s} ") for s in order))
    shown = text if max_text_chars is None else text[:max_text_chars]
    out.append(mark_text(shown, spans, color))
    if len(shown) < len(text):
        out.append(st(DIM, f"... ({len(text) - len(shown):,} more characters not shown)"))
    return "\n".join(out) + "\n"


def mark_text(text: str, spans: list[dict[str, Any]], color: bool) -> str:
    """The text with spans marked (see the module docstring). Spans outside the text are skipped.

    ``spans`` carry ``start``, ``end``, ``code`` and ``signal``; their position in the list is the
    evidence number shown in colour mode (1-based).
    """
    n = len(text)
    live = [(k, s) for k, s in enumerate(spans, 1) if 0 <= s["start"] <= s["end"] <= n]
    points = sorted({0, n} | {s["start"] for _, s in live} | {s["end"] for _, s in live})
    starts: dict[int, list[tuple[int, dict[str, Any]]]] = {}
    ends: dict[int, list[tuple[int, dict[str, Any]]]] = {}
    for k, s in live:
        starts.setdefault(s["start"], []).append((k, s))
        ends.setdefault(s["end"], []).append((k, s))
    out: list[str] = []
    active: list[tuple[int, dict[str, Any]]] = []
    for j, pos in enumerate(points):
        closing = [(k, s) for k, s in ends.get(pos, []) if s["start"] < pos]
        opening = [(k, s) for k, s in starts.get(pos, []) if s["end"] > pos]
        empty = [(k, s) for k, s in starts.get(pos, []) if s["end"] == pos]
        if closing:
            if color:
                out.append(DIM + "[" + ",".join(str(k) for k, _ in closing) + "]" + RESET)
            else:
                # one marker per distinct range (spans on the same range share it); close the
                # innermost (latest opened) first so nested spans read naturally
                by_start: dict[int, list[str]] = {}
                for _k, s in closing:
                    by_start.setdefault(s["start"], []).append(_one_line(s.get("code")))
                for start in sorted(by_start, reverse=True):
                    out.append("]]{" + ",".join(dict.fromkeys(by_start[start])) + "}")
            ids = {k for k, _ in closing}
            active = [a for a in active if a[0] not in ids]
        for k, s in empty:
            out.append(f"{DIM}[{k}:{_one_line(s.get('code'))}]{RESET}" if color
                       else f"[[]]{{{_one_line(s.get('code'))}}}")
        if not color:
            out.extend("[[" for _ in {s["end"] for _, s in opening})
        active.extend(opening)
        if j + 1 >= len(points):
            break
        piece = clean(text[pos:points[j + 1]])
        if color and active:
            sigs = _signal_order(dict.fromkeys(s["signal"] for _, s in active))
            ranges = {(s["start"], s["end"]) for _, s in active}
            overlap = len(ranges) > 1 or len(sigs) > 1
            sgr = SIGNAL_SGR.get(sigs[0], OTHER_SGR) + (UNDERLINE if overlap else "")
            # re-open the colour after every newline: some terminals paint the line end otherwise
            out.append("\n".join(f"{sgr}{line}{RESET}" if line else "" for line in
                                 piece.split("\n")))
        else:
            out.append(piece)
    return "".join(out)
