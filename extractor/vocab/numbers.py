"""Numbers as reports write them: number words, and the patterns the finders share.

A number is digits (with thousands commas) or an English number phrase up to the millions
("one hundred and twenty", "a hundred and one", "one thousand, two hundred and five",
"twenty-one thousand"); a decimal, a percentage, a time or a fraction such as "24/7" is not
a whole number. One grammar serves both ways: ``WORD_NUMBER`` says which phrases are numbers
(so a finder matches the whole phrase, never its last word), and :func:`parse_number` reads
the value of a phrase only once that grammar has accepted it.
"""

from __future__ import annotations

import regex

# Number words as reports write them; larger numbers are composed from these and the scales.
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
# The scale words, smallest first: a number below each is its multiplier ("two hundred thousand").
SCALES: dict[str, int] = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
NUMBER_WORDS: dict[str, int] = {word: value for value, word in enumerate(_UNITS)}
NUMBER_WORDS.update({word: 20 + 10 * index for index, word in enumerate(_TENS)})
NUMBER_WORDS.update({"no": 0, "none": 0, "a": 1, "an": 1, "single": 1})
NUMBER_WORDS.update(SCALES)


def _any(words: list[str]) -> str:
    """An alternation of words, longest first so "seventeen" wins over "seven"."""
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


# The grammar, smallest part first, each part tried once at a place (no alternative repeats
# another's start, which keeps the pattern fast). Spaces may be any run of white space, so a
# phrase can wrap over lines.
_UNIT = _any(_UNITS[1:10])  # one .. nine
_BELOW_100 = rf"(?:{_any(_TENS)}(?:[\s-]+{_UNIT})?|{_any(_UNITS[10:])}|{_UNIT})"  # twenty-one, twelve
# After "hundred": "a hundred and one", "one hundred twenty" (no "and", as American English has it).
_AFTER_HUNDRED = rf"(?:\s+(?:and\s+)?{_BELOW_100})?"
_HUNDREDS = rf"(?:(?:a|{_BELOW_100})\s+hundred{_AFTER_HUNDRED})"
_BELOW_1000 = rf"(?:{_BELOW_100}(?:\s+hundred{_AFTER_HUNDRED})?|a\s+hundred{_AFTER_HUNDRED})"
# After a scale word: a comma only before a group with its own scale word ("one thousand, two
# hundred"), so "a thousand, two of them" stays two numbers; "and" only before the last part
# ("one thousand and five", "one million and five").
_AFTER_THOUSAND = rf"(?:,?\s+{_HUNDREDS}|\s+(?:and\s+)?{_BELOW_100}(?!\s+hundred))?"
_AFTER_MILLION = (
    rf"(?:,?\s+(?:a|{_BELOW_1000})\s+thousand{_AFTER_THOUSAND}|,?\s+{_HUNDREDS}"
    rf"|\s+(?:and\s+)?{_BELOW_100}(?!\s+(?:hundred|thousand)))?"
)
# A number phrase: a multiplier below a thousand (or "a" before a scale word, or "hundred" on
# its own: "the hundred cases"), then at most one of "million ..." and "thousand ...".
# "a", "an", "no" and "zero" alone are no number here.
WORD_NUMBER = (
    rf"(?:(?:{_BELOW_1000}|a(?=\s+(?:thousand|million)\b)|hundred)"
    rf"(?:\s+million{_AFTER_MILLION}|\s+thousand{_AFTER_THOUSAND})?)"
)
# Where a number phrase can begin: checked first, so the grammar is tried only at number words.
_NUMBER_START = rf"(?={_any(_UNITS[1:] + _TENS + ['hundred'])}\b|a\s+(?:hundred|thousand|million)\b)"
_WORD_NUMBER_RE = regex.compile(WORD_NUMBER, regex.IGNORECASE)


def parse_number(word: str) -> int | None:
    """Read '28', '1,024', 'Six', 'twenty-eight' or 'one thousand, two hundred and five'; None if no number.

    >>> parse_number("twenty-eight"), parse_number("Six"), parse_number("1,024"), parse_number("x")
    (28, 6, 1024, None)
    >>> parse_number("one hundred and twenty"), parse_number("a hundred and one")
    (120, 101)
    >>> parse_number("twenty-one thousand"), parse_number("one thousand, two hundred")
    (21000, 1200)
    >>> parse_number("one million, one thousand, two hundred and five"), parse_number("two hundred thousand")
    (1001205, 200000)
    >>> parse_number("twenty hundred and"), parse_number("thousand million")
    (None, None)
    """
    text = regex.sub(r"\s+", " ", word.strip().lower())
    if regex.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", text):
        return int(text.replace(",", ""))
    if text in NUMBER_WORDS and text not in {"a", "an", "no", "none", "thousand", "million"}:
        return NUMBER_WORDS[text]
    if not _WORD_NUMBER_RE.fullmatch(text):
        return None
    total = current = 0
    for part in regex.split(r"[\s,-]+", text):
        if part == "and":
            continue
        if part == "hundred":
            current = (current or 1) * 100
        elif part in SCALES:
            total += (current or 1) * SCALES[part]
            current = 0
        else:
            current += NUMBER_WORDS[part]  # "a" is 1, only ever before a scale word here
    return total + current


DIGIT_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)"
# A whole number standing alone: not part of a decimal, a date "1/2", a time, money or a percentage.
NUMBER = (
    rf"(?:(?<![\d.,£$€/:\-])(?:{DIGIT_NUMBER})(?![\d/:]|[.,]\d|\s*(?:%|per\s*cent|percent))"
    rf"|\b{_NUMBER_START}{WORD_NUMBER}\b(?!-))"
)
NUMBER_RE = regex.compile(NUMBER, regex.IGNORECASE)
# Where a NUMBER could begin (a digit, or a number word's start): a text where this finds nothing
# holds no NUMBER, and it is a fraction of NUMBER_RE's cost (no look-behind at every position).
NUMBER_CUE_RE = regex.compile(rf"\d|\b{_NUMBER_START}", regex.IGNORECASE)

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
