"""``scorer.explain.render``: the terminal report for one document."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer import Document, Scorer
from scorer.evidence import DetectorResult, Evidence, Span
from scorer.explain import mark_text, render

ANSI = re.compile(r"\x1b\[[0-9;]*m")
PLAIN_MARK = re.compile(r"\[\[|\]\]\{[A-Z_]+\}")

TEXT = ("By LENA ORTIZ\nThe junta and its so-called experts met. casino bonus free spins tonight\n"
        "Officials of the Republic of the Korea spoke.")


class _Phrases:
    """A toy detector: fixed phrases → evidence spans (tests only)."""

    def __init__(self, name: str, phrases: dict[str, str], extras: dict[str, Any] | None = None,
                 finding: tuple[str, str] | None = None) -> None:
        self.name, self.phrases, self.extras, self.finding = name, phrases, extras or {}, finding
        self.feature_names = ("hits",)

    def __call__(self, doc: Document) -> DetectorResult:
        ev = [Evidence(code, f"found {phrase!r}", Span(i, i + len(phrase)))
              for phrase, code in self.phrases.items()
              for i in [m.start() for m in re.finditer(re.escape(phrase), doc.text)]]
        if self.finding:
            ev.append(Evidence(*self.finding))
        return DetectorResult(self.name, {"hits": float(len(ev))}, tuple(ev),
                              min(1.0, 0.4 * len(ev)), self.extras)


@pytest.fixture(scope="module")
def record() -> dict[str, Any]:
    scorer = Scorer(detectors=[
        _Phrases("spam.toy.v1", {"casino bonus free spins": "SPAM_GAMBLING"}),
        _Phrases("translation.toy.v1", {"Republic of the Korea": "MT_CALQUE"}),
        _Phrases("attribution.toy.v1", {"By LENA ORTIZ": "BYLINE"}, {"byline": "LENA ORTIZ"}),
        _Phrases("framing.toy.v1", {"junta": "LOADED_TERM", "so-called experts": "LOADED_TERM",
                                    "bonus": "LOADED_TERM"}),
        _Phrases("source.toy.v1", {}, {"domain": "shady.example",
                                       "ratings": {"toy-list": "questionable"}},
                 ("SOURCE_RATED_LOW", "on the toy list")),
    ])
    return scorer.score(Document(text=TEXT, id="doc-1", url="https://shady.example/x")) \
        .to_dict(include_text=True)


def test_explain_plain_has_no_escape_codes_and_marks_spans(record: dict[str, Any]) -> None:
    out = render(record, color=False)
    assert "\x1b" not in out
    assert "[[By LENA ORTIZ]]{BYLINE}" in out
    assert "[[Republic of the Korea]]{MT_CALQUE}" in out
    assert "[[junta]]{LOADED_TERM}" in out
    # overlap: "bonus" (framing) inside the spam span; the inner one closes first
    assert "[[casino [[bonus]]{LOADED_TERM} free spins]]{SPAM_GAMBLING}" in out


def test_explain_plain_text_survives_marker_removal(record: dict[str, Any]) -> None:
    out = render(record, color=False)
    body = out.split("\nText\n", 1)[1].rstrip("\n")
    assert PLAIN_MARK.sub("", body) == TEXT


def test_explain_shows_verdict_signals_reasons_source(record: dict[str, Any]) -> None:
    out = render(record, color=False)
    cred = record["credibility"]
    assert f"score {cred['score']:.1f}/100" in out
    assert cred["decision"].upper() in out and f"label {cred['label']}" in out
    for sig in ("spam", "translation", "attribution", "framing", "source"):
        assert re.search(rf"^\s+{sig}\s+\d\.\d\d", out, re.MULTILINE), sig
    for reason in record["reasons"]:
        assert reason["code"] in out
    assert "domain shady.example" in out and "toy-list: questionable" in out
    assert "  byline: LENA ORTIZ\n  dateline: none found\n  credits: none\n" in out
    assert "SOURCE_RATED_LOW  on the toy list" in out
    assert "model heuristic-fallback 0" in out
    n_spans = sum(len(b["spans"]) for b in record["signals"].values())
    assert f"Evidence ({n_spans} spans)" in out
    assert len(re.findall(r"^  \[\d+\] ", out, re.MULTILINE)) == n_spans


def test_explain_color_highlights_with_signal_backgrounds(record: dict[str, Any]) -> None:
    out = render(record, color=True)
    assert "\x1b[30;101mcasino " in out  # spam background
    assert "\x1b[30;105mRepublic of the Korea\x1b[0m" in out  # translation background
    assert "\x1b[30;101m\x1b[4mbonus" in out  # overlap: underlined
    body = out.split("Text", 1)[1].split("\n", 2)[2]  # after the legend line
    stripped = re.sub(r"\[\d+(,\d+)*\]", "", ANSI.sub("", body)).rstrip("\n")
    assert stripped == TEXT


def test_explain_error_record() -> None:
    out = render({"id": "r9", "error": {"code": "bad_input", "message": "not JSON"}}, color=False)
    assert out == "credscore · r9\nnot scored: bad_input — not JSON\n"


def test_explain_record_without_text_lists_evidence(record: dict[str, Any]) -> None:
    rec = {k: v for k, v in record.items() if k != "text"}
    out = render(rec, color=False)
    assert "“casino bonus free spins”" in out
    assert "carries no text" in out


def test_explain_neutralises_terminal_control_sequences() -> None:
    text = "evil \x1b[2J\x1b]0;title\x07 text\r overwritten \x9b31m"
    rec = {"id": "x\x1b[31m", "credibility": {"score": 50, "label": "mixed", "decision": "review",
                                              "p_low": 0.5},
           "signals": {"spam": {"score": 0.5, "spans": [
               {"start": 0, "end": 4, "code": "C\x1b", "text": "evil", "message": "m\x1b[5m"}],
               "findings": []}},
           "reasons": [], "model": {"name": "n", "version": "1"}, "text": text}
    for color in (False, True):
        out = render(rec, color=color)
        leftovers = ANSI.sub("", out) if color else out
        assert "\x1b" not in leftovers and "\x07" not in leftovers and "\r" not in leftovers
        assert "\x9b" not in out
        assert "␛[2J" in out


@pytest.mark.parametrize("rec", [
    {},
    {"id": None, "credibility": None, "signals": None, "reasons": None, "text": None},
    {"id": "s", "credibility": {"score": "high"}, "signals": {"spam": "x", "framing": {
        "score": 2, "spans": [{"start": 5, "end": 3}, {"start": -1, "end": 2, "code": "N"},
                              {"start": 0, "end": 99, "code": "BIG"}, "junk"]}},
     "reasons": [{"weight": "heavy"}, 3], "text": "short"},
    {"id": "j", "credibility": "high", "model": 3, "reasons": 7, "text": 12,
     "signals": {"spam": {"spans": 5, "findings": "x"}, "attribution": {"credits": "AP"},
                 "source": {"ratings": [1]}}},
])
def test_explain_odd_records_do_not_raise(rec: dict[str, Any]) -> None:
    assert render(rec, color=True).startswith("\x1b[1mcredscore")
    assert render(rec, color=False).startswith("credscore")


def test_explain_long_text_is_cut() -> None:
    rec = {"id": "l", "credibility": {"score": 90.0}, "signals": {}, "text": "word " * 1000}
    out = render(rec, color=False, max_text_chars=100)
    assert "(4,900 more characters not shown)" in out


def test_explain_spans_on_the_same_range_share_a_marker() -> None:
    spans = [{"start": 0, "end": 5, "code": c, "signal": "spam"} for c in ("A", "B", "A")]
    spans.append({"start": 6, "end": 9, "code": "C", "signal": "framing"})
    assert mark_text("casino bet", spans, False) == "[[casin]]{A,B}o[[ be]]{C}t"
    colored = mark_text("casino bet", spans, True)
    assert "\x1b[4m" not in colored  # one range, one signal: no overlap underline
    assert "[1,2,3]" in colored


def test_explain_zero_width_span_marked() -> None:
    assert mark_text("abc", [{"start": 1, "end": 1, "code": "GAP", "signal": "spam"}], False) \
        == "a[[]]{GAP}bc"


@settings(max_examples=80, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs"),
                                          blacklist_characters="[]{}"), max_size=60),
       cuts=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60),
                               st.sampled_from(["spam", "framing", "other"])), max_size=6))
def test_mark_text_keeps_the_text_property(text: str, cuts: list[tuple[int, int, str]]) -> None:
    spans = [{"start": min(a, b), "end": max(a, b), "code": "P", "signal": s} for a, b, s in cuts]
    plain = mark_text(text, spans, False)
    assert re.sub(r"\[\[|\]\]\{P\}", "", plain) == text
    colored = mark_text(text, spans, True)
    assert re.sub(r"\[\d+(:P)?(,\d+)*\]", "", ANSI.sub("", colored)) == text


def test_explain_through_the_cli(tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """``credscore explain FILE --color never`` prints this report in plain text."""
    from scorer.cli import main

    src = tmp_path / "note.txt"
    src.write_text("A short note about the harbour reopening on Monday.\n", encoding="utf-8")
    assert main(["explain", str(src), "--no-model", "--color", "never"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("credscore · ") and "\x1b" not in out
    assert "\nSignals\n" in out and "\nText\n" in out
    body = re.sub(r"\[\[|\]\]\{[^}]*\}", "", out.split("\nText\n", 1)[1])
    assert "A short note about the harbour reopening on Monday." in body
