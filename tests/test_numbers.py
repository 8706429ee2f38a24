"""Number phrases: every English number up to the millions is matched whole and read right.

``inflect`` (a dev dependency) writes the numbers, in British ("one hundred and twenty") and
American ("one hundred twenty") style, with and without the commas between groups, so the
grammar is checked against words it did not write itself.
"""

from __future__ import annotations

import inflect
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.finders.counts import find_counts
from extractor.finders.proportions import find_proportions
from extractor.vocab.numbers import NUMBER_RE, parse_number, to_int

_WORDS = inflect.engine()
_STYLES = [{}, {"andword": ""}, {"comma": ""}, {"andword": "", "comma": ""}]


def words(n: int, style: dict[str, str]) -> str:
    """``n`` written out, as inflect writes it in the given style."""
    return str(_WORDS.number_to_words(n, **style))


def _read(text: str) -> list[tuple[str, int | None]]:
    return [(m.group(), to_int(m.group())) for m in NUMBER_RE.finditer(text)]


@given(st.integers(min_value=1, max_value=999_999_999), st.sampled_from(_STYLES))
@settings(max_examples=400, deadline=None)
def test_numbers_every_phrase_matches_whole_and_reads_right(n: int, style: dict[str, str]) -> None:
    phrase = words(n, style)
    assert NUMBER_RE.fullmatch(phrase), phrase
    assert to_int(phrase) == n and parse_number(phrase.capitalize()) == n
    # In a sentence the whole phrase is the one number, not its last word.
    assert _read(f"We found that in {phrase} cases it was so.") == [(phrase, n)]


@given(st.integers(min_value=1, max_value=999_999), st.sampled_from(_STYLES))
@settings(max_examples=200, deadline=None)
def test_numbers_phrase_wrapped_over_lines_reads_right(n: int, style: dict[str, str]) -> None:
    phrase = words(n, style).replace(" ", "\n", 1)
    assert _read(f"in {phrase} cases") == [(phrase, n)]


def test_numbers_small_and_round_numbers_in_every_style() -> None:
    numbers = [*range(1, 1001), 1005, 1010, 1200, 2500, 21000, 100_000, 1_000_005, 1_020_000]
    wrong = [(n, words(n, style)) for n in numbers for style in _STYLES if to_int(words(n, style)) != n]
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a hundred and one", 101),
        ("A Hundred", 100),
        ("the hundred cases", 100),
        ("Twenty one", 21),
        ("twenty-one thousand", 21_000),
        ("two hundred thousand", 200_000),
        ("one thousand, two hundred", 1_200),
        ("a thousand", 1_000),
        ("a million", 1_000_000),
        ("twenty-five hundred", 2_500),
        ("1,034", 1_034),
        ("28", 28),
    ],
)
def test_numbers_named_forms(text: str, expected: int) -> None:
    assert [value for _, value in _read(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A comma after a scale word joins only a group with its own scale word.
        ("a thousand, two of them local", [("a thousand", 1000), ("two", 2)]),
        # "and" joins only after a scale word: two numbers, not 8.
        ("three and five", [("three", 3), ("five", 5)]),
        # "a", "an", "no" and scale words on their own are not numbers.
        ("a case, an officer, no record, thousands of calls, millions", []),
        # A scale word in a compound adjective is no part of the number: one building.
        ("one hundred-year-old building", [("one", 1)]),
        ("twenty hundred and", [("twenty hundred", 2000)]),
    ],
)
def test_numbers_phrases_that_stay_apart(text: str, expected: list[tuple[str, int]]) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize("text", ["and", "thousand", "million", "a", "no", "one two", "hundred hundred", ""])
def test_numbers_not_numbers_parse_to_none(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("sentence", "x", "y"),
    [
        ("In one hundred and twenty of the 150 cases we reviewed, the force acted quickly.", 120, 150),
        ("Cheshire Constabulary met the target in two hundred and five of three hundred calls.", 205, 300),
        ("It recorded a hundred and one of the one hundred and ten crimes correctly.", 101, 110),
        ("Of its officers, one thousand, two hundred of 1,500 respondents agreed.", 1200, 1500),
        ("twenty-one thousand of the twenty-five thousand calls were answered in time", 21_000, 25_000),
    ],
)
def test_numbers_proportions_read_whole_phrases(sentence: str, x: int, y: int) -> None:
    assert [(p.x, p.y) for p in find_proportions(sentence)] == [(x, y)]


def test_numbers_counts_read_whole_phrases() -> None:
    found = find_counts("The constabulary has one hundred and twelve recommendations to act on.")
    assert [(m.count, m.text) for m in found] == [(112, "one hundred and twelve recommendations")]
