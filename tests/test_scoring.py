"""Scorer.prepare: input clean-up every detector can rely on."""

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
