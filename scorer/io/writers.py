"""Output writers: JSONL (default), flat CSV, and HTML.

Every writer takes output records (report dicts or error records) one at a time, in input
order, and never holds more than the current record, except the HTML report, which needs the
whole batch for its summary.
"""

from __future__ import annotations

import csv
import json
from typing import Any, Iterable, Protocol, TextIO

from features.registry import SIGNALS


def dumps_record(record: dict[str, Any]) -> str:
    """The canonical one-line JSON form of a record (what ``credscore score`` writes)."""
    return json.dumps(record, ensure_ascii=False, separators=(", ", ": "), allow_nan=False)


class Writer(Protocol):
    """Receives output records in order."""

    def write(self, record: dict[str, Any]) -> None: ...

    def close(self) -> None: ...


class JsonlWriter:
    """One JSON object per line."""

    def __init__(self, fh: TextIO) -> None:
        self.fh = fh

    def write(self, record: dict[str, Any]) -> None:
        self.fh.write(dumps_record(record) + "\n")

    def close(self) -> None:
        self.fh.flush()


CSV_COLUMNS: tuple[str, ...] = (
    "id", "url", "domain", "language", "score", "label", "decision", "p_low",
    *(f"{s}_score" for s in SIGNALS), "top_reasons", "error_code", "error_message",
)


def flat_row(record: dict[str, Any]) -> dict[str, Any]:
    """A report or error record as one flat CSV row."""
    if "error" in record:
        return {"id": record.get("id"), "error_code": record["error"].get("code"),
                "error_message": record["error"].get("message")}
    cred = record["credibility"]
    row: dict[str, Any] = {
        "id": record["id"], "url": record.get("url"), "domain": record.get("domain"),
        "language": record.get("language"), "score": cred["score"], "label": cred["label"],
        "decision": cred["decision"], "p_low": cred["p_low"],
    }
    for sig in SIGNALS:
        row[f"{sig}_score"] = record["signals"][sig]["score"]
    row["top_reasons"] = "; ".join(r["code"] for r in record.get("reasons", [])[:3])
    return row


class CsvWriter:
    """Flat CSV: id, url, domain, score, label, decision, each signal score, top reasons."""

    def __init__(self, fh: TextIO) -> None:
        self.fh = fh
        self._w = csv.DictWriter(fh, fieldnames=list(CSV_COLUMNS), extrasaction="ignore")
        self._w.writeheader()

    def write(self, record: dict[str, Any]) -> None:
        self._w.writerow({k: ("" if v is None else v) for k, v in flat_row(record).items()})

    def close(self) -> None:
        self.fh.flush()


def write_all(writer: Writer, records: Iterable[dict[str, Any]]) -> int:
    """Write every record; return how many were written."""
    n = 0
    for rec in records:
        writer.write(rec)
        n += 1
    writer.close()
    return n
