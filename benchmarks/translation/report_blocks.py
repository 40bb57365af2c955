"""Named blocks of ``reports/translation.md`` written by scripts other than ``evaluate.py``.

``evaluate.py`` regenerates the report and keeps every block found in the old one; the speed
scripts (``speed_compare.py``, ``sample_cap_eval.py``) replace their own block. A block is the text
between ``<!-- keep:NAME -->`` and ``<!-- /keep:NAME -->`` lines, markers included.
"""

from __future__ import annotations

import re
from pathlib import Path

REPORT = Path(__file__).resolve().parents[2] / "reports/translation.md"
_BLOCK_RE = re.compile(r"<!-- keep:([\w-]+) -->\n.*?<!-- /keep:\1 -->\n?", re.DOTALL)


def blocks(text: str) -> list[str]:
    """The kept blocks of a report, in order."""
    return [m.group(0).rstrip("\n") for m in _BLOCK_RE.finditer(text)]


def write_block(name: str, body: str, report: Path = REPORT) -> None:
    """Replace block ``name`` of the report with ``body`` (appended at the end if absent)."""
    block = f"<!-- keep:{name} -->\n{body.rstrip()}\n<!-- /keep:{name} -->"
    text = report.read_text(encoding="utf-8") if report.exists() else ""
    pattern = re.compile(
        rf"<!-- keep:{re.escape(name)} -->\n.*?<!-- /keep:{re.escape(name)} -->", re.DOTALL
    )
    if pattern.search(text):
        text = pattern.sub(lambda _m: block, text)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    report.write_text(text, encoding="utf-8")
