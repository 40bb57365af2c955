"""Build the framing lexicons in features/data/framing/ from the shared data sets.

Usage::

    nice python benchmarks/framing/build_lexicon.py [--center-docs 6000]

Sources (all under ../shared/datasets):

* ``babe/data/bias_word_lexicon.xlsx`` (BABE bias-word lexicon, AGPL-3.0 data use): every entry.
* ``babe/data/final_labels_{SG1,SG2,MBIC}.csv``: the ``biased_words`` the annotators marked in
  sentences labelled *Biased*; kept when marked in >= 2 sentences.
* ``ptc-semeval2020`` training spans (research corpus): ``Loaded_Language`` -> loaded terms,
  ``Name_Calling,Labeling`` -> name calling, ``Exaggeration,Minimisation`` -> hyperbole; spans of
  at most 3 (4 for name calling) tokens, lower-cased, quotes and edge punctuation stripped. The
  offsets were checked: every span is re-read from the article file and must not start or end
  inside a word.
* ``ukraine-news-bias-faerber`` sentences (GPL-3.0) serve as a *negative* filter: its sentences are
  mostly neutral conflict reporting and carry no word-level labels (an attempt to mine biased words
  from its 119 biased/subjective sentences gave only topic words such as "separatist", "osce",
  "minsk"), so a term found in >= 2 sentences the crowd rated neutral on every dimension is dropped.
  This keeps neutral Ukraine-war copy from being flagged.
* ``derogatory_curated.txt`` / ``hyperbole_curated.txt``: hand-written by the credscore developers
  (no data set text), covering both political directions and several topics.

Generic-word filter: a term is dropped when it is common in *neutral* copy, measured as document
frequency over AllSides articles from outlets rated ``center`` (media split, train part only, a
seeded sample): df_center > 1.5 %, or df_center > 0.3 % without being at least 1.5x as frequent in
left/right outlets. Curated lists are not filtered but their df is logged. Stopwords, numbers and
tokens shorter than 3 characters are dropped.
"""

from __future__ import annotations

import argparse
import ast
import collections
import random
import re
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import ahocorasick_rs
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from data import DATASETS, load_allsides

OUT = Path(__file__).resolve().parents[2] / "features" / "data" / "framing"

STOP = {"a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "he", "she", "they", "we", "you", "i", "his", "her", "their", "our", "your", "my", "me", "him", "them", "us", "not", "no", "so", "if", "than", "then", "there", "here", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "all", "any", "some", "more", "most", "very", "just", "also", "has", "have", "had", "do", "does", "did", "will", "would", "can", "could", "should", "may", "might", "must", "about", "into", "over", "after", "before", "up", "down", "out", "off", "again", "further", "once", "only", "own", "same", "too", "s", "t", "don", "now", "said", "says", "one", "two", "new"}

_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_TOKEN = re.compile(r"[a-z0-9]+(?:[-'’][a-z0-9]+)*")


def norm_term(raw: str) -> str:
    """Lower-case, unify apostrophes, strip edge punctuation and quotes, squeeze spaces."""
    t = raw.lower().replace("’", "'").replace("‘", "'").replace("“", "").replace("”", "")
    t = t.replace('"', "")
    t = " ".join(t.split())
    return _EDGE.sub("", t)


_DET = re.compile(r"^(?:a|an|the|this|that|these|those|such|so|very|his|her|their|its|our|your|my)\s+")


def strip_determiner(t: str) -> str:
    """'a vicious lie' -> 'vicious lie': PTC spans often start with a determiner."""
    prev = None
    while prev != t:
        prev, t = t, _DET.sub("", t)
    return t


def ok_term(t: str) -> bool:
    toks = t.split()
    if not toks or len(t) < 3 or any(ch.isdigit() for ch in t):
        return False
    if all(tok in STOP for tok in toks):
        return False
    if len(toks) == 1 and (t in STOP or len(t) < 4):
        return False
    return bool(_TOKEN.fullmatch(toks[0])) and bool(_TOKEN.fullmatch(toks[-1]))


def read_xlsx_column(path: Path) -> list[str]:
    """First column of the first sheet of an xlsx file (stdlib only: no openpyxl needed)."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(path) as z:
        shared = [si.findtext(".//m:t", default="", namespaces=ns)
                  for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns)]
        sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    out = []
    for c in sheet.iterfind(".//m:c", ns):
        v = c.findtext("m:v", default="", namespaces=ns)
        out.append(shared[int(v)] if c.get("t") == "s" else v)
    return out


def babe_terms() -> dict[str, str]:
    terms: dict[str, str] = {}
    for w in read_xlsx_column(DATASETS / "babe/data/bias_word_lexicon.xlsx"):
        t = norm_term(w)
        if ok_term(t):
            terms[t] = "babe-lexicon"
    counts: collections.Counter[str] = collections.Counter()
    for part, sep in (("SG1", ";"), ("SG2", ";"), ("MBIC", ",")):
        df = pd.read_csv(DATASETS / f"babe/data/final_labels_{part}.csv", sep=sep)
        for words, label in zip(df.biased_words, df.label_bias):
            if label != "Biased" or not isinstance(words, str):
                continue
            try:
                lst = ast.literal_eval(words)
            except (ValueError, SyntaxError):
                continue
            for w in set(lst):
                counts[norm_term(str(w))] += 1
    for t, n in counts.items():
        if n >= 2 and ok_term(t):
            terms[t] = terms.get(t, "babe-biased-words") if t not in terms else terms[t] + "+babe-biased-words"
    return terms


def ptc_terms() -> dict[str, dict[str, str]]:
    base = DATASETS / "ptc-semeval2020/datasets"
    wanted = {"Loaded_Language": ("loaded", 3), "Name_Calling,Labeling": ("name_calling", 4),
              "Exaggeration,Minimisation": ("hyperbole", 3)}
    out: dict[str, dict[str, str]] = {"loaded": {}, "name_calling": {}, "hyperbole": {}}
    texts: dict[str, str] = {}
    bad = total = 0
    for line in (base / "train-task2-TC.labels").read_text(encoding="utf8").splitlines():
        aid, tech, s, e = line.split("\t")
        if tech not in wanted:
            continue
        if aid not in texts:
            texts[aid] = (base / "train-articles" / f"article{aid}.txt").read_text(encoding="utf8")
        txt, s_i, e_i = texts[aid], int(s), int(e)
        total += 1
        # offset check: the span must not cut a word at either end
        if (s_i > 0 and txt[s_i - 1].isalnum() and txt[s_i].isalnum()) or (
                e_i < len(txt) and txt[e_i - 1].isalnum() and txt[e_i].isalnum()):
            bad += 1
            continue
        kind, maxlen = wanted[tech]
        t = strip_determiner(norm_term(txt[s_i:e_i]))
        if len(t.split()) <= maxlen and ok_term(t):
            out[kind][t] = "ptc-" + tech.split(",")[0]
    print(f"ptc: {total} spans of the wanted techniques, {bad} cut a word (dropped)", file=sys.stderr)
    return out


def faerber_neutral_sentences() -> list[str]:
    """Sentences the Faerber crowd rated neutral on every dimension (label 0, not subjective,
    no hidden assumptions, neutral towards Russia and the West)."""
    df = pd.read_csv(DATASETS / "ukraine-news-bias-faerber/datasets/019_Ukraine-News-Corpus/"
                     "019-MultidimensionalDataset.csv")
    neutral = (df.label == 0) & (df.majority_subjectivity == 0) & (
        df.majority_hidden_assumptions == 0) & (df.majority_bias_russia == 1) & (
        df.majority_bias_west == 1)
    out = [str(t) for t in df.text[neutral]]
    print(f"faerber: {len(out)} of {len(df)} sentences rated neutral on every dimension",
          file=sys.stderr)
    return out


def read_curated(name: str) -> dict[str, str]:
    out = {}
    for line in (Path(__file__).resolve().parent / name).read_text(encoding="utf8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out[norm_term(line)] = "curated"
    return out


def document_frequency(terms: list[str], docs: list[str]) -> list[int]:
    """Number of docs containing each term as whole words (one Aho-Corasick pass per doc)."""
    ac = ahocorasick_rs.AhoCorasick(terms, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
    df = [0] * len(terms)
    for doc in docs:
        low = doc.lower().replace("’", "'")
        seen = set()
        for idx, s, e in ac.find_matches_as_indexes(low, overlapping=False):
            if (s > 0 and low[s - 1].isalnum()) or (e < len(low) and low[e].isalnum()):
                continue
            seen.add(idx)
        for i in seen:
            df[i] += 1
    return df


def write(path: Path, header: str, entries: dict[str, str]) -> None:
    lines = [f"# {h}" if h else "#" for h in header.strip("\n").split("\n")]
    lines += [f"{t}\t{src}" for t, src in sorted(entries.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf8")
    print(f"wrote {path} ({len(entries)} terms)", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--center-docs", type=int, default=6000)
    args = ap.parse_args(argv)

    loaded = babe_terms()
    ptc = ptc_terms()
    for t, src in ptc["loaded"].items():
        loaded[t] = loaded[t] + "+" + src if t in loaded else src
    name_calling = dict(ptc["name_calling"])
    hyperbole = dict(ptc["hyperbole"])
    for t in list(name_calling):
        loaded.pop(t, None)
    for t in list(hyperbole):
        loaded.pop(t, None)
    derog = read_curated("derogatory_curated.txt")
    hyper_cur = read_curated("hyperbole_curated.txt")

    rng = random.Random(13)
    arts = load_allsides("train")
    rng.shuffle(arts)
    center = [a.text for a in arts if a.label == 0][: args.center_docs]
    partisan = [a.text for a in arts if a.label == 1][: args.center_docs]
    allterms = sorted(set(loaded) | set(name_calling) | set(hyperbole) | set(derog) | set(hyper_cur))
    dfc = dict(zip(allterms, document_frequency(allterms, center)))
    dff = dict(zip(allterms, document_frequency(allterms, faerber_neutral_sentences())))
    dfp = dict(zip(allterms, document_frequency(allterms, partisan)))
    nc, npart = max(len(center), 1), max(len(partisan), 1)

    dropped: list[str] = []

    def keep(t: str) -> bool:
        fc, fp = dfc[t] / nc, dfp[t] / npart
        if dff[t] >= 2:
            dropped.append(f"{t} (in {dff[t]} neutral Faerber sentences)")
            return False
        if fc > 0.015 or (fc > 0.003 and fp < 1.5 * fc):
            dropped.append(f"{t} (center {fc:.3%}, partisan {fp:.3%})")
            return False
        return True

    loaded = {t: s for t, s in loaded.items() if keep(t)}
    name_calling = {t: s for t, s in name_calling.items() if keep(t)}
    hyperbole = {t: s for t, s in hyperbole.items() if keep(t)}
    for t in derog:
        if dfc[t] / nc > 0.003:
            print(f"note: curated derogatory term {t!r} in {dfc[t] / nc:.2%} of center docs",
                  file=sys.stderr)
    hyperbole.update(hyper_cur)
    print(f"generic filter dropped {len(dropped)} terms, e.g. {dropped[:25]}", file=sys.stderr)

    common = f"""
Built by benchmarks/framing/build_lexicon.py (see its docstring); do not edit by hand.
Format: term<TAB>source tags. Terms are lower-case and matched as whole words.
Generic-word filter: dropped when document frequency in AllSides center-outlet articles
(media split train, {nc} sampled) > 1.5 %, or > 0.3 % and < 1.5x that in left/right outlets,
or found in >= 2 ukraine-news-bias-faerber sentences rated neutral on every dimension (GPL-3.0)."""
    write(OUT / "loaded_terms.txt", f"""framing lexicon: loaded / biased terms (code loaded_term)
Sources: babe/data/bias_word_lexicon.xlsx and biased_words of final_labels_SG1/SG2/MBIC.csv
(BABE, Spinde et al. 2021, AGPL-3.0 data use); ptc-semeval2020 train Loaded_Language spans
(Da San Martino et al. 2020, research corpus).{common}""",
          loaded)
    write(OUT / "name_calling.txt", f"""framing lexicon: name calling / labelling (code name_calling)
Source: ptc-semeval2020 train Name_Calling,Labeling spans of <= 4 tokens (research corpus).{common}""",
          name_calling)
    write(OUT / "hyperbole.txt", f"""framing lexicon: hyperbole / exaggeration (code hyperbole)
Sources: ptc-semeval2020 train Exaggeration,Minimisation spans of <= 3 tokens (research corpus),
filtered as below; plus benchmarks/framing/hyperbole_curated.txt (hand-written, not filtered).{common}""",
          hyperbole)
    write(OUT / "derogatory.txt", """framing lexicon: derogatory labels for groups, governments, media (code derogatory_term)
Source: benchmarks/framing/derogatory_curated.txt, hand-written by the credscore developers
(no data set text): dehumanising or mocking labels from both political directions and several
topics (Russia/Ukraine, US left/right, immigration, religion, climate, health, guns, media).
Not frequency-filtered (each is a label no neutral wire copy uses in its own voice).""", derog)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
