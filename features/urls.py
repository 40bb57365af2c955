"""URL and domain helpers over an offline tldextract (never touches the network)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import tldextract

_MOBILE_PREFIXES = ("www", "m", "mobile", "amp", "www2", "www1")


@lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    # suffix_list_urls=() and cache_dir=None: use the snapshot bundled with tldextract, no fetch.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@dataclass(frozen=True, slots=True)
class DomainParts:
    """The pieces of a URL's host."""

    host: str
    subdomain: str
    domain: str  # registered domain, e.g. "example.co.uk"; "" when there is none
    suffix: str
    is_ip: bool


def host_of(url: str) -> str:
    """The lower-cased host of a URL (accepts URLs without a scheme)."""
    url = url.strip()
    if "//" not in url:
        url = "//" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.lower().rstrip(".")


def split_domain(url: str) -> DomainParts:
    """Registered domain, subdomain and suffix of ``url``, fully offline."""
    return split_host(host_of(url))


@lru_cache(maxsize=16384)
def split_host(host: str) -> DomainParts:
    """:func:`split_domain` of a host as :func:`host_of` gives it (remembered per host)."""
    if not host:
        return DomainParts("", "", "", "", False)
    ext = _extractor()(host)
    is_ip = bool(ext.ipv4) or (":" in host)
    domain = ext.top_domain_under_public_suffix or (ext.ipv4 if ext.ipv4 else "")
    return DomainParts(host, ext.subdomain, domain, ext.suffix, is_ip)


def registered_domain(url: str | None) -> str | None:
    """The registered domain of ``url`` or ``None``."""
    if not url:
        return None
    return split_domain(url).domain or None
