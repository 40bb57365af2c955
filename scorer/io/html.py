"""HTML to analysed text plus metadata.

Main-text extraction uses trafilatura, which drops menus, footers, related-story blocks and
cookie banners; metadata (author, date, site name, canonical URL, title) comes from its metadata
pass over meta tags, JSON-LD and byline markup.
"""

from __future__ import annotations

import logging
import warnings
from typing import Any

logger = logging.getLogger(__name__)


def decode_html(data: bytes) -> str:
    """Decode HTML bytes: UTF-8 (with or without BOM), else the declared charset, else cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    head = data[:2048].lower()
    marker = head.find(b"charset=")
    if marker >= 0:
        rest = head[marker + 8:marker + 40].strip(b"\"' ")
        name = rest.split(b'"')[0].split(b"'")[0].split(b";")[0].split(b" ")[0].split(b">")[0]
        try:
            return data.decode(name.decode("ascii", "ignore") or "utf-8", errors="replace")
        except LookupError:
            pass
    return data.decode("cp1252", errors="replace")


def extract(html: str, url: str | None = None) -> tuple[str, dict[str, Any]]:
    """Main text and metadata of an HTML page. Never raises on content: a page with no
    recognisable article gives ``("", {})``."""
    import trafilatura

    if not html.strip():
        return "", {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            doc = trafilatura.bare_extraction(
                html, url=url, with_metadata=True, include_comments=False,
                include_tables=True, deduplicate=False,
            )
    except Exception as exc:  # trafilatura/lxml failures on broken markup: treat as no article
        logger.debug("html extraction failed: %s", exc)
        return "", {}
    if doc is None:
        return "", {}
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = str(data.get("text") or "")
    meta: dict[str, Any] = {}
    for src, dst in (("author", "author"), ("date", "published"), ("sitename", "site_name"),
                     ("url", "canonical_url"), ("title", "title"), ("hostname", "hostname")):
        value = data.get(src)
        if value:
            meta[dst] = str(value)
    return text, meta
