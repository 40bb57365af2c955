"""The Scorer: runs every detector once, feeds the credibility model, builds the Report."""

from __future__ import annotations

import dataclasses
import logging
import math
import re
import signal
import threading
import time
from pathlib import Path
from typing import Any, Callable, Mapping, Protocol, Self, Sequence

from features import lang
from features.columns import flatten
from features.registry import Detector, by_signal, default_detectors, signal_of
from scorer.config import Limits, Thresholds
from scorer.document import Document
from scorer.errors import InputError
from scorer.evidence import DetectorResult
from scorer.report import Credibility, Reason, Report, error_record

logger = logging.getLogger(__name__)


class CredibilityModel(Protocol):
    """Turns detector results into P(low credibility) and the reasons that moved it."""

    name: str
    version: str
    thresholds: Thresholds

    def predict(
        self, rows: Sequence[Mapping[str, float]],
        results: Sequence[Mapping[str, DetectorResult]],
    ) -> list[tuple[float, list[Reason]]]: ...


def predict_results(model: CredibilityModel, results: Sequence[Mapping[str, DetectorResult]]
                    ) -> list[tuple[float, list[Reason]]]:
    """``model.predict`` on detector results: straight from the results when the model can
    (a trained model: ``predict_results``), else through named rows (:func:`flatten`)."""
    fast = getattr(model, "predict_results", None)
    if fast is not None:
        return fast(results)  # type: ignore[no-any-return]
    return model.predict([flatten(r) for r in results], results)


# Weight of each signal in the fallback combination (used only when no trained model is loaded).
_FALLBACK_WEIGHTS = {"spam": 0.9, "translation": 0.6, "attribution": 0.35, "framing": 0.5,
                     "source": 0.7}


class HeuristicModel:
    """Fallback when no trained model is available: a noisy-OR of the signal scores.

    ``p_low = 1 - prod(1 - w_s * score_s)`` over measured signals. It is not calibrated and the
    report names it ``heuristic-fallback`` so nobody mistakes it for the trained model.
    """

    name = "heuristic-fallback"
    version = "0"

    def __init__(self, thresholds: Thresholds | None = None) -> None:
        self.thresholds = thresholds or Thresholds()

    def predict(
        self, rows: Sequence[Mapping[str, float]],
        results: Sequence[Mapping[str, DetectorResult]],
    ) -> list[tuple[float, list[Reason]]]:
        out: list[tuple[float, list[Reason]]] = []
        for res in results:
            best: dict[str, float] = {}
            for name, r in res.items():
                if r.score is not None:
                    sig = signal_of(name)
                    best[sig] = max(best.get(sig, 0.0), r.score)
            keep = 1.0
            reasons: list[Reason] = []
            for sig, score in best.items():
                w = _FALLBACK_WEIGHTS.get(sig, 0.5) * score
                keep *= 1.0 - w
                if w > 0.05:
                    reasons.append(Reason(f"{sig}_signal", sig,
                                          f"{sig} signal scored {score:.2f}", w))
            reasons.sort(key=lambda r: -abs(r.weight))
            out.append((1.0 - keep, reasons))
        return out


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _without_surrogates(text: str) -> str:
    """``text`` with lone surrogates (not encodable as UTF-8) replaced by U+FFFD, same length.

    Only Python callers can pass them (readers decode bytes); detectors that work on UTF-8 bytes
    would otherwise fail on them. Returns ``text`` itself when there are none.
    """
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE_RE.sub("\ufffd", text)
    return text


class TimeBudgetExceeded(Exception):
    """One document took longer than its time budget."""


@dataclasses.dataclass
class Pending:
    """One record of a batch on its way through :meth:`Scorer.records`: its prepared document,
    the detector results so far, the seconds it has used of its time budget, and its output
    record once it has one (a report, or an error record). ``state`` is free for a caller
    (the crawler filter keeps its cascade state there)."""

    item: Any
    doc: Document | None = None
    results: dict[str, DetectorResult] = dataclasses.field(default_factory=dict)
    spent: float = 0.0
    record: dict[str, Any] | None = None
    state: Any = None


class _Alarm:
    """Per-record time budgets for one pass over a batch (main thread only).

    The ``SIGALRM`` handler is installed once for the pass (``with _Alarm(): ...``) and the
    previous handler restored after it; each record then costs one ``setitimer`` call
    (:meth:`arm`), not a handler swap: installing a handler from Python costs about five times
    more than the timer itself, and a batch steps each record through several stages. The
    handler raises :class:`TimeBudgetExceeded` only while a record is armed, so a timer that
    fires between records is ignored.
    """

    __slots__ = ("active", "previous", "usable")

    def __init__(self, enabled: bool = True) -> None:
        self.usable = (enabled and hasattr(signal, "setitimer")
                       and threading.current_thread() is threading.main_thread())
        self.active = False
        self.previous: Any = None

    def __enter__(self) -> Self:
        if self.usable:
            self.previous = signal.signal(signal.SIGALRM, self._on_alarm)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.usable:
            self.active = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)

    def _on_alarm(self, signum: int, frame: Any) -> None:
        if self.active:
            self.active = False
            raise TimeBudgetExceeded()

    def arm(self, seconds: float) -> None:
        """Raise :class:`TimeBudgetExceeded` after ``seconds`` unless :meth:`disarm` comes first
        (``seconds <= 0``: no limit)."""
        if self.usable and seconds > 0:
            self.active = True
            signal.setitimer(signal.ITIMER_REAL, seconds)

    def disarm(self) -> None:
        """Stop raising; the timer itself is re-armed by the next record or stopped on exit."""
        self.active = False


class Scorer:
    """Scores documents. Holds no per-document state: safe to share across threads."""

    def __init__(
        self,
        detectors: Sequence[Detector] | None = None,
        model: CredibilityModel | None = None,
        limits: Limits | None = None,
        thresholds: Thresholds | None = None,
    ) -> None:
        self.detectors: list[Detector] = list(
            default_detectors() if detectors is None else detectors)
        self.model: CredibilityModel = model or HeuristicModel()
        self.limits = limits or Limits()
        self.thresholds = thresholds or self.model.thresholds

    @classmethod
    def load(cls, model_path: str | Path | None = None, *, use_model: bool = True,
             thresholds: Thresholds | None = None) -> Scorer:
        """A scorer with the default detectors and the shipped (or named) model.

        Without a shipped model and with no ``model_path`` it falls back to
        :class:`HeuristicModel` (and logs a warning).
        """
        from scorer import model_io

        model: CredibilityModel | None = None
        if use_model and model_path is not None and not Path(model_path).exists():
            from scorer.errors import ModelLoadError

            raise ModelLoadError(f"no model at {model_path}: give a model directory holding "
                                 "model.joblib and model_card.json, or omit --model")
        if use_model:
            model = model_io.load_default(model_path)
            if model is None:
                logger.warning("no trained model found: using the heuristic fallback")
        return cls(model=model, thresholds=thresholds)

    # -- steps ---------------------------------------------------------------------------------
    def prepare(self, doc: Document) -> Document:
        """Check limits, extract HTML main text and metadata, and detect the language."""
        if doc.html is not None and len(doc.html) > self.limits.max_chars:
            raise InputError(f"document is {len(doc.html):,} characters; the limit is "
                             f"{self.limits.max_chars:,} (raise it with --max-chars)", "too_large")
        if len(doc.text) > self.limits.max_chars:
            raise InputError(f"document is {len(doc.text):,} characters; the limit is "
                             f"{self.limits.max_chars:,} (raise it with --max-chars)", "too_large")
        changes: dict[str, Any] = {}
        if not doc.text and doc.html:
            from scorer.io.html import extract

            text, meta = extract(doc.html, doc.url)
            merged = dict(meta)
            merged.update(doc.metadata)
            changes["text"] = text
            changes["metadata"] = merged
            if doc.title is None and meta.get("title"):
                changes["title"] = meta["title"]
            if doc.published is None and meta.get("published"):
                changes["published"] = meta["published"]
            if doc.url is None and meta.get("canonical_url"):
                changes["url"] = meta["canonical_url"]
        text = changes.get("text", doc.text)
        clean = _without_surrogates(text)
        if clean is not text:
            changes["text"] = text = clean
        changes["language"] = lang.detect(text)
        return dataclasses.replace(doc, **changes)

    def analyse(self, doc: Document) -> dict[str, DetectorResult]:
        """Run every detector once on a prepared document."""
        return {det.name: det(doc) for det in self.detectors}

    def groups(self) -> list[tuple[Detector, ...]]:
        """The detectors in runs of the same signal, in order (the batch unit of work)."""
        return by_signal(self.detectors)

    def analyse_many(self, docs: Sequence[Document]) -> list[dict[str, DetectorResult]]:
        """:meth:`analyse` for a batch, one signal's detectors over every document before the
        next signal's: a detector's tables stay in the CPU cache from one document to the next,
        so a document costs less than alone (reports/benchmarks.md, rows ``batch_full`` against
        ``full``).
        The same results as :meth:`analyse`, in the same order."""
        results: list[dict[str, DetectorResult]] = [{} for _ in docs]
        for group in self.groups():
            for doc, res in zip(docs, results):
                for det in group:
                    res[det.name] = det(doc)
        return results

    # -- batches with a per-record error boundary ------------------------------------------------
    def begin(self, items: Sequence[Document | Any]) -> list[Pending]:
        """Prepare a batch: read errors become error records, the rest prepared documents
        (within each one's time budget)."""
        batch = []
        for item in items:
            p = Pending(item)
            if not isinstance(item, Document):  # a read error: passes through
                p.record = error_record(item.id, item.code, item.message, item.extra)
            else:
                self.step([p], lambda q: setattr(q, "doc", self.prepare(q.item)))
            batch.append(p)
        return batch

    def step(self, batch: Sequence[Pending], work: Callable[[Pending], Any]) -> None:
        """``work(p)`` for every record of ``batch`` that has no output record yet, each within
        what is left of its time budget. A failure becomes that record's error record, and the
        batch goes on (the per-record error boundary)."""
        budget = self.limits.time_budget_s
        live = [p for p in batch if p.record is None]
        if not live:
            return
        with _Alarm(budget > 0) as alarm:
            for p in live:
                self._step_one(p, work, budget, alarm)

    def _step_one(self, p: Pending, work: Callable[[Pending], Any], budget: float,
                  alarm: _Alarm) -> None:
        item = p.item
        if budget > 0 and p.spent >= budget:
            p.record = self._budget_error(item)
            return
        start = time.monotonic()
        try:
            alarm.arm(budget - p.spent if budget > 0 else 0.0)
            try:
                work(p)
            finally:
                alarm.disarm()
        except TimeBudgetExceeded:
            p.record = self._budget_error(item)
        except InputError as exc:
            p.record = error_record(item.id, exc.code, str(exc), item.extra)
        except Exception as exc:  # the per-record boundary: log it, keep the batch going
            logger.exception("record %s failed", item.id)
            p.record = error_record(item.id, "internal_error",
                                    f"{type(exc).__name__}: {exc}", item.extra)
        p.spent += time.monotonic() - start

    def _budget_error(self, item: Document) -> dict[str, Any]:
        return error_record(item.id, "time_budget", "document took longer than the "
                            f"{self.limits.time_budget_s:g} s budget (raise it with "
                            "--time-budget)", item.extra)

    def score(self, doc: Document) -> Report:
        """Prepare, analyse and judge one document."""
        return self.score_many([doc])[0]

    def records(self, items: Sequence[Document | Any], include_text: bool = False
                ) -> list[dict[str, Any]]:
        """Output records for a batch: a report dict per document, an error record per failure.

        This is the per-record error boundary: one bad record never stops the batch, and every
        input item yields exactly one output record, in order. Items that are already read
        errors (:class:`scorer.io.readers.RecordError`) pass through as error records. The
        detectors run signal by signal over the batch (see :meth:`analyse_many`).
        """
        batch = self.begin(items)
        for group in self.groups():
            def run(p: Pending, group: tuple[Detector, ...] = group) -> None:
                for det in group:
                    p.results[det.name] = det(p.doc)
            self.step(batch, run)
        live = [p for p in batch if p.record is None]
        reports = self._judge([p.doc for p in live], [p.results for p in live])  # type: ignore
        for p, report in zip(live, reports):
            p.record = report.to_dict(include_text=include_text)
        return [p.record for p in batch]  # type: ignore[misc]

    def score_many(self, docs: Sequence[Document]) -> list[Report]:
        """Score a batch (the model predicts on the whole batch at once)."""
        prepared = [self.prepare(d) for d in docs]
        return self._judge(prepared, self.analyse_many(prepared))

    def _judge(self, prepared: Sequence[Document],
               results: Sequence[dict[str, DetectorResult]]) -> list[Report]:
        """Model verdicts and reports for analysed documents."""
        if not prepared:
            return []
        verdicts = predict_results(self.model, results)
        reports = []
        for doc, res, (p_low, reasons) in zip(prepared, results, verdicts):
            p_low = min(1.0, max(0.0, float(p_low))) if math.isfinite(p_low) else 1.0
            score = 100.0 * (1.0 - p_low)
            cred = Credibility(p_low, score, self.thresholds.label(score),
                               self.thresholds.decision(score))
            reports.append(Report(doc, res, cred, tuple(reasons[:8]), self.model.name,
                                  self.model.version))
        return reports
