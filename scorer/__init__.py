"""credscore: source-credibility and spam-contamination scoring for news and web documents."""

from __future__ import annotations

__version__ = "0.1.0"

from scorer.document import Document  # noqa: E402
from scorer.scoring import Scorer  # noqa: E402

__all__ = ["Document", "Scorer", "__version__"]
