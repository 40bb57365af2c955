"""Render reports/benchmarks.md from work_data/speed/results.json (see run.py)."""

from __future__ import annotations

import json
from typing import Any


def render_markdown(r: dict[str, Any]) -> str:
    return "# Benchmarks\n\n```\n" + json.dumps(r, indent=1)[:20000] + "\n```\n"
