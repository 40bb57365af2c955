"""Pre-ingest verdicts for crawlers: :class:`CredibilityFilter` and :class:`Verdict`.

A crawler asks one question per fetched page: keep it, look at it, or drop it. The filter wraps a
:class:`~scorer.scoring.Scorer` loaded once (detectors, model, thresholds) and answers with a
:class:`Verdict` that carries the decision, the score, the reasons and the full report.

Usage::

    from scorer import CredibilityFilter

    f = CredibilityFilter.load()                       # shipped model (or a path)
    v = f.check(html=page_bytes, url=response_url)     # or text=...
    if v.decision == "reject":
        ...

Contract of :meth:`CredibilityFilter.check`:

- exactly one of ``text`` / ``html``: neither is a :class:`TypeError` (a missing argument), both
  is a :class:`ValueError`; ``text`` must be ``str``, ``html`` ``str`` or ``bytes`` (decoded like
  the HTML reader does), ``url`` ``str`` or ``None``; anything else is a :class:`TypeError`.
- it never raises on content: empty, huge, binary-looking or broken input gives a verdict. A page
  over the size limit, or a detector failure, gives ``decision="error"`` with the error code in
  ``reasons`` (a crawler decides what to do with those; the Scrapy pipeline keeps them tagged).
- no I/O per call; the model, lexicons and HTML extractor are loaded and warmed in :meth:`load`.
- thread-safe: the filter holds no per-call state, so one instance serves every thread.

Cheap-first path (``cheap_first=True``, the default): the detectors are split into *cheap* and
*expensive* ones (:data:`EXPENSIVE_DETECTORS`, or a detector's own ``cost = "expensive"``
attribute). The cheap ones run first; the expensive ones are stood in for by what they say about a
plain clean reference article (computed once at load). When that provisional score is already far
from the decision boundaries (``accept_margin`` points above the accept threshold: clean wire copy;
``reject_margin`` points below the reject threshold: clear spam), the expensive detectors are
skipped. Otherwise they run and the document is
judged on all results, exactly as :meth:`Scorer.score` would.

Before that, earlier stages may *reject* (never accept): the groups of :data:`REJECT_STAGES`
run one after the other after the source detector, and after each the provisional score (the
detectors not yet run stood in for) is checked against ``first_reject_margin`` points below the
reject threshold. Translation is needed to accept safely (a machine-translated copy looks clean
to the spam and source detectors), not to reject a page whose publisher or spam already sink it.
So the default cascade is: source -> (clear reject) -> spam -> (clear reject) -> translation ->
(clear accept or reject) -> attribution and framing.

The report's ``detectors`` field lists the detectors that ran and ``filter`` says whether the
cheap path decided and what it skipped. The agreement of the cheap path with the full path is
measured in ``benchmarks/speed`` (reports/benchmarks.md).

Batches (:meth:`CredibilityFilter.check_many`, :meth:`CredibilityFilter.records`, which
``credscore score --cheap-first`` uses) run the same cascade stage by stage over the batch: one
signal's detectors over every undecided page before the next signal's, which keeps each
detector's tables in the CPU cache. The verdicts are the same as :meth:`check` on each page.
"""

from __future__ import annotations

import dataclasses
import logging
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from features.columns import flatten
from features.registry import Detector, by_signal, signal_of
from scorer.config import Thresholds
from scorer.document import Document
from scorer.errors import CredscoreError
from scorer.evidence import DetectorResult
from scorer.report import Credibility, Reason, Report, error_record
from scorer.scoring import Scorer, predict_results

logger = logging.getLogger(__name__)

#: Decisions a verdict can carry. ``error``: the page could not be scored (see ``reasons``).
DECISIONS: tuple[str, ...] = ("accept", "review", "reject", "error")

#: Detectors (name without the ``.vN`` suffix) the cheap-first path skips when the detectors
#: before them already decide: framing.partisan, the costliest detector (about 0.5 ms of a 5 KB
#: text), and the attribution detectors (about 0.25 ms together). Their share of the model's
#: log-odds varies least from page to page (standard deviation 0.27 for attribution.credits, 0.21
#: for attribution.sourcing and 0.54 for framing.partisan, against 1.6 for spam, 2.2 for the
#: source and 2.3 for translation, on the 6,000 benchmark texts with credscore-logreg-4), so a
#: stand-in for them moves a provisional score the least. A detector may also declare itself
#: with a ``cost = "expensive"`` attribute.
EXPENSIVE_DETECTORS: frozenset[str] = frozenset(
    {"framing.partisan", "attribution.credits", "attribution.sourcing"})

#: Distance (score points, 0..100) the provisional score must keep beyond the accept threshold
#: (``accept_margin``) or below the reject threshold (``reject_margin``) before the expensive
#: detectors are skipped. translation.mt is never skipped before an accept: machine-translated
#: copies look clean to every other detector and only it sinks them.
#: Chosen by benchmarks/speed (agreement section, reports/benchmarks.md) as the cheapest margins
#: whose decisions differ from the full path's on at most 0.1% of the even-numbered benchmark
#: texts (credscore-logreg-5), then checked on what the choice did not see: the odd-numbered
#: texts, 4,800 scraper copies of benchmark articles on unrated domains and the 6,000 HTML pages
#: (figures in reports/benchmarks.md; the issue asks >= 99% equal decisions).
DEFAULT_ACCEPT_MARGIN = 10.0
DEFAULT_REJECT_MARGIN = 30.0

#: Groups of detectors run, in this order, before the expensive ones, each group only when the
#: detectors before it do not already put the document ``first_reject_margin`` points below the
#: reject threshold (the detectors outside every group and not expensive run first: the source
#: prior). These stages only reject: a page sunk by its publisher's ratings or by injected spam
#: needs nothing more. So the default cascade is: source -> (clear reject) -> spam -> (clear
#: reject) -> translation -> (clear accept or reject) -> attribution and framing.
REJECT_STAGES: tuple[tuple[str, ...], ...] = (
    ("spam.injected", "spam.hidden_html"),
    ("translation.mt",),
)
DEFAULT_FIRST_REJECT_MARGIN = 30.0

# A plain clean English news text written for this module: the stand-in a skipped expensive
# detector is assumed to say about a document (what it reports on ordinary, clean copy).
_REFERENCE_TEXT = (
    "By Maria Lopez\n\n"
    "SPRINGFIELD (Staff) - The city council voted on Tuesday to expand the bus network into the "
    "northern suburbs, a plan that officials said would cost about $40 million over five years.\n\n"
    "The measure passed by a vote of seven to two after a long public hearing in which residents "
    "spoke both for and against the proposal. Supporters said the new routes would cut commuting "
    "times for thousands of workers, while opponents argued that the money should be spent on "
    "repairing roads instead.\n\n"
    "\"We have listened to the people who depend on these buses every day,\" council member "
    "David Chen said after the vote. \"This is a practical step, and we will report on how it "
    "works.\"\n\n"
    "According to a report by the transit authority, ridership on existing routes has grown by "
    "12 percent since last year. The first new lines are expected to open next spring, and the "
    "council will review the budget again in the autumn.\n"
)
_REFERENCE_HTML = (
    "<!doctype html><html><head><title>Council expands bus network</title></head><body>"
    "<nav><a href='/'>Home</a></nav><article><h1>Council expands bus network</h1>"
    + "".join(f"<p>{p}</p>" for p in _REFERENCE_TEXT.split("\n\n") if p.strip())
    + "</article><footer>Contact us</footer></body></html>"
)


@dataclass(frozen=True, slots=True)
class Verdict:
    """The answer for one page.

    ``decision`` is ``accept``/``review``/``reject`` (or ``error`` when the page could not be
    scored); ``score`` is the 0..100 credibility score (``None`` for errors); ``label`` is
    ``high``/``mixed``/``low``; ``reasons`` are the report's reasons (dicts with ``code``,
    ``signal``, ``message``, ``weight``), strongest first; ``report`` is the full report dict (the
    CLI's output record); ``detectors_run`` names the detectors that ran; ``cheap_path`` is true
    when the expensive detectors were skipped because the cheap ones already decided.
    """

    decision: str
    score: float | None
    label: str | None
    reasons: tuple[dict[str, Any], ...]
    report: dict[str, Any]
    detectors_run: tuple[str, ...]
    cheap_path: bool
    p_low: float | None = None

    @property
    def rejected(self) -> bool:
        return self.decision == "reject"

    @property
    def reason_text(self) -> str:
        """One line naming the decision and its strongest reasons (for logs, DropItem)."""
        score = "n/a" if self.score is None else f"{self.score:.1f}"
        head = f"credscore {self.decision} (score {score})"
        if not self.reasons:
            return head
        return head + ": " + "; ".join(str(r.get("message") or r.get("code"))
                                       for r in self.reasons[:3])

    def to_dict(self, include_report: bool = True) -> dict[str, Any]:
        """JSON-ready form (what the Scrapy pipeline stores on an item)."""
        out: dict[str, Any] = {
            "decision": self.decision, "score": self.score, "label": self.label,
            "p_low": self.p_low, "reasons": [dict(r) for r in self.reasons],
            "detectors_run": list(self.detectors_run), "cheap_path": self.cheap_path,
        }
        if include_report:
            out["report"] = self.report
        return out


def is_expensive(detector: Detector, expensive: Iterable[str] = EXPENSIVE_DETECTORS) -> bool:
    """Whether the cheap-first path may skip ``detector``.

    True when the detector declares ``cost = "expensive"``, or its name (with or without the
    ``.vN`` suffix) is in ``expensive``.
    """
    if getattr(detector, "cost", None) == "expensive":
        return True
    names = set(expensive)
    base = detector.name.rsplit(".", 1)[0] if _has_version(detector.name) else detector.name
    return detector.name in names or base in names


class _Provisional:
    """One document's detector results and provisional score while the cascade runs."""

    __slots__ = ("doc", "filt", "ran", "verdict", "z")

    def __init__(self, filt: CredibilityFilter, doc: Document) -> None:
        self.filt = filt
        self.doc = doc
        self.ran: dict[str, DetectorResult] = {}
        self.z = filt._logits[1] if filt._logits is not None else 0.0
        self.verdict: Verdict | None = None

    def run(self, group: Sequence[Detector], score: bool = True) -> None:
        """Run ``group``'s detectors; with ``score``, add their log-odds to the provisional
        score now (a batch adds them afterwards for all its documents at once:
        :meth:`CredibilityFilter._add_logits`)."""
        plan = self.filt._logits if score else None
        for det in group:
            res = self.ran[det.name] = det(self.doc)
            if plan is not None:  # swap the stand-in's log-odds for the detector's own
                self.z += plan[0](det.name, res) - plan[2].get(det.name, 0.0)

    def score(self) -> float:
        """The provisional score: the detectors that ran, the rest stood in for."""
        if self.filt._logits is not None:
            return 100.0 * (1.0 - _p_low(self.z))
        return 100.0 * (1.0 - self.filt._provisional_p(self.ran))


def _batched(step: Callable[[Callable[[_Provisional], Any]], None],
             live: Callable[[], list[_Provisional]]
             ) -> Callable[[Callable[[list[_Provisional]], Any]], None]:
    """The cascade's ``step_all`` for a batch: ``work`` on the ``live()`` documents at once; when
    that fails, on each document alone through ``step`` (its per-document error boundary), so
    a failure stays with the document that caused it."""
    def step_all(work: Callable[[list[_Provisional]], Any]) -> None:
        states = live()
        if states:
            try:
                work(states)
            except Exception:  # noqa: BLE001 (retried one by one: step logs it)
                step(lambda s: work([s]))
    return step_all


def _p_low(z: float) -> float:
    """The logistic function, guarded against overflow (as P(low) from log-odds ``z``)."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _groups(spec: Iterable[Iterable[str] | str]) -> tuple[tuple[str, ...], ...]:
    """``reject_first`` as groups of names: a flat list of names is one group."""
    items = list(spec)
    if all(isinstance(x, str) for x in items):
        return (tuple(items),) if items else ()
    out = []
    for x in items:
        if isinstance(x, str):
            raise TypeError("reject_first mixes names and groups: give a list of names (one "
                            "group) or a list of lists of names")
        out.append(tuple(x))
    return tuple(out)


def _has_version(name: str) -> bool:
    last = name.rsplit(".", 1)[-1]
    return last.startswith("v") and last[1:].isdigit()


class CredibilityFilter:
    """Keep/review/drop verdicts for crawled pages, loaded once and shared across threads."""

    def __init__(self, scorer: Scorer, *, cheap_first: bool = True,
                 expensive: Iterable[str] | None = None,
                 accept_margin: float = DEFAULT_ACCEPT_MARGIN,
                 reject_margin: float = DEFAULT_REJECT_MARGIN,
                 reject_first: Iterable[Iterable[str] | str] | None = None,
                 first_reject_margin: float = DEFAULT_FIRST_REJECT_MARGIN,
                 warmup: bool = True) -> None:
        if not isinstance(scorer, Scorer):
            raise TypeError(f"scorer must be a Scorer, not {type(scorer).__name__}")
        for label, margin in (("accept_margin", accept_margin), ("reject_margin", reject_margin),
                              ("first_reject_margin", first_reject_margin)):
            if isinstance(margin, bool) or not isinstance(margin, (int, float)):
                raise TypeError(f"{label} must be a number, not {type(margin).__name__}")
            if not math.isfinite(margin) or margin < 0:
                raise ValueError(f"{label} must be a finite number >= 0, not {margin!r}")
        self.scorer = scorer
        self.thresholds: Thresholds = scorer.thresholds
        self.accept_margin = float(accept_margin)
        self.reject_margin = float(reject_margin)
        self.first_reject_margin = float(first_reject_margin)
        names = EXPENSIVE_DETECTORS if expensive is None else frozenset(expensive)
        groups = _groups(REJECT_STAGES if reject_first is None else reject_first)
        self.cheap: tuple[Detector, ...] = tuple(
            d for d in scorer.detectors if not is_expensive(d, names))
        self.expensive: tuple[Detector, ...] = tuple(
            d for d in scorer.detectors if is_expensive(d, names))
        # The cascade runs ``first``, then each of ``reject_groups`` (cheap, but skipped by an
        # earlier reject), then ``expensive``; ``deferred`` is the groups together.
        taken: set[str] = set()
        reject_groups: list[tuple[Detector, ...]] = []
        for names_k in groups:
            group = tuple(d for d in self.cheap if d.name not in taken and is_expensive(d, names_k))
            taken.update(d.name for d in group)
            if group:
                reject_groups.append(group)
        self.reject_groups: tuple[tuple[Detector, ...], ...] = tuple(reject_groups)
        self.deferred: tuple[Detector, ...] = tuple(d for d in self.cheap if d.name in taken)
        self.first: tuple[Detector, ...] = tuple(d for d in self.cheap if d.name not in taken)
        self.cheap_first = bool(cheap_first) and bool(self.expensive or self.deferred)
        self._stand_in: dict[str, DetectorResult] = (
            self._reference_results() if self.expensive or self.deferred else {})
        self._logits = self._logit_plan()
        if warmup:
            self._warm()

    # -- construction --------------------------------------------------------------------------
    @classmethod
    def load(cls, model_path: str | Path | None = None,
             thresholds: Thresholds | Mapping[str, float] | None = None, *,
             cheap_first: bool = True, expensive: Iterable[str] | None = None,
             accept_margin: float = DEFAULT_ACCEPT_MARGIN,
             reject_margin: float = DEFAULT_REJECT_MARGIN,
             reject_first: Iterable[Iterable[str] | str] | None = None,
             first_reject_margin: float = DEFAULT_FIRST_REJECT_MARGIN,
             use_model: bool = True) -> CredibilityFilter:
        """The filter with the default detectors and the shipped (or named) model.

        ``thresholds`` overrides the model card's cut points: a :class:`Thresholds`, or a mapping
        with any of ``accept``, ``reject``, ``high``, ``low`` (the rest keep the card's values).
        ``expensive`` names the detectors skipped by an early accept or reject (default
        :data:`EXPENSIVE_DETECTORS`); ``reject_first`` the groups that run before them, each only
        when no early reject came first (default :data:`REJECT_STAGES`; a flat list of names is
        one group; ``reject_first=()`` turns the early-reject stages off). Raises :class:`~scorer.errors.ModelLoadError` for a bad model
        file.
        """
        if model_path is not None and not isinstance(model_path, (str, Path)):
            raise TypeError(f"model_path must be a str or Path, not {type(model_path).__name__}")
        scorer = Scorer.load(model_path, use_model=use_model)
        return cls(cls._with_thresholds(scorer, thresholds), cheap_first=cheap_first,
                   expensive=expensive, accept_margin=accept_margin,
                   reject_margin=reject_margin, reject_first=reject_first,
                   first_reject_margin=first_reject_margin)

    @staticmethod
    def _with_thresholds(scorer: Scorer,
                         thresholds: Thresholds | Mapping[str, float] | None) -> Scorer:
        if thresholds is None:
            return scorer
        if isinstance(thresholds, Thresholds):
            scorer.thresholds = thresholds
            return scorer
        if not isinstance(thresholds, Mapping):
            raise TypeError("thresholds must be a Thresholds or a mapping of "
                            f"accept/reject/high/low, not {type(thresholds).__name__}")
        allowed = {f.name for f in dataclasses.fields(Thresholds)}
        unknown = set(thresholds) - allowed
        if unknown:
            raise ValueError(f"unknown threshold(s) {sorted(unknown)}; use {sorted(allowed)}")
        values: dict[str, float] = {}
        for key, value in thresholds.items():
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError(f"threshold {key} must be a number, not {type(value).__name__}")
            if not (math.isfinite(value) and 0.0 <= value <= 100.0):
                raise ValueError(f"threshold {key}={value!r} must be within 0..100")
            values[key] = float(value)
        merged = dataclasses.replace(scorer.model.thresholds, **values)
        if merged.reject > merged.accept or merged.low > merged.high:
            raise ValueError(f"thresholds out of order: {merged} (need reject <= accept and "
                             "low <= high)")
        scorer.thresholds = merged
        return scorer

    def _reference_results(self) -> dict[str, DetectorResult]:
        """What each skippable detector says about a plain clean article, evidence dropped."""
        doc = self.scorer.prepare(Document(text=_REFERENCE_TEXT, id="credscore-reference"))
        out: dict[str, DetectorResult] = {}
        for det in self.deferred + self.expensive:
            res = det(doc)
            out[det.name] = DetectorResult(det.name, dict(res.features), (), res.score, {})
        return out

    def _logit_plan(self) -> tuple[Any, float, dict[str, float]] | None:
        """``(model.detector_logit, log-odds with every skippable detector stood in for and
        the rest at 0, each stand-in's log-odds)``, when the model adds up detector by detector
        (a linear model): the cascade then updates its provisional score per detector instead
        of re-running the model on the whole row at each stage. ``None``: use
        :meth:`_provisional_p`."""
        model = self.scorer.model
        logit_of = getattr(model, "detector_logit", None)
        terms = getattr(model, "logit_terms", None)
        if logit_of is None or terms is None or not self._stand_in:
            return None
        try:
            constant, by_detector = terms()
        except ValueError:
            return None
        names = {d.name for d in self.scorer.detectors}
        # columns of detectors this scorer does not run are 0.0 in every row (the vectorizer)
        for name in by_detector:
            if name not in names:
                constant += logit_of(name, DetectorResult(name, {}))
        stand_in = {name: logit_of(name, result) for name, result in self._stand_in.items()}
        return logit_of, constant + sum(stand_in.values()), stand_in

    def _warm(self) -> None:
        """Import lazily-loaded pieces (HTML extractor, lexicons, model, langdetect's profiles)
        now, not on a crawler's first page."""
        from features import lang

        lang.langdetect_langs("Dies ist ein kurzer deutscher Satz, kein englischer Text.")
        for kwargs in ({"text": _REFERENCE_TEXT}, {"html": _REFERENCE_HTML}):
            verdict = self.check(**kwargs)  # type: ignore[arg-type]
            if verdict.decision == "error":
                logger.warning("filter warm-up failed: %s", verdict.reason_text)

    # -- checking ------------------------------------------------------------------------------
    def check(self, text: str | None = None, html: str | bytes | None = None,
              url: str | None = None, **meta: Any) -> Verdict:
        """The verdict for one page. See the module docstring for the argument contract.

        ``meta`` may hold ``id``, ``title``, ``published`` and any other metadata (author,
        site_name, ...), which goes to ``Document.metadata``.
        """
        doc = self.document(text=text, html=html, url=url, **meta)
        return self.check_document(doc)

    def document(self, text: str | None = None, html: str | bytes | None = None,
                 url: str | None = None, **meta: Any) -> Document:
        """The :class:`Document` :meth:`check` scores (argument checks included)."""
        if text is None and html is None:
            raise TypeError("check() needs text= or html= (exactly one of them)")
        if text is not None and html is not None:
            raise ValueError("check() takes text= or html=, not both: pass the raw page as html= "
                             "and credscore extracts the text")
        if text is not None and not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        if html is not None and not isinstance(html, (str, bytes, bytearray)):
            raise TypeError(f"html must be a str or bytes, not {type(html).__name__}")
        if url is not None and not isinstance(url, str):
            raise TypeError(f"url must be a str or None, not {type(url).__name__}")
        if isinstance(html, (bytes, bytearray)):
            from scorer.io.html import decode_html

            html = decode_html(bytes(html))
        rid = meta.pop("id", "")
        title = meta.pop("title", None)
        published = meta.pop("published", None)
        for key, value in (("id", rid), ("title", title), ("published", published)):
            if value is not None and not isinstance(value, str):
                raise TypeError(f"{key} must be a str, not {type(value).__name__}")
        return Document(text=text or "", html=html, id=rid or "", url=url or None, title=title,
                        published=published, metadata=meta)

    def check_document(self, doc: Document) -> Verdict:
        """The verdict for a :class:`Document` (the per-record error boundary)."""
        try:
            prepared = self.scorer.prepare(doc)
            if self.cheap_first:
                return self._judge_cheap_first(prepared)
            return self._judge_full(prepared)
        except CredscoreError as exc:
            return self._error(doc, exc.code, str(exc))
        except Exception as exc:  # per-record boundary: a detector bug must not stop a crawl
            logger.exception("credscore filter failed on %s", doc.id or doc.url or "a document")
            return self._error(doc, "internal_error", f"{type(exc).__name__}: {exc}")

    def check_many(self, items: Sequence[Mapping[str, Any]]) -> list[Verdict]:
        """Verdicts for several pages given as mappings of :meth:`check`'s keyword arguments,
        in order. The same verdicts as :meth:`check` on each, computed stage by stage over the
        batch (each detector's tables stay in the CPU cache: cheaper per page). Argument
        errors raise as in :meth:`check`; content never does."""
        docs = [self.document(**dict(item)) for item in items]
        out: list[Verdict | None] = [None] * len(docs)
        states: list[_Provisional] = []
        for i, doc in enumerate(docs):
            try:
                prepared = self.scorer.prepare(doc)
            except CredscoreError as exc:
                out[i] = self._error(doc, exc.code, str(exc))
                continue
            except Exception as exc:  # the per-record boundary, as in check_document
                logger.exception("credscore filter failed on %s", doc.id or doc.url or "a page")
                out[i] = self._error(doc, "internal_error", f"{type(exc).__name__}: {exc}")
                continue
            states.append(_Provisional(self, prepared))
        if states:
            def step(work: Callable[[_Provisional], Any]) -> None:
                for s in states:
                    if s.verdict is not None:
                        continue
                    try:
                        work(s)
                    except CredscoreError as exc:
                        s.verdict = self._error(s.doc, exc.code, str(exc))
                    except Exception as exc:
                        logger.exception("credscore filter failed on %s",
                                         s.doc.id or s.doc.url or "a page")
                        s.verdict = self._error(s.doc, "internal_error",
                                                f"{type(exc).__name__}: {exc}")

            self._cascade(step, include_text=False, step_all=_batched(
                step, lambda: [s for s in states if s.verdict is None]))
            pending = iter(states)
            out = [v if v is not None else next(pending).verdict for v in out]
        return out  # type: ignore[return-value]

    @property
    def limits(self) -> Any:
        """The scorer's size and time limits (``scorer.config.Limits``)."""
        return self.scorer.limits

    def records(self, items: Sequence[Document | Any], include_text: bool = False
                ) -> list[dict[str, Any]]:
        """Output records for a batch, as :meth:`Scorer.records` writes them, each judged by
        this filter (the cascade when ``cheap_first``): what ``credscore score --cheap-first``
        writes. Every item yields one record, a report or an error record."""
        sc = self.scorer
        batch = sc.begin(items)
        states = []
        for p in batch:
            if p.record is None:
                p.state = _Provisional(self, p.doc)  # type: ignore[arg-type]
                states.append(p.state)

        def step(work: Callable[[_Provisional], Any]) -> None:
            # a failure anywhere in a document's cascade becomes its error record
            sc.step([p for p in batch if p.record is None and p.state.verdict is None],
                    lambda p: work(p.state))

        budget = sc.limits.time_budget_s

        def live() -> list[_Provisional]:
            if budget > 0 and any(p.record is None and p.spent >= budget for p in batch):
                step(lambda s: None)  # records out of time become errors, as in Scorer.step
            return [p.state for p in batch if p.record is None and p.state.verdict is None]

        self._cascade(step, include_text, _batched(step, live))
        for p in batch:
            if p.record is None:
                p.record = p.state.verdict.report
        return [p.record for p in batch]  # type: ignore[misc]

    # -- internals -----------------------------------------------------------------------------
    def _run(self, detectors: Sequence[Detector], doc: Document) -> dict[str, DetectorResult]:
        return {det.name: det(doc) for det in detectors}

    def _judge_full(self, doc: Document, include_text: bool = False) -> Verdict:
        return self._full_verdict(doc, self._run(self.scorer.detectors, doc), include_text)

    def _judge_cheap_first(self, doc: Document, include_text: bool = False) -> Verdict:
        state = _Provisional(self, doc)

        def step(work: Callable[[_Provisional], Any]) -> None:
            if state.verdict is None:
                work(state)

        self._cascade(step, include_text)
        assert state.verdict is not None
        return state.verdict

    def _cascade(self, step: Callable[[Callable[[_Provisional], Any]], None],
                 include_text: bool,
                 step_all: Callable[[Callable[[list[_Provisional]], Any]], None] | None = None
                 ) -> None:
        """The cheap-first cascade, stage by stage. ``step(work)`` applies ``work`` to every
        document of the batch still undecided (one document for :meth:`check`; a batch for
        :meth:`records`, so each stage's detectors run over the batch one after the other);
        ``step_all(work)`` applies ``work`` once to the list of them (the verdicts: the model
        and its reasons run on the whole list at once); each document ends with its
        ``verdict``. Without ``cheap_first``: every detector, then the verdict."""
        batch = step_all is not None and self._logits is not None and hasattr(
            self.scorer.model, "detector_logits")
        if step_all is None:
            def step_all(work: Callable[[list[_Provisional]], Any]) -> None:
                step(lambda s: work([s]))

        def run(part: Sequence[Detector]) -> None:
            if not batch:
                step(lambda s: s.run(part))
                return
            step(lambda s: s.run(part, score=False))
            step_all(lambda states: self._add_logits(states, part))

        if not self.cheap_first:  # no provisional score needed: the model judges at the end
            for part in by_signal(self.scorer.detectors):
                step(lambda s, part=part: s.run(part, score=False))
            step_all(lambda states: self._set_verdicts(states, None, include_text))
            return
        stages = (self.first, *self.reject_groups) if self.reject_groups else (self.cheap,)
        floor = self.thresholds.reject - self.first_reject_margin
        for k, group in enumerate(stages):
            if k:  # before reject group k - 1: reject what is already clear
                later = {d.name for g in self.reject_groups[k - 1:] for d in g}
                skipped = tuple(d for d in self.deferred if d.name in later) + self.expensive

                def reject_early(states: list[_Provisional],
                                 skipped: tuple[Detector, ...] = skipped) -> None:
                    self._set_verdicts([s for s in states if s.score() < floor], skipped,
                                       include_text)
                step_all(reject_early)
            for part in by_signal(group):  # a batch runs one signal after the other
                run(part)

        def decide_early(states: list[_Provisional]) -> None:
            self._set_verdicts([s for s in states if self.decided_early(s.score())],
                               self.expensive, include_text)

        if self.expensive:
            step_all(decide_early)
            for part in by_signal(self.expensive):
                run(part)
        step_all(lambda states: self._set_verdicts(states, None, include_text))

    def _add_logits(self, states: list[_Provisional], part: Sequence[Detector]) -> None:
        """Add the log-odds of ``part``'s detectors (in place of their stand-ins') to every
        state's provisional score: one matrix product per detector over the batch. All new
        values are computed before any is stored, so a failure changes nothing (the batch is
        then retried document by document)."""
        assert self._logits is not None
        many = self.scorer.model.detector_logits  # type: ignore[attr-defined]
        z = [s.z for s in states]
        for det in part:
            stand_in = self._logits[2].get(det.name, 0.0)
            got = many(det.name, [s.ran[det.name] for s in states])
            z = [a + (b - stand_in) for a, b in zip(z, got)]
        for s, value in zip(states, z):
            s.z = value

    def _set_verdicts(self, states: list[_Provisional], skipped: tuple[Detector, ...] | None,
                      include_text: bool) -> None:
        """Each state's verdict on the detectors that ran: with ``skipped`` stood in for (an
        early verdict; reasons only about skipped signals dropped), or as they are (``None``).
        The model predicts on the whole list at once."""
        if not states:
            return
        ran = [self._in_order(s.ran) for s in states]
        rows = ran if skipped is None else [self._with_stand_ins(r) for r in ran]
        names = () if skipped is None else tuple(d.name for d in skipped)
        gone = set() if skipped is None else {signal_of(d.name) for d in skipped}
        for s, r, (p_low, reasons) in zip(states, ran, self._predict_many(rows)):
            if gone:  # drop reasons about a signal only skipped detectors feed (stand-ins)
                kept = {signal_of(name) for name in r}
                reasons = [x for x in reasons if x.signal in kept or x.signal not in gone]
            s.verdict = self._verdict(s.doc, r, p_low, reasons, cheap_path=skipped is not None,
                                      skipped=names, include_text=include_text)

    def _full_verdict(self, doc: Document, results: Mapping[str, DetectorResult],
                      include_text: bool) -> Verdict:
        """The verdict on the results as they are (nothing stood in for)."""
        ordered = self._in_order(results)
        p_low, reasons = self._predict(ordered)
        return self._verdict(doc, ordered, p_low, reasons, cheap_path=False, skipped=(),
                             include_text=include_text)

    def _with_stand_ins(self, ran: Mapping[str, DetectorResult]) -> dict[str, DetectorResult]:
        results = dict(self._stand_in)
        results.update(ran)
        return self._in_order(results)

    def provisional(self, cheap: Mapping[str, DetectorResult]) -> tuple[float, list[Reason]]:
        """P(low) and reasons from the results that ran plus the skipped detectors' stand-ins."""
        return self._predict(self._with_stand_ins(cheap))

    def _provisional_p(self, cheap: Mapping[str, DetectorResult]) -> float:
        """Only the provisional P(low): reasons are built once, for the path taken."""
        fast = getattr(self.scorer.model, "probabilities", None)
        if fast is None:
            return self.provisional(cheap)[0]
        p = float(fast([flatten(self._with_stand_ins(cheap))])[0])
        return min(1.0, max(0.0, p)) if math.isfinite(p) else 1.0

    def decided_early(self, provisional_score: float) -> bool:
        """Whether a provisional score is far enough past a threshold to skip the rest."""
        t = self.thresholds
        return (provisional_score >= t.accept + self.accept_margin
                or provisional_score < t.reject - self.reject_margin)

    def _in_order(self, results: Mapping[str, DetectorResult]) -> dict[str, DetectorResult]:
        return {d.name: results[d.name] for d in self.scorer.detectors if d.name in results}

    def _predict(self, results: Mapping[str, DetectorResult]) -> tuple[float, list[Reason]]:
        return self._predict_many([results])[0]

    def _predict_many(self, results: Sequence[Mapping[str, DetectorResult]]
                      ) -> list[tuple[float, list[Reason]]]:
        out = []
        for p_low, reasons in predict_results(self.scorer.model, results):
            p = float(p_low)
            out.append((min(1.0, max(0.0, p)) if math.isfinite(p) else 1.0, list(reasons)))
        return out

    def _verdict(self, doc: Document, results: dict[str, DetectorResult], p_low: float,
                 reasons: Sequence[Reason], *, cheap_path: bool,
                 skipped: tuple[str, ...], include_text: bool = False) -> Verdict:
        score = 100.0 * (1.0 - p_low)
        t = self.thresholds
        cred = Credibility(p_low, score, t.label(score), t.decision(score))
        model = self.scorer.model
        extra = {"filter": {"cheap_path": cheap_path, "skipped": list(skipped)}}
        report = Report(doc, results, cred, tuple(reasons[:8]), model.name, model.version,
                        extra=extra).to_dict(include_text=include_text)
        return Verdict(decision=cred.decision, score=round(score, 2), label=cred.label,
                       reasons=tuple(report["reasons"]), report=report,
                       detectors_run=tuple(results), cheap_path=cheap_path,
                       p_low=round(p_low, 4))

    def _error(self, doc: Document, code: str, message: str) -> Verdict:
        record = error_record(doc.id, code, message)
        reason = {"code": code, "signal": "input", "message": message, "weight": 0.0}
        return Verdict(decision="error", score=None, label=None, reasons=(reason,),
                       report=record, detectors_run=(), cheap_path=False, p_low=None)
