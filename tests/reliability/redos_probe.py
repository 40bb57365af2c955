"""Run every regular expression in credscore's packages against backtracking-prone inputs.

Prints one line per pattern, ``ok <seconds> <module>.<name>``, flushing as it goes, so a caller
that times out knows which pattern hung. Used by tests/reliability/test_redos.py and
benchmarks/reliability/run.py.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
import time

PACKAGES = ("features", "scorer")
SKIP = ("scorer.integrations", "scorer.train", "scorer.cli", "scorer.__main__")

#: Classic catastrophic-backtracking shapes: long runs of one character class, then a character
#: that makes the match fail at the very end.
UNITS = (" ", "a", "A", "aA", "1", "-", ".", ",", "'", '"', "\n", "\t", "a ", "A. ", "a-",
         "—", "http://", "www.", "<a ", "=", "%2", "\u200b", "é", "Ab ", "By ", "said ", "( ",
         "“", "a.b", "@", "#", "/", "_", "!", "?", ":", "a\n", "\n\n", "AB", "Mr. ", "--")
LENGTH = 20_000


def patterns() -> list[tuple[str, re.Pattern[str]]]:
    found: list[tuple[str, re.Pattern[str]]] = []
    for pkg_name in PACKAGES:
        pkg = importlib.import_module(pkg_name)
        for info in pkgutil.walk_packages(pkg.__path__, pkg_name + "."):
            if info.name.startswith(SKIP):
                continue
            try:
                mod = importlib.import_module(info.name)
            except ImportError:
                continue
            seen: set[int] = set()
            for attr, value in vars(mod).items():
                candidates = [value]
                if isinstance(value, type):
                    candidates = list(vars(value).values())
                elif isinstance(value, (tuple, list, dict)):
                    candidates = list(value.values() if isinstance(value, dict) else value)
                for cand in candidates:
                    if isinstance(cand, re.Pattern) and isinstance(cand.pattern, str) \
                            and id(cand) not in seen:
                        seen.add(id(cand))
                        found.append((f"{info.name}.{attr}", cand))
    return found


def main() -> int:
    worst = 0.0
    for name, pat in patterns():
        start = time.perf_counter()
        for unit in UNITS:
            text = unit * (LENGTH // len(unit)) + "!\x00"
            pat.search(text)
            pat.findall(text[:5000])
        took = time.perf_counter() - start
        worst = max(worst, took)
        print(f"ok {took:.3f} {name}", flush=True)
    print(f"done {worst:.3f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
