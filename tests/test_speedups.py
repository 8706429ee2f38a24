"""The text path's speed-ups change no result: each fast form against the slow form it replaced.

Every rewrite made for speed (a pre-filter before a pattern, a linear pattern for a quadratic
one, an index for a scan) is checked here against the plain form on lines written for the test,
on generated lines, and on every line of the samples and of the development corpus (where the
corpus sits beside the checkout).
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
import regex

from extractor.finders import counts
from extractor.finders import grade_lists as finder
from extractor.finders.sentences import nlp, sentence_bounds
from extractor.readers import common
from extractor.readers import text as text_reader
from extractor.vocab import grade_lists as vocab
from extractor.vocab.areas import _alias_index, match_area, normalise_title, strip_title_decorations
from extractor.vocab.forces import force_name_matches, force_name_pattern
from extractor.vocab.search import after_leading_group, branches, occurs
from tests.conftest import ROOT, SAMPLES

CORPUS = ROOT.parent / "shared" / "corpus" / "cases"

OWN_LINES = (
    "Tackling crime in Lancashire – graded as outstanding",
    "3.2 Responding to the public: requiring improvement",
    "• Good: Preventing crime, protecting vulnerable people and Managing offenders",
    "'Adequate' in investigating crime; and",
    "Supporting victims Requires Improvement",
    "Neighbourhood policing—Fair",
    "Developing a positive workplace (building, supporting and protecting the workforce) – good (2 AFIs)",
    "The constabulary was found to be adequate at keeping people safe, and it is good at this.",
    "12 - - – : 2021/22 ( ) ‘’ inadequate",
    "Protecting the vulnerable - not sufficiently good.",
    "",
    "(4) Using resources — inadequate;",
)

_PIECES = (
    "Good", "good", "–", ":", "-", "(", ")", "1.", "2", "Investigating crime,", "and", "requires",
    "improvement", "outstanding", "fair", "graded as", "inadequate", "é", "’", '"', ";", "(2 AFIs)",
    ".", "not graded", "Poor", "at", "in", "Stable", "ASB",
)  # fmt: skip


def _generated(count: int, seed: int = 16) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 9))) for _ in range(count)]


def _document_lines() -> Iterator[str]:
    paths = [*SAMPLES.glob("*.txt")]
    if CORPUS.is_dir():
        paths.extend(p for p in CORPUS.rglob("*") if p.is_file())
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8", errors="ignore")
        except OSError:
            continue
        yield from text.splitlines()


def _lines() -> list[str]:
    seen = {*OWN_LINES, *_generated(4000), *(line.strip() for line in _document_lines())}
    return sorted(line for line in seen if len(line) <= finder.MAX_LIST_LINE_CHARS)


LINES = _lines()


def _slow(pattern: regex.Pattern[str]) -> regex.Pattern[str]:
    """The pattern as it was written before: ``.*?\\p{L}.*?`` where it now says ``_WORDS``."""
    assert vocab._WORDS in pattern.pattern
    return regex.compile(pattern.pattern.replace(vocab._WORDS, r".*?\p{L}.*?"), pattern.flags)


_GRADE_FORMS = ("AREA_FIRST_LINE_RE", "GRADE_FIRST_LINE_RE", "AREA_THEN_GRADE_RE", "GRADE_AT_AREAS_RE")


@pytest.mark.parametrize("name", [*_GRADE_FORMS, "OTHER_SCALE_LINE_RE"])
def test_linear_list_patterns_match_as_the_quadratic_ones_did(name: str) -> None:
    fast = getattr(vocab, name)
    slow = _slow(fast)
    # Only a line holding a grade word (or another scale's) can match either form; the slow
    # form takes seconds over the rest of the corpus.
    words = vocab.OTHER_SCALE_WORD_RE if name == "OTHER_SCALE_LINE_RE" else vocab.LIST_GRADE_WORD_RE
    matched = 0
    for line in (line for line in LINES if words.search(line)):
        got, want = fast.match(line), slow.match(line)
        assert (got and (got.span(), got.groupdict())) == (want and (want.span(), want.groupdict())), line
        matched += want is not None
    assert matched > 0  # the lines exercise the pattern


def test_list_line_prefilters_reject_no_list_line() -> None:
    grade_forms = [getattr(vocab, name) for name in _GRADE_FORMS]
    for line in LINES:
        if any(p.match(line) for p in grade_forms):
            assert vocab.LIST_GRADE_WORD_RE.search(line), line
        if vocab.OTHER_SCALE_LINE_RE.match(line):
            assert vocab.OTHER_SCALE_WORD_RE.search(line), line
    assert finder.find_list_line("Local policing priorities – Good").grade.value == "good"
    assert finder.find_other_scale("Local policing priorities – Poor") == "Poor"


FORCE_LINES = (
    "Avon and Somerset Constabulary and the Met both answered; so did AVON  AND\tSOMERSET.",
    "Dyfed-Powys Police, Heddlu Dyfed-Powys and dyfed powys",
    "MPS, mps and GMP's figures; Greater Manchester Police's too",
    "Kentish towns are not Kent, nor is Kent-based; North Yorkshire Police; West Midlands",
    "the British Transport Police (BTP) and the Civil Nuclear Constabulary",
    "Ke\u212ant Police and E\u017f\u017fex Police",  # a Kelvin sign, a long s: case-folding letters
    "Police Scotland; Police Service of Northern Ireland; the States of Jersey Police",
)


def test_force_names_found_as_by_the_one_alternation() -> None:
    pattern, _ = force_name_pattern()
    lines = [*FORCE_LINES, *_generated(500), *LINES]
    named = 0
    for line in lines:
        want = [(m.span(), m.group(0)) for m in pattern.finditer(line)]
        assert [(m.span(), m.group(0)) for m in force_name_matches(line)] == want, line
        named += bool(want)
    assert named > len(FORCE_LINES)  # the lines name forces, several of them more than one


def _match_area_by_scan(title: str) -> str | None:
    """match_area as it was written before its indexes: every alias scanned, every pattern compiled."""
    key = normalise_title(strip_title_decorations(title))
    if not key:
        return None
    index = _alias_index()
    if key in index:
        return index[key]
    for alias, area_id in sorted(index.items(), key=lambda kv: -len(kv[0])):
        prefix = key[: -len(alias)]
        if len(alias) >= 12 and key.endswith(alias) and regex.search(r"(?:peel|inspection|\d)\s*$", prefix):
            return area_id
    if len(key) >= 16:
        for alias, area_id in index.items():
            if abs(len(alias) - len(key)) > 3 or len(alias) < 16:
                continue
            if regex.fullmatch(f"(?:{regex.escape(alias)}){{e<=2}}", key):
                return area_id
    return None


AREA_TITLES = (
    "Inspection 2023-25Preventing crime and antisocial behaviour",
    "PEEL 2025Investigating crime",
    "Respondng to the pubic",
    "Protectng vulnerable peple – Good",
    "Treating the public fairly (2 AFIs)",
    "Managing offenders and suspects and something more",
)


def test_area_index_matches_as_the_scan_did() -> None:
    titles = [*AREA_TITLES, *LINES]
    known = 0
    for title in titles:
        want = _match_area_by_scan(title)
        assert match_area(title) == want, title
        known += want is not None
    assert known > len(AREA_TITLES)


SENTENCE_TEXTS = (
    "The constabulary is good. It answers 999 calls quickly!  And then?",
    "In 12 of the 20 cases (60 percent), it was right… Next:   “Quoted.” e.g. this. No. 3.5 stays.",
    "...Leading dots. Then words",
    "—",
    "   ",
    "A list: one; two; three.\nA new line. \n\n After blank lines",
)


def test_sentences_bounded_as_the_sentencizer_does() -> None:
    pipeline = nlp()
    rng = random.Random(7)
    pieces = [
        "The force.",
        "It is good!",
        " ",
        "  ",
        "\n",
        "...",
        "?!",
        "(",
        ")",
        "e.g.",
        "No.",
        "“Yes.”",
        "—",
    ]
    generated = [
        "".join(rng.choice(pieces) + rng.choice(("", " ")) for _ in range(rng.randint(1, 12)))
        for _ in range(3000)
    ]
    texts = [*SENTENCE_TEXTS, *generated, *LINES]
    for text in texts:
        doc = pipeline(text)
        want = tuple((sent.start_char, sent.end_char) for sent in doc.sents) if len(doc) else ()
        assert sentence_bounds(text) == want, text


def test_collapse_splits_where_the_pattern_joins() -> None:
    every = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)
    joined = set(common._SPACES_RE.findall(every))
    split = {char for char in every if char.isspace()}
    assert {char for run in joined for char in run} <= split  # all the pattern joins, split() splits at
    assert split - {char for run in joined for char in run} == set(common._SPACE_NOT_RUN)
    samples = [
        " a \t b\n\nc\r ",
        "\u00a0x\u2003 y\u3000",
        "a\x0bb \x0c",
        "a\u2028 b",
        "",
        "  ",
        *LINES[:2000],
    ]
    for text in samples:
        assert common.collapse(text) == common._SPACES_RE.sub(" ", text).strip(), repr(text)


def test_counts_found_only_where_a_count_noun_stands() -> None:
    for text in (*LINES, "Six AFIs and no recommendations", "the Four areas for improvement (AFIs)"):
        if counts.COUNT_RE.search(text):
            assert counts._NOUN_RE.search(text), text
    assert [m.count for m in counts.find_counts("It gave the constabulary eleven recommendations.")] == [11]


def test_inline_markup_stripped_as_before() -> None:
    def unguarded(text: str) -> str:
        text = text_reader._MD_LINK_RE.sub(r"\1", text)
        text = text_reader._INLINE_TAG_RE.sub("", text)
        return common.collapse(text_reader._INLINE_EMPH_RE.sub(r"\2", text))

    lines = [
        "See [the report](https://x.y/z) and <b>this</b> **bold** __too__ <br/>",
        "a ] ( b",
        *LINES[:3000],
    ]
    for line in lines:
        assert text_reader._strip_inline_markup(line) == unguarded(line), line


def test_proportions_need_a_number_cue() -> None:
    from extractor.finders import proportions
    from extractor.vocab.numbers import NUMBER_CUE_RE, NUMBER_RE

    texts = (
        *LINES,
        "Twenty-eight of the thirty-nine cases",
        "a thousand of them",
        "nine out of ten",
        "IX of X",
    )
    for text in texts:
        if NUMBER_RE.search(text):
            assert NUMBER_CUE_RE.search(text), text
        for pattern in (proportions.DIRECT_RE, proportions.ANAPHOR_RE, proportions.OF_SPLIT_RE):
            if pattern.search(text):
                assert NUMBER_CUE_RE.search(text), text
    cases = proportions.find_proportions("Of the forty files we reviewed, thirty-one were closed properly.")
    assert [(p.x, p.y) for p in cases] == [(31, 40)]


def _searched_patterns() -> dict[str, regex.Pattern[str]]:
    """Every pattern the finders ask occurs() about."""
    from extractor.finders import info, programme
    from extractor.vocab import grades, programmes

    names = [
        "LETTER_FORM_RE",
        "LETTER_HEADER_RE",
        "INSPECTOR_RE",
        "PRESS_RELEASE_RE",
        "WEB_PAGE_CUE_RE",
        "INSPECTORATE_PAGE_RE",
        "NEWS_FURNITURE_RE",
        "OWN_SITE_RE",
        "REPORTED_RESULT_RE",
        "FIRST_PERSON_OFFICE_RE",
        "INSPECTION_CUE_RE",
        "COOKIE_BLOCK_RE",
    ]
    found = {name: getattr(info, name) for name in names}
    found |= {"NEUTRAL_NAMES_RE": programmes.NEUTRAL_NAMES_RE, "PEEL_CUE_RE": programmes.PEEL_CUE_RE}
    found |= {"GRADE_KEYWORD_RE": grades.GRADE_KEYWORD_RE}
    found |= {p.name: cue for p, cue in programme._PROGRAMME_RES}
    return found


@pytest.mark.parametrize("name", sorted(_searched_patterns()))
def test_occurs_answers_as_search_does(name: str) -> None:
    pattern = _searched_patterns()[name]
    texts = [*LINES, *(p.read_text(encoding="utf-8") for p in SAMPLES.glob("*.txt"))]
    if CORPUS.is_dir():
        texts += [p.read_text(encoding="utf-8", errors="ignore") for p in sorted(CORPUS.rglob("*.txt"))]
    for text in texts:
        assert occurs(pattern, text) == bool(pattern.search(text)), text[:200]


def test_branches_split_only_the_top_level() -> None:
    verbose = regex.compile(
        r"""a (?:b|c) # one | two
        | [|)] d | e\| | (?i:f|g)""",
        regex.VERBOSE,
    )
    assert [b.pattern.strip() for b in branches(verbose)] == [
        "a (?:b|c) # one | two",
        "[|)] d",
        r"e\|",
        "(?i:f|g)",
    ]
    for whole in (r"(?i)a|b", r"(a)|\1b", "single"):
        assert len(branches(regex.compile(whole))) == 1
    assert occurs(verbose, "xx F") and not occurs(verbose, "e c")


def test_grade_sentence_tails_found_wherever_their_entry_is() -> None:
    from extractor.finders import grade_sentences

    entries = grade_sentences.compiled_grammar(("Kent Police", "Kent"))
    tails = grade_sentences._tails(("Kent Police", "Kent"))
    assert any(tail is not None for tail in tails)
    texts = [
        *LINES,
        "Our victim service assessment is ungraded.",
        "The force's crime data integrity was not graded in 2016.",
        "This question has not been inspected or graded in 2015.",
    ]
    for (entry, pattern), tail in zip(entries, tails, strict=True):
        if tail is None:
            continue
        found = 0
        for text in texts:
            if pattern.search(text):
                assert tail.search(text), (entry.name, text)
                found += 1
        assert found, entry.name  # the texts exercise the entry
    assert after_leading_group(regex.compile(r"(?P<phrase>a)?b"), "phrase") is None
    assert after_leading_group(regex.compile(r"(?P<phrase>a)(?P=phrase)"), "phrase") is None
