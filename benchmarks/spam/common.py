"""Shared helpers of the spam lexicon builder and the injection benchmark.

The train/held-out split of payload sources is a stable hash, so the lexicon builder (which may
only learn from the train half) and the benchmark (which injects held-out payloads) agree without
sharing state.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

SHARED = Path("/work/shared/datasets")
REPO = Path(__file__).resolve().parents[2]
DATA_OUT = REPO / "features" / "data" / "spam"


def train_texts() -> list[str]:
    """``content_original`` of the allsides-baly2020 articles in the media split's training
    publishers (what the lexicon and word-pair builders may learn from)."""
    import pandas as pd

    art = pd.read_parquet(SHARED / "allsides-baly2020" / "allsides_articles.parquet",
                          columns=["ID", "content_original"])
    train = pd.read_csv(SHARED / "allsides-baly2020" / "data" / "splits" / "media" / "train.tsv",
                        sep="\t")
    art = art[art.ID.isin(set(train.ID))]
    return [t for t in art.content_original if isinstance(t, str)]


def split_of(key: str, salt: str = "spam-v1") -> str:
    """``"train"`` or ``"heldout"`` for a payload item (stable md5 of ``salt:key``, 50/50)."""
    h = hashlib.md5(f"{salt}:{key}".encode()).digest()
    return "train" if h[0] % 2 == 0 else "heldout"


#: Payload families used by the benchmark. "lexicon" says whether the lexicon builder was allowed
#: to read the family's source (train half only). Families with lexicon=False are fully held out.
FAMILIES = {
    "judol": {"source": "judol-id-gambling-comments (label 1)", "lexicon": True},
    "gambling_links": {"source": "ut1-blacklists gambling/domains", "lexicon": True},
    "pharma": {"source": "php-spam-filter blacklist-medication.txt", "lexicon": True},
    "commerce": {"source": "php-spam-filter merchandise/services/trading", "lexicon": False},
    "wp_blacklist": {"source": "wordpress-comment-blacklist blacklist.txt", "lexicon": False},
}
