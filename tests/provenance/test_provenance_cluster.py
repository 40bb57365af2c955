"""Families, originals and copy labels on fixture texts written for these tests."""

from __future__ import annotations

import pytest
from fixtures_provenance import (
    ORIGINAL,
    UNRELATED_SAME_TOPIC,
    first_half,
    machine_translated,
    rewrite,
)

from scorer.document import Document
from scorer.provenance import RELATIONS, ProvenanceConfig, cluster

KEYS = {"cluster_id", "role", "original_id", "relation", "similarity"}


def _family_docs() -> list[Document]:
    return [
        Document(text="(UPDATE) " + first_half(ORIGINAL).split("\n", 2)[2]
                 + "\nGo to Source\nAuthor: Agence France-Presse", id="scraped-afp"),
        Document(text=machine_translated(ORIGINAL), id="mt"),
        Document(text=ORIGINAL, id="orig"),
        Document(text=UNRELATED_SAME_TOPIC, id="other"),
        Document(text="Share this story\n\n" + ORIGINAL.split("\n", 2)[2]
                 + "\n\nSource: The Associated Press", id="synd"),
        Document(text=first_half(ORIGINAL).split("\n", 2)[2].replace("(AP) ", "")
                 + "\n\nContinue reading", id="scraped"),
        Document(text=rewrite(ORIGINAL), id="rewrite"),
    ]


def test_cluster_family_original_and_relations() -> None:
    docs = _family_docs()
    recs = {d.id: r for d, r in zip(docs, cluster(docs))}
    assert all(set(r) == KEYS for r in recs.values())
    assert recs["orig"]["role"] == "original"
    assert recs["orig"]["cluster_id"] == "prov:orig"
    expected = {"scraped-afp": "misattributed", "mt": "machine_translated_copy",
                "synd": "syndicated", "scraped": "scraped", "rewrite": "rewrite"}
    for did, rel in expected.items():
        assert recs[did]["role"] == "copy", did
        assert recs[did]["original_id"] == "orig", did
        assert recs[did]["cluster_id"] == "prov:orig", did
        assert recs[did]["relation"] == rel, did
        assert 0.0 < recs[did]["similarity"] <= 1.0
    assert recs["other"] == {"cluster_id": None, "role": "unique", "original_id": None,
                             "relation": None, "similarity": None}


def test_cluster_output_in_input_order() -> None:
    docs = _family_docs()
    fwd = cluster(docs)
    rev = cluster(docs[::-1])
    assert fwd == rev[::-1]


def test_cluster_earliest_date_wins_between_identical_texts() -> None:
    docs = [Document(text=ORIGINAL, id="late", published="2024-03-05"),
            Document(text=ORIGINAL, id="early", published="2024-03-02T08:00:00Z")]
    recs = cluster(docs)
    assert recs[1]["role"] == "original"
    assert recs[0]["original_id"] == "early"


def test_cluster_credited_publisher_is_original() -> None:
    body = ORIGINAL.split("\n", 2)[2].replace("(AP) ", "")
    docs = [Document(text=body, id="agg", metadata={"site_name": "quicknewsfeed.net"}),
            Document(text=body + "\n\nOriginally published by Harbor Gazette.", id="copy2",
                     metadata={"site_name": "othersite.org"}),
            Document(text=body, id="gazette", url="https://www.harborgazette.com/a/1")]
    recs = {d.id: r for d, r in zip(docs, cluster(docs))}
    assert recs["gazette"]["role"] == "original"
    assert recs["copy2"]["relation"] == "syndicated"
    assert recs["agg"]["relation"] == "scraped"


def test_cluster_misattributed_when_credit_names_other_agency() -> None:
    body = ORIGINAL.split("\n", 2)[2]  # keeps the "(AP) —" dateline
    docs = [Document(text=ORIGINAL, id="o", published="2024-01-01"),
            Document(text=body.replace("(AP) ", "") + "\nSource: Reuters", id="c",
                     published="2024-01-02")]
    assert cluster(docs)[1]["relation"] == "misattributed"


@pytest.mark.parametrize("texts", [
    [],
    [""],
    ["", "   \n\t ", ""],
    ["😀" * 500, "😀" * 500],
    ["مرحبا بالعالم " * 300, "مرحبا بالعالم " * 300],
    ["\x00\x01\x02\xff" * 1000, "\ufffd" * 2000],
    ["word " * 3, "word " * 3],
])
def test_cluster_edge_texts_never_raise(texts: list[str]) -> None:
    docs = [Document(text=t, id=str(i)) for i, t in enumerate(texts)]
    recs = cluster(docs)
    assert len(recs) == len(docs)
    for r in recs:
        assert r["role"] in ("original", "copy", "unique")
        assert r["relation"] in (None, *RELATIONS)


def test_cluster_identical_long_texts_form_one_family() -> None:
    text = "حرية الصحافة " + " ".join(f"كلمة{i}" for i in range(200))
    recs = cluster([Document(text=text, id="a"), Document(text=text, id="b")])
    assert {r["role"] for r in recs} == {"original", "copy"}


def test_cluster_empty_and_repeated_ids_get_positional_cluster_ids() -> None:
    recs = cluster([Document(text=ORIGINAL), Document(text=ORIGINAL)])
    assert recs[0]["cluster_id"] == recs[1]["cluster_id"] == "prov:0"


def test_cluster_threshold_above_one_side_keeps_half_copy_apart() -> None:
    docs = [Document(text=ORIGINAL, id="o"),
            Document(text=first_half(ORIGINAL), id="h")]
    assert cluster(docs)[1]["role"] == "copy"
    strict = ProvenanceConfig(word_threshold=1.01, content_threshold=1.01)
    assert cluster(docs, strict)[1]["role"] == "unique"


def test_cluster_five_mb_text_does_not_raise() -> None:
    big = (ORIGINAL + "\n\n") * 2100
    assert len(big) > 4_000_000  # about 5 MB of text
    recs = cluster([Document(text=big, id="big"), Document(text=ORIGINAL, id="o")])
    assert len(recs) == 2


def test_cluster_mixed_page_does_not_chain_two_stories() -> None:
    body_a = ORIGINAL.split("\n", 2)[2].replace("(AP) ", "")
    mixed = first_half(body_a) + "\n\n" + first_half(UNRELATED_SAME_TOPIC)
    docs = [Document(text=ORIGINAL, id="a", published="2024-01-01"),
            Document(text=body_a, id="a-copy", published="2024-01-02"),
            Document(text=UNRELATED_SAME_TOPIC, id="b", published="2024-01-01"),
            Document(text=UNRELATED_SAME_TOPIC + "\nSource: Harbor Gazette", id="b-copy",
                     published="2024-01-03"),
            Document(text=mixed, id="mixed", published="2024-01-04")]
    recs = {d.id: r for d, r in zip(docs, cluster(docs))}
    assert recs["a"]["role"] == recs["b"]["role"] == "original"
    assert recs["a"]["cluster_id"] != recs["b"]["cluster_id"]
    assert recs["a-copy"]["original_id"] == "a"
    assert recs["b-copy"]["original_id"] == "b"
    assert recs["mixed"]["original_id"] in ("a", "b")
