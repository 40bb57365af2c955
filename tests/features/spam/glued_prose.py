"""A paragraph setting written for the glued-run tests (test_spam_glued*.py,
test_spam_recall_round5.py): three paragraphs of invented ferry news; ``glued_doc(run)`` glues
``run`` between the two sentences of the middle paragraph; ``spans_by_code(text)`` is what the
injected-spam detector flags in a text, as span texts by code."""

from features.spam import InjectedSpamDetector
from scorer.document import Document

DET = InjectedSpamDetector()

P1 = ("The harbour authority approved a new ferry timetable on Monday after months of talks "
      "with the unions about night shifts and the cost of fuel for the older boats.")
P2_HEAD = ("Passengers on the northern route had complained for years about late departures, "
           "and the new plan adds two boats in the morning.")
P2_TAIL = ("The authority said the extra boats would be leased from a company in the south "
           "until the shipyard finishes the two vessels it ordered last spring.")
P3 = ("Union leaders said they would watch how the changes work in practice, but they "
      "welcomed the promise of shorter shifts for the crews on the longest crossings.")


def glued_doc(glued: str) -> str:
    return f"{P1}\n\n{P2_HEAD} {glued} {P2_TAIL}\n\n{P3}\n"


def spans_by_code(text: str) -> dict[str, set[str]]:
    res = DET(Document(text=text, language="en"))
    out: dict[str, set[str]] = {}
    for ev in res.evidence:
        if ev.span is not None:
            out.setdefault(ev.code, set()).add(text[ev.span.start:ev.span.end])
    return out
