"""Cues, alignment, signatures and the ``cluster`` subcommand."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import pytest
from fixtures_provenance import ORIGINAL, first_half, machine_translated

from scorer.document import Document
from scorer.provenance import register_cli
from scorer.provenance.cues import extract_cues, names_match, normalise_name, parse_date
from scorer.provenance.roles import align, sentences
from scorer.provenance.signatures import content_pairs, signature, tokens, word_shingles


@pytest.mark.parametrize("text, credits, wire, byline, markers, disclosure", [
    ("By Lena Marsh\nOSLO (Reuters) - Prices rose.", set(), {"reuters"}, True, 0, False),
    ("Prices rose.\nSource: Agence France-Presse", {"afp"}, set(), False, 0, False),
    ("(UPDATE) Prices rose.\nGo to Source\nAuthor: The Associated Press", {"ap"}, set(), False,
     2, False),
    ("Prices rose.\nThis article originally appeared in The Coastal Herald.", {"coastalherald"},
     set(), False, 0, False),
    ("Prices rose.\nThe post Prices rose appeared first on Daily Ledger.", {"dailyledger"}, set(),
     False, 1, False),
    ("Prices rose.\nThis text was translated automatically.", set(), set(), False, 0, True),
    ("By the end of the year, Prices Rose Again across the region.", set(), set(), False, 0,
     False),
    ("Sources close to the talks said Credit Suisse was involved.", set(), set(), False, 0,
     False),
])
def test_cues_table(text: str, credits: set[str], wire: set[str], byline: bool, markers: int,
                    disclosure: bool) -> None:
    cue = extract_cues(Document(text=text))
    assert set(cue.credits) == credits
    assert set(cue.wire_credits) == wire
    assert cue.byline is byline
    assert cue.scraper_markers == markers
    assert cue.mt_disclosure is disclosure


def test_cues_mt_traces_counted() -> None:
    clean = extract_cues(Document(text=ORIGINAL))
    mt = extract_cues(Document(text=machine_translated(ORIGINAL)))
    assert clean.mt_cues == 0
    assert mt.mt_cues >= 2


def test_cues_identity_from_metadata_and_url() -> None:
    doc = Document(text="x", url="https://news.example-daily.co.uk/a",
                   metadata={"site_name": "The Morning Star"},
                   extra={"published": "2023-05-01"})
    cue = extract_cues(doc)
    assert cue.identity == {"morningstar", "exampledaily"}
    assert str(cue.published) == "2023-05-01"


@pytest.mark.parametrize("value, expected", [
    ("2022-09-01", "2022-09-01"), ("2022-09-01T10:00:00Z", "2022-09-01"),
    ("September 1, 2022", "2022-09-01"), ("01.09.2022", "2022-09-01"),
    ("yesterday", None), ("", None), (None, None), (20220901, None),
])
def test_parse_date_formats(value: object, expected: str | None) -> None:
    got = parse_date(value)
    assert (str(got) if got else None) == expected


@pytest.mark.parametrize("a, b, same", [
    ("The Associated Press", "AP", True), ("Agence France-Presse", "AFP", True),
    ("Fox News", "foxnews.com", True), ("New York Times - News", "The New York Times", True),
    ("Reuters", "AP", False), ("CNN", "NBC News", False),
])
def test_names_match_aliases(a: str, b: str, same: bool) -> None:
    assert names_match(normalise_name(a), normalise_name(b)) is same


def test_align_prefix_is_in_order_without_gaps() -> None:
    al = align(sentences(first_half(ORIGINAL)), sentences(ORIGINAL), 0.5)
    assert al.matched == 1.0 and al.in_order == 1.0 and al.gaps == 0.0


def test_align_shuffled_paragraphs_are_out_of_order() -> None:
    paras = ORIGINAL.split("\n\n")
    shuffled = "\n\n".join(paras[::-1])
    al = align(sentences(shuffled), sentences(ORIGINAL), 0.5)
    assert al.in_order < 0.5


def test_align_dropped_middle_sentences_leave_gaps() -> None:
    paras = ORIGINAL.split("\n\n")
    dropped = "\n\n".join(paras[:2] + paras[5:])
    al = align(sentences(dropped), sentences(ORIGINAL), 0.5)
    assert al.gaps > 0.2


def test_signatures_estimate_half_copy_containment() -> None:
    a, b = signature(ORIGINAL), signature(first_half(ORIGINAL))
    exact_a = set(word_shingles(tokens(ORIGINAL)).tolist())
    exact_b = set(word_shingles(tokens(first_half(ORIGINAL))).tolist())
    assert exact_b <= exact_a
    j = float(np.mean(a.words == b.words))
    inter = j * (a.n_words + b.n_words) / (1 + j)
    assert inter / b.n_words == pytest.approx(1.0, abs=0.15)


def test_content_pairs_survive_function_word_swaps() -> None:
    p = set(content_pairs(tokens(ORIGINAL)).tolist())
    q = set(content_pairs(tokens(machine_translated(ORIGINAL))).tolist())
    w = set(word_shingles(tokens(ORIGINAL)).tolist())
    v = set(word_shingles(tokens(machine_translated(ORIGINAL))).tolist())
    assert len(p & q) / len(p) > 0.8
    assert len(w & v) / len(w) < 0.3


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="credscore")
    register_cli(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return int(args.func(args))


def test_cli_cluster_writes_one_record_per_input(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ORIGINAL, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(first_half(ORIGINAL).replace("(AP) ", ""),
                                           encoding="utf-8")
    rows = [{"id": "j1", "text": machine_translated(ORIGINAL)}, {"id": "j2", "nope": 1}]
    (tmp_path / "more.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n",
                                         encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code = _run(["cluster", str(tmp_path / "in"), str(tmp_path / "more.jsonl"), "-o", str(out)])
    assert code == 1  # one unreadable record
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in recs][2:] == ["j1", "j2"]
    assert recs[0]["provenance"]["role"] == "original"
    assert recs[1]["provenance"]["relation"] == "scraped"
    assert recs[2]["provenance"]["relation"] == "machine_translated_copy"
    assert recs[3]["error"]["code"] == "missing_text"
    # refuses to overwrite without --force
    assert _run(["cluster", str(tmp_path / "in"), "-o", str(out)]) == 2
    assert _run(["cluster", str(tmp_path / "in"), "-o", str(out), "--force"]) == 0


def test_cli_cluster_rejects_bad_threshold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("hello", encoding="utf-8")
    assert _run(["cluster", str(tmp_path / "a.txt"), "--threshold", "0"]) == 2
    assert "--threshold" in capsys.readouterr().err


def test_features_one_hot_and_finite() -> None:
    from scorer.provenance import FEATURE_NAMES, features

    f = features({"role": "copy", "relation": "scraped", "similarity": 0.8})
    assert tuple(f) == FEATURE_NAMES
    assert f["is_copy"] == 1.0 and f["rel_scraped"] == 1.0 and f["similarity"] == 0.8
    assert sum(f[k] for k in FEATURE_NAMES if k.startswith("rel_")) == 1.0
    assert all(v == 0.0 for v in features(None).values())
    assert features({"role": "unique", "similarity": float("nan")})["similarity"] == 0.0


def test_parallel_signatures_and_cues_match_serial() -> None:
    from scorer.provenance import ProvenanceConfig, _all_cues, compute_signatures

    texts = [f"Story {i} about the harbor ferry strike number {i} with extra words here"
             for i in range(2000)]
    serial = compute_signatures(texts, ProvenanceConfig(jobs=1))
    parallel = compute_signatures(texts, ProvenanceConfig(jobs=2))
    assert all(np.array_equal(a.words, b.words) and a.n_content == b.n_content
               for a, b in zip(serial, parallel))
    docs = [Document(text=t + "\nSource: Reuters", id=str(i)) for i, t in enumerate(texts)]
    idx = list(range(len(docs)))
    assert _all_cues(docs, serial, idx, 1) == _all_cues(docs, serial, idx, 2)
