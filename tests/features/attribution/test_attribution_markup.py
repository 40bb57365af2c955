"""Author lookup in HTML markup: name clean-up, source choice, element-walk queries."""

from __future__ import annotations

import pytest
from lxml import etree

from features.attribution import markup
from features.attribution.credits import CreditsDetector, find_bylines
from scorer.document import Document


def _page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize("raw,expected", [
    ("Mara Lindqvist, 03.11.2021", "Mara Lindqvist"),
    ("Mara Lindqvist | 3 May 2021", "Mara Lindqvist"),
    ("tomsk88 am 12.03.2011", "tomsk88"),
    ("Mara Lindqvist Alle Artikel", "Mara Lindqvist"),
    ("Mara LindqvistMara Lindqvist", "Mara Lindqvist"),
    ("Mara Lindqvist Mara Lindqvist", "Mara Lindqvist"),
    ("Mara Lindqvist, CNN", "Mara Lindqvist"),
    ("Mara Lindqvist, Reuters", "Mara Lindqvist"),
    ("Mara Lindqvist, MD", "Mara Lindqvist, MD"),
    ("Interview: Mara Lindqvist", "Mara Lindqvist"),
    ("Ein Artikel von Mara Lindqvist", "Mara Lindqvist"),
    ("Mara Lindqvist @maralind", "Mara Lindqvist"),
    ("Beitragvon tomsk88 »", "tomsk88"),
    ("Text & Fotos: Mara Lindqvist", "Mara Lindqvist"),
    ("Text und Bild: Mara Lindqvist", "Mara Lindqvist"),
    ("Texto y fotos: Mara Lindqvist", "Mara Lindqvist"),
    ("AFP", None),
    ("Agencia EFE", None),
    ("Online Redaktion", None),
    ("ht_team", None),
    ("Nordstadt Tagblatt", None),
    ("Gartenfreunde Blog", None),
    ("einfach ist das Leben", None),
    ("Hinterlasse einen Kommentar", None),
    ("Alle Beiträge", None),
    ("Zuletzt geändert am 02.02.2020", None),
    ("Dezember", None),
    ("von", None),
    ("Copyright Nordstadt", None),
])
def test_clean_author_normalises_names(raw, expected):
    assert markup.clean_author(raw) == expected


@pytest.mark.parametrize("body,expected", [
    # a label element, then the name in the next element (climbing up to find it)
    ('<div><span class="x">By</span><span><a href="/p/ml">Mara Lindqvist</a></span></div>',
     "Mara Lindqvist"),
    ('<div class="f"><p><strong>By</strong></p></div><div class="f"><p>Mara Lindqvist</p></div>',
     "Mara Lindqvist"),
    ('<h4>Autor</h4><p><a href="/profil/ml">Mara Lindqvist</a>, </p>', "Mara Lindqvist"),
    # the label's tail text carries the name
    ('<div><span>Datum:</span> 19.11.2021<br><span>Autor:</span> Mara Lindqvist<br></div>',
     "Mara Lindqvist"),
    # a date line ending in a name
    ('<p class="muted">25.10.2022 - Mara Lindqvist</p>', "Mara Lindqvist"),
    ('<small>04.02.2022 | 13:10 Uhr | Mara Lindqvist</small>', "Mara Lindqvist"),
    ('<p>25.10.2022 - Stadtwerke Nord GmbH</p>', None),  # organisations are rejected
    ('<p>25.10.2022 - 14 neue Fälle</p>', None),
    ('<div>Ein Artikel von <strong>Mara Lindqvist</strong> | 27.01.2022</div>', "Mara Lindqvist"),
])
def test_visible_author_label_sibling_and_date_lines(body, expected):
    assert markup.author_candidates(_page(body))["visible"] == expected


def test_markup_author_reads_name_lists_in_author_boxes():
    html = _page('<div class="intro__author"><span class="intro__from">von</span> '
                 'Mara Lindqvist, Ole Brandt </div>')
    assert markup.author_candidates(html)["markup"] == "Mara Lindqvist, Ole Brandt"


def test_author_from_document_prefers_full_name_over_handle():
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", '
          '"author": {"@type": "Person", "name": "mara.lindqvist"}}</script>')
    html = _page('<span itemprop="author">Mara Lindqvist</span>', ld)
    doc = Document(text="", html=html, url="https://example.org/a")
    assert markup.author_from_document(doc) == "Mara Lindqvist"


@pytest.mark.parametrize("meta_value,expected", [
    ("Mara Lindqvist", "Mara Lindqvist"),  # person-shaped: used as a fallback
    ("maralind", None),                    # a handle: not trusted from meta alone
    ("The Insiders", None),
    ("Nordstadt Media", None),
])
def test_author_from_document_meta_fallback_person_shaped_only(meta_value, expected):
    html = _page("<p>Text.</p>", f'<meta name="author" content="{meta_value}">')
    doc = Document(text="", html=html, url="https://example.org/a")
    assert markup.author_from_document(doc) == expected


def test_author_from_document_skips_site_name_within_a_source():
    html = _page('<span itemprop="author">Nordlicht</span> <span itemprop="author">'
                 'Mara Lindqvist</span>')
    doc = Document(text="", html=html, url="https://www.nordlicht.de/a")
    assert markup.author_from_document(doc) == "Mara Lindqvist"
    # evaluation view: without the site, the first node answers
    assert markup.author_candidates(html)["markup"] == "Nordlicht"


def test_markup_under_matches_xpath_descendant_order():
    html = _page('<div class="byline"><a>A1</a><div class="byline"><a>A2</a></div></div>'
                 '<p><a>X</a></p><span class="byline"><a>A3</a><a>A4</a></span>')
    tree = markup._parse(html)
    conts = [el for el in tree.iter() if "byline" in (el.get("class") or "")]
    ours = [el.text for el in markup._under(conts, lambda el: el.tag == "a", limit=10)]
    xp = [el.text for el in tree.xpath('//*[contains(@class,"byline")]//a')]
    assert ours == xp == ["A1", "A2", "A3", "A4"]
    assert [el.text for el in markup._under(conts, lambda el: el.tag == "a")] == xp[:3]
    assert isinstance(tree, etree._Element)


def test_credits_text_byline_rejects_desks():
    text = "By Multimedia Redaktion\n\nThe council met on Monday to discuss the budget."
    assert find_bylines(text, [(0, len(text))]) == []
    result = CreditsDetector()(Document(text=text, language="en"))
    assert result.extras["byline"] is None


def _ld(author: str, publisher: str = "") -> str:
    pub = f', "publisher": {{"@type": "Organization", "name": "{publisher}"}}' if publisher else ""
    return (f'<script type="application/ld+json">{{"@type": "NewsArticle", '
            f'"author": {author}{pub}}}</script>')


@pytest.mark.parametrize("head,body,url,expected", [
    # JSON-LD author of type Organization, a desk, an agency
    (_ld('{"@type": "Organization", "name": "Nordstadt Umweltbund"}'), "<p>x</p>",
     "https://www.beispiel.de/a", "Nordstadt Umweltbund"),
    (_ld('{"@type": "Person", "name": "Lokal-Redaktion"}'), "<p>x</p>",
     "https://www.beispiel.de/a", "Lokal-Redaktion"),
    (_ld('[{"@type": "Person", "name": "Staff and wire service reports"}]'), "<p>x</p>",
     "https://www.beispiel.de/a", "Staff and wire service reports"),
    # the publisher's own brand is not an author
    (_ld('{"@type": "Organization", "name": "Nordlicht Nachrichten"}'), "<p>x</p>",
     "https://www.nordlicht-nachrichten.de/a", None),
    (_ld('{"@type": "Organization", "name": "Abendpost Verlag"}', "Abendpost Verlag"),
     "<p>x</p>", "https://www.beispiel.de/a", None),
    # explicit author markup holding a desk
    ("", '<span class="author">Redaktion</span>', "https://www.beispiel.de/a", "Redaktion"),
    ("", '<a rel="author" href="/t">Support Team</a>', "https://www.beispiel.de/a",
     "Support Team"),
    # placeholders and handles are nobody
    ("", '<span class="author">admin</span>', "https://www.beispiel.de/a", None),
    ("", '<span class="author">@nordlicht</span>', "https://www.beispiel.de/a", None),
    # meta author is not used for organisations (web agencies, owning companies)
    ('<meta name="author" content="Pixelwerk GmbH">', "<p>x</p>", "https://www.beispiel.de/a",
     None),
])
def test_organisation_from_document_declared_authors(head, body, url, expected):
    doc = Document(text="", html=_page(body, head), url=url)
    assert markup.organisation_from_document(doc) == expected


def test_credits_reports_declared_organisation_beside_person_features():
    html = _page("<p>The council met.</p>",
                 _ld('{"@type": "Organization", "name": "Nordstadt Umweltbund"}'))
    doc = Document(text="The council met on Monday.", html=html, url="https://www.beispiel.de/a",
                   language="en")
    res = CreditsDetector(learned_chooser=False)(doc)  # the rules' answer
    assert res.extras["byline"] is None
    assert res.extras["author_organisation"] == "Nordstadt Umweltbund"
    assert res.features["has_byline"] == 0.0  # person features unchanged
    assert res.features["author_is_organisation"] == 1.0
    assert any(ev.code == "no_byline" for ev in res.evidence)


def test_credits_person_byline_wins_over_organisation():
    html = _page('<span itemprop="author">Mara Lindqvist</span>',
                 _ld('{"@type": "Organization", "name": "Nordstadt Umweltbund"}'))
    doc = Document(text="The council met on Monday.", html=html, url="https://www.beispiel.de/a",
                   language="en")
    res = CreditsDetector()(doc)
    assert res.extras["byline"] == "Mara Lindqvist"
    assert res.extras["author_organisation"] is None
    assert res.features["author_is_organisation"] == 0.0


def test_credits_agency_only_text_byline_is_the_organisation():
    text = "By The Associated Press\n\nThe council met on Monday to discuss the budget."
    res = CreditsDetector()(Document(text=text, language="en"))
    assert res.extras["byline"] is None
    assert res.extras["author_organisation"] == "The Associated Press"
    assert res.features["author_is_organisation"] == 1.0


@pytest.mark.parametrize("raw,expected", [
    ("sailor1984", "sailor1984"),   # a user handle ending in digits
    ("delta201", "delta201"),
    ("12.03.2011", None),            # dates stay rejected
    ("x9y8z7w6", None),             # digits scattered: not a handle
])
def test_clean_author_handles_with_digits(raw, expected):
    assert markup.clean_author(raw) == expected


def test_markup_author_ignores_page_wide_body_classes():
    # WordPress puts "no-avatars" on <body>: that must not make every element an avatar box
    html = ('<html><body class="single no-avatars"><article><span class="post-autor">'
            '<a href="/autoren/ml">Mara Lindqvist</a></span><p>Text.</p></article></body></html>')
    assert markup.author_candidates(html)["markup"] == "Mara Lindqvist"
    html_avatar = _page('<div class="avatar-box"><span class="post-autor"><a href="/a">'
                        'Mara Lindqvist</a></span></div>')
    assert markup.author_candidates(html_avatar)["markup"] is None


@pytest.mark.parametrize("raw,expected", [
    ("nordadmin", "nordadmin"),   # a handle that merely contains "admin"
    ("admin", None),
    ("Site Admin", None),
    ("Administrator", None),
    ("webadmin", None),
])
def test_clean_author_admin_only_as_a_word(raw, expected):
    assert markup.clean_author(raw) == expected


@pytest.mark.parametrize("href,expected", [
    ("/redaktion/ulla", "Ulla"),
    ("/author/ulla_berg/", "ulla_berg"),
    ("/tag/ulla", None),   # not a profile page: one word is not trusted
])
def test_markup_author_one_word_profile_link_in_author_box(href, expected):
    text = expected or "Ulla"
    html = _page(f'<div class="group-author-inner">von <a href="{href}">{text}</a> am '
                 '<span>19.10.2019</span></div>')
    assert markup.author_candidates(html)["markup"] == expected


def test_credits_prefers_page_author_markup_over_a_text_by_line():
    text = ("Harbour plans\n\nBy Ole Brandt\n\nThe council met on Monday to discuss the "
            "harbour budget and the new ferry line.")
    ld = _ld('{"@type": "Person", "name": "Mara Lindqvist"}')
    doc = Document(text=text, html=_page("<p>x</p>", ld), url="https://www.beispiel.de/a",
                   language="en")
    res = CreditsDetector(learned_chooser=False)(doc)  # the rules' answer
    assert res.extras["byline"] == "Mara Lindqvist"
    assert res.features["byline_in_text"] == 1.0  # the text byline is still reported
    spans = [text[e.span.start:e.span.end] for e in res.evidence if e.code == "byline"]
    assert spans == ["By Ole Brandt"]
    # a one-word markup value does not override a full text byline
    ld1 = _ld('{"@type": "Person", "name": "mara"}')
    doc1 = Document(text=text, html=_page("<p>x</p>", ld1), url="https://www.beispiel.de/a",
                    language="en")
    assert CreditsDetector(learned_chooser=False)(doc1).extras["byline"] == "Ole Brandt"
    # the learned chooser never answers "nobody" when the text names a writer
    assert CreditsDetector()(doc1).extras["byline"] in ("Ole Brandt", "mara")


@pytest.mark.parametrize("comment,expected", [
    ('<li class="comment byuser comment-author-ulla bypostauthor"><cite class="fn">Ulla</cite> '
     'sagt:<p>Danke!</p></li>', "Ulla"),
    ('<li class="comment comment-author-ulla_b bypostauthor"><p>Danke!</p></li>', "ulla_b"),
    ('<li class="comment byuser comment-author-ulla"><cite class="fn">Ulla</cite></li>', None),
])
def test_author_from_document_post_author_comment_is_last_resort(comment, expected):
    html = _page(f"<article><p>Text.</p></article><ol>{comment}</ol>")
    doc = Document(text="", html=html, url="https://www.beispiel.de/a")
    assert markup.author_from_document(doc) == expected


def test_author_from_document_post_author_comment_loses_to_a_byline():
    html = _page('<span itemprop="author">Mara Lindqvist</span><ol><li class="comment '
                 'bypostauthor"><cite class="fn">Ulla</cite></li></ol>')
    doc = Document(text="", html=html, url="https://www.beispiel.de/a")
    assert markup.author_from_document(doc) == "Mara Lindqvist"


def test_organisation_from_document_resolves_jsonld_id_references():
    # Yoast: the article's author is {"@id": ...} pointing at a Person node named by a desk
    ld = ('<script type="application/ld+json">{"@graph": ['
          '{"@type": "Article", "author": {"@id": "https://www.beispiel.de/#/p/1"}},'
          '{"@type": "Person", "@id": "https://www.beispiel.de/#/p/1", "name": "Umwelt-Team"}'
          ']}</script>')
    doc = Document(text="", html=_page("<p>x</p>", ld), url="https://www.beispiel.de/a")
    assert markup.author_from_document(doc) is None
    assert markup.organisation_from_document(doc) == "Umwelt-Team"


@pytest.mark.parametrize("body,expected", [
    ('<div><span> by </span><h3><a href="/profile/4242">nordwind77</a></h3></div>',
     "nordwind77"),
    ('<div><span> by </span><h3><a href="/fiction/4242">nordwind77</a></h3></div>', None),
    ('<div><span> by </span><h3>nordwind77</h3></div>', None),
])
def test_visible_author_label_then_profile_link_handle(body, expected):
    assert markup.author_candidates(_page(body))["visible"] == expected


def test_visible_author_forum_thread_starter_profile_link():
    body = ('<ul><li><span class="sr-only">Thread starter</span> <a href="/forums/members/'
            'nordwind.8/" class="username"><span>Nordwind</span></a></li></ul>')
    assert markup.author_candidates(_page(body))["visible"] == "Nordwind"


@pytest.mark.parametrize("body,expected", [
    ('<div class="news-date">05.02.2020 <span>-&nbsp;Redaktion: Mara Lindqvist (Pressestelle)'
     '</span></div>', "Mara Lindqvist"),
    ('<div><span class="sr">| By </span><span>Mara Lindqvist</span> | <time>May 1</time></div>',
     "Mara Lindqvist"),
])
def test_visible_author_dash_led_labels(body, expected):
    assert markup.author_candidates(_page(body))["visible"] == expected


def test_one_character_handles_are_not_authors():
    html = _page('<span> by </span><h3><a href="/profile/1">x</a></h3><ol><li class="comment '
                 'bypostauthor"><cite class="fn">y</cite></li></ol>')
    doc = Document(text="", html=html, url="https://www.beispiel.de/a")
    assert markup.author_from_document(doc) is None
