"""Number patterns shared by the counts, proportions and items finders.

A number is digits (with thousands commas) or number words up to a hundred; a
decimal, a percentage, a time or a fraction such as "24/7" is not a whole number.
"""

from __future__ import annotations

import regex

from extractor.vocab import NUMBER_WORDS, parse_number

_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNIT_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# Plain words, longest first so "seventeen" wins over "seven"; "a", "an", "no" are not numbers here.
_WORDS = sorted(
    (w for w in NUMBER_WORDS if w not in {"a", "an", "no", "none", "single", "zero"}),
    key=len,
    reverse=True,
)
WORD_NUMBER = (
    rf"(?:(?:{'|'.join(_TENS)})[\s-](?:{'|'.join(_UNIT_WORDS)})"
    rf"|(?:one|a)\s+hundred"
    rf"|(?:{'|'.join(_WORDS)}))"
)
DIGIT_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)"
# A whole number standing alone: not part of a decimal, a date "1/2", a time, money or a percentage.
NUMBER = (
    rf"(?:(?<![\d.,£$€/:\-])(?:{DIGIT_NUMBER})(?![\d/:]|[.,]\d|\s*(?:%|per\s*cent|percent))"
    rf"|\b{WORD_NUMBER}\b(?!-))"
)
NUMBER_RE = regex.compile(NUMBER, regex.IGNORECASE)

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)


def to_int(text: str) -> int | None:
    """The value of a number as matched by ``NUMBER`` ('1,034', 'Four', 'twenty-eight').

    >>> to_int("1,034"), to_int("Four"), to_int("twenty-eight"), to_int("a hundred")
    (1034, 4, 28, 100)
    """
    return parse_number(regex.sub(r"\s+", " ", text))


def is_year(text: str) -> bool:
    """A four-digit number that reads as a year (1900-2099).

    >>> is_year("2023"), is_year("1,999"), is_year("576")
    (True, False, False)
    """
    return bool(regex.fullmatch(r"(?:19|20)\d\d", text))
