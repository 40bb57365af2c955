"""Fourth chooser round (features/attribution/chooser.py): a "; " list written as the page shows
it, site-owner names that spell the host, meta author name variants."""

from __future__ import annotations

import pytest

from features.attribution import chooser, markup
from features.attribution.credits import CreditsDetector
from scorer.document import Document


def _page(body: str, head: str = "", title: str = "Hafenblatt | Nachrichten") -> str:
    return f"<html><head><title>{title}</title>{head}</head><body>{body}</body></html>"


def _values(html: str, url: str | None = None) -> dict[str, chooser.Candidate]:
    doc = Document(text="", html=html, url=url, language="und")
    return {c.value: c for c in chooser.candidates(doc, markup._parse(html))}


@pytest.mark.parametrize("values,j,expected", [
    (["Mara Lind; Ole Brandt", "Mara Lind and Ole Brandt"], 0, 1),
    (["Mara Lind; Ole Brandt", "Mara Lind, Ole Brandt"], 0, 1),
    (["Mara Lind; Ole Brandt", "Mara Lind & Ole Brandt"], 0, 1),
    (["Mara Lind; Ole Brandt", "Mara Lind und Ole Brandt"], 0, 1),
    (["Mara Lind; Ole Brandt", "Mara Lind et Ole Brandt"], 0, 0),  # not a split of the count
    # other names, another order or another case: keep the chosen value
    (["Mara Lind; Ole Brandt", "Ole Brandt and Mara Lind"], 0, 0),
    (["Mara Lind; Ole Brandt", "Mara Lind and Ole Brandtner"], 0, 0),
    (["Mara Lind; Ole Brandt", "MARA LIND AND OLE BRANDT"], 0, 0),
    # a single name is never rewritten
    (["Mara Lind", "Mara Lind and Ole Brandt"], 0, 0),
    # the display form of a list is chosen as it is
    (["Mara Lind; Ole Brandt", "Mara Lind and Ole Brandt"], 1, 1),
])
def test_display_form_prefers_the_shown_list(values, j, expected):
    assert chooser.display_form(values, j) == expected


def _ld_two() -> str:
    return ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "h", '
            '"author": [{"@type": "Person", "name": "Mara Lind"}, '
            '{"@type": "Person", "name": "Ole Brandt"}]}</script>')


def test_credits_gated_list_is_written_as_the_page_shows_it():
    body = ('<article><div class="byline">By <a rel="author" href="/author/mara">Mara Lind</a>'
            ' and <a rel="author" href="/author/ole">Ole Brandt</a></div>'
            '<p>Der Hafen wurde am Montag wieder geöffnet.</p></article>')
    html = _page(body, _ld_two())
    doc = Document(text="Der Hafen wurde am Montag wieder geöffnet.", html=html,
                   url="https://hafenblatt.example/a", language="und")
    assert CreditsDetector()(doc).extras["byline"] == "Mara Lind and Ole Brandt"
    # the hand rules alone keep JSON-LD's list form
    rules = CreditsDetector(learned_chooser=False)(doc).extras["byline"]
    assert rules == "Mara Lind; Ole Brandt"


def test_credits_gated_list_without_a_shown_form_is_unchanged():
    body = ("<article><p>Mara Lind</p><p>Der Hafen wurde am Montag wieder geöffnet.</p>"
            "<p>Ole Brandt</p></article>")
    html = _page(body, _ld_two())
    doc = Document(text="Der Hafen wurde am Montag wieder geöffnet.", html=html,
                   url="https://hafenblatt.example/a", language="und")
    assert CreditsDetector()(doc).extras["byline"] == "Mara Lind; Ole Brandt"


@pytest.mark.parametrize("url,expected", [
    ("https://www.mara-lindqvist.de/blog/x", {"maralindqvist"}),
    ("https://maralindqvist.wordpress.com/2020/01/01/x", {"maralindqvist", "wordpress"}),
    ("https://news.hafenblatt.co.uk/x", {"hafenblatt"}),
    ("hafen.de/x", set()),  # labels shorter than 6 characters are left out
    (None, set()),
])
def test_owner_labels_from_the_host(url, expected):
    doc = Document(text="", url=url, language="und")
    assert chooser.owner_labels(doc) == expected


@pytest.mark.parametrize("url,head,title,value", [
    # the <title> part that spells the host; an umlaut written out in the host name
    ("https://www.guenter-pilgrim.de/x", "", "Mailaktion | Günter Pilgrim", "Günter Pilgrim"),
    # an honorific is dropped ("Dr. Mara Lindqvist" on mara-lindqvist.net)
    ("https://www.mara-lindqvist.net/x", '<meta property="og:site_name" '
     'content="Dr. Mara Lindqvist">', "Zeit", "Mara Lindqvist"),
    # accents dropped as hosts write them
    ("https://andrelobel.example.org/x", "", "André Lobel – Blog", "André Lobel"),
    # a meta tag (any name) that spells the host of a hosted blog
    ("https://maralindqvist.wordpress.com/x", '<meta name="msapplication-tooltip" '
     'content="Mara Lindqvist">', "Sprachpunkt", "Mara Lindqvist"),
])
def test_site_owner_names_that_spell_the_host(url, head, title, value):
    cands = _values(_page("<p>x</p>", head, title), url)
    assert value in cands
    assert cands[value].counts.get("site_owner") == 1


@pytest.mark.parametrize("url,title,value", [
    # another name than the host spells
    ("https://www.hafenblatt-nord.de/x", "Mara Lindqvist | Hafenblatt Nord", "Mara Lindqvist"),
    ("https://www.maralindqvist.de/x", "mara lindqvist", "mara lindqvist"),  # not person-shaped
    ("https://www.maralindqvist.de/x", "Mara Lindqvists Holding", "Mara Lindqvists Holding"),
    ("https://www.hafenblatt.de/x", "Hafenblatt", "Hafenblatt"),  # one word
])
def test_site_owner_not_from_other_names(url, title, value):
    cands = _values(_page("<p>x</p>", "", title), url)
    assert value not in cands or not cands[value].counts.get("site_owner")


def test_site_owner_not_counted_for_the_site_name():
    head = '<meta property="og:site_name" content="Zoo Lindqvist">'
    cands = _values(_page("<p>x</p>", head, "Zoo Lindqvist"), "https://zoolindqvist.de/x")
    c = cands["Zoo Lindqvist"]
    assert c.counts.get("site_owner")
    f = chooser.features(c, (), "", len(cands), set())
    assert "src_site_owner" not in f  # a publication's own name, not its owner's
    assert f.get("src_site_name") == 1.0


@pytest.mark.parametrize("name,kind", [
    ("shareaholic:article_author_name", "meta_author"),
    ("article:author_name", "meta_author"),
    ("og:author", "meta_author"),
    ("twitter:author", "meta_author"),
    ("dc:creator", "meta_author"),
    ("twitter:creator", "meta_other"),
])
def test_meta_author_name_variants(name, kind):
    cands = _values(_page("<p>x</p>", f'<meta name="{name}" content="Ole Brandt">'))
    assert cands["Ole Brandt"].counts.get(kind) == 1


@pytest.mark.parametrize("name", ["twitter:creator:id", "author-image", "copyright"])
def test_meta_other_names_are_not_authors(name):
    cands = _values(_page("<p>x</p>", f'<meta name="{name}" content="Ole Brandt">'))
    assert "Ole Brandt" not in cands or not cands["Ole Brandt"].counts.get("meta_author")


def test_round4_feature_names_present():
    assert "src_site_owner" in chooser.FEATURE_NAMES
    assert "src_site_owner" in chooser.model()["features"]


def _signed(text: str) -> dict[str, chooser.Candidate]:
    html = _page("<p>x</p>")
    doc = Document(text=text, html=html, language="und")
    return {c.value: c for c in chooser.candidates(doc, markup._parse(html))}


@pytest.mark.parametrize("text,value", [
    ("Der Hafen wurde am Montag geöffnet.\n\nMichael Brandt", "Michael Brandt"),
    ("Der Hafen wurde am Montag geöffnet.\n\n— Anna Lindqvist —\n\nTeilen", "Anna Lindqvist"),
    ("Der Hafen wurde am Montag geöffnet. (Christian P. Holm) +++", "Christian P. Holm"),
    ("The harbour reopened on Monday.\n\nRobert Vance\n\nShare this\n\nComments", "Robert Vance"),
])
def test_signature_lines_at_the_end(text, value):
    cands = _signed(text)
    assert value in cands and cands[value].counts.get("signature") == 1


@pytest.mark.parametrize("text", [
    "Michael Brandt\n\nDer Hafen wurde am Montag geöffnet.\n\nMehr\n\nTeilen\n\nDrucken\n\nx",
    "Der Hafen wurde am Montag geöffnet.\n\nLetzte Kommentare",  # no given name
    "Der Hafen wurde am Montag geöffnet.\n\nRobert House’s Path-Goal Model",  # possessive
    "Der Hafen wurde am Montag geöffnet.\n\nMichael Brandt sagte, der Hafen sei wieder offen.",
    "",
])
def test_signature_not_from_other_lines(text):
    assert not any(c.counts.get("signature") for c in _signed(text).values())


def test_given_names_lexicon_loads_with_provenance():
    names = chooser.given_names()
    assert len(names) > 500
    assert {"Michael", "Anna", "Robert"} <= names
    assert not {"The", "Associated", "Staff"} & names
    from features.attribution._common import DATA_DIR

    first = (DATA_DIR / "given_names.txt").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#")


@pytest.mark.parametrize("body,expected", [
    ('<p>By <a href="/a">Mara Lind</a> and <a href="/o">Ole Brandt</a></p>',
     "Mara Lind and Ole Brandt"),
    # the last name also in an attribute of its link: the link text is the one read
    ('<p><a href="/a">Mara Lind</a>, <a title="Ole Brandt" href="/o">Ole Brandt</a></p>',
     "Mara Lind, Ole Brandt"),
    ('<p>Mara Lind &amp; Ole Brandt</p>', "Mara Lind & Ole Brandt"),
    # the first name only inside an attribute, or the names apart: not shown as a row
    ('<img alt="Mara Lind and Ole Brandt"><p>x</p>', None),
    ("<p>Mara Lind</p><p>Der Hafen wurde geöffnet.</p><p>Ole Brandt</p>", None),
])
def test_shown_list_reads_the_row_as_displayed(body, expected):
    assert chooser.shown_list(_page(body), "Mara Lind; Ole Brandt") == expected
