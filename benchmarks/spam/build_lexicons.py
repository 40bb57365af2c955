"""Build the spam lexicons in features/data/spam/ from /work/shared/datasets.

Run from the repository root:  python benchmarks/spam/build_lexicons.py

Outputs (each with a provenance header):
- keywords.tsv       category, weight, folded term: research terms (benchmarks/spam/research_terms.tsv),
                     php-spam-filter gambling (regexes expanded) and medication lists, and brand /
                     slang tokens mined from the TRAIN half of judol-id-gambling-comments.
- gambling_domains.txt  registered domains from the TRAIN half of ut1-blacklists gambling/domains.
- en_vocab.txt       the 40,000 most frequent lower-case words of the allsides-baly2020 media-split
                     train articles (word list only, no text).

Held out from every lexicon (they are benchmark payload families): the php-spam-filter
merchandise/services/trading lists, the WordPress comment blacklist, and the held-out halves of
the judol comments and UT1 domains (see benchmarks/spam/common.py).
"""

from __future__ import annotations

import collections
import re
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DATA_OUT, REPO, SHARED, split_of, train_texts

from features.spam.normalize import fold, fold_term

PHP = SHARED / "spam-wordlists" / "php-spam-filter"
_WORD = re.compile(r"[^\W_]+")


def expand_regex(pattern: str, limit: int = 300) -> list[str]:
    """Expand a simple php-spam-filter regex (groups, ``|``, ``?``, ``\\s``) into phrases.

    Returns [] for patterns with other regex syntax (they are skipped, not guessed).
    """
    pos = 0

    def parse_alt() -> list[str]:
        nonlocal pos
        options = [parse_seq()]
        while pos < len(pattern) and pattern[pos] == "|":
            pos += 1
            options.append(parse_seq())
        return [x for opt in options for x in opt]

    def parse_seq() -> list[str]:
        nonlocal pos
        out = [""]
        while pos < len(pattern) and pattern[pos] not in "|)":
            ch = pattern[pos]
            if ch == "(":
                pos += 1
                atom = parse_alt()
                if pos >= len(pattern) or pattern[pos] != ")":
                    raise ValueError("unbalanced")
                pos += 1
            elif ch == "\\":
                nxt = pattern[pos + 1: pos + 2]
                pos += 2
                if nxt == "s":
                    atom = [" "]
                elif nxt in ".-/&'":
                    atom = [nxt]
                else:
                    raise ValueError("unsupported escape")
            elif ch in ".[]{}+^$":
                raise ValueError("unsupported syntax")
            else:
                pos += 1
                atom = [ch]
            if pos < len(pattern) and pattern[pos] in "?*":
                pos += 1
                atom = atom + [""]
            out = [a + b for a in out for b in atom]
            if len(out) > limit:
                raise ValueError("too many")
        return out

    try:
        result = parse_alt()
    except (ValueError, IndexError):
        return []
    if pos != len(pattern):
        return []
    return sorted({" ".join(r.split()) for r in result if len(r.strip()) >= 4})


def php_lines(name: str) -> list[str]:
    out = []
    for line in (PHP / name).read_text(encoding="utf-8").splitlines():
        line = line.split(" #")[0].strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def en_vocab(limit: int = 40_000) -> list[str]:
    counts: collections.Counter[str] = collections.Counter()
    for text in train_texts():
        counts.update(w for w in _WORD.findall(text.lower()) if not w.isdigit())
    return [w for w, c in counts.most_common(limit) if c >= 3]


def judol_terms(vocab: set[str]) -> list[tuple[str, float]]:
    """Tokens typical of gambling-promotion comments (train half only)."""
    df = pd.read_csv(SHARED / "judol-id-gambling-comments" / "judol_comments.csv")
    df = df[[split_of(str(c)) == "train" for c in df.comment]]
    df1: collections.Counter[str] = collections.Counter()
    df0: collections.Counter[str] = collections.Counter()
    for label, comment in zip(df.label, df.comment):
        toks = set(_WORD.findall(fold(str(comment)).base))
        (df1 if label == 1 else df0).update(toks)
    out = []
    for tok, c1 in df1.items():
        c0 = df0.get(tok, 0)
        if c1 < 3 or len(tok) < 4 or tok in vocab or tok.isdigit():
            continue
        if fold_term(tok) in vocab or fold_term(tok).replace("i", "l") in vocab:
            continue  # a l33t-spelled English word ("g0lden"), not a brand
        ratio = c1 / (c0 + 1)
        if ratio < 8:
            continue
        brand = any(ch.isdigit() for ch in tok) and any(ch.isalpha() for ch in tok)
        # Brand-like tokens (letters + digits: "aero88") are spam-only; plain Indonesian words that
        # spam favours ("hadiah", "cuan") stay topic-strength.
        weight = 1.0 if brand else (0.6 if ratio >= 15 else 0.3)
        out.append((tok, weight))
    return sorted(out)


def main() -> int:
    DATA_OUT.mkdir(parents=True, exist_ok=True)
    vocab_list = en_vocab()
    vocab = set(vocab_list)
    terms: dict[tuple[str, str], float] = {}

    def add(cat: str, term: str, weight: float) -> None:
        key = (cat, fold_term(term))
        if len(key[1]) >= 3:
            terms[key] = max(weight, terms.get(key, 0.0))

    research = REPO / "benchmarks" / "spam" / "research_terms.tsv"
    n_research = 0
    for line in research.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cat, weight, term = line.split("\t")
        add(cat, term, float(weight))
        n_research += 1
    n_php = 0
    for pat in php_lines("blacklist-gambling.txt"):
        for phrase in expand_regex(pat):
            add("gambling", phrase, 0.6 if " " in phrase else 0.3)
            n_php += 1
    for pat in php_lines("blacklist-medication.txt"):
        for phrase in expand_regex(pat):
            add("pharma", phrase, 0.3)
            n_php += 1
    mined = judol_terms(vocab)
    for tok, weight in mined:
        add("gambling", tok, weight)

    header = [
        "# spam keyword lexicon for features/spam (category, weight, folded term)",
        "# Built by benchmarks/spam/build_lexicons.py; do not edit by hand.",
        f"# Sources: benchmarks/spam/research_terms.tsv (own research, {n_research} terms);",
        "#   spam-wordlists/php-spam-filter blacklist-gambling.txt and blacklist-medication.txt",
        f"#   (IQAndreas/php-spam-filter ea1a78c, GPL-3.0; simple regexes expanded: {n_php});",
        "#   judol-id-gambling-comments (diashitenas/llm_judol ac5e7f7, MIT): tokens with",
        "#   document frequency >= 3 in gambling comments and >= 8x their frequency in normal",
        f"#   comments, train half only, English-vocabulary words dropped ({len(mined)} tokens).",
        "# Terms are folded with features.spam.normalize.fold_term (lower case, l33t digits).",
        "# Weight 1.0 spam-only phrase, 0.6 strong, 0.3 topic word (discounted in running prose).",
    ]
    rows = [f"{cat}\t{w:.1f}\t{t}" for (cat, t), w in sorted(terms.items())]
    (DATA_OUT / "keywords.tsv").write_text("\n".join(header + rows) + "\n", encoding="utf-8")

    domains = []
    for line in (SHARED / "ut1-blacklists" / "blacklists" / "gambling" / "domains").read_text(
            encoding="utf-8", errors="replace").splitlines():
        d = line.strip().lower()
        if d and not d.startswith("#") and split_of(d) == "train":
            domains.append(d)
    dom_header = [
        "# gambling domains (train half) for features/spam link checks",
        "# Source: ut1-blacklists blacklists/gambling/domains (olbat/ut1-blacklists 804da92,",
        "#   CC BY-SA 4.0, Universite Toulouse Capitole). Built by benchmarks/spam/build_lexicons.py;",
        "#   only domains whose stable hash puts them in the train half (the rest is held out",
        f"#   for the injection benchmark). {len(domains)} domains.",
    ]
    (DATA_OUT / "gambling_domains.txt").write_text(
        "\n".join(dom_header + sorted(set(domains))) + "\n", encoding="utf-8")

    voc_header = [
        "# English vocabulary: most frequent lower-case words, most frequent first",
        "# Source: allsides-baly2020 (Apache-2.0) media-split train articles, words counted by",
        "#   benchmarks/spam/build_lexicons.py (count >= 3). Word list only, no article text.",
    ]
    (DATA_OUT / "en_vocab.txt").write_text("\n".join(voc_header + vocab_list) + "\n",
                                           encoding="utf-8")
    print(f"keywords: {len(rows)}  domains: {len(domains)}  vocab: {len(vocab_list)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
