"""Build the advertising-domain lexicons of spam.injected (issue 3, fourth round).

    python benchmarks/spam/build_ad_domains.py

Writes features/data/spam/ad_domains.txt (UT1 ``publicite`` host names, TRAIN half of
``common.split_of`` only, IP addresses dropped) and features/data/spam/ad_host_tokens.txt
(label tokens typical of advertising/tracking hosts: tokens of the train-half host names, split
at dots, hyphens and digits, found in >= 6 of them and at most a tenth as often, per host, in
UT1's ``press``, ``blog``, ``fakenews`` and ``shortener`` host names; brand and geography
tokens are dropped by hand, see ``NOT_GENERIC``). The held-out half of ``publicite`` is what
blind set 2 (``blind_check.py build --seed 202 --ad-half heldout``) injects, so the host list
cannot see those items; the tokens may (generic words such as "ads" recur across halves).
"""

from __future__ import annotations

import collections
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DATA_OUT, SHARED, split_of

UT1 = SHARED / "ut1-blacklists" / "blacklists"
#: Mined tokens that name a company, a place or a technical part, not advertising as such
#: (chosen by reading the mined list, which holds only train-half tokens).
NOT_GENERIC = frozenset(["google", "amazon", "eu", "ab", "mkto", "atlas", "emarsys", "aax",
                         "suite", "cdn", "media", "email", "speedbit", "piano", "lycos", "msn",
                         "sj", "api", "direct", "top", "stats", "analytics", "pub"])


def hosts(category: str) -> list[str]:
    return [x.strip().lower() for x in (UT1 / category / "domains").read_text(
        encoding="utf-8", errors="replace").splitlines() if x.strip() and not x.startswith("#")]


def tokens(host: str) -> set[str]:
    return {t for label in host.split(".")[:-1] for t in re.split(r"[-\d_]+", label)
            if len(t) >= 2 and t != "www"}


def main() -> int:
    ads = [h for h in hosts("publicite") if "." in h and not re.fullmatch(r"[\d.]+", h)]
    train = sorted({h for h in ads if split_of(h) == "train"})
    background = hosts("press") + hosts("blog") + hosts("fakenews") + hosts("shortener")
    ca = collections.Counter(t for h in train for t in tokens(h))
    cb = collections.Counter(t for h in background for t in tokens(h))
    ratio = len(train) / max(1, len(background))
    mined = sorted(t for t, c in ca.items() if c >= 6 and cb[t] * ratio <= 0.1 * c
                   and t not in NOT_GENERIC)
    src = ("# Source: ut1-blacklists blacklists/publicite/domains (olbat/ut1-blacklists, "
           "CC BY-SA 4.0,\n#   Universite Toulouse Capitole). Built by "
           "benchmarks/spam/build_ad_domains.py.")
    (DATA_OUT / "ad_domains.txt").write_text(
        "# advertising / tracking host names (UT1 publicite, TRAIN half) for features/spam\n"
        + src + "\n#   Only hosts whose stable hash (common.split_of) puts them in the train "
        f"half; IPs dropped. {len(train)} hosts.\n" + "\n".join(train) + "\n", encoding="utf-8")
    (DATA_OUT / "ad_host_tokens.txt").write_text(
        "# label tokens of advertising / tracking host names for features/spam\n" + src
        + "\n#   Tokens (labels split at . - digits) of >= 6 train-half publicite hosts, at most "
        "a tenth as\n#   frequent per host in UT1 press/blog/fakenews/shortener hosts; brand, "
        "place and technical\n#   tokens dropped by hand (NOT_GENERIC in the script). "
        f"{len(mined)} tokens.\n" + "\n".join(mined) + "\n", encoding="utf-8")
    print(f"ad hosts {len(train)}, tokens {mined}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
