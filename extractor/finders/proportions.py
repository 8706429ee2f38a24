"""Finders of "X of Y" proportions in one block of text (pure functions, no document).

Plain forms: "28 of the 39 cases", "16 out of 18 crimes", "10 of the relevant 32 cases",
"(432 of 576 respondents)", "(22 from 24)", "three of five". Split forms, where the
two numbers stand apart:

- "Of the 100 crime investigations we reviewed ..., 84 were judged to be effective";
- "all 48 cases we reviewed. In 46 of these cases" (an anaphor: "of these" / "of the
  recommendations" resolved to the one earlier total of that noun);
- "29 crimes should have been recorded, and 25 were recorded correctly".

Not proportions: "one of the", "some of", "all of", "one in five", "at least 20 of the
116", "page 3 of 4", "section 60 of the Act", "93.6 percent of the 999 calls",
"403 (82.4%) of the reviews". ``x > y`` is returned for the caller to warn about.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from extractor.finders.sentences import make_matcher, nlp, sentence_bounds
from extractor.vocab.numbers import MONTHS, NUMBER, NUMBER_CUE_RE, is_year, to_int

if TYPE_CHECKING:
    from spacy.matcher import Matcher

# Words that may stand between "of (the)" and the total: "10 of the relevant 32 cases".
_MODIFIERS = r"(?:relevant|only|remaining|eligible|comparable|previous|total|applicable)"

DIRECT_RE = regex.compile(
    rf"""
    (?P<x>{NUMBER})                       # the part: digits or number words
    \s+(?P<conn>out\s+of|of|from)\s+      # "of", "out of", "from" (as in "22 from 24")
    (?:(?:the|these|those|a\s+total\s+of)\s+)?   # "of the", "of these nine"
    (?:{_MODIFIERS}\s+)*                  # "of the relevant 32"
    (?P<y>{NUMBER})                       # the whole
    (?![\w-])                             # not "15-minute", not a longer token
    """,
    regex.VERBOSE | regex.IGNORECASE,
)

# "46 of these cases", "ten of these", "six of the recommendations", "six cases were referred,
# five of which were upheld": the total is stated earlier.
ANAPHOR_RE = regex.compile(
    rf"""
    (?P<x>{NUMBER})
    \s+(?:out\s+of|of)\s+
    (?P<det>these|those|them|the|which|whom)\b
    (?!\s+(?:{_MODIFIERS}\s+)*{NUMBER})   # with a number after it, it is a plain form
    """,
    regex.VERBOSE | regex.IGNORECASE,
)

# "Of the 100 crime investigations we reviewed ..., 84 were judged to be effective", "Of these
# 40, 12 had ...", "Out of 120 files reviewed, the force had recorded the crime correctly in 85".
# A plain "of" needs a determiner unless it opens the sentence ("a cost of 12 million, 3 ..."
# is no whole). The part stands straight after the comma, or further on where it ends the
# clause, is followed by the total's own noun ("in 12 cases") or by a verb of what it did.
OF_SPLIT_RE = regex.compile(
    rf"""
    (?:(?<=^|[.!?]\s+|\n)(?:Out\s+of|Of)\s+(?:(?:the|these|those|all)\s+)?
      |\b[Oo]f\s+(?:the|these|those|all)\s+
      |\b[Oo]ut\s+of\s+(?:(?:the|these|those|all)\s+)?)
    (?P<y>{NUMBER})
    (?P<rest>[^,.;:()\d]{{0,140}}?),\s+      # the counted noun and what was done to it
    (?:
      (?:only\s+|just\s+)?(?P<x>{NUMBER})\b
      (?!\s*(?:out\s+of|of|from|percent|per\s+cent|%)\b)
    | (?P<between>[^\d,.;:()]{{1,80}}?\b)(?:in\s+|for\s+)?(?P<x2>{NUMBER})
      (?=\s*(?:[.;,)]|$)|\s+(?P<after>[\p{{Ll}}-]+))
    )
    """,
    regex.VERBOSE,
)
# A verb of what the part did, allowed after a part that stands away from the comma ("we found that 84 were").
_PART_VERBS = frozenset(
    {"were", "was", "had", "did", "showed", "met", "included", "contained", "involved", "resulted"}
    | {"received", "needed", "lacked"}
)

# Words before a number that make it a label or an estimate, not the part of a whole.
_NOT_A_PART_RE = regex.compile(
    r"""(?:\b(?:page|pages|part|phase|section|chapter|step|stage|volume|annex|appendix|table|figure
    |paragraph|question|recommendation|level|tier|slide|item|no\.?|number|at\s+least|at\s+most|up\s+to
    |about|around|approximately|over|more\s+than|less\s+than|fewer\s+than|nearly|almost|some)
    |(?:\b(?:"""
    + MONTHS
    + r""")))\s+$""",
    regex.VERBOSE | regex.IGNORECASE,
)

# "is one of the 43 forces" says what something is, not how many of a sample did something.
_MEMBERSHIP_RE = regex.compile(
    r"\b(?:is|was|are|were|as|being|becomes?|became|remains?|only)\s+$", regex.IGNORECASE
)

# Words that end a unit noun phrase after a number.
_STOP_WORDS = frozenset(
    regex.split(
        r"\s+",
        """we they that which who were was had have has is are in on at for to with by from the a an it
        its their as did where when while but or not this these those per than within found said whose
        there our his her them be been being can could would should will may might do does also all each
        only just some""",
    )
)
_PLURALS = frozenset({"people", "staff", "children", "women", "men", "police", "personnel"})
_LEADING_MODIFIERS = frozenset({"relevant", "remaining", "previous", "comparable", "eligible"})
_NOT_PLURALS = frozenset({"is", "was", "has", "this", "its", "us", "as", "thus", "across", "process"})

# "29 crimes should have been recorded, and 25 were recorded correctly" as token patterns.
_SHOULD_HAVE_BEEN = [
    [
        {"LIKE_NUM": True},
        {"IS_ALPHA": True, "OP": "{1,3}"},
        {"LOWER": "should"},
        {"LOWER": "have"},
        {"LOWER": "been"},
        {"IS_ALPHA": True},
        {"IS_ALPHA": True, "OP": "{0,3}"},  # "recorded as crimes"
        {"IS_PUNCT": True, "OP": "?"},
        {"LOWER": {"IN": ["and", "but"]}},
        {"LOWER": {"IN": ["all", "only", "just"]}, "OP": "?"},
        {"LIKE_NUM": True},
        {"IS_ALPHA": True, "OP": "{0,3}"},
        {"LOWER": {"IN": ["were", "was"]}},
        {"IS_ALPHA": True},
    ]
]


@dataclass(frozen=True)
class ProportionMatch:
    """One proportion in a text: the numbers, the counted noun and where the words stand."""

    x: int
    y: int
    unit: str | None
    text: str
    start: int
    end: int
    split: bool = False


def unit_after(text: str, pos: int) -> str | None:
    """The plural noun phrase counted by a number ending at ``pos`` ('cases', 'crime investigations').

    The phrase runs over lowercase words up to a function word, a verb in -ed or
    punctuation, and ends at its last plural noun; "and" joins words only until a
    plural has been seen ("stop and search encounters", but "cases and victims" is "cases").

    >>> unit_after("28 of the 39 cases we examined", 12)
    'cases'
    >>> unit_after("20 stop and search encounters filmed on video", 2)
    'stop and search encounters'
    >>> unit_after("22 of 24 had reasonable grounds", 8) is None
    True
    """
    phrase: list[str] = []
    for raw in regex.findall(r"\S+", text[pos : pos + 120])[:6]:
        word = raw.strip("(),;:.’'\"")
        lower = word.lower()
        if not phrase and lower in _LEADING_MODIFIERS:
            continue
        if not regex.fullmatch(r"\p{Ll}[\p{Ll}-]*|AFIs|[A-Z]{2,}s", word) or lower in _STOP_WORDS:
            break
        if lower.endswith("ed") or (lower in {"and", "or", "of"} and phrase and _is_plural(phrase[-1])):
            break
        phrase.append(word)
        if raw.rstrip("’'\"").endswith((",", ";", ":", ".", ")")):
            break
    while phrase and not _is_plural(phrase[-1]):
        phrase.pop()
    return " ".join(phrase) or None


def _noun_follows(text: str, pos: int) -> bool:
    """True when a lowercase content word follows ``pos``: '48 cases', 'one area for improvement'."""
    word = regex.match(r"\s+(?:(?:relevant|remaining|previous|comparable|eligible)\s+)?(\p{Ll}+)", text[pos:])
    return bool(word) and word.group(1) not in _STOP_WORDS and not word.group(1).endswith("ed")


def _is_plural(word: str) -> bool:
    """A plural noun by its ending (or a known irregular plural such as 'people')."""
    lower = word.lower()
    if lower in _PLURALS:
        return True
    return lower.endswith("s") and not lower.endswith("ss") and lower not in _NOT_PLURALS


def _head(unit: str | None) -> str | None:
    """The counted noun itself: the last word of a unit phrase, lower-cased."""
    return unit.split()[-1].lower() if unit else None


def _labelled(text: str, start: int) -> bool:
    """True when the number at ``start`` is a label, an estimate or a date part."""
    return bool(_NOT_A_PART_RE.search(text[max(0, start - 25) : start]))


def _direct(text: str) -> list[ProportionMatch]:
    """Plain forms: both numbers side by side, with labels, dates and estimates left out."""
    found = []
    for m in DIRECT_RE.finditer(text):
        x, y = to_int(m.group("x")), to_int(m.group("y"))
        if x is None or y is None or _labelled(text, m.start()):
            continue
        if x == 1 and _MEMBERSHIP_RE.search(text[max(0, m.start() - 12) : m.start()]):
            continue  # "Kent is one of the 43 forces": membership, not a finding
        if is_year(m.group("x")) or (is_year(m.group("y")) and not unit_after(text, m.end())):
            continue
        if regex.match(rf"\s+(?:{MONTHS})\b", text[m.end() :], regex.IGNORECASE):
            continue  # "1 of 3 March": a date
        if m.group("conn").lower() == "from" and regex.search(
            r"\b(?:up|down|rose|fell|increased?|decreased?|reduced|reduction|rise|fall|change[ds]?)\s+$",
            text[max(0, m.start() - 20) : m.start()],
            regex.IGNORECASE,
        ):
            continue
        unit = unit_after(text, m.end())
        end = m.end()
        these = regex.match(r"\s+of\s+(?:these|those|the)\s+", text[end:])
        if unit is None and these:  # "five out of ten of these records"
            unit = unit_after(text, end + these.end() - 1)
        if unit:
            end = text.index(unit.split()[-1], m.end()) + len(unit.split()[-1])
        found.append(
            ProportionMatch(
                x, y, unit or _framing_unit(text, m.start()), text[m.start() : end], m.start(), end
            )
        )
    return found


def _framing_unit(text: str, start: int) -> str | None:
    """The noun a sentence frames a bare proportion with: 'Of the records we reviewed ..., 22 of 24'.

    >>> _framing_unit("In our survey, 76.6 percent of respondents (1,080 of 1,411) said so", 44)
    'respondents'
    """
    sentence_start = max((s for s, _ in sentence_bounds(text) if s <= start), default=0)
    for of in regex.finditer(r"\b[Oo]f\s+(?:the\s+|all\s+)?", text[sentence_start:start]):
        unit = unit_after(text, sentence_start + of.end() - 1)
        if unit and not regex.match(NUMBER, text[sentence_start + of.end() :], regex.IGNORECASE):
            return unit
    return None


def _candidates(
    text: str, start: int, end: int, taken: list[tuple[int, int]]
) -> list[tuple[int, int, str | None]]:
    """Totals between ``start`` and ``end``: (value, offset, unit) of each 'N <noun>'."""
    found = []
    for m in regex.finditer(NUMBER, text[start:end], regex.IGNORECASE):
        offset = start + m.start()
        if any(a <= offset < b for a, b in taken) or is_year(m.group()) or _labelled(text, offset):
            continue
        if regex.match(r"\s+(?:out\s+)?of\b", text[start + m.end() :]):
            continue
        value = to_int(m.group())
        if value is not None and _noun_follows(text, start + m.end()):
            found.append((value, offset, unit_after(text, start + m.end())))
    return found


def _anaphors(text: str, taken: list[tuple[int, int]]) -> list[ProportionMatch]:
    """'X of these <noun>': the total is the one earlier 'Y <noun>' in this or the previous sentence.

    With a noun, the nearest earlier total of the same noun is taken; without one, the
    total must be the only number of things in reach, or nothing is claimed.
    """
    found = []
    for m in ANAPHOR_RE.finditer(text):
        x = to_int(m.group("x"))
        if x is None or x == 1 or any(a <= m.start() < b for a, b in taken) or _labelled(text, m.start()):
            continue
        unit = unit_after(text, m.end())
        if m.group("det").lower() == "the" and not unit:
            continue  # "two of the rights": no total to refer to
        total = _anaphor_total(text, m.start(), unit, taken)
        if total is None or total[0] < x:
            continue
        y, offset, total_unit = total
        begin = offset - 4 if text[max(0, offset - 4) : offset].lower() == "all " else offset
        end = m.end()
        if unit:
            end = text.index(unit.split()[-1], m.end()) + len(unit.split()[-1])
        found.append(ProportionMatch(x, y, unit or total_unit, text[begin:end], begin, end, split=True))
    return found


def _anaphor_total(
    text: str, start: int, unit: str | None, taken: list[tuple[int, int]]
) -> tuple[int, int, str | None] | None:
    """The (value, offset, unit) of the total an anaphor at ``start`` refers to, or None.

    Looked for before it in its own sentence, then in the previous one: with a noun, the
    nearest total of the same noun; without one, the only total in reach.
    """
    bounds = sentence_bounds(text)  # cached; only texts with an anaphor pay for it
    index = next(i for i, (s, e) in enumerate(bounds) if s <= start < e or i == len(bounds) - 1)
    windows = [(bounds[index][0], start)]
    if index > 0:
        windows.append((bounds[index - 1][0], bounds[index - 1][1]))
    for lo, hi in windows:
        options = _candidates(text, lo, hi, taken)
        if unit:
            options = [c for c in options if _head(c[2]) == _head(unit)]
            if options:
                return options[-1]
        elif options:
            return options[0] if len(options) == 1 else None
    return None


def _of_splits(text: str) -> list[ProportionMatch]:
    """'Of the Y <noun> ..., X were ...': the total leads the sentence, the part follows the comma.

    >>> [(p.x, p.y, p.unit) for p in _of_splits("Out of 120 files reviewed, the force was right in 85.")]
    [(85, 120, 'files')]
    >>> _of_splits("Of the 100 cases we reviewed, the force took an average of 12 days.")
    []
    >>> _of_splits("Kent was the only one of the 43 forces graded outstanding, 35 were good.")
    []
    """
    found = []
    for m in OF_SPLIT_RE.finditer(text):
        if regex.search(
            rf"{NUMBER}\s+(?:out\s+)?$", text[max(0, m.start() - 30) : m.start()], regex.IGNORECASE
        ):
            continue  # "the only one of the 43 forces ...": the "of" ends another proportion
        distant = m.group("x2") is not None
        x, y = to_int(m.group("x2") if distant else m.group("x")), to_int(m.group("y"))
        if x is None or y is None or is_year(m.group("y")) or is_year(m.group("x2") or m.group("x")):
            continue
        unit = unit_after(text, m.end("y"))
        end = m.end("x2") if distant else m.end()
        after = m.group("after")
        if distant and after and after not in _PART_VERBS and _head(after) != _head(unit):
            continue  # "an average of 12 days": a number of something else
        if distant and after and _head(after) == _head(unit):
            end = m.end("after")
        start = m.start()
        found.append(ProportionMatch(x, y, unit, text[start:end], start, end, split=True))
    return found


# "one missed referral out of 30", "12 forces out of the 43": the counted noun stands between.
NOUN_OUT_OF_RE = regex.compile(
    rf"""
    (?P<x>{NUMBER})\s+
    (?P<unit>(?:[\p{{Ll}}-]+\s+){{0,2}}[\p{{Ll}}-]+)   # up to three lower-case words
    \s+out\s+of\s+(?:the\s+)?
    (?P<y>{NUMBER})(?![\w-])
    """,
    regex.VERBOSE | regex.IGNORECASE,
)


def _noun_out_of(text: str) -> list[ProportionMatch]:
    """'X <noun> out of Y': a part, its noun, and the whole after "out of".

    >>> [(p.x, p.y, p.unit) for p in _noun_out_of("We found one missed referral out of 30.")]
    [(1, 30, 'missed referral')]
    >>> _noun_out_of("Kent was one of the best forces out of 43.")
    []
    """
    found = []
    for m in NOUN_OUT_OF_RE.finditer(text):
        words = m.group("unit").lower().split()
        if any(word in _STOP_WORDS or word in {"of", "out"} for word in words):
            continue
        x, y = to_int(m.group("x")), to_int(m.group("y"))
        if (
            x is None
            or y is None
            or is_year(m.group("x"))
            or is_year(m.group("y"))
            or _labelled(text, m.start())
        ):
            continue
        found.append(ProportionMatch(x, y, m.group("unit"), m.group(0), m.start(), m.end(), split=True))
    return found


@lru_cache(maxsize=1)
def _should_have_been_matcher() -> Matcher:
    """The token matcher of the 'should have been ..., and X were ...' split form, built once."""
    return make_matcher({"SHOULD_HAVE_BEEN": _SHOULD_HAVE_BEEN})


def _should_have_been(text: str) -> list[ProportionMatch]:
    """'Y <noun> should have been V-ed, and X were V-ed' (the same verb both times)."""
    if not regex.search(r"\bshould\s+have\s+been\b", text, regex.IGNORECASE):
        return []
    doc = nlp()(text)
    found = []
    seen: set[int] = set()
    for _, start, end in sorted(_should_have_been_matcher()(doc), key=lambda t: (t[1], -t[2])):
        span = doc[start:end]
        if span.start in seen:
            continue
        tokens = list(span)
        been = next(i for i, t in enumerate(tokens) if t.lower_ == "been")
        if tokens[been + 1].lower_ != tokens[-1].lower_:
            continue  # "should have been recorded, and 25 were recorded": the same verb both times
        x_token = next(t for t in tokens[been + 2 :] if t.like_num)
        x, y = to_int(x_token.text), to_int(tokens[0].text)
        if x is None or y is None:
            continue
        seen.add(span.start)
        unit = " ".join(t.text for t in tokens[1 : been - 2])
        last = tokens[-3] if tokens[-2].lower_ in {"were", "was"} else tokens[-1]
        end_char = last.idx + len(last.text)
        words = text[span.start_char : end_char]
        found.append(ProportionMatch(x, y, unit, words, span.start_char, end_char, split=True))
    return found


def _spans(matches: list[ProportionMatch]) -> list[tuple[int, int]]:
    """Where each match stands."""
    return [(p.start, p.end) for p in matches]


def find_proportions(text: str) -> list[ProportionMatch]:
    """Every "X of Y" proportion in ``text``, in order (``x > y`` included, for a warning).

    >>> [(p.x, p.y, p.unit) for p in find_proportions("in 28 of the 39 cases we examined")]
    [(28, 39, 'cases')]
    >>> [(p.x, p.y) for p in find_proportions("all 48 cases we reviewed. In 46 of these cases, it was")]
    [(46, 48)]
    >>> find_proportions("one of the most effective forces; page 3 of 4; at least 20 of the 116 cases")
    []
    """
    if not NUMBER_CUE_RE.search(text):  # every form but the token matcher's starts at a number
        return sorted(_should_have_been(text), key=lambda p: p.start)
    direct = _direct(text)
    direct += [p for p in _noun_out_of(text) if not any(a < p.end and p.start < b for a, b in _spans(direct))]
    splits = _of_splits(text)
    taken = [(p.start, p.end) for p in direct]
    splits = [s for s in splits if not any(a < s.end and s.start < b for a, b in taken)]
    taken += [(s.start, s.end) for s in splits]
    anaphors = _anaphors(text, taken)
    taken += [(a.start, a.end) for a in anaphors]
    should = [s for s in _should_have_been(text) if not any(a < s.end and s.start < b for a, b in taken)]
    return sorted(direct + splits + anaphors + should, key=lambda p: p.start)
