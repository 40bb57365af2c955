"""CredibilityPipeline configuration and item handling, without a crawl."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("scrapy")

import scrapy
from itemadapter import ItemAdapter
from scrapy.exceptions import NotConfigured
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector

from scorer.integrations.scrapy import CredibilityPipeline, _str_or_none

FACTORY = "credscore_scrapy_testkit:make_filter"


@pytest.fixture(autouse=True)
def _testkit_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    from pathlib import Path

    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parent))


def _pipeline(**values: Any) -> CredibilityPipeline:
    base: dict[str, Any] = {"CREDSCORE_FILTER_FACTORY": FACTORY}
    base.update(values)
    return CredibilityPipeline(Settings(base))


class _Crawler:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.stats = MemoryStatsCollector(self)  # type: ignore[arg-type]


def test_pipeline_disabled_raises_not_configured() -> None:
    with pytest.raises(NotConfigured):
        _pipeline(CREDSCORE_ENABLED=False)


def test_pipeline_bad_mode_raises() -> None:
    with pytest.raises(ValueError, match="CREDSCORE_MODE"):
        _pipeline(CREDSCORE_MODE="delete")


def test_pipeline_factory_must_return_a_filter() -> None:
    with pytest.raises(TypeError, match="CredibilityFilter"):
        _pipeline(CREDSCORE_FILTER_FACTORY="builtins:dict")
    with pytest.raises(ValueError, match="package.module:function"):
        _pipeline(CREDSCORE_FILTER_FACTORY="nodots")


def test_pipeline_threshold_settings_reach_the_filter() -> None:
    pipe = CredibilityPipeline(Settings({"CREDSCORE_ACCEPT_THRESHOLD": 75,
                                         "CREDSCORE_THRESHOLDS": {"reject": 25.0}}))
    assert pipe.filter.thresholds.accept == 75.0
    assert pipe.filter.thresholds.reject == 25.0


def test_pipeline_reads_configured_fields() -> None:
    pipe = _pipeline(CREDSCORE_TEXT_FIELD="body", CREDSCORE_URL_FIELD="link")
    verdict = pipe._check({"text": "casino bonus and casino bonus again", "html": None,
                           "url": "https://example.org/x", "title": None, "published": None})
    assert verdict.decision == "reject"
    assert verdict.report["url"] == "https://example.org/x"
    assert pipe.text_field == "body" and pipe.url_field == "link"


def test_pipeline_item_without_text_gets_error_verdict() -> None:
    pipe = _pipeline()
    verdict = pipe._check({"text": None, "html": None, "url": None, "title": None,
                           "published": None})
    assert verdict.decision == "error"
    assert verdict.reasons[0]["code"] == "missing_text"


def test_pipeline_tags_dict_items_and_counts_undeclared_item_fields() -> None:
    crawler = _Crawler(Settings({"CREDSCORE_FILTER_FACTORY": FACTORY}))
    pipe = CredibilityPipeline.from_crawler(crawler)
    verdict = pipe._check({"text": "A plain sentence about the weather today.", "html": None,
                           "url": None, "title": None, "published": None})
    item: dict[str, Any] = {"text": "x"}
    pipe._tag(ItemAdapter(item), verdict)
    assert item["credscore"]["decision"] == verdict.decision
    assert "report" not in item["credscore"]  # CREDSCORE_INCLUDE_REPORT defaults to False

    class Page(scrapy.Item):
        text = scrapy.Field()

    pipe._tag(ItemAdapter(Page(text="x")), verdict)
    assert crawler.stats.get_value("credscore/untagged") == 1


@pytest.mark.parametrize("value, expected", [
    (None, None), ("a", "a"), (["a", "b"], "a\nb"), (b"caf\xc3\xa9", "café"), (3, "3"),
])
def test_str_or_none_normalises_item_values(value: object, expected: str | None) -> None:
    assert _str_or_none(value) == expected
