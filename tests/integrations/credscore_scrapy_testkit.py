"""Helpers for the Scrapy end-to-end test: test detectors, a filter factory, and the crawl script.

Run as a script (in a subprocess, so each crawl gets a fresh Twisted reactor)::

    python credscore_scrapy_testkit.py START_URL OUT_DIR MODE [FACTORY]

(``CREDSCORE_TEST_BATCH_SIZE`` in the environment sets ``CREDSCORE_BATCH_SIZE``.)

It crawls START_URL (a local index page linking to articles), sends one item per article through
``scorer.integrations.scrapy.CredibilityPipeline`` and writes ``items.jsonl`` (kept items),
``dropped.jsonl`` (URL and reason of each dropped item) and ``stats.json`` (the crawl stats).

The detectors here are deliberately tiny test doubles with exact, documented triggers, so that the
test checks the plumbing (crawl -> pipeline -> filter -> verdict -> drop/tag/stats) and not the
quality of the real detectors.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scorer.document import Document
from scorer.evidence import DetectorResult, Evidence, Span
from scorer.filter import CredibilityFilter
from scorer.scoring import HeuristicModel, Scorer

SPAM_PHRASES = ("casino bonus", "cheap pills")
COPY_MARKER = "republished without permission"
FOREIGN_MARKER = "daftar sekarang"


@dataclass(frozen=True)
class PhraseDetector:
    """Test double: flags every occurrence of its phrases; score = min(1, hits / 2)."""

    name: str
    phrases: tuple[str, ...]
    code: str
    feature_names: tuple[str, ...] = ("hits",)

    def __call__(self, doc: Document) -> DetectorResult:
        low = doc.text.lower()
        evidence = []
        for phrase in self.phrases:
            start = low.find(phrase)
            while start >= 0:
                evidence.append(Evidence(self.code, f"found {phrase!r}",
                                         Span(start, start + len(phrase))))
                start = low.find(phrase, start + 1)
        hits = float(len(evidence))
        return DetectorResult(self.name, {"hits": hits}, tuple(evidence), min(1.0, hits / 2.0))


def fixture_detectors() -> list[PhraseDetector]:
    """Cheap spam phrases, a cheap 'scraped copy' marker, and an 'expensive' foreign-spam one."""
    return [
        PhraseDetector("spam.testphrases.v1", SPAM_PHRASES, "test_spam_phrase"),
        PhraseDetector("spam.testforeign.v1", (FOREIGN_MARKER,), "test_foreign_line"),
        PhraseDetector("attribution.testcopy.v1", (COPY_MARKER,), "test_copy_marker"),
    ]


def make_filter(settings: Any = None) -> CredibilityFilter:
    """The CREDSCORE_FILTER_FACTORY used by the test: test detectors + the heuristic model.

    Heuristic model arithmetic (thresholds accept 70, reject 40): clean page -> 100 (accept);
    one copy marker -> attribution 0.5 * 0.35 -> 82.5; two copy markers -> 65 (review);
    two spam phrases -> 10 (reject).
    """
    scorer = Scorer(detectors=fixture_detectors(), model=HeuristicModel())
    return CredibilityFilter(scorer, expensive=["spam.testforeign"], accept_margin=20.0,
                             reject_margin=10.0)


def main(argv: list[str]) -> int:
    import scrapy
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    start_url, out_dir, mode = argv[0], Path(argv[1]), argv[2]
    factory = argv[3] if len(argv) > 3 else ""
    dropped: list[dict[str, Any]] = []

    class ArticleSpider(scrapy.Spider):
        name = "articles"
        start_urls = (start_url,)

        def parse(self, response: Any) -> Any:
            for href in response.css("a.story::attr(href)").getall():
                yield response.follow(href, self.parse_article)

        def parse_article(self, response: Any) -> Any:
            yield {"url": response.url, "html": response.text,
                   "title": response.css("title::text").get()}

    settings = {
        "ITEM_PIPELINES": {"scorer.integrations.scrapy.CredibilityPipeline": 300},
        "CREDSCORE_MODE": mode,
        "CREDSCORE_INCLUDE_REPORT": True,
        "FEEDS": {str(out_dir / "items.jsonl"): {"format": "jsonlines", "encoding": "utf8"}},
        "LOG_LEVEL": "WARNING",
        "TELNETCONSOLE_ENABLED": False,
        "ROBOTSTXT_OBEY": False,
        "HTTPCACHE_ENABLED": False,
        "CONCURRENT_REQUESTS": 4,
    }
    if factory:
        settings["CREDSCORE_FILTER_FACTORY"] = factory
    if os.environ.get("CREDSCORE_TEST_BATCH_SIZE"):
        settings["CREDSCORE_BATCH_SIZE"] = int(os.environ["CREDSCORE_TEST_BATCH_SIZE"])
    process = CrawlerProcess(settings=settings)
    crawler = process.create_crawler(ArticleSpider)

    def item_dropped(item: Any, response: Any, exception: Exception, spider: Any) -> None:
        dropped.append({"url": item.get("url"), "reason": str(exception)})

    def spider_closed(spider: Any, reason: str) -> None:
        stats = {k: v for k, v in crawler.stats.get_stats().items()
                 if isinstance(v, (int, float, str))}
        (out_dir / "stats.json").write_text(json.dumps(stats, default=str))
        (out_dir / "dropped.jsonl").write_text("".join(json.dumps(d) + "\n" for d in dropped))

    crawler.signals.connect(item_dropped, signal=signals.item_dropped)
    crawler.signals.connect(spider_closed, signal=signals.spider_closed)
    process.crawl(crawler)
    process.start()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
