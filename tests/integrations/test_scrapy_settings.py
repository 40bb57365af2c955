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


# -- batches -------------------------------------------------------------------------------------
def _fields(text: str | None = None, html: str | None = None) -> dict[str, str | None]:
    return {"text": text, "html": html, "url": "https://example.org/a", "title": None,
            "published": None}


BATCH = [
    _fields(text="casino bonus and casino bonus again"),
    _fields(),  # neither text nor html
    _fields(html="<html><body><p>A quiet report about the town library, republished "
                 "without permission.</p></body></html>"),
    _fields(text="A plain sentence about the weather today."),
]


@pytest.mark.parametrize("values, match", [
    ({"CREDSCORE_BATCH_SIZE": 0}, "CREDSCORE_BATCH_SIZE"),
    ({"CREDSCORE_BATCH_WAIT": -1}, "CREDSCORE_BATCH_WAIT"),
])
def test_pipeline_rejects_bad_batch_settings(values: dict[str, Any], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        _pipeline(**values)


def test_pipeline_batch_gives_the_verdicts_of_single_checks() -> None:
    pipe = _pipeline()
    one_by_one = [pipe._check(f) for f in BATCH]
    batched = pipe._check_batch(BATCH)
    assert [v.decision for v in batched] == ["reject", "error", "accept", "accept"]
    assert [v.to_dict() for v in batched] == [v.to_dict() for v in one_by_one]


def test_pipeline_batch_failure_is_retried_item_by_item(monkeypatch: pytest.MonkeyPatch) -> None:
    pipe = _pipeline()
    real_check = pipe.filter.check

    def check_many(items: Any) -> Any:
        raise TypeError("simulated argument error")

    def check(**kwargs: Any) -> Any:
        if kwargs.get("text", "").startswith("casino"):
            raise TypeError("this item is bad")
        return real_check(**kwargs)

    monkeypatch.setattr(pipe.filter, "check_many", check_many)
    monkeypatch.setattr(pipe.filter, "check", check)
    out = pipe._check_batch(BATCH)
    assert isinstance(out[0], TypeError) and str(out[0]) == "this item is bad"
    assert [v.decision for v in out[1:]] == ["error", "accept", "accept"]  # type: ignore[union-attr]


def _drive(pipe: CredibilityPipeline, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Run process_item without a reactor: a fake clock, the 'thread' runs at once."""
    from twisted.internet.defer import Deferred, succeed
    from twisted.internet.task import Clock

    import scorer.integrations.scrapy as mod

    monkeypatch.setattr(mod, "maybe_deferred_to_future", lambda d: d)
    calls: list[int] = []

    def to_thread(fn: Any, arg: Any) -> Any:
        calls.append(len(arg) if isinstance(arg, list) else 1)
        return succeed(fn(arg))

    pipe._clock = Clock()
    pipe._to_thread = to_thread

    def start(item: dict[str, Any]) -> Any:
        return Deferred.fromCoroutine(pipe.process_item(item))

    return start, calls, pipe._clock


def test_pipeline_scores_a_full_batch_at_once_and_the_rest_after_the_wait(
        monkeypatch: pytest.MonkeyPatch) -> None:
    crawler = _Crawler(Settings({"CREDSCORE_FILTER_FACTORY": FACTORY, "CREDSCORE_MODE": "tag",
                                 "CREDSCORE_BATCH_SIZE": 2, "CREDSCORE_BATCH_WAIT": 0.5}))
    pipe = CredibilityPipeline.from_crawler(crawler)
    start, calls, clock = _drive(pipe, monkeypatch)
    items = [{"text": "casino bonus and casino bonus again"},
             {"text": "A plain sentence about the weather today."},
             {"text": "Another plain sentence about a football match."}]
    results: list[Any] = []
    for item in items:
        start(item).addCallback(results.append)
    assert calls == [2]  # the first two filled a batch
    assert len(results) == 2
    clock.advance(0.4)
    assert len(results) == 2  # the third waits for more items ...
    clock.advance(0.2)
    assert calls == [2, 1] and len(results) == 3  # ... until its wait is over
    assert [r["credscore"]["decision"] for r in results] == ["reject", "accept", "accept"]
    assert crawler.stats.get_value("credscore/batches") == 2
    assert crawler.stats.get_value("credscore/items") == 3


def test_pipeline_close_flushes_and_batch_size_one_checks_each_item(
        monkeypatch: pytest.MonkeyPatch) -> None:
    pipe = _pipeline(CREDSCORE_MODE="tag", CREDSCORE_BATCH_SIZE=8)
    start, calls, clock = _drive(pipe, monkeypatch)
    results: list[Any] = []
    start({"text": "A plain sentence about the weather today."}).addCallback(results.append)
    assert results == [] and calls == []
    pipe.close_spider()
    assert calls == [1] and results[0]["credscore"]["decision"] == "accept"
    assert not clock.getDelayedCalls()  # the batch's timer was cancelled

    single = _pipeline(CREDSCORE_MODE="tag", CREDSCORE_BATCH_SIZE=1)
    start, calls, _clock = _drive(single, monkeypatch)
    start({"text": "casino bonus and casino bonus again"}).addCallback(results.append)
    assert calls == [1] and results[1]["credscore"]["decision"] == "reject"
