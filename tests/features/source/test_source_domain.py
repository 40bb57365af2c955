"""Tests for ``source.domain.v1``: host handling, table lookups and the no-URL case."""

from __future__ import annotations

import math

import pytest

from features.source import detectors
from features.source.domain import DomainPrior, candidates, origin_url, ratings_table
from scorer.document import Document

DET = DomainPrior()


def run(url: str | None, text: str = "A short article body written for this test."):
    return DET(Document(text=text, url=url))


def test_source_detectors_registers_domain_prior() -> None:
    names = [d.name for d in detectors()]
    assert names == ["source.domain.v1"]


def test_source_table_has_rows_from_every_list() -> None:
    table = ratings_table()
    assert len(table) > 40_000
    keys = {k for rec in table.values() for k, _ in rec.ratings}
    assert {"pc1", "lasser_accuracy", "mbfc_factuality", "opensources", "ut1"} <= keys


@pytest.mark.parametrize("url", [None, "", "   ", "not a url at all ???"])
def test_source_no_url_is_neutral(url: str | None) -> None:
    r = run(url)
    assert r.score is None
    assert set(r.features) == set(DET.feature_names)
    assert all(v == 0.0 for v in r.features.values())
    assert r.features["has_url"] == 0.0
    assert r.extras == {"domain": None, "ratings": {}}
    assert r.evidence == ()


@pytest.mark.parametrize("url", [
    "https://www.nytimes.com/2020/01/01/us/story.html",
    "https://m.nytimes.com/2020/01/01/us/story.html",
    "https://amp.nytimes.com/2020/01/01/us/story.html",
    "nytimes.com/section/world",
    "https://www-nytimes-com.cdn.ampproject.org/c/s/www.nytimes.com/2020/story.amp.html",
    "https://www.google.com/amp/s/www.nytimes.com/2020/story.amp.html",
])
def test_source_host_variants_resolve_to_same_publisher(url: str) -> None:
    r = run(url)
    assert r.extras["domain"] == "nytimes.com"
    assert r.features["known"] == 1.0 and r.features["rated"] == 1.0
    assert r.features["subdomain_fallback"] == 0.0
    assert r.features["reliability"] > 0.2  # a highly rated outlet
    assert r.score is not None and r.score < 0.3
    assert "pc1" in r.extras["ratings"]


def test_source_subdomain_falls_back_to_registered_domain() -> None:
    r = run("https://politics.someplace.breitbart.com/article")
    assert r.extras["domain"] == "breitbart.com"
    assert r.features["subdomain_fallback"] == 1.0
    assert r.features["rated_low"] == 1.0
    codes = {e.code for e in r.evidence}
    assert "source_rated_low" in codes
    assert r.score is not None and r.score > 0.6


def test_source_listed_fake_site() -> None:
    r = run("http://abcnews.com.co/some-made-up-story")
    assert r.extras["domain"] == "abcnews.com.co"
    assert r.features["listed_fake"] == 1.0
    assert "source_listed_fake" in {e.code for e in r.evidence}


@pytest.mark.parametrize("url", ["http://192.0.2.10/news/today", "http://[2001:db8::1]/a"])
def test_source_bare_ip_is_flagged(url: str) -> None:
    r = run(url)
    assert r.features["is_ip"] == 1.0 and r.features["has_url"] == 1.0
    assert r.extras["domain"] is None
    assert [e.code for e in r.evidence] == ["source_ip_host"]
    assert r.score == 0.5


def test_source_shortener_hides_publisher() -> None:
    r = run("https://bit.ly/3xYzAbc")
    assert r.features["shortener"] == 1.0
    assert r.features["rated"] == 0.0
    assert "source_shortener" in {e.code for e in r.evidence}


def test_source_gambling_domain() -> None:
    r = run("http://0-casino.info/bonus")
    assert r.features["gambling"] == 1.0
    assert r.score == 1.0
    assert "source_gambling_domain" in {e.code for e in r.evidence}


def test_source_unknown_domain_under_risky_suffix() -> None:
    r = run("https://quite-unheard-of-outlet-4821.xyz/post")
    assert r.features["known"] == 0.0 and r.features["has_url"] == 1.0
    assert r.features["suffix_risk"] > 0.9
    assert "source_risky_suffix" in {e.code for e in r.evidence}
    assert r.score is not None and 0.0 < r.score <= 0.5


def test_source_unknown_domain_under_common_suffix_is_quiet() -> None:
    r = run("https://quite-unheard-of-outlet-4821.co.uk/post")
    assert r.features["known"] == 0.0
    assert r.evidence == ()
    assert r.extras["domain"] == "quite-unheard-of-outlet-4821.co.uk"


def test_source_canonical_url_from_metadata_is_used() -> None:
    doc = Document(text="body", metadata={"canonical_url": "https://www.apnews.com/x"})
    r = DET(doc)
    assert r.extras["domain"] == "apnews.com"


def test_source_candidates_walk_down_to_registered_domain() -> None:
    assert candidates("a.b.example.co.uk", "example.co.uk") == [
        "a.b.example.co.uk", "b.example.co.uk", "example.co.uk"]
    assert origin_url("https://x.example.com/a") == "https://x.example.com/a"


@pytest.mark.parametrize("url", ["https://\u202eevil.com", "http://" + "a." * 200 + "com",
                                 "https://例え.jp/x", "\x00\x01", "https://:80"])
def test_source_odd_urls_never_raise(url: str) -> None:
    r = run(url)
    assert all(math.isfinite(v) for v in r.features.values())


def test_source_same_output_twice() -> None:
    assert run("https://www.bbc.co.uk/news") == run("https://www.bbc.co.uk/news")


def test_source_suffix_risk_only_for_unlisted_domains() -> None:
    assert run("https://www.reuters.com/world").features["suffix_risk"] == 0.0
    assert run("https://unlisted-outlet-7731.com/a").features["suffix_risk"] > 0.0


def test_source_table_parses_a_row_on_lookup_like_a_dict() -> None:
    table = ratings_table()
    domain = next(iter(table))
    assert domain in table and table.get(domain) is table[domain]  # parsed once, then kept
    assert table[domain].domain == domain
    assert "no-such-domain.invalid" not in table
    assert table.get("no-such-domain.invalid") is None
    assert table.get("no-such-domain.invalid", 0) == 0
    with pytest.raises(KeyError):
        table["no-such-domain.invalid"]


def test_source_results_per_host_are_fresh_copies() -> None:
    """Results are remembered per host; a caller changing one result changes no other."""
    det = DomainPrior()
    first = det(Document(text="x", url="https://www.breitbart.com/politics/a"))
    first.features["known"] = -5.0
    first.extras["ratings"]["pc1"] = "changed"
    second = det(Document(text="x", url="https://breitbart.com/politics/b"))
    assert second.features["known"] == 1.0
    assert second.extras["ratings"].get("pc1") != "changed"
    assert second == det.judge_host("breitbart.com")


@pytest.mark.parametrize("url", [
    "https://www.breitbart.com/x", "HTTP://Example.CO.UK:8080/a?b=c", "http://[::1]:80/a",
    "https://user@news.bbc.co.uk./story", "https://www-google-com.cdn.ampproject.org/c/s/x.org/a",
    "https://www.google.com/amp/s/www.reuters.com/a", "192.168.0.1/a", "not a url", "//",
])
def test_source_result_equals_judging_the_origin_host(url: str) -> None:
    from features.urls import host_of, split_domain, split_host

    det = DomainPrior()
    host = host_of(origin_url(url))
    assert det(Document(text="x", url=url)) == det.judge_host(host)
    assert split_domain(origin_url(url)) == split_host(host)
