"""Shared fixtures. Every test runs with the network blocked."""

from __future__ import annotations

import socket

import pytest


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse outbound connections to anything but loopback: tests must not need the network."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and (host.startswith("127.") or host in ("localhost", "::1")):
            return real_connect(self, address)  # type: ignore[arg-type]
        if self.family == socket.AF_UNIX:
            return real_connect(self, address)  # type: ignore[arg-type]
        raise RuntimeError(f"network access in a test: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded)


import json
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"


@pytest.fixture(scope="session")
def report_schema() -> dict[str, Any]:
    """The shipped JSON Schema of output records."""
    return json.loads((ROOT / "scorer" / "schema" / "report.schema.json").read_text())


@pytest.fixture(scope="session")
def check_record(report_schema: dict[str, Any]) -> Callable[[dict[str, Any], str | None], None]:
    """Validate one output record against the schema and the span invariants.

    ``text`` is the analysed text the spans index into (``record["text"]`` when omitted).
    """
    import jsonschema

    validator = jsonschema.Draft202012Validator(report_schema)

    def check(record: dict[str, Any], text: str | None = None) -> None:
        validator.validate(record)
        if "error" in record:
            return
        body = record.get("text") if text is None else text
        for signal in record["signals"].values():
            for span in signal["spans"]:
                assert 0 <= span["start"] <= span["end"]
                if body is not None:
                    assert span["end"] <= len(body)
                    assert body[span["start"]:span["end"]] == span["text"]

    return check
