"""Numbers as reports write them: number words, and the patterns the finders share.

A number is digits (with thousands commas) or number words up to a hundred; a
decimal, a percentage, a time or a fraction such as "24/7" is not a whole number.
"""

from __future__ import annotations

import regex

# Number words as reports write them (up to a hundred by composition).
_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
NUMBER_WORDS: dict[str, int] = {word: value for value, word in enumerate(_UNITS)}
NUMBER_WORDS.update({word: 20 + 10 * index for index, word in enumerate(_TENS)})
NUMBER_WORDS.update({"no": 0, "none": 0, "a": 1, "an": 1, "single": 1, "hundred": 100})


def parse_number(word: str) -> int | None:
    """Read '28', 'twenty-eight', 'Six' or 'one hundred' as an int; None if it is no number.

    >>> parse_number("twenty-eight"), parse_number("Six"), parse_number("1,024"), parse_number("x")
    (28, 6, 1024, None)
    """
    text = word.strip().lower().replace(",", "")
    if text.isdigit():
        return int(text)
    parts = regex.split(r"[\s-]+", text)
    if parts == ["one", "hundred"] or parts == ["a", "hundred"]:
        return 100
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS[1:10]:
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    if len(parts) == 1 and parts[0] in NUMBER_WORDS and parts[0] not in {"a", "an", "no", "none"}:
        return NUMBER_WORDS[parts[0]]
    return None


_UNIT_WORDS = _UNITS[1:10]
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
