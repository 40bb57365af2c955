"""spam.injected: text that was injected into an article by spammers (hacked pages, SEO spam).

Signal: segments of the document that do not belong to the article: gambling/pharma/replica/loan/
essay/crypto keyword lines (often obfuscated), link lists to spam domains, lines in another
language than the document, keyword stuffing, and spam phrases glued into a real paragraph.
Why it lowers credibility: a page carrying injected spam is compromised or unmaintained, and a
copy of an article on such a page is not under editorial control (seed 004: Turkish casino SEO as
the first and last line of an English opinion piece).

How: the text is folded (lower case, homoglyphs, zero-width characters, l33t, letter spacing,
entities, %-escapes undone; see :mod:`features.spam.normalize`) with an offset map, one
Aho-Corasick automaton finds lexicon terms, and each line (long lines: each sentence) is scored
from keyword weight, whether it is running prose in the document's language (English function
words), its script and language (langdetect only on segments a cheap check marks suspicious),
link and spam-domain density, repetition, obfuscation, position (first/last lines) and whether
its topic words also occur in the rest of the document, disguised letters (maths-bold,
full-width, combining marks), brand-like tokens and emoji in foreign lines, and "orphan" keyword
lines (no sentence structure, lower case, no topic words shared with the article, no page-
furniture vocabulary), and a structural line model (:mod:`features.spam.structure`: a small
logistic model over the shape of a whole non-prose line, trained on DEV payload families only).
Keywords inside running prose are discounted, and discounted further when
the topic recurs across the document: that keeps articles *about* casinos, betting or pharmacies
clean. The detector's score is 0 when it reports no span (sub-threshold cues stay features).

Known false positives: a gambling-site menu line ("Casino | Poker | Sports Betting") on a
legitimate gambling-news site; a foreign-language line at the very top or bottom of an English
article without any other cue, or one lower-case keyword line at an edge whose words the article
never uses, is a span scoring 0.4-0.5 (under the 0.5 decision level); a foreign paragraph inside
a bilingual article is not a span; bare URL lists (reference lists) on their own lines are not
spans unless a domain is a known gambling domain, carries a spam stem, most TLDs are
spam-favoured (.xyz, .top...) or most hosts are advertising/tracking hosts (UT1 publicite train
half, or a label such as "ads", "adserver", "banner", "track"); three or more links in a row
glued inside a prose paragraph are a ``link_list`` span (0.45) unless the sentence's grammar
introduces them ("editor at a.com, b.com and c.com", "sites such as ..."), so a source list
written as a bare run inside a paragraph is a false positive;
a product/name list, tag line or headline-like line sharing no words with the article may get
``structural_spam_line``, and a lower-case sentence start inside a paragraph ``glued_segment``
(0.32% of benchmark clean articles got any span).

Reason codes (spans unless noted): ``gambling_keywords``, ``pharma_keywords``,
``replica_keywords``, ``loan_keywords``, ``essay_keywords``, ``crypto_keywords``,
``adult_keywords``, ``seo_keywords``, ``link_list``, ``spam_link``, ``foreign_language_segment``,
``off_topic_segment``, ``keyword_stuffing``, ``obfuscated_text``, ``repeated_edge_segment``,
``structural_spam_line``, ``glued_segment`` (a keyword run without lexicon terms glued inside a
paragraph: a lower-case sentence start, a capitalised one whose first words hold almost no
function words and few frequent news words, a " | " separator, or a non-prose sentence of a
split paragraph; cut where prose resumes and scored by the glued-run model of
:mod:`features.spam.structure`, which also reads how many of the run's word pairs news prose
uses; short literary or foreign sentences inside prose, "Honi soit qui mal y pense.", can be
false positives). Flagged spans are trimmed to the injected text (prose sentences
at their edges and prose resuming after a glued payload are left out). Without any other cue, the same non-sentence line opening and closing an English
article is a ``repeated_edge_segment`` span (0.45).
"""

from __future__ import annotations

import bisect
import math
import operator
import re
import types
from collections.abc import Iterator
from itertools import accumulate
from dataclasses import dataclass

from features import lang
from features.spam import lexicon, structure
from features.spam.normalize import FANCY_CHARS_RE, Folded, fold
from scorer.document import Document
from scorer.evidence import DetectorResult, Evidence, Span


def _words(block: str) -> frozenset[str]:
    """A word set written as a whitespace-separated block."""
    return frozenset(block.split())


#: Whether this module runs compiled (setup.py: a Cython function is no plain Python function):
#: then a few steps use character loops that Cython turns into C (features/spam/injected.pxd)
#: instead of their C-level-call versions, which are faster in plain Python. Both give the same
#: results (tests/features/spam/test_spam_typed_loops.py).
_COMPILED = not isinstance(_words, types.FunctionType)

_FUNC = _words("""
    the of and to in a is that for it as was with be by on not he his are this at from or
    have an they which one you had her were all we but has their there been if would who
    will said its more when also than after into could about them these our other only over
    new most some can any may such while where because i she it's what do does did so no
    just how up out my your us him then those should
    """)
# Words of page furniture (menus, share bars, credits, promos): lines with them are boilerplate.
_FURNITURE = _words("""
    advertisement advertising ad ads sponsored share shares tweet email print comments
    comment subscribe subscribers subscription newsletter sign login log menu search home
    contact about privacy terms cookies cookie copyright reserved rights photo photos image
    images video videos getty reuters ap afp credit caption follow related read more watch
    listen click tap download app continue story stories next previous trending popular
    updated posted published edition section topics tags
    """)
# Single letters left out of the prose test: letter-spaced spam ("c a s i n o") is full of them.
_FUNC_PROSE = _FUNC - {"a", "i"}
_URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"'()\[\]{}|]+", re.IGNORECASE)
# Bare domains ("casino-x.com/bonus"): found from their TLD (a regex with a literal "." prefix,
# cheap on prose), then widened backwards over host characters in Python (rare).
_TLD_RE = re.compile(
    r"\.(?:com|net|org|info|biz|xyz|top|club|online|site|vip|bet|casino|poker|io|co|me|tv|cc|ws|"
    r"ru|tr|id|in|uk|us|de|fr|pl|br|vn|th|kr|jp|cn|asia|live|fun|win|pro|store|shop|link|"
    r"click|space|website|icu|buzz|party|work|lol|cyou|sbs|app|ph|my|sg|mx|es|it|nl)(?![\w-])",
    re.IGNORECASE)
_TLD_LOW_RE = re.compile(_TLD_RE.pattern)
#: The TLDs of :data:`_TLD_RE` as a set, and a regex for "." + a 2-7 letter run not followed by a
#: word character: a run in the set is exactly a match of :data:`_TLD_RE` (same positions), but
#: one class test per "." instead of trying ~60 alternatives at every sentence end.
_TLDS = frozenset(_TLD_RE.pattern.split("(?:", 1)[1].split(")", 1)[0].split("|"))
_TLD_RUN_RE = re.compile(r"\.([A-Za-z]{2,7})(?![\w-])")
_TLD_RUN_LOW_RE = re.compile(r"\.([a-z]{2,7})(?![\w-])")
_PATH_RE = re.compile(r"(?:\.[a-z]{2,3}(?![\w-]))?(?::\d{2,5})?(?:/[^\s<>\"'()\[\]{}|]*)?",
                      re.IGNORECASE)
_HOST_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
#: A non-blank line, stripped: from its first to its last non-whitespace character.
_LINE_RE = re.compile(r"\S(?:[^\n]*\S)?")
_SENT_SPLIT_RE = re.compile(r"(?<=[.!?\u3002\uff01\uff1f])\s+")
_TOKEN_RE = re.compile(r"\S+")
#: The last character of a token that closes a sentence (".", "!" or "?" before whitespace or
#: the end of the searched range).
_TOKEN_CLOSE_RE = re.compile(r"[.!?](?!\S)")
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_LETTER_RE = re.compile(r"[^\W\d_]")  # one character of a _LETTERS_RE run
_NON_LATIN_RE = re.compile(r"[\u0370-\u03ff\u0400-\u052f\u0590-\u08ff\u0e00-\u0e7f\u1100-\u11ff"
                           r"\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# "... fast delivery The council said": a lower-case word followed by a capitalised sentence
# opener with no punctuation between marks where a glued payload ends.
_GLUE_END_RE = re.compile(
    r"(?<=[a-z0-9]) (?=(?:The|A|An|In|He|She|It|But|This|That|They|We|His|Her|Its|Their|On|At|"
    r"For|As|After|When|While|If|Some|Many|Mr|Ms|Mrs|According|Last|Since|However|Still|"
    r"Although|Despite|During|Under|Officials|Critics)\s)")
# A sentence end followed by a lower-case word: where a keyword run glued into a paragraph
# usually starts ("... said on Friday. cheap flights rolex replica The council ...").
# (Literal first characters let the regex engine skip ahead: ". " is searched on every English
# document, "! " and "? " only when present. A lower-case word after a quoted question or
# exclamation is the usual '..." he asked', so closing quotes are not candidates.)
_GLUE_START_RE = re.compile(r"\. +(?=[a-z])")
# A sentence end followed by a word that does not start with a lower-case letter (candidates for
# capitalised keyword runs glued before a sentence; filtered by their function words).
# (Sentences opening with a frequent function word are left out by the regex itself: they hold
# one function word already and a keyword run rarely opens with one.)
_CAP_START_RE = re.compile(
    r"[.!?] +(?!(?:The|But|It|And|In|He|They|This|That|We|If|You|As|For|There|So|At|When|His|"
    r"She|What|On|Her|Their|Our|Its|After|While|Some|These|Those|One|Even|Now|Then|With|By|"
    r"However|According|Although|Despite|During|Since|Many|Most|Both|Each|Why|How|Who|Where|"
    r"Yet|Not|No|Also|Last|Other|Such|Only|Here|Meanwhile|Instead|Still|Mrs?\.|Ms\.|Dr\.)\s)"
    r"(?=[^\sa-z])")

#: The words of :data:`_CAP_START_RE`'s negative lookahead (a sentence opening with one of them,
#: followed by whitespace, is no capital-start candidate), and the longest one's length.
_CAP_SKIP = _words("""
    The But It And In He They This That We If You As For There So At When His She What On Her
    Their Our Its After While Some These Those One Even Now Then With By However According
    Although Despite During Since Many Most Both Each Why How Who Where Yet Not No Also Last
    Other Such Only Here Meanwhile Instead Still Mr. Mrs. Ms. Dr.
    """)
_CAP_SKIP_MAX = max(map(len, _CAP_SKIP))

#: :data:`_CAP_START_RE` for each sentence mark on its own: a literal first character lets the
#: regex engine skip ahead (twice as fast as the character class on a news text).
_CAP_START_MARK_RES = tuple(re.compile(re.escape(mark) + _CAP_START_RE.pattern[len("[.!?]"):])
                            for mark in ".!?")


def _cap_starts(text: str) -> Iterator[re.Match[str]]:
    """The matches of :data:`_CAP_START_RE` in ``text``, in the same order (by position): one
    literal-prefix pass per sentence mark present, sorted by position. (A match holds one mark and the
    spaces after it, so the three passes find exactly the combined regex's matches.)"""
    dot, excl, quest = _CAP_START_MARK_RES
    if "!" not in text and "?" not in text:
        return dot.finditer(text)
    found = list(dot.finditer(text))
    if "!" in text:
        found += excl.finditer(text)
    if "?" in text:
        found += quest.finditer(text)
    found.sort(key=re.Match.start)  # (a C sort: cheaper than a Python-level heapq.merge)
    return iter(found)


def _lower_starts(text: str) -> Iterator[tuple[int, int]]:
    """(mark, word start) of every ". ", "! " or "? " (then more spaces) followed by a lower-case
    ASCII letter, in the order: full stops, then exclamation and question marks. ("!" and "?"
    are rare: a find loop beats a regex pass over the whole text.)"""
    for m in _GLUE_START_RE.finditer(text):
        yield m.start(), m.end()
    n = len(text)
    # (Found by their first character: ``str.find`` tests a needle's LAST character first, and
    # a needle ending in a space, ``"! "``, costs a pass over the text as slow as a regex.)
    for mark in "!?":
        i = text.find(mark)
        while i >= 0:
            if i + 1 < n and text[i + 1] == " ":
                j = i + 2
                while j < n and text[j] == " ":
                    j += 1
                if j < n and "a" <= text[j] <= "z":
                    yield i, j
            i = text.find(mark, i + 1)
def _prose_words(low: str, a: int, b: int) -> int:
    """The fast prose test of a plain segment ``low[a:b]`` (lower-cased): its word count
    (spaces + 1) when " the ", " of ", " to ", " and ", " a " and " in " (each counted as
    ``str.count`` does: non-overlapping) make up at least 12% of it, else 0. Six very frequent
    function words make up ~20% of English prose tokens and under 5% of other languages'.
    (Counted in place, most frequent word first, stopping once enough are found: the same
    decision as summing all six.)"""
    count = low.count
    spaces = count(" ", a, b) + 1
    need = 0.12 * spaces
    common = count(" the ", a, b)
    for word in _COMMON_WORDS:
        if common >= need:
            break
        common += count(word, a, b)
    return spaces if common >= need else 0


def _prose_words_loop(low, a, b):  # (typed in injected.pxd: str, Py_ssize_t, Py_ssize_t)
    """:func:`_prose_words` by one pass over the characters (a C loop when compiled; plain
    Python uses :func:`_prose_words`). Each word is recognised at its closing space from the
    four characters before it; an occurrence counts when it starts at or after the end of the
    previous counted one of the same word (``str.count``'s non-overlapping count)."""
    spaces = 1
    common = 0
    e_the = e_of = e_to = e_and = e_a = e_in = 0
    p1 = p2 = p3 = p4 = "\0"  # the four characters before ``ch`` ("\0": before ``a``)
    i = -1
    for ch in low[a:b]:
        i += 1
        if ch == " ":
            spaces += 1
            if p2 == " ":
                if p1 == "a" and i - 2 >= e_a:
                    common += 1
                    e_a = i + 1
            elif p3 == " ":
                if p2 == "t":
                    if p1 == "o" and i - 3 >= e_to:
                        common += 1
                        e_to = i + 1
                elif p2 == "o":
                    if p1 == "f" and i - 3 >= e_of:
                        common += 1
                        e_of = i + 1
                elif p2 == "i" and p1 == "n" and i - 3 >= e_in:
                    common += 1
                    e_in = i + 1
            elif p4 == " ":
                if p3 == "t":
                    if p2 == "h" and p1 == "e" and i - 4 >= e_the:
                        common += 1
                        e_the = i + 1
                elif p3 == "a" and p2 == "n" and p1 == "d" and i - 4 >= e_and:
                    common += 1
                    e_and = i + 1
        p4 = p3
        p3 = p2
        p2 = p1
        p1 = ch
    return spaces if common >= 0.12 * spaces else 0


def _cap_heads(text: str, low_text: str, min_words: int, max_func: int,
               func_words: frozenset[str]) -> list[tuple[int, int, list[str]]]:
    """(mark, word start, head) of each :data:`_CAP_START_RE` match after a letter, digit or
    "%" whose head holds ``min_words`` words or more and at most ``max_func`` of
    ``func_words``: the head is the words of ``low_text`` from the word start, up to the end of
    the line, 72 characters, 8 words or the first word that closes a sentence (inclusive).
    (The cheap filters of :meth:`InjectedSpamDetector._capital_starts`; regex version, used by
    plain Python. :func:`_cap_heads_loop` gives the same list by one character scan.)"""
    out: list[tuple[int, int, list[str]]] = []
    is_func = func_words.__contains__
    for m in _cap_starts(text):
        c = m.end()
        at = m.start()
        if at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "%"):
            continue  # '..." He said', "(D-Calif.) The"
        # (``win.split(None, 8)[:8]`` is ``win.split()[:8]``; the words are only looked at
        # one by one for a sentence end when the window holds a sentence mark.)
        win = low_text[c:c + 72]
        if "\n" in win:
            win = win[:win.index("\n")]
        head = win.split(None, 8)
        if len(head) > 8:
            del head[8:]
        if "." in win or "!" in win or "?" in win:
            for k, w in enumerate(head):
                if w[-1] in ".!?":
                    del head[k + 1:]
                    break
        if len(head) < min_words or sum(map(is_func, head)) > max_func:
            continue
        out.append((at, c, head))
    return out


def _cap_heads_loop(text, low_text, min_words, max_func, func_words):  # (typed: injected.pxd)
    """:func:`_cap_heads` and :func:`_lower_starts` by passes over the characters (C loops when compiled; slow in plain
    Python, which uses :func:`_cap_heads`).

    A match of :data:`_CAP_START_RE` is a sentence mark, one or more spaces (all of them: a
    match after fewer would face a space, which the lookahead refuses), then a character that
    is neither whitespace nor a-z, and not one of the listed words followed by whitespace:
    exactly when the run of non-whitespace characters there, followed by whitespace, is not
    in :data:`_CAP_SKIP`. A head is rejected as soon as it holds too many function words.

    Returns (heads, lower starts): the same pass also finds :func:`_lower_starts`' pairs (a
    mark, spaces, then a-z), in its order (full stops, then "!", then "?")."""
    out: list[tuple[int, int, list[str]]] = []
    dots: list[tuple[int, int]] = []
    excl: list[tuple[int, int]] = []
    quest: list[tuple[int, int]] = []
    n = len(text)
    nlow = len(low_text)
    marks = []  # the positions of ".", "!" and "?", by position (found by str.find)
    for mark in ".!?":
        at = text.find(mark)
        while at >= 0:
            marks.append(at)
            at = text.find(mark, at + 1)
    if len(marks) > 1:
        marks.sort()
    for at in marks:
        mark = text[at]
        c = at + 1
        while c < n and text[c] == " ":
            c += 1
        if c == at + 1 or c >= n:
            continue
        ch = text[c]
        if "a" <= ch <= "z":
            if mark == ".":
                dots.append((at, c))
            elif mark == "!":
                excl.append((at, c))
            else:
                quest.append((at, c))
            continue
        if at == 0 or ch.isspace():
            continue
        ch = text[at - 1]
        if not (ch.isalnum() or ch == "%"):
            continue
        k = c + 1
        while k < n and k - c <= _CAP_SKIP_MAX and not text[k].isspace():
            k += 1
        if k < n and k - c <= _CAP_SKIP_MAX and text[c:k] in _CAP_SKIP:
            continue  # (the loop stopped at whitespace)
        lim = min(c + 72, nlow)
        nf = 0
        head: list[str] = []
        ws = -1  # start of the word being read
        last = "\0"  # its last character so far
        p = c - 1
        for ch in low_text[c:lim]:
            p += 1
            if not ch.isspace():
                if ws < 0:
                    ws = p
                last = ch
                continue
            if ws >= 0:
                word = low_text[ws:p]
                ws = -1
                head.append(word)
                if word in func_words:
                    nf += 1
                    if nf > max_func:
                        break
                if last == "." or last == "!" or last == "?" or len(head) == 8:
                    break
            if ch == "\n":
                break
        else:
            if ws >= 0:  # a word cut by the window's end
                word = low_text[ws:lim]
                head.append(word)
                if word in func_words:
                    nf += 1
        if nf > max_func or len(head) < min_words:
            continue
        out.append((at, c, head))
    return out, dots + excl + quest


def _line_spans_loop(text):  # (typed in injected.pxd: str -> list)
    """The spans of :data:`_LINE_RE`'s matches (each non-blank line of ``text.split("\\n")``
    without its leading and trailing whitespace, ``str.isspace`` as the regex's ``\\s``): the
    line ends are found by ``str.find`` (a fast C search), the whitespace at each line's edges
    by a short C loop when compiled (plain Python uses the regex)."""
    out = []
    n = len(text)
    start = 0
    while start <= n:  # each line, the last one (after the last "\n") included
        i = text.find("\n", start)
        if i < 0:
            i = n
        s = start
        e = i
        start = i + 1
        while s < e and text[s].isspace():
            s += 1
        if s < e:
            while text[e - 1].isspace():
                e -= 1
            out.append((s, e))
    return out


# Tokens ending in "." that are abbreviations, not sentence ends, and may be followed by a
# lower-case word ("vs. the", "Jr. and", "et al. found"). Titles before a name ("Sen.", "Ms.",
# "Dr.") are not listed: a lower-case word after them is as odd as after a sentence end.
_ABBREV = frozenset([
    "jr", "sr", "inc", "co", "corp", "ltd", "no", "nos", "vs", "v", "etc", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "fig", "figs", "vol", "pp",
    "approx", "est", "dept", "univ", "ave", "blvd", "mt", "ft", "op", "cf", "al", "ch", "sec",
    "art", "min", "max",
])
# Capitalised words that open a news sentence (the end of a glued run).
_OPENERS = frozenset([
    "The", "A", "An", "In", "He", "She", "It", "But", "This", "That", "They", "We", "His",
    "Her", "Its", "Their", "On", "At", "For", "As", "After", "When", "While", "If", "Some",
    "Many", "Mr", "Ms", "Mrs", "According", "Last", "Since", "However", "Still", "Although",
    "Despite", "During", "Under", "Officials", "Critics", "There", "Those", "These", "Our",
    "Your", "I", "You", "What", "Why", "How", "Who", "And", "Or", "So", "Yet", "Now", "Then",
    "One", "Two", "Three", "Instead", "Meanwhile", "Earlier", "Later", "Today", "Yesterday",
    "Asked", "Other", "Most", "More",
])
_BRAND_RE = re.compile(r"\b[A-Za-z]{3,}[^\w\s]?\d{2,3}\b")
_EMOJI_RE = re.compile("[\u2600-\u27bf\u2b50\u2b55\U0001f300-\U0001faff]")
_COMMON_WORDS = (" of ", " to ", " and ", " a ", " in ")
_SENT_END_CHARS = ".!?…。！？\"”’»)"
# Trailing decoration after a sentence ("... Thank you! *****"): not part of its ending.
_DECORATION = "*=~_#-–—•· "
_QUOTES = "\"'“”„«»‘’‚‹›「『"
_PUNCT = ".,;:!?\"'()[]{}«»“”‘’—–-|/*•·"


#: Words that introduce a list of sources inside a sentence ("at", "like", "including").
_LIST_LEAD = _FUNC | frozenset(["including", "like", "such", "via", "visit", "see", "sites",
                                "websites", "outlets", "include", "includes", "and/or"])
_STRIP_PUNCT = operator.methodcaller("strip", _PUNCT)  # ``w.strip(_PUNCT)`` (C-level, in map)
_PARTY_STATE_RE = re.compile(r"[A-Z]-[A-Z][a-z]{1,5}")
_FIRST = operator.itemgetter(0)  # a word's first character (C-level, in map)


def _prev_token(text: str, at: int) -> str:
    """The lower-cased word that ends at ``at`` (a sentence mark), without opening brackets or
    quotes; "" when it is longer than 15 characters (a link, a glued string). The word may
    open a line ("\n\nMrs. ...")."""
    lo = max(0, at - 16)
    window = text[lo:at].split()
    if not window or (len(window) == 1 and lo > 0 and not text[lo].isspace()
                      and not text[lo - 1].isspace()):
        return ""
    word = window[-1].lstrip("(\"“‘'")
    if _PARTY_STATE_RE.fullmatch(word):
        return "."  # "Rep. Erik Paulsen, R-Minn. told ...": an abbreviation (callers skip ".")
    return word.lower()


def _to_sentence_end(words: list[str]) -> list[str]:
    """``words`` up to the first one that closes a sentence (ends with ".", "!" or "?"): the
    opening words of a capitalised candidate are judged within its own sentence (a short
    keyword sentence, "Ponders, canister, apollo, reorient.", is followed by prose)."""
    for k, w in enumerate(words):
        if w[-1] in ".!?":
            return words[:k + 1]
    return words


def _name_start(text: str, toks: list[tuple[int, int]], k: int) -> int:
    """Where prose resumes when it seems to resume at token ``k`` (a capitalised word): before
    the first word of the capitalised name that ``k`` continues ("Fossil outlet Hillary
    Clinton said": "Hillary", not "Clinton"), else ``k``. A word ending with punctuation ends
    a name; a sentence opener ("The", "He") starts prose even after a capitalised word."""
    while k > 0 and text[toks[k - 1][0]].isupper() and text[toks[k - 1][1] - 1] not in _PUNCT \
            and text[toks[k][0]:toks[k][1]] not in _OPENERS:
        k -= 1
    return k


def _combine(parts: dict[str, float]) -> float:
    """A segment's score: its strongest cue, raised by half of each further cue's weight."""
    vals = sorted(parts.values(), reverse=True)
    if not vals:
        return 0.0
    score = vals[0]
    for v in vals[1:]:
        score += (1.0 - score) * v * 0.5
    return min(1.0, score)


def _has_cue(cues: list[int], start: int, end: int) -> bool:
    i = bisect.bisect_left(cues, start)
    return i < len(cues) and cues[i] < end


@dataclass(slots=True)
class _Hit:
    start: int  # original offsets
    end: int
    category: str
    weight: float
    term: str
    obfuscated: bool


class _Seg:
    """One segment (a line, or a sentence of a long line) and what was found in it. (A plain
    slotted class: built ~20 times per document, a dataclass ``__init__`` cost twice as much.)"""

    __slots__ = (
        "end",
        "fancy",
        "foreign",
        "func",
        "hits",
        "index",
        "language",
        "line_x",
        "links",
        "parts",
        "prose",
        "score",
        "span",
        "start",
        "whole_line",
        "words",
    )

    def __init__(self, start: int, end: int, index: int, whole_line: bool = False) -> None:
        self.start = start
        self.end = end
        self.index = index
        self.whole_line = whole_line
        self.fancy = 0  # characters from fancy letter blocks / combining marks (disguised words)
        self.words = 0
        self.func = 0
        self.prose = False
        self.hits: list[_Hit] = []
        self.links: list[tuple[int, int, str]] = []
        self.foreign = False
        self.language = ""
        self.score = 0.0
        self.parts: dict[str, float] = {}
        self.span: tuple[int, int] | None = None
        self.line_x: list[float] | None = None  # structural line features (candidates only)


def _host(url: str) -> str:
    u = url.lower()
    if "://" in u:
        u = u.split("://", 1)[1]
    u = u.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].split(":", 1)[0]
    return u.removeprefix("www.")


def _spam_host(host: str) -> tuple[bool, bool]:
    """(known gambling domain or spam stem, spam-favoured TLD) for a lower-case host."""
    if not host:
        return False, False
    labels = host.split(".")
    known = lexicon.gambling_domains()
    for i in range(max(0, len(labels) - 3), len(labels) - 1):
        if ".".join(labels[i:]) in known:
            return True, False
    name = ".".join(labels[:-1])
    stem = bool(name) and bool(lexicon.domain_stems().find_matches_as_indexes(name))
    return stem, labels[-1] in lexicon.SPAM_TLDS


@dataclass(frozen=True)
class InjectedSpamDetector:
    """Finds injected spam segments in ``doc.text`` (see the module docstring).

    Tunable fields:
    - ``long_segment_chars``: lines longer than this are split into sentences (300: news
      paragraphs run 200-800 characters; shorter lines are headlines, captions, menus).
    - ``span_threshold``: a segment scoring at least this becomes a span (0.35).
    - ``prose_min_words``/``prose_min_func``: running English prose has at least 6 words and 15%
      function words (news prose runs 35-50%; keyword lines and menus run under 10%).
    - ``edge_segments``: how many segments at each end count as "top"/"bottom" (1: injected lines
      sit on the very first/last line; the second-to-last line is often a legitimate quote).
    - ``max_langdetect``: langdetect calls per document at most (8; each ~0.15 ms with
      langdetect-rs, several ms with pure-Python langdetect).
    - ``foreign_min_prob``: a segment is foreign when langdetect gives the document language
      less than ``1 - foreign_min_prob`` probability (0.8).
    - ``off_topic_overlap``: a prose sentence is off-topic when less than this share of its
      content words occurs elsewhere in the document (0.35).
    - ``bilingual_fraction``: when foreign segments make up at least this share of the text the
      document is bilingual and cue-less foreign segments are not spans (0.15; injected lines
      are typically 1-5% of an article).
    - ``line_model_weight``: cue weight of a line at the structural model's threshold (0.4; up
      to 0.7 at probability 1).
    - ``glued_runs``: look for keyword runs glued inside running-prose paragraphs (True): a
      sentence that starts with a lower-case word after a sentence end (not an abbreviation),
      or holds a " | " separator, is cut where prose resumes and scored by the structural line
      model at the same threshold as whole lines (code ``glued_segment``).
    - ``max_glued_candidates``: such candidates per document at most (16; linear on hostile
      input, a news article has 0-3).
    - ``glued_capital_starts``: sentence starts that are not lower case are glued candidates
      too (True) when their first eight words hold at most ``glued_max_func`` function words
      (1) and at most ``glued_max_common`` (0.5) of them are among the 5,000 most frequent
      news words (a brand or comment run glued before a sentence: "Hermes bags | Milano
      escort The council said"); sentences opening with a frequent function word are skipped.
    - ``glued_min_words``: a capitalised glued candidate needs this many words before the end
      of its line (4; was 5 before issue 3's fourth round: "Surest minn hokkaido dishonesty.").
    - ``glued_cut_min_func``: a glued run is only cut before a capitalised word when at least
      this share of the words after it are function words (0.15: prose resumes; an opener
      such as "In" inside a keyword list, "| In motioncoupon |", is not prose resuming).
    - ``glued_max_pairs``: a capitalised start whose first words are mostly frequent news
      words is still a candidate when at most this share of its word pairs occur in news prose
      (0.5; :func:`structure.pair_coverage`, issue 3's fourth round).
    - ``glued_cut_window``: words after a capitalised word that the function-word contrast
      looks at when cutting a glued run where prose resumes (16).
    - ``trim_spans``: narrow each flagged span to the injected text: whole prose sentences at
      its start or end are dropped, and its last sentence is cut where prose resumes (True).
    Glued runs are decided by the glued-run model (:func:`structure.glued_probability`,
    ``features/data/spam/glued_model.json``) at its own calibrated threshold; without that
    file, by the line model as before.
    - ``debug_lines``: put every scored candidate line's structural features in
      ``extras["line_vectors"]`` (False; used by benchmarks/spam/train_line_model.py).
    """

    name: str = "spam.injected.v1"
    feature_names: tuple[str, ...] = (
        "contaminated_fraction", "n_spans", "spans_per_kchar", "top_fraction", "bottom_fraction",
        "middle_fraction", "edge_repeat", "gambling_density", "pharma_density",
        "other_spam_density", "prose_keyword_density", "link_density", "spam_link_share",
        "domain_diversity", "foreign_fraction", "obfuscation_density", "stuffing_max",
        "max_segment_score", "glued_fraction", "line_model_max", "glued_model_max",
    )
    long_segment_chars: int = 300
    span_threshold: float = 0.35
    prose_min_words: int = 6
    prose_min_func: float = 0.15
    edge_segments: int = 1
    max_langdetect: int = 8
    foreign_min_prob: float = 0.8
    bilingual_fraction: float = 0.15
    off_topic_overlap: float = 0.35
    line_model_weight: float = 0.4
    glued_runs: bool = True
    max_glued_candidates: int = 16
    glued_capital_starts: bool = True
    glued_max_func: int = 1
    glued_max_common: float = 0.5
    glued_cut_window: int = 16
    glued_min_words: int = 4
    glued_cut_min_func: float = 0.15
    glued_max_pairs: float = 0.5
    trim_spans: bool = True
    debug_lines: bool = False

    # ------------------------------------------------------------------------------------------
    def __call__(self, doc: Document) -> DetectorResult:
        s: _Seg  # (typed for the compiled build: C field access; no effect in plain Python)
        first: _Seg
        last: _Seg
        text = doc.text or ""
        n = len(text)
        if not text or text.isspace():  # (the test of ``not text.strip()``, without a copy)
            return DetectorResult(self.name, {f: 0.0 for f in self.feature_names}, (), 0.0)
        doc_lang = (doc.language or "und").split("-")[0].lower()
        folded = fold(text)
        hits = self._hits(text, folded)
        low = folded.base if folded.offsets is None and len(folded.base) == n else None
        links = self._links(text, low)
        fancy = [m.start() for m in FANCY_CHARS_RE.finditer(text)] if folded.fancy else []
        cues = sorted([h.start for h in hits] + [a for a, _, _ in links] + fancy)
        segs = self._segments(text, cues)
        self._assign(segs, hits, links)
        links_total = 0  # (loops, not generator expressions: a compiled generator costs more)
        for s in segs:
            links_total += len(s.links)
        content = segs  # segments are non-blank by construction
        edge_ids = {s.index for s in content[: self.edge_segments]} | \
                   {s.index for s in content[-self.edge_segments:]} if content else set()
        budget = [self.max_langdetect]
        vocab = lexicon.en_vocab()
        cat_counts: dict[str, int] = {}
        for h in hits:
            cat_counts[h.category] = cat_counts.get(h.category, 0) + 1
        # Hits per distinct segment text: a payload repeated verbatim (top and bottom) must not
        # count as the document "being about" the topic.
        same_text: dict[str, dict[str, int]] = {}
        for sg in segs:
            if sg.hits:
                counts = same_text.setdefault(text[sg.start:sg.end], {})
                for h in sg.hits:
                    counts[h.category] = counts.get(h.category, 0) + 1
        doc_words = _DocWords(text, folded.base if folded.lower_text else None)
        spam_links = 0
        hosts: set[str] = set()
        low_text = low if low is not None else text.lower()
        if len(low_text) != n:
            low_text = text
        if fancy:
            for s in segs:
                i = bisect.bisect_left(fancy, s.start)
                s.fancy = bisect.bisect_left(fancy, s.end) - i
        english = doc_lang in ("en", "und")
        pending: list[tuple[_Seg, str, str, list[str], bool]] = []
        for s in segs:
            if english and not s.hits and not s.links and not s.fancy \
                    and s.end - s.start >= 120:
                # Fast path for plain English paragraphs (most of a news article): six very
                # frequent function words make up ~20% of English prose tokens and under 5% of
                # other languages' (the full test is ``prose_min_func`` over all of them).
                # (Counted in place, most frequent word first, stopping once enough are found:
                # the same decision as summing all six.)
                spaces = _prose_words_loop(low_text, s.start, s.end) if _COMPILED \
                    else _prose_words(low_text, s.start, s.end)
                if spaces:
                    s.prose = True
                    s.words = spaces
                    continue
            seg_text = text[s.start:s.end]
            self._score(s, seg_text, low_text[s.start:s.end], doc_lang,
                        s.index in edge_ids, budget, vocab, cat_counts, doc_words,
                        same_text.get(seg_text, {}) if same_text else {}, pending)
            for _, _, url in s.links:
                host = _host(url)
                hosts.add(host)
                if _spam_host(host)[0]:
                    spam_links += 1
        # A bilingual document: foreign segments without any spam cue are part of the article
        # (and the line model leaves its foreign lines alone).
        foreign_chars = 0
        for s in segs:
            if s.foreign:
                foreign_chars += s.end - s.start
        bilingual = foreign_chars >= self.bilingual_fraction * n
        line_max = self._line_model(segs, pending, vocab, doc_words, bilingual)
        if bilingual:
            for s in segs:
                if s.foreign and not s.hits and not s.links:
                    s.parts["foreign_language_segment"] = min(
                        s.parts.get("foreign_language_segment", 0.0), 0.25)
                    s.score = _combine(s.parts)
        glued_max = 0.0
        glued_vectors: list[tuple[int, int, list[float]]] = []
        glued_model_vectors: list[tuple[int, int, list[float]]] = []
        if english and self.glued_runs and len(segs) >= 2:
            glued_top = [0.0]
            line_max = max(line_max, self._glued(segs, text, low_text, vocab, doc_words,
                                                 glued_vectors, glued_model_vectors, glued_top))
            glued_max = glued_top[0]
        # The same spam line at the top and at the bottom (a classic of hacked templates).
        edge_repeat = 0.0
        flagged = [s for s in segs if s.score >= self.span_threshold]
        if len(content) >= 3:
            first, last = content[0], content[-1]
            same = first.index != last.index \
                and text[first.start:first.end].strip() == text[last.start:last.end].strip()
            if same and first.score >= self.span_threshold:
                edge_repeat = 1.0
                for s in (first, last):
                    s.parts["repeated_edge_segment"] = 0.3
                    s.score = min(1.0, s.score + 0.3)
            elif same and english and first.whole_line and last.whole_line \
                    and text[first.end - 1] not in _SENT_END_CHARS \
                    and first.words >= 3 and self._edge_line_not_furniture(
                        first, low_text, doc_words):
                # The same line of three or more words, not ending like a sentence, opens and
                # closes the article (seed 004's shape) with no other cue: templates repeat
                # furniture ("AD", "Image copyright ..."), which the vocabulary test leaves
                # out; an article does not repeat its own first line at its end.
                edge_repeat = 1.0
                for s in (first, last):
                    s.parts["repeated_edge_segment"] = 0.45
                    s.score = _combine(s.parts)
                flagged = [s for s in segs if s.score >= self.span_threshold]
        evidence: list[Evidence] = []
        covered = 0
        pos = {"top": 0, "bottom": 0, "middle": 0}
        keep = 1.0
        glued_chars = 0
        for s in flagged:
            start, end = s.span or (s.start, s.end)
            if english and self.trim_spans:
                start, end = self._trim(s, text, low_text, start, end)
            covered += end - start
            if "glued_segment" in s.parts:
                glued_chars += end - start
            keep *= 1.0 - min(0.99, s.score)
            where = "top" if s.index in edge_ids and start < n / 2 else (
                "bottom" if s.index in edge_ids else "middle")
            pos[where] += 1
            for code, w in sorted(s.parts.items(), key=lambda kv: -kv[1]):
                if w <= 0:
                    continue
                evidence.append(Evidence(code, self._message(code, s, text), Span(start, end),
                                         round(min(1.0, w), 4)))
        nspans = len(flagged)
        kchar = max(n, 1) / 1000.0
        dens = {"gambling": 0.0, "pharma": 0.0, "other": 0.0, "prose": 0.0}
        # (The highest segment score and keyword-stuffing weight in the same loop, as ``max``
        # picks them: a later value replaces the kept one only when it is greater.)
        top_score = stuffing = None
        for s in segs:
            for h in s.hits:
                key = "prose" if s.prose else (
                    h.category if h.category in ("gambling", "pharma") else "other")
                dens[key] += h.weight
            v = s.score
            if top_score is None or v > top_score:
                top_score = v
            v = s.parts.get("keyword_stuffing", 0.0)
            if stuffing is None or v > stuffing:
                stuffing = v
        if stuffing is None:
            stuffing = 0.0
        if top_score is None:
            top_score = 0.0
        obf = folded.obfuscations
        features = {
            "contaminated_fraction": min(1.0, covered / max(n, 1)),
            "n_spans": float(nspans),
            "spans_per_kchar": nspans / kchar,
            "top_fraction": pos["top"] / nspans if nspans else 0.0,
            "bottom_fraction": pos["bottom"] / nspans if nspans else 0.0,
            "middle_fraction": pos["middle"] / nspans if nspans else 0.0,
            "edge_repeat": edge_repeat,
            "gambling_density": dens["gambling"] / kchar,
            "pharma_density": dens["pharma"] / kchar,
            "other_spam_density": dens["other"] / kchar,
            "prose_keyword_density": dens["prose"] / kchar,
            "link_density": links_total / kchar,
            "spam_link_share": spam_links / links_total if links_total else 0.0,
            "domain_diversity": len(hosts) / links_total if links_total else 0.0,
            "foreign_fraction": foreign_chars / max(n, 1),
            "obfuscation_density": obf / kchar,
            "stuffing_max": stuffing,
            "max_segment_score": top_score,
            "glued_fraction": min(1.0, glued_chars / max(n, 1)),
            "line_model_max": line_max,
            "glued_model_max": glued_max,
        }
        features = {k: (float(v) if math.isfinite(v) else 0.0) for k, v in features.items()}
        # No span, no score: sub-threshold cues (a bare reference list, a repeated word) stay
        # visible to the classifier through max_segment_score but do not raise the signal.
        score = round(min(1.0, max(0.0, 1.0 - keep)), 4) if flagged else 0.0
        extras = {"segments_flagged": nspans, "langdetect_calls": self.max_langdetect - budget[0]}
        if self.debug_lines:
            extras["line_vectors"] = [(s.start, s.end, s.line_x) for s in segs if s.line_x] \
                + glued_vectors
            extras["glued_vectors"] = glued_model_vectors
        return DetectorResult(self.name, features, tuple(evidence), score, extras)

    # -- steps ---------------------------------------------------------------------------------
    @staticmethod
    def _hits(text: str, folded: Folded) -> list[_Hit]:
        kw = lexicon.keywords()
        base, leet = folded.base, folded.leet
        out: list[_Hit] = []
        nb = len(base)
        for idx, fs, fe in lexicon.find(kw, leet, folded.chars, folded.leet_utf8):
            if kw.bounded[idx]:
                if fs > 0 and base[fs - 1].isalpha():
                    continue
                if fe < nb and base[fe].isalpha():
                    continue
            seg = base[fs:fe]
            if not any(c.isalpha() for c in seg):
                continue
            os_, oe = folded.orig_span(fs, fe)
            raw = text[os_:oe]
            obfuscated = raw.lower() != seg or (seg != leet[fs:fe] and seg.isalnum()
                                                 and not seg[-1].isdigit())
            out.append(_Hit(os_, oe, kw.categories[idx], kw.weights[idx], kw.terms[idx],
                            obfuscated))
        return out

    def _segments(self, text: str, cues: list[int]) -> list[_Seg]:
        """Non-blank lines, stripped; long lines holding a keyword or link cue are split into
        sentences (so a glued phrase or a spam sentence inside a paragraph is its own segment)."""
        out: list[_Seg] = []
        add = out.append
        long_chars = self.long_segment_chars
        # Each match is one non-blank line of ``text.split("\n")`` without its leading and
        # trailing whitespace (``\s`` is ``str.isspace``, what ``str.strip`` removes).
        spans = _line_spans_loop(text) if _COMPILED else (m.span() for m in
                                                          _LINE_RE.finditer(text))
        for s, e in spans:
            if e - s <= long_chars or not _has_cue(cues, s, e):
                add(_Seg(s, e, len(out), True))
                continue
            pos = s
            for sm in _SENT_SPLIT_RE.finditer(text, s, e):
                if sm.start() > pos:
                    add(_Seg(pos, sm.start(), len(out)))
                pos = sm.end()
            if pos < e:
                add(_Seg(pos, e, len(out)))
        return out

    @staticmethod
    def _links(text: str, low: str | None) -> list[tuple[int, int, str]]:
        """URLs and bare domains with their original offsets, in text order.

        ``low`` is the lower-cased text when it has the same offsets (faster TLD search)."""
        links: list[tuple[int, int, str]] = []
        # (Each substring test is a pass over the text: the lower-cased text holds "http" or
        # "www." whenever the text holds one of the four, so two tests rule out most articles.)
        if (low is None or "http" in low or "www." in low) and (
                "http" in text or "www." in text or "HTTP" in text or "WWW." in text):
            links = [(m.start(), m.end(), m.group().rstrip(_PUNCT)) for m in
                     _URL_RE.finditer(text)]
        if "." not in text:
            return links
        # URL matches are sorted and disjoint: bisect them. Bare domains are added in the order
        # of their TLD, each starting before the next TLD, so the furthest end seen so far tells
        # whether a TLD lies inside one of them (no scan of all earlier links: linear overall).
        url_starts = [a for a, _, _ in links]
        url_ends = [b for _, b, _ in links]
        bare_end = 0
        finder = _TLD_RUN_LOW_RE.finditer(low) if low is not None else _TLD_RUN_RE.finditer(text)
        for m in finder:
            if m.group(1).lower() not in _TLDS:
                continue
            i = bisect.bisect_right(url_starts, m.start()) - 1
            if (i >= 0 and m.start() < url_ends[i]) or m.start() < bare_end:
                continue
            tld = m.start()
            start = tld
            floor = max(0, tld - 253)  # a host name is at most 253 characters
            while start > floor and text[start - 1] in _HOST_CHARS:
                start -= 1
            host = text[start:tld].strip(".-")
            start = tld - len(host)
            first = host.rsplit(".", 1)[-1]
            if len(first) < 2 or not any(c.isalpha() for c in first):
                continue  # "U.S", "No.1"
            if start > 0 and text[start - 1] in "@_":
                continue  # e-mail address
            pm = _PATH_RE.match(text, m.end())
            end = pm.end() if pm else m.end()
            links.append((start, end, text[start:end].rstrip(_PUNCT)))
            bare_end = max(bare_end, end)
        links.sort()
        return links

    @staticmethod
    def _assign(segs: list[_Seg], hits: list[_Hit], links: list[tuple[int, int, str]]) -> None:
        """Attach keyword hits and links to their segments (all lists are in text order)."""
        seg: _Seg  # (typed for the compiled build)
        j = k = 0
        for seg in segs:
            while j < len(hits) and hits[j].start < seg.start:
                j += 1
            while j < len(hits) and hits[j].start < seg.end:
                seg.hits.append(hits[j])
                j += 1
            while k < len(links) and links[k][0] < seg.start:
                k += 1
            while k < len(links) and links[k][0] < seg.end:
                seg.links.append(links[k])
                k += 1

    def _score(self, s: _Seg, seg: str, low: str, doc_lang: str, edge: bool,
               budget: list[int], vocab: frozenset[str], cat_counts: dict[str, int],
               doc_words: _DocWords, own_counts: dict[str, int],
               pending: list[tuple[_Seg, str, str, list[str], bool]]) -> None:
        words = low.split()
        s.words = len(words)
        s.func = sum(map(_FUNC_PROSE.__contains__, words))
        english_doc = doc_lang in ("en", "und")
        if english_doc:
            s.prose = s.words >= self.prose_min_words and s.func / s.words >= self.prose_min_func
        else:
            # No function-word list for other languages: a sentence that ends like one and is
            # long enough counts as prose (CJK/Thai have no spaces: count characters).
            s.prose = seg[-1:] in _SENT_END_CHARS and (s.words >= 8 or len(seg) >= 40)
        if s.prose and not s.hits and not s.links:
            # Running prose in the document's language without any cue. A whole line that
            # passes the function-word test but does not end like a sentence (a headline, or
            # comment-spam phrases such as "go here to view, issues with your site") is still
            # scored by the structural line model.
            if s.whole_line and english_doc and s.words <= 60 \
                    and seg.rstrip(_DECORATION)[-1:] not in _SENT_END_CHARS:
                pending.append((s, seg, low, words, edge))
            return
        parts = s.parts
        link_chars = sum(b - a for a, b, _ in s.links)
        # -- foreign language ---------------------------------------------------------------
        if not s.prose and s.words >= 1 and doc_lang != "und":
            self._language(s, seg, low, words, doc_lang, budget, vocab)
        # -- keywords -------------------------------------------------------------------------
        if s.hits:
            by_cat: dict[str, float] = {}
            strong = 0.0
            for h in s.hits:
                by_cat[h.category] = by_cat.get(h.category, 0.0) + h.weight
                strong = max(strong, h.weight)
            # Topic support: the same category also occurs outside this segment.
            support = {c: cat_counts.get(c, 0) - own_counts.get(c, 0) for c in by_cat}
            # A whole line with only weak terms that passes the function-word test but does not
            # end like a sentence ("Barbour | escort in Milano | escort of Roma") is a keyword
            # line, not running prose that mentions a topic.
            kw_prose = s.prose and not (
                english_doc and s.whole_line and strong < 1.0
                and seg.rstrip(_DECORATION)[-1:] not in _SENT_END_CHARS)
            for cat, w in by_cat.items():
                code = lexicon.CATEGORY_CODES.get(cat, f"{cat}_keywords")
                if kw_prose:
                    # A spam phrase glued into a prose sentence (brings its own foreign words).
                    distinct = len({h.term for h in s.hits if h.category == cat})
                    # Weak terms (drug names, topic words) only count when the rest of the
                    # document never mentions the topic: a story about opioids lists drugs.
                    # A disguised term (letter-spaced, homoglyphs, l33t) or disguised letters
                    # next to it (maths-bold, full-width) are never an article's topic words.
                    disguised = s.fancy >= 3 or any(h.obfuscated for h in s.hits
                                                    if h.category == cat)
                    run = self._glued_run(s, seg, vocab) if english_doc and (
                        strong >= 1.0 or disguised or (
                            distinct >= 2 and w >= 0.6 and support[cat] == 0)) else None
                    if run is not None:
                        s.span = run
                        parts[code] = max(parts.get(code, 0.0), 0.75)
                        continue
                    # A whole spam sentence in prose form ("order X and Y from our pharmacy"):
                    # several terms of a topic the rest of the document never mentions.
                    dense = w >= 1.5 or w / s.words >= 0.25 or (distinct >= 2 and w >= 0.6)
                    if support[cat] == 0 and dense and s.words <= 40 \
                            and doc_words.overlap(s.start, s.end, low, doc_words.copies(seg)
                                                  ) < self.off_topic_overlap:
                        parts[code] = max(parts.get(code, 0.0), 0.5 + (0.1 if edge else 0.0))
                        parts["off_topic_segment"] = 0.2
                        last = max(h.end for h in s.hits)
                        m = _GLUE_END_RE.search(seg, last - s.start)
                        if m:  # payload glued before the next sentence without punctuation
                            s.span = (s.start, s.start + m.start())
                    continue  # otherwise: topic words in running prose (an article about it)
                val = min(1.0, w)
                if strong < 1.0 and support[cat] >= 2:
                    val *= 0.5  # the article itself is about this topic (headline, list)
                obf = any(h.obfuscated for h in s.hits)
                if s.words > 0 and len(s.hits) / s.words < 0.15 and strong < 1.0 and not obf:
                    val *= 0.5  # one topic word in a long non-prose line (caption, menu)
                parts[code] = max(parts.get(code, 0.0), val)
            if any(h.obfuscated for h in s.hits):
                parts["obfuscated_text"] = 0.4 if (s.prose is False or strong >= 1.0) else 0.0
        # -- links --------------------------------------------------------------------------
        if s.links:
            nonlink_words = max(0, s.words - len(s.links))
            spam = 0
            tlds = 0
            known = 0
            ads = 0
            for _, _, url in s.links:
                host = _host(url)
                stem, tld = _spam_host(host)
                spam += stem
                tlds += tld and not stem
                known += stem and host in lexicon.gambling_domains()
                ads += not stem and lexicon.ad_host(host)
            link_dominant = link_chars >= 0.5 * len(seg.strip()) or nonlink_words <= 2 * len(
                s.links)
            # A run of three or more links inside running prose (a paragraph, not a line of
            # its own): reference lists stand on their own lines, an injected list of links is
            # glued into a paragraph.
            in_prose = s.prose or not s.whole_line
            run = self._link_list_run(s, seg) if in_prose and len(s.links) >= 3 else None
            if spam and s.prose and len(s.links) == 1 and not known:
                # One link whose name merely contains a stem ("electionbettingodds.com") cited
                # in running prose: a source, not an injection.
                parts["spam_link"] = 0.3
            elif spam:
                parts["spam_link"] = min(1.0, 0.55 + 0.15 * spam)
            if (link_dominant or run is not None) and len(s.links) >= 3:
                # Bare URL lists (reference lists) stay under the span threshold on their own;
                # spam domains, spam-favoured TLDs, advertising/tracking hosts (most links) or
                # a run glued inside prose lift them.
                parts["link_list"] = 0.3 + (0.5 if spam else 0.0) + (
                    0.2 if tlds >= 0.5 * len(s.links) else 0.0) + (
                    0.3 if not spam and ads >= 0.5 * len(s.links) else 0.0) + (
                    0.15 if run is not None else 0.0)
            if s.prose and ("spam_link" in parts or "link_list" in parts) \
                    and parts.get("spam_link", 0.0) + parts.get("link_list", 0.0) >= 0.5:
                s.span = self._link_run(s, seg, vocab)
                if run is not None and not spam:
                    s.span = (min(s.span[0], run[0]), max(min(s.span[1], run[1]), run[1]))
        # -- foreign-language segment ----------------------------------------------------------
        if s.foreign:
            cue = 0.0
            if s.hits:
                # Spam terms in a foreign line; a lone weak term (an ordinary Indonesian word
                # that gambling comments overuse) in a quoted foreign sentence counts little.
                top = max(h.weight for h in s.hits)
                cue += 0.4 if top >= 0.6 or sum(h.weight for h in s.hits) >= 1.2 else 0.1
            if _BRAND_RE.search(seg) or _EMOJI_RE.search(seg):
                # Gambling promos name a brand ("ALEXIS17", "BET77") and decorate with emoji;
                # a foreign quote or caption in a news story rarely does either.
                cue += 0.2
            if seg[:1] in _QUOTES:
                cue = min(cue, 0.1)  # a quoted foreign sentence is part of the story
                edge = False
            if edge:
                cue += 0.15
            parts["foreign_language_segment"] = min(1.0, 0.25 + cue)
        # -- disguised letters ("𝐊𝐔𝐒𝐔𝐌𝐀", "ＳＬＯＴ", "A̲M̲B̲") -------------------------------------
        if s.fancy >= 3:
            # News prose does not write words in maths-bold or full-width letters; embedded
            # social posts sometimes do, hence only 0.3 in prose.
            parts["obfuscated_text"] = max(parts.get("obfuscated_text", 0.0),
                                           0.3 if s.prose else 0.45)
        # -- orphan keyword line -----------------------------------------------------------------
        if s.whole_line and not s.prose and not s.foreign and not parts and 3 <= s.words <= 40 \
                and doc_lang in ("en", "und"):
            orphan = self._orphan_line(s, seg, low, words, doc_words)
            if orphan:
                parts["off_topic_segment"] = orphan + (0.15 if edge else 0.0)
        # -- structural line model (scored after all segments: it looks at the neighbours) -----
        if s.whole_line and english_doc and 2 <= s.words <= 60 and (
                not s.prose or seg.rstrip(_DECORATION)[-1:] not in _SENT_END_CHARS):
            pending.append((s, seg, low, words, edge))
        # -- keyword stuffing ------------------------------------------------------------------
        if s.words >= 6 and not s.prose:
            counts: dict[str, int] = {}
            for raw in words:
                tok = raw.strip(_PUNCT)
                if len(tok) >= 3 and tok not in _FUNC:
                    counts[tok] = counts.get(tok, 0) + 1
            most = max(counts.values(), default=0)
            variety = len(counts) / s.words
            if most >= 3 and (most / s.words >= 0.25 or variety < 0.5):
                parts["keyword_stuffing"] = 0.3 + (0.3 if s.hits else 0.0)
        s.score = _combine(parts)

    def _line_model(self, segs: list[_Seg], pending: list[tuple[_Seg, str, str, list[str], bool]],
                    vocab: frozenset[str], doc_words: _DocWords, bilingual: bool) -> float:
        """Score the candidate whole lines with the structural line model; returns the highest
        probability (lines under the threshold are scored with topic overlap 0, the most
        spam-like value: an upper bound)."""
        s: _Seg  # (typed for the compiled build)
        if not pending:
            return 0.0
        thr = structure.threshold()
        top = 0.0
        last = len(segs) - 1
        for s, seg, low, words, edge in pending:
            if s.foreign and (bilingual or seg[:1] in _QUOTES or (
                    s.words < 5 and seg.count(",") + seg.count("|") < 2)):
                # A foreign line is a candidate only when it is long or a list: a short chant
                # or quoted phrase in another language ("Vamos a seguir luchando") is part of a
                # story.
                continue
            i = s.index
            between = 0 < i < last and segs[i - 1].prose and segs[i + 1].prose
            x = structure.line_features(seg, low, words, s.func, vocab, 0.0, edge,
                                        len(s.links), _FUNC, _FURNITURE, between)
            p = structure.probability(x)
            # The topic overlap needs the document's word bag (the costliest part): skip it
            # when even a zero overlap (the most spam-like value) could not reach the threshold.
            if p >= thr or self.debug_lines:
                x[structure.OVERLAP_INDEX] = doc_words.overlap(s.start, s.end, low,
                                                               doc_words.copies(seg))
                p = structure.probability(x)
                s.line_x = x
            top = max(top, p)
            if p >= thr:
                s.parts["structural_spam_line"] = min(
                    0.75, self.line_model_weight + 0.3 * (p - thr) / max(1e-6, 1.0 - thr))
                s.score = _combine(s.parts)
        return top

    def _glued(self, segs: list[_Seg], text: str, low_text: str, vocab: frozenset[str],
               doc_words: _DocWords, debug: list[tuple[int, int, list[float]]],
               debug_glued: list[tuple[int, int, list[float]]],
               glued_top: list[float]) -> float:
        """Keyword runs glued inside running prose, without any lexicon cue.

        Candidates: a lower-case word after a sentence end that is not an abbreviation, and
        the sentence around a " | " separator. The run goes from the candidate to where prose
        resumes: the capitalised word after which function words come back most sharply (or
        the end of the sentence). The run is scored as a line by the structural model."""
        s: _Seg  # (typed for the compiled build)
        cands: list[int] = []
        heads = None
        if _COMPILED:
            # (One pass over the characters finds both kinds of candidates.)
            heads, lower = _cap_heads_loop(text, low_text, self.glued_min_words,
                                           self.glued_max_func, _FUNC_PROSE)
        else:
            lower = _lower_starts(text)
        for at, c in lower:
            if at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "%"):
                continue  # '..." he said', "(D-Calif.) said"
            tok = _prev_token(text, at)
            if not tok or "." in tok or (tok in _ABBREV and text[at] == ".") or len(tok) == 1:
                continue  # ("No. 2" is an abbreviation, "no? cheap ..." is not)
            if text.startswith(("http", "pic.", "www."), c):
                continue  # a bare link after a sentence: the link cues judge it
            cands.append(c)
            if len(cands) >= self.max_glued_candidates:
                break
        starts = [s.start for s in segs]
        if self.glued_capital_starts and len(cands) < self.max_glued_candidates:
            self._capital_starts(segs, text, low_text, cands, starts, heads)
        if "|" in text and " | " in text and len(cands) < self.max_glued_candidates:
            pos = text.find(" | ")
            while pos >= 0 and len(cands) < self.max_glued_candidates:
                a = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos))
                cands.append(a + 1)  # the sentence (or line) that holds the separator
                nl = text.find("\n", pos)
                pos = text.find(" | ", nl) if nl >= 0 else -1
        # A sentence of a split paragraph that holds a keyword but was not flagged (whatever
        # the case of its first letter: "Napoli escort outlet ... The campaign said").
        for s in segs:
            if not s.whole_line and s.hits and s.score < self.span_threshold \
                    and len(cands) < self.max_glued_candidates:
                cands.append(s.start)
        if not cands:
            return 0.0
        top = 0.0
        thr = structure.threshold()
        gm = structure.glued_model()
        gthr = gm[4] if gm is not None else None
        common = lexicon.en_common() if gm is not None or self.debug_lines else frozenset()
        done: set[int] = set()
        for c in sorted(set(cands)):
            i = bisect.bisect_right(starts, c) - 1
            if i < 0:
                continue
            s = segs[i]
            while c < s.end and text[c].isspace():
                c += 1
            # (A long line with a keyword cue is split into sentences, so a candidate may open
            # its own segment; a whole line never starts at a candidate.)
            # (Running prose only; but a sentence of a split paragraph may be a keyword run
            # glued before the next sentence, "Canada Goose jacket | ... escort Monday.")
            if s.index in done or c < s.start or (c == s.start and s.whole_line) \
                    or c >= s.end or (not s.prose and s.whole_line) \
                    or s.score >= self.span_threshold or s.span is not None:
                continue
            # The tokens up to the first one that closes a sentence (80 at most): the end of
            # that token is found by one C-level search, the tokens by one pass up to it (the
            # same tokens as a token-by-token scan that stops there).
            lim = min(s.end, c + 800)
            em = _TOKEN_CLOSE_RE.search(text, c, lim)
            toks = [tm.span() for tm in _TOKEN_RE.finditer(text, c, em.end() if em else lim)]
            if len(toks) > 80:
                del toks[80:]
            nt = len(toks)
            best_k, best_c = nt, 0.15
            # Function-word counts of the windows after and before each capitalised word,
            # from prefix sums (the same integers as summing each window's flags).
            caps = [k for k in range(2, nt) if text[toks[k][0]].isupper()]
            if caps:
                prefix = list(accumulate(map(_FUNC.__contains__, map(
                    _STRIP_PUNCT, [low_text[a_:b_] for a_, b_ in toks])), initial=0))
                window = self.glued_cut_window
                min_func = self.glued_cut_min_func
                for k in caps:
                    # Prose does not resume inside letter-spaced characters ("P U L A U W I N").
                    if toks[k][1] - toks[k][0] == 1 and k + 1 < nt \
                            and toks[k + 1][1] - toks[k + 1][0] == 1:
                        continue
                    hi = min(nt, k + window)
                    lo = max(0, k - 8)
                    after = (prefix[hi] - prefix[k]) / (hi - k)
                    if after < min_func:
                        continue
                    contrast = after - (prefix[k] - prefix[lo]) \
                        / (k - lo) + (0.2 if text[toks[k][0]:toks[k][1]] in _OPENERS else 0.0)
                    if contrast > best_c:
                        best_k, best_c = k, contrast
            if best_k < nt:
                # Nor inside a capitalised name ("Hillary Clinton said ..."): a cut after a
                # capitalised word goes back before the name's first word; a run cut that way
                # before its third word is not cut at all ("best Tommy Hilfiger outlet ...").
                k = _name_start(text, toks, best_k)
                best_k = k if k >= 3 else nt
            if best_k < 3:
                continue
            a, b = toks[0][0], toks[best_k - 1][1]
            while b > a and text[b - 1] in _PUNCT:
                b -= 1
            if b <= a:
                continue
            run, low = text[a:b], low_text[a:b]
            rw = low.split()
            if len(rw) < 3:
                continue
            func = sum(map(_FUNC_PROSE.__contains__, rw))
            if "|" not in run and (func >= 0.35 * len(rw) or (
                    best_k == len(toks) and func >= 0.25 * len(rw) and "," not in run)):
                continue  # plain prose ("iPhone users can buy tickets in the app ...")
            nl = sum(1 for la, _, _ in s.links if a <= la < b)
            x = structure.line_features(run, low, rw, func, vocab, 0.0, False, nl, _FUNC,
                                        _FURNITURE, True)
            p = structure.probability(x)
            if gthr is not None or self.debug_lines:
                # The glued-run model decides (the line model's probability still feeds
                # line_model_max); both are first computed with topic overlap 0, their most
                # spam-like value, and the overlap only when one of them could pass.
                xg = x + structure.glued_extra(run, rw, common, 0.0 if best_k == len(toks)
                                               else best_c, best_k == len(toks))
                pg = structure.glued_probability(xg)
                if (gthr is not None and pg >= gthr) or p >= thr or self.debug_lines:
                    ov = doc_words.overlap(a, b, low, 1)
                    x[structure.OVERLAP_INDEX] = ov
                    xg[structure.OVERLAP_INDEX] = ov
                    p = structure.probability(x)
                    pg = structure.glued_probability(xg)
                    debug.append((a, b, x))
                    if self.debug_lines:
                        debug_glued.append((a, b, xg))
            elif p >= thr:
                x[structure.OVERLAP_INDEX] = doc_words.overlap(a, b, low, 1)
                p = structure.probability(x)
            top = max(top, p)
            if gthr is not None:
                glued_top[0] = max(glued_top[0], pg)
                passed, margin = pg >= gthr, (pg - gthr) / max(1e-6, 1.0 - gthr)
            else:
                passed, margin = p >= thr, (p - thr) / max(1e-6, 1.0 - thr)
            if passed:
                done.add(s.index)
                s.span = (a, b)
                s.parts["glued_segment"] = min(0.75, self.line_model_weight + 0.3 * margin)
                s.score = _combine(s.parts)
        return top

    def _trim(self, s: _Seg, text: str, low_text: str, a: int, b: int) -> tuple[int, int]:
        """Narrow a flagged span to the injected text: drop whole sentences of running prose
        (six or more words, a fifth of them function words, no keyword, link or disguised
        letter) at its start and end, and cut the last sentence where prose resumes after a
        payload glued to it without punctuation (a capitalised word after which function words
        come back sharply: "... cheap sale deals Officials said the vote ...")."""
        pieces: list[tuple[int, int]] = []
        pos = a
        for m in _SENT_SPLIT_RE.finditer(text, a, b):
            if m.start() > pos:
                pieces.append((pos, m.start()))
            pos = m.end()
        if pos < b:
            pieces.append((pos, b))
        if not pieces:
            return a, b
        cues = [h.start for h in s.hits] + [la for la, _, _ in s.links]

        def plain(pa: int, pb: int) -> bool:
            words = low_text[pa:pb].split()
            if len(words) < 6 or any(pa <= c < pb for c in cues) or not text[pa:pb].isascii():
                return False
            func = sum(1 for w in words if w.strip(_PUNCT) in _FUNC_PROSE)
            return func >= 0.2 * len(words)

        while len(pieces) > 1 and plain(*pieces[0]):
            pieces.pop(0)
        while len(pieces) > 1 and plain(*pieces[-1]):
            pieces.pop()
        a, b = pieces[0][0], pieces[-1][1]
        # Prose resuming inside the last piece.
        pa, pb = pieces[-1]
        toks = [(m.start(), m.end()) for m in _TOKEN_RE.finditer(text, pa, pb)]
        if len(toks) >= 6:
            isf = [low_text[x:y].strip(_PUNCT) in _FUNC_PROSE for x, y in toks]
            best_k, best_c = 0, 0.15
            for k in range(2, len(toks) - 3):
                if not text[toks[k][0]].isupper():
                    continue
                if toks[k][1] - toks[k][0] == 1 and toks[k + 1][1] - toks[k + 1][0] == 1:
                    continue  # letter-spaced characters ("P U L A U W I N"), as in _glued
                rest = isf[k:k + 16]
                share = sum(rest) / len(rest)
                if share < 0.15:
                    continue
                prv = isf[max(0, k - 8):k]
                contrast = share - sum(prv) / len(prv) + (
                    0.2 if text[toks[k][0]:toks[k][1]] in _OPENERS else 0.0)
                if contrast > best_c:
                    best_k, best_c = k, contrast
            if best_k:
                best_k = _name_start(text, toks, best_k)  # (as in _glued)
                if best_k < 2:
                    best_k = 0
            if best_k and not any(toks[best_k][0] <= c < pb for c in cues):
                b = toks[best_k - 1][1]
        while b > a and text[b - 1] in _PUNCT and text[b - 1] not in ".!?":
            b -= 1
        return (a, b) if b > a else (pieces[0][0], pieces[-1][1])

    def _capital_starts(self, segs: list[_Seg], text: str, low_text: str,
                        cands: list[int], starts: list[int] | None = None,
                        heads: list[tuple[int, int, list[str]]] | None = None) -> None:
        """Sentence starts that are not lower case (a capitalised brand, a digit, an emoji)
        inside a running-prose paragraph, whose first eight words hold at most
        ``glued_max_func`` function words: news sentences almost never open with eight words
        without "the", "of", "to", "said"..., keyword runs glued before a sentence do. Appended
        to ``cands`` (word start offsets). ``starts``: the segments' start offsets (the
        caller's list, else built here); ``heads``: :func:`_cap_heads` of the text (else found
        here)."""
        s: _Seg  # (typed for the compiled build)
        limit = self.max_glued_candidates
        if starts is None:
            starts = [s.start for s in segs]
        func_words = _FUNC_PROSE
        max_func = self.glued_max_func
        min_words = self.glued_min_words
        max_common = self.glued_max_common
        max_pairs = self.glued_max_pairs
        threshold = self.span_threshold
        is_common = lexicon.en_common().__contains__
        # (Every test below only skips a match, none has a side effect: their order does not
        # change which matches become candidates, so the cheap and selective ones come first
        # and the word-pair lookup, the dearest, last.)
        if heads is None:
            heads = _cap_heads_loop(text, low_text, min_words, max_func, func_words)[0] \
                if _COMPILED else _cap_heads(text, low_text, min_words, max_func, func_words)
        for at, c, head in heads:
            i = bisect.bisect_right(starts, c) - 1
            if i < 0:
                continue
            s = segs[i]
            if c < s.start or (c == s.start and s.whole_line) or c >= s.end \
                    or (not s.prose and s.whole_line) or s.span is not None \
                    or s.score >= threshold:
                continue
            tok = _prev_token(text, at)
            if not tok or "." in tok or tok in _ABBREV or len(tok) == 1:
                continue  # "U.S. Rep.", "No. 2", "Jr. Drops"
            words = _to_sentence_end(low_text[c:min(s.end, c + 100)].split()[:8])
            if len(words) < min_words:
                continue
            nf = 0
            for w in words:
                if w.strip(_PUNCT) in func_words:
                    nf += 1
                    if nf > max_func:
                        break
            if nf > max_func:
                continue
            # News sentences that open without function words are made of frequent news words
            # ("Supreme Court appears split along ideological lines"); keyword runs are not.
            # Keyword runs of frequent words ("Talbots outlet hunter boots cash for cars")
            # join them in pairs that prose never uses: a run whose word pairs are mostly
            # unknown to news prose stays a candidate however frequent its words are.
            if sum(map(is_common, [w.strip(_PUNCT) for w in head])) > max_common * len(head) \
                    and structure.pair_coverage(" ".join(head))[0] > max_pairs:
                continue
            cands.append(c)
            if len(cands) >= limit:
                return

    def _language(self, s: _Seg, seg: str, low: str, words: list[str], doc_lang: str,
                  budget: list[int], vocab: frozenset[str]) -> None:
        """Mark ``s.foreign`` when the segment is in another language than the document."""
        letters = _LETTERS_RE.findall(low)
        if not letters:
            return
        nletters = sum(map(len, letters))
        non_latin = 0 if seg.isascii() else len(_NON_LATIN_RE.findall(seg))
        if doc_lang == "en":
            if non_latin >= 4 and non_latin >= 0.5 * nletters:
                s.foreign = True
                s.language = "non-latin"
                return
            if non_latin == 0 or non_latin < 0.5 * nletters:
                # Latin script: suspicious only with several words and mostly non-English words.
                if len(letters) < 3:
                    return
                oov = len(letters) - sum(map(vocab.__contains__, letters))
                if oov < 0.35 * len(letters):
                    return
                # Out-of-vocabulary words that are capitalised are names (bylines, contacts);
                # foreign running text has lower-case unknown words.
                lower_oov = sum(1 for w in _LETTERS_RE.findall(seg)
                                if w[:1].islower() and w not in vocab)
                if lower_oov < 2:
                    return
        elif non_latin == 0 and nletters < 12:
            return
        if budget[0] <= 0 or len(seg) < 12:
            return
        budget[0] -= 1
        ranked = lang.langdetect_langs(seg)
        if not ranked:
            return
        p_doc = sum(p for code, p in ranked if code == doc_lang)
        if p_doc < 1.0 - self.foreign_min_prob:
            s.foreign = True
            s.language = ranked[0][0]

    @staticmethod
    def _orphan_line(s: _Seg, seg: str, low: str, words: list[str], doc_words: _DocWords
                     ) -> float:
        """A line of keywords with no sentence structure whose words the article never uses
        (the shape of seed 004's injected line, in any vocabulary). Returns a cue weight or 0.

        Page furniture (menus, "ADVERTISEMENT", share bars, related headlines) is excluded by
        its vocabulary and by title case."""
        if seg[-1:] in ".!?:;\"”’)»":
            return 0.0
        if s.func / s.words > 0.12:
            return 0.0
        alpha = [w for w in _LETTERS_RE.findall(seg) if len(w) >= 2]
        if len(alpha) < 3 or len(alpha) < 0.5 * s.words:
            return 0.0  # symbols, numbers, ASCII art
        capital = sum(map(str.isupper, map(_FIRST, alpha))) / len(alpha)  # (first letters)
        if capital >= 0.5:
            return 0.0  # menus, headlines, names and captions are title case
        if any(w.strip(_PUNCT) in _FURNITURE for w in words):
            return 0.0
        if doc_words.overlap(s.start, s.end, low, doc_words.copies(seg)) >= 0.2:
            return 0.0
        separated = seg.count("|") >= 2 or seg.count(",") >= 2
        return 0.3 + (0.1 if separated else 0.0)

    @staticmethod
    def _edge_line_not_furniture(s: _Seg, low_text: str, doc_words: _DocWords) -> bool:
        """Whether a line repeated at both edges is not page furniture: no furniture word, or
        (issue 3, fifth round) one in a line of six or more words that shares under a fifth of
        its content words with the rest of the article ("... free job search" after a list of
        brands; a site's tagline with "search" shares the article's words)."""
        low = low_text[s.start:s.end]
        furniture = sum(tok.strip(_PUNCT) in _FURNITURE for tok in low.split())
        if furniture == 0:
            return True
        return furniture == 1 and s.words >= 6 and doc_words.overlap(s.start, s.end, low, 2) < 0.2

    @staticmethod
    def _link_list_run(s: _Seg, seg: str) -> tuple[int, int] | None:
        """The first run of three or more of the segment's links that follow each other with
        at most two words between two links (anchor words such as "casino x https://...") and
        no function word, no sentence end: (start, end) in text offsets, else None."""
        links = s.links
        best: tuple[int, int] | None = None
        i = 0
        while i < len(links):
            j = i
            while j + 1 < len(links):
                gap = seg[links[j][1] - s.start:links[j + 1][0] - s.start]
                words = [w for w in gap.split() if w.strip(_PUNCT)]
                if len(words) > 2 or any(w.strip(_PUNCT).lower() in _FUNC for w in words) \
                        or any(w.endswith((".", "!", "?")) for w in words):
                    break
                j += 1
            if j - i + 1 >= 3:
                # Written into the sentence's grammar ("editor at a.com, b.com, c.com and
                # d.com", "sites such as ..."): a source list, not a glued payload.
                # (Bounded windows: a hostile line with thousands of links stays linear.)
                p0, p1 = links[i][0] - s.start, links[j][1] - s.start
                before = seg[max(0, p0 - 40):p0].split()[-1:]
                after = seg[p1:p1 + 40].split()[:1]
                if (before and before[0].strip(_PUNCT).lower() in _LIST_LEAD) or (
                        after and after[0].strip(_PUNCT).lower() in ("and", "or", "&")):
                    i = j + 1
                    continue
                end = links[j][1]
                while end > links[j][0] and seg[end - s.start - 1] in ",;:|)]}\"'":
                    end -= 1
                best = (links[i][0], end)
                break
            i = j + 1
        return best

    @staticmethod
    def _link_run(s: _Seg, seg: str, vocab: frozenset[str]) -> tuple[int, int]:
        """Links glued into a prose sentence: from the first to the last link, widened over
        adjacent out-of-vocabulary anchor words (``"frank casino https://..."``)."""
        start = s.links[0][0]
        end = s.links[-1][0] + len(s.links[-1][2])
        toks = [(m.start() + s.start, m.end() + s.start, m.group()) for m in
                _TOKEN_RE.finditer(seg)]
        before = [t for t in toks if t[1] <= start]
        for a, _, tok in reversed(before):
            word = tok.strip(_PUNCT).lower()
            hit = any(h.start < a + len(tok) and a < h.end for h in s.hits)
            if tok.endswith((".", "!", "?")) or not word or (word in vocab and not hit):
                break
            start = a
        return start, max(end, start)

    @staticmethod
    def _glued_run(s: _Seg, seg: str, vocab: frozenset[str]) -> tuple[int, int] | None:
        """The run of spam tokens around a strong hit inside a prose segment, if it is a clear
        foreign/keyword insertion (at least three tokens and not the whole segment)."""
        toks = [(m.start() + s.start, m.end() + s.start, m.group()) for m in
                _TOKEN_RE.finditer(seg)]
        if not toks:
            return None
        strong = sorted(s.hits, key=lambda h: -h.weight)
        if not strong:
            return None

        def kind(i: int) -> int:
            """2 = keyword hit, 1 = out-of-vocabulary / non-Latin word, 0 = English word."""
            a, b, tok = toks[i]
            if any(h.start < b and a < h.end for h in s.hits):
                return 2
            word = tok.strip(_PUNCT).lower()
            letters = "".join(ch for ch in word if ch.isalpha())
            if not letters:
                return 1 if word else 0
            return 1 if letters not in vocab and word not in _FUNC else 0

        kinds = [kind(i) for i in range(len(toks))]
        h = strong[0]
        centre = next((i for i, (a, b, _) in enumerate(toks) if a < h.end and h.start < b), None)
        if centre is None:
            return None
        ends = [t[2].endswith((".", "!", "?")) for t in toks]
        lo = hi = centre
        while lo - 1 >= 0 and not ends[lo - 1]:
            if kinds[lo - 1]:
                lo -= 1
            elif lo - 2 >= 0 and kinds[lo - 2] and not ends[lo - 2]:
                lo -= 2  # one English word between two spam tokens ("buy X online, Y")
            else:
                break
        while hi + 1 < len(toks) and not ends[hi]:
            if kinds[hi + 1]:
                hi += 1
            elif hi + 2 < len(toks) and kinds[hi + 2] and not ends[hi + 1]:
                hi += 2
            else:
                break
        while lo < hi and not kinds[lo]:
            lo += 1
        while hi > lo and not kinds[hi]:
            hi -= 1
        n_run = hi - lo + 1

        def foreign_word(i: int) -> bool:
            word = "".join(ch for ch in toks[i][2].lower() if ch.isalpha())
            return bool(word) and word not in vocab

        oov = sum(1 for i in range(lo, hi + 1) if kinds[i] == 1 or (kinds[i] == 2
                                                                   and foreign_word(i)))
        # A real insertion brings its own (foreign, made-up or brand) words, not just English
        # topic words: "online slots and blackjack" in a business story has none.
        if n_run < 3 or oov < 2 or n_run >= 0.8 * len(toks):
            return None
        start, end = toks[lo][0], toks[hi][1]
        while end > start and seg[end - s.start - 1] in _PUNCT:
            end -= 1
        return start, end

    @staticmethod
    def _message(code: str, s: _Seg, text: str) -> str:
        terms = sorted({h.term for h in s.hits})[:5]
        if code.endswith("_keywords"):
            return f"spam keywords outside running prose: {', '.join(terms)}"
        if code == "foreign_language_segment":
            return f"segment in another language ({s.language}) than the document"
        if code == "link_list":
            return f"list of {len(s.links)} links"
        if code == "spam_link":
            return "link to a gambling or spam domain"
        if code == "keyword_stuffing":
            return "repeated words without sentence structure"
        if code == "obfuscated_text":
            return "keywords hidden with homoglyphs, invisible characters or letter tricks"
        if code == "off_topic_segment":
            return "segment shares no topic words with the rest of the document"
        if code == "structural_spam_line":
            return "line shaped like injected keywords (structural line model)"
        if code == "glued_segment":
            return "keyword run glued inside a paragraph (structural line model)"
        if code == "repeated_edge_segment":
            return "the same suspicious line opens and closes the document"
        return code


class _DocWords:
    """Lazy bag of the document's content words (for topical overlap of one segment)."""

    __slots__ = ("_counts", "_finds", "_lines", "_low", "_scans", "_text", "_words")

    #: Whole-document substring counts per call at most (each is a pass over the text; beyond
    #: this a segment counts once, so thousands of candidate segments stay linear).
    MAX_SCANS = 32
    #: Substring hits examined one by one (``str.find``) before the whole word table is built
    #: instead: a document asks about one to three segments of ten words, so counting just those
    #: words is much cheaper than the table; a hostile document falls back to the linear table.
    MAX_FINDS = 2000
    #: Distinct words counted that way at most (each costs up to a pass over the text), and only
    #: in texts up to ``MAX_FIND_CHARS`` characters: beyond either, the table (one pass) is built.
    MAX_FIND_WORDS = 64
    MAX_FIND_CHARS = 50_000

    def __init__(self, text: str, low: str | None = None) -> None:
        """``low``: ``text.lower()`` when the caller has it (else computed when needed)."""
        self._text = text
        self._counts: dict[str, int] | None = None
        self._lines: dict[str, int] | None = None
        self._scans = 0
        self._low: str | None = low
        self._words: dict[str, int] = {}
        self._finds = 0

    def _table(self) -> dict[str, int]:
        """Occurrences of every content word (letter runs of 4+ letters, not function words)."""
        if self._counts is None:
            counts: dict[str, int] = {}
            for w in _LETTERS_RE.findall(self._low if self._low is not None
                                         else self._text.lower()):
                if len(w) >= 4 and w not in _FUNC:
                    counts[w] = counts.get(w, 0) + 1
            self._counts = counts
        return self._counts

    def count(self, word: str) -> int:
        """How often the content word ``word`` (a letter run) is a whole letter run of the
        lower-cased document: the table's value, found by ``str.find`` and a letter test on
        both sides of each hit while that stays cheap (same number, no table)."""
        if self._counts is not None:
            return self._counts.get(word, 0)
        n = self._words.get(word)
        if n is not None:
            return n
        if len(self._words) >= self.MAX_FIND_WORDS or len(self._text) > self.MAX_FIND_CHARS:
            return self._table().get(word, 0)
        low = self._low
        if low is None:
            low = self._low = self._text.lower()
        size = len(word)
        end = len(low)
        n = 0
        i = low.find(word)
        while i >= 0:
            self._finds += 1
            if self._finds > self.MAX_FINDS:
                return self._table().get(word, 0)
            if (i == 0 or not _LETTER_RE.match(low, i - 1)) and (
                    i + size >= end or not _LETTER_RE.match(low, i + size)):
                n += 1
            i = low.find(word, i + 1)
        self._words[word] = n
        return n

    def copies(self, segment: str) -> int:
        """How often a segment's exact text occurs in the document (a payload repeated at the
        top and the bottom must not vouch for its own topic). Whole lines are counted from one
        table of the document's stripped lines; other segments by a bounded number of scans."""
        if not segment:
            return 1
        if self._lines is None:
            lines: dict[str, int] = {}
            for line in self._text.split("\n"):
                key = line.strip()
                if key:
                    lines[key] = lines.get(key, 0) + 1
            self._lines = lines
        n = self._lines.get(segment.strip(), 0)
        if n:
            return n
        if self._scans >= self.MAX_SCANS:
            return 1
        self._scans += 1
        return max(1, self._text.count(segment))

    def overlap(self, start: int, end: int, seg_low: str, copies: int = 1) -> float:
        """Share of the segment's content words that also occur elsewhere in the document
        (outside the ``copies`` identical copies of the segment)."""
        seg_words = [w for w in _LETTERS_RE.findall(seg_low) if len(w) >= 4 and w not in _FUNC]
        if not seg_words:
            return 1.0
        local: dict[str, int] = {}
        for w in seg_words:
            local[w] = local.get(w, 0) + 1
        count = self.count
        shared = 0
        for w in seg_words:  # (a loop: a compiled generator expression costs more)
            if count(w) > local[w] * max(1, copies):
                shared += 1
        return shared / len(seg_words)
