"""Tests of spam.injected.v1: spans of injected spam, and legitimate texts left alone.

Every fixture below was written for these tests (none is copied from /work/shared).
"""

from __future__ import annotations

import math
import random

import pytest

from features.spam import InjectedSpamDetector, detectors
from features.spam.normalize import fold
from scorer.document import Document

DET = InjectedSpamDetector()

# An English article body written for these tests (three paragraphs of running prose).
BODY = (
    "City council members voted on Tuesday to expand the bus network after a year of debate "
    "about the cost of the new routes and the needs of workers who commute at night.\n\n"
    "The plan adds twelve routes and extends service hours on the busiest lines, according to "
    "the transport office, which said the money would come from a regional grant.\n\n"
    "Opponents argued that the city should first repair the roads it already has, but the "
    "mayor said the vote showed that residents wanted more options for getting to work.\n"
)
PARAS = BODY.strip().split("\n\n")


def run(text: str, language: str = "en", html: str | None = None):
    return DET(Document(text=text, language=language, html=html))


def spans_of(res, text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for ev in res.evidence:
        if ev.span is not None:
            out.setdefault(ev.code, set()).add(text[ev.span.start:ev.span.end])
    return out


INJECTED = [
    # (name, text, expected code, expected span text)
    ("turkish_top_and_bottom",
     "yeni casino siteleri ve deneme bonusu veren bahis siteleri\n" + BODY
     + "yeni casino siteleri ve deneme bonusu veren bahis siteleri\n",
     "gambling_keywords", "yeni casino siteleri ve deneme bonusu veren bahis siteleri"),
    ("indonesian_line_middle",
     PARAS[0] + "\n\nmain di situs judi online paling gacor hari ini, auto maxwin bosku\n\n"
     + PARAS[1] + "\n\n" + PARAS[2],
     "gambling_keywords", "main di situs judi online paling gacor hari ini, auto maxwin bosku"),
    ("glued_phrase_in_paragraph",
     PARAS[0] + "\n\n" + PARAS[1][:-1] + " daftar slot gacor terpercaya deposit pulsa tanpa "
     "potongan. " + PARAS[2],
     "gambling_keywords", "daftar slot gacor terpercaya deposit pulsa tanpa potongan"),
    ("homoglyph_cyrillic",
     BODY + "Best оnline саsino bonus and free spins today\n",
     "gambling_keywords", "Best оnline саsino bonus and free spins today"),
    ("zero_width",
     "onl\u200bine cas\u200bino no dep\u200bosit bon\u200bus\n" + BODY,
     "gambling_keywords", "onl\u200bine cas\u200bino no dep\u200bosit bon\u200bus"),
    ("letter_spacing",
     BODY + "c a s i n o   o n l i n e   real money slots\n",
     "gambling_keywords", "c a s i n o   o n l i n e   real money slots"),
    ("leet",
     BODY + "b3st 0nl1n3 c4s1n0 fr33 sp1ns\n",
     "gambling_keywords", "b3st 0nl1n3 c4s1n0 fr33 sp1ns"),
    ("html_entities",
     BODY + "online cas&#105;no &amp; no deposit bonus codes\n",
     "gambling_keywords", "online cas&#105;no &amp; no deposit bonus codes"),
    ("fancy_letters",
     BODY + "𝐒𝐋𝐎𝐓 𝐆𝐀𝐂𝐎𝐑 𝐌𝐀𝐗𝐖𝐈𝐍 hari ini\n",
     "gambling_keywords", "𝐒𝐋𝐎𝐓 𝐆𝐀𝐂𝐎𝐑 𝐌𝐀𝐗𝐖𝐈𝐍 hari ini"),
    ("chinese_line",
     BODY + "澳门网上赌场 百家乐 注册送彩金 首存优惠\n",
     "gambling_keywords", "澳门网上赌场 百家乐 注册送彩金 首存优惠"),
    ("thai_line",
     "สล็อตออนไลน์ เว็บตรง เครดิตฟรี ฝากถอนไม่มีขั้นต่ำ\n" + BODY,
     "gambling_keywords", "สล็อตออนไลน์ เว็บตรง เครดิตฟรี ฝากถอนไม่มีขั้นต่ำ"),
    ("korean_line",
     BODY + "안전놀이터 토토사이트 먹튀검증 카지노사이트 추천\n",
     "gambling_keywords", "안전놀이터 토토사이트 먹튀검증 카지노사이트 추천"),
    ("russian_line",
     BODY + "лучшие онлайн казино и игровые автоматы с бонусом\n",
     "gambling_keywords", "лучшие онлайн казино и игровые автоматы с бонусом"),
    ("vietnamese_line",
     "nhà cái uy tín soi kèo bóng đá nổ hũ đổi thưởng\n" + BODY,
     "gambling_keywords", "nhà cái uy tín soi kèo bóng đá nổ hũ đổi thưởng"),
    ("japanese_line",
     BODY + "オンラインカジノ 入金不要ボーナス 最新情報\n",
     "gambling_keywords", "オンラインカジノ 入金不要ボーナス 最新情報"),
    ("pharma_line",
     BODY + "buy cheap viagra online, generic cialis without prescription\n",
     "pharma_keywords", "buy cheap viagra online, generic cialis without prescription"),
    ("replica_and_loans",
     "replica watches | payday loans online | write my essay\n" + BODY,
     "replica_keywords", "replica watches | payday loans online | write my essay"),
    ("gambling_link_list",
     BODY + "https://best-casino-online.xyz/ https://slots-bonus.top/play "
     "https://gacor-win.vip/daftar\n",
     "link_list", ("https://best-casino-online.xyz/ https://slots-bonus.top/play "
     "https://gacor-win.vip/daftar")),
    ("percent_encoded_link",
     BODY + "more: https://example.net/%63%61%73%69%6e%6f-online-bonus\n",
     "gambling_keywords", "more: https://example.net/%63%61%73%69%6e%6f-online-bonus"),
]


@pytest.mark.parametrize("name,text,code,span_text", INJECTED, ids=[x[0] for x in INJECTED])
def test_injected_spans_exact(name: str, text: str, code: str, span_text: str) -> None:
    res = run(text)
    found = spans_of(res, text)
    assert code in found, (name, found)
    assert span_text in found[code], (name, found[code])
    assert res.score is not None and res.score >= 0.5
    for ev in res.evidence:
        if ev.span is not None:
            assert 0 <= ev.span.start < ev.span.end <= len(text)


def test_injected_top_and_bottom_both_spans_and_repeat_code() -> None:
    line = "yeni casino siteleri ve deneme bonusu veren bahis siteleri"
    text = line + "\n" + BODY + line + "\n"
    res = run(text)
    starts = sorted({ev.span.start for ev in res.evidence if ev.span})
    assert starts == [0, len(line) + 1 + len(BODY)]
    assert "repeated_edge_segment" in {ev.code for ev in res.evidence}
    assert res.features["edge_repeat"] == 1.0
    assert res.features["top_fraction"] == 0.5 and res.features["bottom_fraction"] == 0.5


def test_injected_foreign_segment_code_on_turkish_line() -> None:
    line = "yeni casino siteleri ve deneme bonusu veren bahis siteleri"
    text = line + "\n" + BODY
    codes = {ev.code for ev in run(text).evidence}
    assert "foreign_language_segment" in codes


LEGIT = [
    ("casino_legalisation",
     ("State lawmakers approved a bill on Thursday that would allow two new casinos to open in "
     "the northern counties, ending a decade of debate over gambling in the state.\n\n"
     "Supporters said the casinos would bring jobs and tax revenue, while opponents warned "
     "that casino gambling harms poor families and that online casinos would follow.\n\n"
     "The bill also permits sports betting at the casinos and through licensed apps, and it "
     "sets aside money for programs that treat gambling addiction.\n\n"
     "Casino operators have lobbied for the change for years; one of them said it would open "
     "a poker room and a hotel if the governor signs the measure.\n")),
    ("sports_betting_business",
     ("Sports Betting Firm Reports Record Quarter\n\n"
     "Shares of the sportsbook operator rose 8% after it reported that betting volume grew by "
     "a third in the second quarter, helped by new states that legalised online betting.\n\n"
     "The company said its casino segment, which includes online slots and blackjack, was "
     "also profitable for the first time, though marketing costs remained high.\n\n"
     "Analysts said competition for sports betting customers would keep promotions such as "
     "free bets expensive for the whole industry this year.\n")),
    ("pharmacy_item",
     ("The pharmacy chain said on Monday that it would stop selling some cold medicines without "
     "a prescription in three states after new rules took effect.\n\n"
     "The company also said sales of erectile dysfunction drugs such as Viagra and Cialis had "
     "risen since generic versions of sildenafil became available, lowering prices.\n\n"
     "Its online pharmacy will now ask customers to upload a prescription before ordering.\n")),
    ("quoted_foreign_phrase",
     BODY + "\"Ni un paso atrás\", shouted the crowd outside the hall as the vote was counted.\n"
     "Vamos a seguir luchando\n"
     + PARAS[0] + "\n"),
    ("bilingual_article",
     ("The festival opened on Friday with music from both sides of the border.\n"
     "El festival abrió el viernes con música de ambos lados de la frontera.\n"
     "Organisers said more than ten thousand people came to the first night.\n"
     "Los organizadores dijeron que más de diez mil personas llegaron la primera noche.\n"
     "The city will host the event again next year if funding is approved.\n"
     "La ciudad volverá a recibir el evento el próximo año si se aprueba el dinero.\n")),
    ("reference_list",
     BODY + "References\n"
     "1. Smith, A. (2019). Bus networks and night work. Journal of Transport, 4(2), 10-22. "
     "https://doi.org/10.1000/jt.2019.42\n"
     "2. Jones, B. (2020). Regional grants in practice. https://www.example.gov/reports/grants\n"
     "3. Transport Office. Annual report 2021. https://transport.example.org/annual-2021.pdf\n"
     "https://www.census.gov/data https://www.bls.gov/cps https://www.example.edu/study\n"),
    ("page_furniture",
     "Home News World Politics Business Sports Entertainment Health Science Video\n"
     "ADVERTISEMENT\n" + PARAS[0] + "\nADVERTISEMENT\n" + PARAS[1] + "\n"
     "Related stories\nPark reopens after flood repairs\nSchool board delays vote on budget\n"
     + PARAS[2] + "\nShare on Facebook Twitter Email Print\n"
     "Copyright 2024 The Example Times. All rights reserved.\n"),
    ("indonesian_news_quote",
     BODY + "Police in Jakarta said the suspects ran a judi online network that advertised "
     "on social media, and that officers had seized phones and bank cards.\n"),
]


@pytest.mark.parametrize("name,text", LEGIT, ids=[x[0] for x in LEGIT])
def test_injected_legitimate_text_not_flagged(name: str, text: str) -> None:
    res = run(text)
    assert [e for e in res.evidence if e.span] == [], (name, spans_of(res, text))
    assert res.score == 0.0


def test_injected_bilingual_article_has_foreign_fraction_but_no_span() -> None:
    text = LEGIT[4][1]
    res = run(text)
    assert res.features["foreign_fraction"] > 0.15
    assert not res.evidence


EDGE = [
    "",
    "   \n\t  \n",
    "😀🎉🔥" * 300,
    "مرحبا بكم في الموقع. هذا نص تجريبي باللغة العربية.\n" * 20,
    "שלום עולם, זהו טקסט לבדיקה.\n" * 20,
    "".join(chr(random.Random(7).randrange(0, 256)) for _ in range(3000)),
    "\x00\x01\x02binary\xff\xfe" * 200,
    "a" * 20000,
    "http://" * 500,
    "c a s i n o " * 500,
    "&#99;&#97;&#115;" * 500,
    "%63%61%73" * 500,
]


@pytest.mark.parametrize("text", EDGE, ids=range(len(EDGE)))
@pytest.mark.parametrize("language", ["en", "und", "ar"])
def test_injected_edge_texts_never_raise(text: str, language: str) -> None:
    res = run(text, language)
    assert set(res.features) == set(DET.feature_names)
    assert all(math.isfinite(v) for v in res.features.values())
    assert res.score is None or 0.0 <= res.score <= 1.0
    for ev in res.evidence:
        if ev.span is not None:
            assert 0 <= ev.span.start <= ev.span.end <= len(text)


def test_injected_large_document_does_not_raise() -> None:
    text = (BODY + "online casino bonus free spins\n") * 12000  # about 5 MB
    assert len(text) > 4_500_000
    res = run(text)
    assert res.score is not None and res.score > 0.5


def test_injected_same_output_twice() -> None:
    text = INJECTED[1][1]
    assert run(text) == run(text)


def test_injected_features_normalised() -> None:
    text = INJECTED[0][1]
    res = run(text)
    assert 0.0 < res.features["contaminated_fraction"] < 1.0
    assert res.features["n_spans"] == 2.0


def test_detectors_registry_names() -> None:
    names = [d.name for d in detectors()]
    assert names == ["spam.injected.v1", "spam.hidden_html.v1"]


@pytest.mark.parametrize("text,expected", [
    ("саsino", "casino"), ("c a s i n o", "casino"), ("cas\u200bino", "casino"),
    ("CAS&#73;NO", "casino"), ("𝐂𝐀𝐒𝐈𝐍𝐎", "casino"), ("ＣＡＳＩＮＯ", "casino"),
    ("🅲🅰🆂🅸🅽🅾", "casino"), ("казино", "казино"),
])
def test_fold_undoes_obfuscation(text: str, expected: str) -> None:
    f = fold(text)
    assert f.base == expected
    s, e = f.orig_span(0, len(f.base))
    assert text[s:e] == text.strip()


NON_ENGLISH_LEGIT = [
    ("tr", ("Polis, yasa dışı bahis sitelerine yönelik operasyonda on iki kişiyi gözaltına aldı. "
           "Savcılık, şüphelilerin kaçak bahis gelirlerini yurt dışına aktardığını açıkladı.\n"
           "Bakanlık, yasa dışı bahis ile mücadelenin süreceğini ve yeni düzenlemelerin yolda "
           "olduğunu bildirdi.\n")),
    ("id", ("Polisi menangkap lima orang yang diduga mengelola situs judi online di Jakarta. "
           "Menurut polisi, para tersangka mempromosikan judi online melalui media sosial.\n"
           "Kementerian menyatakan akan terus memblokir situs judi dan meminta masyarakat "
           "melapor.\n")),
]


@pytest.mark.parametrize("language,text", NON_ENGLISH_LEGIT, ids=[x[0] for x in NON_ENGLISH_LEGIT])
def test_injected_news_in_other_language_about_gambling_not_flagged(language: str,
                                                                     text: str) -> None:
    res = run(text, language)
    assert not [e for e in res.evidence if e.span], spans_of(res, text)


def test_injected_orphan_keyword_line_at_edge_is_span() -> None:
    line = "cheap flights | car rental deals | hotel coupons | gift cards"
    text = BODY + line + "\n"
    res = run(text)
    assert line in spans_of(res, text).get("off_topic_segment", set())


@pytest.mark.parametrize("line", [
    "Home | News | Sport | Business | Opinion | Culture",
    "Share this article on Facebook, Twitter or by email",
    "Photo: a bus waits at the central station, Tuesday",
])
def test_injected_furniture_line_at_edge_not_flagged(line: str) -> None:
    text = line + "\n" + BODY
    assert not run(text).evidence


@pytest.mark.parametrize("line", [
    "Baru seminggu main ALEXIS17, gue udah bisa ganti motor baru 🔥",
    "Mantap jiwa bosku, hari ini dapet cuan lagi di 𝐌𝐄𝐆𝐀𝐖𝐈𝐍𝟖𝟖 🚀",
    "Gampang banget menang di K̲U̲S̲U̲M̲A̲7̲7̲ tiap malam",
])
def test_injected_foreign_promo_line_with_brand_or_disguise_flagged(line: str) -> None:
    text = BODY + line + "\n"
    res = run(text)
    assert res.score is not None and res.score >= 0.5
    assert any(text[e.span.start:e.span.end] == line for e in res.evidence if e.span)


def test_injected_quoted_foreign_sentence_at_edge_not_flagged() -> None:
    text = BODY + "“Kami akan terus bekerja untuk rakyat,” katanya kepada wartawan.\n"
    assert not [e for e in run(text).evidence if e.span]


@pytest.mark.parametrize("text", [
    "\ud800" * 2000,
    "casino bonus \ud800 siteleri deneme bonusu veren siteler\nThe mayor said \udfff it passed.",
    "\udc80",
])
def test_injected_lone_surrogates_never_raise(text: str) -> None:
    """Only Python callers can pass lone surrogates (the scorer replaces them first): the
    detector still answers, and its spans point into the text it was given."""
    from features.spam import detectors

    for det in detectors():
        result = det(Document(text=text, language="en"))
        for ev in result.evidence:
            if ev.span is not None:
                assert 0 <= ev.span.start <= ev.span.end <= len(text)
