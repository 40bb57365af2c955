"""No regular expression in credscore backtracks catastrophically on hostile input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: A pattern that needs this long for ~40 hostile 20,000-character inputs is super-linear; a
#: linear one needs milliseconds. Generous, because this guards against hangs, not for speed.
PER_PATTERN_LIMIT_S = 5.0


def test_every_regex_survives_backtracking_inputs() -> None:
    try:
        proc = subprocess.run([sys.executable, str(ROOT / "tests/reliability/redos_probe.py")],
                              capture_output=True, text=True, timeout=600, cwd=ROOT)
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        last = out.strip().splitlines()[-1] if out.strip() else "(none)"
        raise AssertionError(f"a regex hung; last finished: {last}") from None
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stdout.splitlines()
    checked = [line for line in lines if line.startswith("ok ")]
    assert len(checked) >= 10, "the probe found too few patterns: is discovery broken?"
    slow = [line for line in checked if float(line.split()[1]) > PER_PATTERN_LIMIT_S]
    assert not slow, f"super-linear regexes: {slow}"
