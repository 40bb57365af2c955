"""CredibilityFilter: argument contract, totality, thresholds, cheap-first path, thread safety."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest

from scorer.config import Limits, Thresholds
from scorer.document import Document
from scorer.evidence import DetectorResult, Evidence, Span
from scorer.filter import CredibilityFilter, Verdict, is_expensive
from scorer.scoring import HeuristicModel, Scorer

CLEAN = (
    "The library on Elm Street will reopen next week after a six-month renovation, the city "
    "said on Friday. The new building has a larger reading room and a space for children.\n\n"
    "Officials said the work cost less than planned because volunteers helped move the books."
)
SPAM_LINE = "Best casino bonus here, claim your casino bonus now."


@dataclass(frozen=True)
class WordDetector:
    """Test double: each occurrence of ``word`` is evidence; score = min(1, hits / per_full)."""

    name: str
    word: str
    per_full: float = 2.0
    feature_names: tuple[str, ...] = ("hits",)

    def __call__(self, doc: Document) -> DetectorResult:
        low, spans, start = doc.text.lower(), [], doc.text.lower().find(self.word)
        while start >= 0:
            spans.append(Evidence("test_word", self.word, Span(start, start + len(self.word))))
            start = low.find(self.word, start + 1)
        return DetectorResult(self.name, {"hits": float(len(spans))}, tuple(spans),
                              min(1.0, len(spans) / self.per_full))


@dataclass(frozen=True)
class CountingDetector:
    """An 'expensive' detector that counts its calls (to see whether the cheap path skipped it)."""

    name: str = "translation.testslow.v1"
    word: str = "translated"
    feature_names: tuple[str, ...] = ("hits",)
    calls: list[int] = field(default_factory=list, compare=False, hash=False)

    def __call__(self, doc: Document) -> DetectorResult:
        self.calls.append(1)
        hits = float(doc.text.lower().count(self.word))
        return DetectorResult(self.name, {"hits": hits}, (), min(1.0, hits))


@dataclass(frozen=True)
class BrokenDetector:
    name: str = "framing.testbroken.v1"
    feature_names: tuple[str, ...] = ("x",)

    def __call__(self, doc: Document) -> DetectorResult:
        if "boom" in doc.text:
            raise RuntimeError("detector bug")
        return DetectorResult(self.name, {"x": 0.0})


def _filter(cheap_first: bool = True, thresholds: Thresholds | None = None,
            slow: CountingDetector | None = None, limits: Limits | None = None
            ) -> tuple[CredibilityFilter, CountingDetector]:
    slow = slow or CountingDetector()
    scorer = Scorer(detectors=[WordDetector("spam.testword.v1", "casino bonus"),
                               WordDetector("attribution.testcopy.v1", "copied", per_full=1.0),
                               slow, BrokenDetector()],
                    model=HeuristicModel(), thresholds=thresholds, limits=limits)
    return CredibilityFilter(scorer, cheap_first=cheap_first, expensive=["translation.testslow"],
                             accept_margin=20.0, reject_margin=10.0), slow


@pytest.fixture(scope="module")
def filt() -> CredibilityFilter:
    return _filter()[0]


# -- argument contract ----------------------------------------------------------------------------
@pytest.mark.parametrize("kwargs, error", [
    ({}, TypeError),
    ({"url": "https://example.org/"}, TypeError),
    ({"text": "a", "html": "<p>a</p>"}, ValueError),
    ({"text": b"bytes are not text"}, TypeError),
    ({"text": 42}, TypeError),
    ({"html": ["<p>list</p>"]}, TypeError),
    ({"text": "ok", "url": 7}, TypeError),
    ({"text": "ok", "title": 3}, TypeError),
    ({"text": "ok", "id": 5}, TypeError),
])
def test_check_wrong_arguments_raise(filt: CredibilityFilter, kwargs: dict, error: type) -> None:
    with pytest.raises(error):
        filt.check(**kwargs)


@pytest.mark.parametrize("text", [
    "", "   \n\t ", "\U0001F600" * 500, "مرحبا بالعالم " * 200, "\x00\x01\xff\ufffd" * 1000,
    "a" * 300_000, "boom",
])
def test_check_never_raises_on_content(filt: CredibilityFilter, text: str) -> None:
    verdict = filt.check(text=text)
    assert isinstance(verdict, Verdict)
    assert verdict.decision in ("accept", "review", "reject", "error")


def test_check_detector_failure_is_error_verdict(filt: CredibilityFilter) -> None:
    verdict = filt.check(text="boom goes the detector", id="doc-1")
    assert verdict.decision == "error"
    assert verdict.reasons[0]["code"] == "internal_error"
    assert verdict.report["id"] == "doc-1" and "error" in verdict.report
    assert verdict.score is None


def test_check_too_large_is_error_verdict() -> None:
    f, _ = _filter(limits=Limits(max_chars=1000))
    verdict = f.check(text="x" * 1001)
    assert verdict.decision == "error"
    assert verdict.reasons[0]["code"] == "too_large"


def test_check_html_bytes_are_decoded(filt: CredibilityFilter) -> None:
    page = ("<html><head><meta charset='utf-8'><title>T</title></head><body><article>"
            + "".join(f"<p>{p}</p>" for p in CLEAN.split("\n\n"))
            + f"<p>{SPAM_LINE}</p></article></body></html>").encode("utf-8")
    verdict = filt.check(html=page, url="https://news.example.org/a")
    assert verdict.decision == "reject"
    assert verdict.report["url"] == "https://news.example.org/a"
    spans = verdict.report["signals"]["spam"]["spans"]
    assert [s["text"].lower() for s in spans] == ["casino bonus", "casino bonus"]


def test_check_meta_goes_to_report(filt: CredibilityFilter) -> None:
    verdict = filt.check(text=CLEAN, id="r1", title="Library reopens", author="Kim Lee")
    assert verdict.report["id"] == "r1"
    assert verdict.report["title"] == "Library reopens"
    assert verdict.report["metadata"]["author"] == "Kim Lee"


# -- decisions and thresholds -------------------------------------------------------------------
def test_check_decisions_follow_evidence(filt: CredibilityFilter) -> None:
    assert filt.check(text=CLEAN).decision == "accept"
    spam = filt.check(text=CLEAN + "\n\n" + SPAM_LINE)
    assert spam.decision == "reject" and spam.label == "low"
    assert spam.reasons[0]["signal"] == "spam"
    assert "casino bonus" in spam.reason_text or "spam" in spam.reason_text


def test_load_threshold_overrides_change_decision() -> None:
    f, _ = _filter(cheap_first=False)
    copied = CLEAN + " It was copied."  # attribution 1.0 * 0.35 -> score 65: review by default
    assert f.check(text=copied).decision == "review"
    strict = CredibilityFilter(
        CredibilityFilter._with_thresholds(f.scorer, {"accept": 60.0}), cheap_first=False)
    assert strict.check(text=copied).decision == "accept"
    assert strict.thresholds.accept == 60.0 and strict.thresholds.reject == 40.0


@pytest.mark.parametrize("bad, error", [
    ({"accept": "high"}, TypeError), ({"nonsense": 1.0}, ValueError),
    ({"accept": 30.0, "reject": 50.0}, ValueError), ({"accept": 150.0}, ValueError),
    ([("accept", 1.0)], TypeError),
])
def test_thresholds_bad_overrides_raise(bad: object, error: type) -> None:
    f, _ = _filter()
    with pytest.raises(error):
        CredibilityFilter._with_thresholds(f.scorer, bad)  # type: ignore[arg-type]


def test_load_default_model_works() -> None:
    f = CredibilityFilter.load(thresholds={"reject": 20.0})
    verdict = f.check(text=CLEAN)
    assert verdict.decision in ("accept", "review", "reject")
    assert f.thresholds.reject == 20.0
    with pytest.raises(TypeError):
        CredibilityFilter.load(model_path=3)  # type: ignore[arg-type]


# -- cheap-first path ------------------------------------------------------------------------------
def test_cheap_path_skips_expensive_detector_on_clear_cases() -> None:
    f, slow = _filter()
    slow.calls.clear()
    clean = f.check(text=CLEAN)
    assert clean.cheap_path and clean.decision == "accept"
    assert "translation.testslow.v1" not in clean.detectors_run
    assert clean.report["detectors"] == list(clean.detectors_run)
    assert clean.report["filter"] == {"cheap_path": True, "skipped": ["translation.testslow.v1"]}
    spam = f.check(text=CLEAN + "\n" + SPAM_LINE)
    assert spam.cheap_path and spam.decision == "reject"
    assert slow.calls == []


def test_cheap_path_runs_everything_when_undecided() -> None:
    f, slow = _filter()
    slow.calls.clear()
    verdict = f.check(text=CLEAN + " It was copied.")  # provisional 65: inside the margins
    assert not verdict.cheap_path
    assert slow.calls == [1]
    assert verdict.detectors_run == ("spam.testword.v1", "attribution.testcopy.v1",
                                     "translation.testslow.v1", "framing.testbroken.v1")
    assert verdict.report["filter"] == {"cheap_path": False, "skipped": []}


@pytest.mark.parametrize("text", [
    CLEAN, CLEAN + "\n" + SPAM_LINE, CLEAN + " It was copied.", CLEAN + " copied translated",
    "", "casino bonus",
])
def test_cheap_path_matches_full_path_scores_when_undecided(text: str) -> None:
    cheap, _ = _filter(cheap_first=True)
    full, _ = _filter(cheap_first=False)
    a, b = cheap.check(text=text), full.check(text=text)
    if not a.cheap_path:
        assert (a.decision, a.score, a.reasons) == (b.decision, b.score, b.reasons)
    else:
        assert a.decision == b.decision


def _cascade(reject_first: tuple[str, ...] = ("attribution.testdeferred",),
             cheap_first: bool = True
             ) -> tuple[CredibilityFilter, CountingDetector, CountingDetector]:
    """A filter whose cascade has all three stages: spam -> deferred -> slow."""
    slow = CountingDetector()
    deferred = CountingDetector(name="attribution.testdeferred.v1", word="copied")
    scorer = Scorer(detectors=[WordDetector("spam.testword.v1", "casino bonus"), deferred, slow],
                    model=HeuristicModel())
    f = CredibilityFilter(scorer, cheap_first=cheap_first, expensive=["translation.testslow"],
                          reject_first=reject_first, accept_margin=20.0, reject_margin=10.0,
                          first_reject_margin=10.0)
    deferred.calls.clear()
    slow.calls.clear()
    return f, deferred, slow


def test_first_stage_reject_skips_deferred_and_expensive_detectors() -> None:
    f, deferred, slow = _cascade()
    verdict = f.check(text=CLEAN + "\n" + SPAM_LINE)
    assert verdict.decision == "reject" and verdict.cheap_path
    assert deferred.calls == [] and slow.calls == []
    assert verdict.detectors_run == ("spam.testword.v1",)
    assert verdict.report["filter"] == {
        "cheap_path": True, "skipped": ["attribution.testdeferred.v1", "translation.testslow.v1"]}
    assert all(r["signal"] == "spam" for r in verdict.reasons)


def test_first_stage_does_not_accept_without_deferred_detectors() -> None:
    f, deferred, slow = _cascade()
    clean = f.check(text=CLEAN)  # clean to the first stage: never accepted there
    assert clean.decision == "accept" and deferred.calls == [1] and slow.calls == []
    assert clean.report["filter"]["skipped"] == ["translation.testslow.v1"]
    copied = f.check(text=CLEAN + " copied copied")  # the deferred detector sinks it
    assert copied.decision != "accept" and deferred.calls == [1, 1]


def test_first_stage_reject_can_be_turned_off() -> None:
    f, deferred, slow = _cascade(reject_first=())
    assert f.deferred == ()
    verdict = f.check(text=CLEAN + "\n" + SPAM_LINE)
    assert verdict.decision == "reject" and deferred.calls == [1] and slow.calls == []


def test_reject_stages_run_group_by_group() -> None:
    f, deferred, slow = _cascade(reject_first=(("spam.testword",), ("attribution.testdeferred",)))
    assert f.first == () and [[d.name for d in g] for g in f.reject_groups] == [
        ["spam.testword.v1"], ["attribution.testdeferred.v1"]]
    spam = f.check(text=CLEAN + "\n" + SPAM_LINE)  # rejected after the spam group
    assert spam.decision == "reject" and spam.detectors_run == ("spam.testword.v1",)
    assert deferred.calls == [] and slow.calls == []
    clean = f.check(text=CLEAN)  # passes both reject checks, accepted before the slow one
    assert clean.decision == "accept" and deferred.calls == [1] and slow.calls == []
    assert clean.detectors_run == ("spam.testword.v1", "attribution.testdeferred.v1")


def test_reject_stages_spec_mixing_names_and_groups_is_an_error() -> None:
    with pytest.raises(TypeError, match="mixes names and groups"):
        _cascade(reject_first=("spam.testword", ("attribution.testdeferred",)))  # type: ignore


@pytest.mark.parametrize("text", [
    CLEAN, CLEAN + "\n" + SPAM_LINE, CLEAN + " copied", CLEAN + " copied translated",
    SPAM_LINE + " copied copied", "", "casino bonus translated",
])
def test_cascade_decisions_match_full_path(text: str) -> None:
    a = _cascade()[0].check(text=text)
    b = _cascade(cheap_first=False)[0].check(text=text)
    assert a.decision == b.decision
    if not a.cheap_path:
        assert (a.score, a.reasons) == (b.score, b.reasons)


def test_is_expensive_by_name_or_attribute() -> None:
    det = CountingDetector()
    assert is_expensive(det, ["translation.testslow"])
    assert is_expensive(det, ["translation.testslow.v1"])
    assert not is_expensive(det, ["translation.other"])

    @dataclass(frozen=True)
    class Declared(WordDetector):
        cost: str = "expensive"

    assert is_expensive(Declared("spam.x.v1", "y"), [])


def test_cheap_first_off_runs_every_detector() -> None:
    f, slow = _filter(cheap_first=False)
    slow.calls.clear()
    verdict = f.check(text=CLEAN)
    assert not verdict.cheap_path and slow.calls == [1]


# -- thread safety ---------------------------------------------------------------------------------
def test_check_is_thread_safe(filt: CredibilityFilter) -> None:
    texts = [CLEAN, CLEAN + "\n" + SPAM_LINE, CLEAN + " It was copied.", "", "boom"] * 20
    expected = [(v.decision, v.score) for v in (filt.check(text=t) for t in texts)]
    barrier = threading.Barrier(4)

    def run(t: str) -> tuple[str, float | None]:
        v = filt.check(text=t)
        return v.decision, v.score

    def worker(chunk: list[str]) -> list[tuple[str, float | None]]:
        barrier.wait()
        return [run(t) for t in chunk]

    with ThreadPoolExecutor(4) as pool:
        parts = list(pool.map(worker, [texts[i::4] for i in range(4)]))
    got = [None] * len(texts)
    for i in range(4):
        got[i::4] = parts[i]
    assert got == expected


def test_public_names_are_exported() -> None:
    import scorer

    assert scorer.CredibilityFilter is CredibilityFilter
    assert scorer.Verdict is Verdict


@pytest.mark.parametrize("text", [
    CLEAN, CLEAN + "\n" + SPAM_LINE, "",
    "slot gacor maxwin deposit pulsa\n" + CLEAN + "\nGo to Source\nAuthor: Agence France-Presse",
])
def test_provisional_log_odds_add_up_detector_by_detector(text: str) -> None:
    """The cascade's per-detector log-odds give the model's provisional P(low) at every stage."""
    from scorer.filter import _p_low

    f = CredibilityFilter.load()
    if f._logits is None:
        pytest.skip("the shipped model is not linear")
    logit_of, z0, stand_in = f._logits
    doc = f.scorer.prepare(Document(text=text, url="https://example.com/news/1"))
    ran: dict[str, DetectorResult] = {}
    for group in (f.first, *f.reject_groups):
        ran.update(f._run(group, doc))
        z = z0 + sum(logit_of(n, r) - stand_in.get(n, 0.0) for n, r in ran.items())
        assert _p_low(z) == pytest.approx(f._provisional_p(ran), abs=1e-9)


def test_check_many_equals_check_each_and_keeps_failures_apart() -> None:
    f, _ = _filter()
    items = [{"text": CLEAN}, {"text": CLEAN + "\n" + SPAM_LINE}, {"text": CLEAN + " boom"},
             {"text": CLEAN + " It was copied."}, {"html": "<p>" + CLEAN + "</p>"}, {"text": ""}]
    many = f.check_many(items)
    single = [f.check(**item) for item in items]
    assert [v.decision for v in many] == [v.decision for v in single]
    assert many[2].decision == "error" and many[2].reasons[0]["code"] == "internal_error"
    for a, b in zip(many, single):
        assert (a.score, a.reasons, a.detectors_run, a.report) == (
            b.score, b.reasons, b.detectors_run, b.report)
    with pytest.raises(TypeError):
        f.check_many([{"text": 5}])


def test_check_many_without_cheap_first_runs_every_detector_once() -> None:
    f, slow = _filter(cheap_first=False)
    slow.calls.clear()
    items = [{"text": CLEAN}, {"text": CLEAN + "\n" + SPAM_LINE}, {"text": CLEAN + " boom"}]
    many = f.check_many(items)
    assert slow.calls == [1, 1, 1]  # once per page (the error page included: it fails later)
    for a, item in zip(many, items):
        b = f.check(**item)
        assert (a.decision, a.score, a.reasons, a.detectors_run) == (
            b.decision, b.score, b.reasons, b.detectors_run)
        assert not a.cheap_path


def test_batch_verdict_failure_stays_with_its_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """The verdicts of a batch are computed together; when that fails for one page, the pages
    are retried one by one, so only the failing page becomes an error (check_many and
    records, cheap-first or not)."""
    for cheap_first in (True, False):
        f, _ = _filter(cheap_first=cheap_first)
        items = [{"text": CLEAN, "id": "a"}, {"text": CLEAN + "\n" + SPAM_LINE, "id": "bad"},
                 {"text": CLEAN + " It was copied.", "id": "c"}]
        expected = [f.check(**item) for item in items]
        real = f._verdict

        def failing(doc: Document, *args: object, **kwargs: object) -> Verdict:
            if doc.id == "bad":
                raise RuntimeError("verdict bug")
            return real(doc, *args, **kwargs)

        monkeypatch.setattr(f, "_verdict", failing)
        many = f.check_many(items)
        assert [v.decision for v in many] == [expected[0].decision, "error",
                                              expected[2].decision]
        assert many[1].reasons[0]["code"] == "internal_error"
        assert (many[0].report, many[2].report) == (expected[0].report, expected[2].report)
        records = f.records([Document(text=item["text"], id=item["id"]) for item in items])
        assert [("error" in r, r["id"]) for r in records] == [(False, "a"), (True, "bad"),
                                                              (False, "c")]
        assert records[0]["credibility"] == expected[0].report["credibility"]
        monkeypatch.undo()


def test_batch_log_odds_equal_the_per_page_ones_on_the_shipped_model() -> None:
    """A batch adds each detector's log-odds for all its pages at once (one matrix product):
    the same provisional scores, so the same verdicts, as page by page."""
    f = CredibilityFilter.load()
    if f._logits is None:
        pytest.skip("the shipped model is not linear")
    texts = [CLEAN, CLEAN + "\n" + SPAM_LINE, "",
             "slot gacor maxwin deposit pulsa\n" + CLEAN + "\nGo to Source\nAuthor: AFP",
             "Korea of the North declared, a- he declared, COVID- 19 " + CLEAN]
    docs = [f.scorer.prepare(Document(text=t, url="https://example.com/a")) for t in texts]
    model = f.scorer.model
    for det in f.scorer.detectors:
        results = [det(d) for d in docs]
        many = model.detector_logits(det.name, results)
        one = [model.detector_logit(det.name, r) for r in results]
        assert many == pytest.approx(one, rel=1e-12, abs=1e-12)
    assert model.detector_logits("no.such.v1", results) == [0.0] * len(results)
    items = [{"text": t, "url": "https://example.com/a"} for t in texts]
    batch = f.check_many(items)
    for v, item in zip(batch, items):
        w = f.check(**item)
        assert (v.decision, v.score, v.detectors_run, v.report) == (
            w.decision, w.score, w.detectors_run, w.report)
