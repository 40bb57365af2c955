"""Scorer: the input clean-up every detector can rely on (prepare), and batch records."""

from __future__ import annotations

import pytest

from scorer.document import Document
from scorer.scoring import Scorer


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer.load()


@pytest.mark.parametrize("text", [
    "The council said on Monday \ud800 that the bridge would reopen in spring. " * 12,
    "Casino bonus \udfff siteleri " * 30 + "The mayor said the budget was approved.",
    "\udc80",
])
def test_prepare_lone_surrogates_scored_with_same_offsets(scorer: Scorer, text: str) -> None:
    record = scorer.records([Document(text=text, id="s")], include_text=True)[0]
    assert "error" not in record, record.get("error")
    out = record["text"]
    assert len(out) == len(text)
    assert "\ud800" not in out and "\udfff" not in out and "\udc80" not in out
    assert out.count("\ufffd") == sum(1 for ch in text if "\ud800" <= ch <= "\udfff")
    for block in record["signals"].values():
        for span in block["spans"]:
            assert out[span["start"]:span["end"]] == span["text"]


def test_prepare_keeps_text_object_without_surrogates(scorer: Scorer) -> None:
    text = "Ein Bericht über die Stadtwerke, sagte die Bürgermeisterin am Montag. " * 5
    assert scorer.prepare(Document(text=text)).text is text


_BATCH = [
    "The council voted on Monday to fund the new bridge, officials said.",
    "slot gacor maxwin deposit pulsa\nThe fair opened on Sunday.\nslot gacor maxwin deposit pulsa",
    "BOOM the detector below fails on this one.",
    "",
    "By Jane Roe\nLONDON (Reuters) - Prices rose, the agency said. \"We expect more,\" she said.",
]


class _Boom:
    """A detector that fails on one document (a bug must cost that record only)."""

    name = "framing.testboom.v1"
    feature_names = ("x",)

    def __call__(self, doc: Document):
        from scorer.evidence import DetectorResult

        if "BOOM" in doc.text:
            raise RuntimeError("detector bug")
        return DetectorResult(self.name, {"x": 0.0})


def test_records_signal_by_signal_equal_document_by_document() -> None:
    """The batch runs one signal's detectors over every document before the next signal's:
    the records are the same as scoring each document on its own, and a failing detector
    costs only its own record."""
    from features.registry import default_detectors

    scorer = Scorer(detectors=[*default_detectors(), _Boom()])
    docs = [Document(text=t, id=f"d{i}", url="https://example.org/a") for i, t in
            enumerate(_BATCH)]
    batch = scorer.records(docs)
    assert [r["id"] for r in batch] == [d.id for d in docs]
    assert batch[2]["error"]["code"] == "internal_error" and "detector bug" in \
        batch[2]["error"]["message"]
    for doc, rec in zip(docs, batch):
        if "error" in rec:
            continue
        assert rec == scorer.records([doc])[0]
        assert rec == scorer.score(doc).to_dict()
        assert rec["detectors"] == [d.name for d in scorer.detectors]
    assert scorer.groups()[0][0].name.startswith("spam.") and all(
        len({n.name.split(".")[0] for n in g}) == 1 for g in scorer.groups())


def test_filter_records_batch_cascade_equals_check() -> None:
    """credscore score --cheap-first (CredibilityFilter.records) judges a batch stage by stage;
    each record equals the report of check() on that document alone."""
    from scorer.filter import CredibilityFilter

    f = CredibilityFilter.load()
    docs = [Document(text=t, id=f"d{i}", url=u) for i, (t, u) in enumerate(
        (t, u) for t in _BATCH for u in ("https://www.reuters.com/x", "https://slot.example.xyz/"))]
    batch = f.records(docs)
    assert len(batch) == len(docs)
    for doc, rec in zip(docs, batch):
        single = f.check_document(doc)
        if "error" in rec:
            assert single.decision == "error"
            continue
        assert rec == single.report


def test_step_time_budget_per_record_and_handler_restored() -> None:
    import signal
    import time

    from scorer.config import Limits
    from scorer.scoring import Pending

    sc = Scorer(detectors=[], limits=Limits(time_budget_s=0.2))
    batch = [Pending(Document(text=t, id=t)) for t in ("fast", "slow", "after")]
    seen: list[str] = []

    def work(p: Pending) -> None:
        seen.append(p.item.id)
        if p.item.id == "slow":
            time.sleep(2.0)  # interrupted by the budget
        elif p.item.id == "fast":
            time.sleep(0.05)

    before = signal.getsignal(signal.SIGALRM)
    started = time.monotonic()
    sc.step(batch, work)
    assert time.monotonic() - started < 1.5
    assert seen == ["fast", "slow", "after"]
    assert batch[0].record is None and batch[2].record is None
    assert batch[1].record is not None and batch[1].record["error"]["code"] == "time_budget"
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    # spent time accumulates per record: a record over budget is refused without running
    batch[0].spent = 0.3
    sc.step(batch, work)
    assert batch[0].record["error"]["code"] == "time_budget"
    assert seen == ["fast", "slow", "after", "after"]


def test_alarm_raises_only_while_armed() -> None:
    import time

    from scorer.scoring import TimeBudgetExceeded, _Alarm

    with _Alarm() as alarm:
        alarm.arm(0.05)
        alarm.disarm()
        time.sleep(0.12)  # the timer runs out between records: ignored
        alarm.arm(0.05)
        with pytest.raises(TimeBudgetExceeded):
            time.sleep(1.0)
        alarm.arm(0)  # no budget: nothing armed
        time.sleep(0.06)
