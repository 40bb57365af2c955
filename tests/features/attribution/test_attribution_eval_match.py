"""The comparison of benchmarks/attribution/eval_bylines.py: exact author match up to case and
the list separator (``same_author``), beside the strict string comparison."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks" / "attribution"))
from eval_bylines import same_author  # noqa: E402


@pytest.mark.parametrize("gold,pred,expected", [
    ("Mara Lindqvist", "Mara Lindqvist", True),
    ("MARA LINDQVIST", "Mara Lindqvist", True),
    ("Ole Brandt and Ines Wahl", "Ole Brandt; Ines Wahl", True),
    ("Ole Brandt; Ines Wahl; Kai Nordmann", "Ole Brandt, Ines Wahl and Kai Nordmann", True),
    ("OLE BRANDT & INES WAHL", "Ole Brandt, Ines Wahl", True),
    ("", "", True),
    # still different: order, spelling, diacritics, a trailing period, a title, a missing name
    ("Ole Brandt; Ines Wahl", "Ines Wahl; Ole Brandt", False),
    ("Jörg Weiß", "Jörg Weiss", False),
    ("Jörg Weiß", "Jorg Weiß", False),
    ("Ole Brandt.", "Ole Brandt", False),
    ("Dr. Ole Brandt", "Ole Brandt", False),
    ("Ole Brandt; Ines Wahl", "Ole Brandt", False),
    ("Ole Brandt", "", False),
    ("", "Ole Brandt", False),
])
def test_same_author_case_and_separator_only(gold, pred, expected):
    assert same_author(gold, pred) is expected
