"""Grades stated by layout: list lines, pending labels and the furniture between a heading and its label.

Responses, panel papers and news set grades out as lines: "Recording data about crime -
Adequate", "• Investigating crime: requires improvement", "Crime data integrity – graded as
outstanding", "Good: Preventing crime", "A, B and C – adequate". Web pages of 2014–2019 print a
label under a question ("Last updated 14/02/2017" then "Good"), or say the grade is still to
come ("To be graded"). The patterns below are built from the grade words of
:mod:`extractor.vocab.grades`; :mod:`extractor.finders.grade_lists` reads them.
"""

from __future__ import annotations

import regex

from extractor.vocab.grades import AFI_COUNT_TAIL, GRADE, UNGRADED

# A grade as a list line writes it: the grade words, or the participle news uses ("requiring
# improvement"), in optional quotes.
_QUOTE_OPEN = r"[‘'\"“]?"
_QUOTE_CLOSE = r"[’'\"”]?"
_LIST_GRADE_WORDS = rf"{GRADE}|{UNGRADED}|requiring\s+improvement"
LIST_GRADE = rf"{_QUOTE_OPEN}(?P<grade>{_LIST_GRADE_WORDS}){_QUOTE_CLOSE}"
# Grade words anywhere in a line: every list line holds them, so a line without is no list line
# (a cheap search before the anchored patterns below, which try every split of a long line).
LIST_GRADE_WORD_RE = regex.compile(_LIST_GRADE_WORDS, regex.IGNORECASE)

# Some words with a letter among them, as short as the rest of the pattern allows: the same
# matches as ``.*?\p{L}.*?`` (the shortest span that reaches past the first letter), without
# trying every place of that letter again on a line that does not match (quadratic on long lines).
_WORDS = r"[^\p{L}\n]*\p{L}.*?"

# Words that may stand between the separator and the grade: "– graded as outstanding",
# ": rated good", "- judged to be inadequate", "– found to require improvement".
GRADE_VERB = (
    r"(?:(?:was|were|is|are|has\s+been|have\s+been)\s+)?"
    r"(?:graded|rated|judged|assessed|found)(?:\s+(?:as|to\s+be|to))?\s+"
)

# What separates an area from its grade on one line: a dash or a colon (a hyphen only with
# spaces round it, so "anti-social" is no separator), or an opening bracket.
_SEPARATOR = r"(?:\s*[–—:]\s*|\s+-\s+|\s*-\s+|\s*\(\s*)"
# What may end a list line: a closing bracket, an AFI count, and the punctuation of a list
# written as one sentence ("...: good;", "...: good; and", "...: good.").
_LINE_END = rf"\)?\s*(?:{AFI_COUNT_TAIL})?\s*(?:[.;,]\s*(?:and)?)?\s*$"

# "Area(s) – grade": the areas, a separator, optional verb, the grade at the end of the line.
AREA_FIRST_LINE_RE = regex.compile(
    rf"""^(?:\(?\d+(?:\.\d+)*\)?\.?\s+)?       # an optional item number
        (?P<areas>{_WORDS})
        {_SEPARATOR}
        (?:{GRADE_VERB})?
        {LIST_GRADE}
        {_LINE_END}""",
    regex.IGNORECASE | regex.VERBOSE,
)

# "Grade – area(s)": the grade first, as a list grouped by grade writes it ("Good: Preventing crime",
# "Adequate – Investigating crime, Responding to the public and Protecting vulnerable people").
GRADE_FIRST_LINE_RE = regex.compile(
    rf"""^{LIST_GRADE}
        (?:\s*[–—:]\s*|\s+-\s+)
        (?P<areas>{_WORDS})
        \s*(?:[.;,]\s*(?:and)?)?\s*$""",
    regex.IGNORECASE | regex.VERBOSE,
)

# Two forms that only a known area's title makes a list line (words alone could be a sentence's):
# a flattened table's row, the area and its grade with nothing between ("Investigating crime
# Requires improvement"), and a grade with the word that leads its areas ("Good at preventing
# crime", "Adequate in investigating crime and managing offenders").
AREA_THEN_GRADE_RE = regex.compile(
    rf"^(?:\(?\d+(?:\.\d+)*\)?\.?\s+)?(?P<areas>{_WORDS})\s+{LIST_GRADE}\s*$", regex.IGNORECASE
)
GRADE_AT_AREAS_RE = regex.compile(
    rf"^{LIST_GRADE}\s+(?:at|in|for)\s+(?P<areas>{_WORDS})\s*(?:[.;,]\s*(?:and)?)?\s*$", regex.IGNORECASE
)

# Between the areas of a grouped line: commas, semicolons, "and", "&", "as well as".
AREA_SEPARATOR_RE = regex.compile(
    r"\s*(?:[,;/]\s*(?:and\s+)?|\s+(?:and|&|as\s+well\s+as)\s+)\s*", regex.IGNORECASE
)

# A trailing note in brackets that a list adds to an area's title:
# "Developing a positive workplace (supporting and protecting the workforce)".
BRACKET_NOTE_RE = regex.compile(r"\s*\([^()]*\)\s*$")

# Grades of other inspection scales that lists of other programmes use beside good and
# inadequate: the pre-PEEL police performance assessments (excellent, good, fair, poor; the
# direction of travel improved, stable, deteriorated), prison and custody inspections
# ("reasonably good", "not sufficiently good"). A list holding one of these is not a PEEL list.
OTHER_SCALE_WORDS: tuple[str, ...] = (
    r"excellent",
    r"fair",
    r"poor",
    r"weak",
    r"satisfactory",
    r"improved",
    r"improving",
    r"stable",
    r"deteriorated",
    r"deteriorating",
    r"reasonably\s+good",
    r"not\s+sufficiently\s+good",
)
_OTHER_SCALE = "(?:" + "|".join(OTHER_SCALE_WORDS) + ")"
# The words of another scale anywhere in a line (a cheap search before the anchored pattern).
OTHER_SCALE_WORD_RE = regex.compile(_OTHER_SCALE, regex.IGNORECASE)
OTHER_SCALE_LINE_RE = regex.compile(
    rf"""^(?P<areas>{_WORDS})
        (?:\s*[–—:]\s*|\s+-\s+)
        {_QUOTE_OPEN}(?P<word>{_OTHER_SCALE}){_QUOTE_CLOSE}
        \s*[.;,]?\s*$""",
    regex.IGNORECASE | regex.VERBOSE,
)

# A label that says the grade is still to come: no grade ("To be graded", "Not yet graded",
# "Grade to follow", "Awaiting judgment").
PENDING_LABEL_RE = regex.compile(
    r"""^\s*\(?\s*(?:
        to\s+be\s+graded
      | not\s+yet\s+(?:graded|inspected)
      | (?:grades?|judge?ments?)\s+to\s+follow
      | awaiting\s+(?:a\s+|its\s+)?(?:grades?|judge?ments?)
      | yet\s+to\s+be\s+graded
    )\s*\)?\s*\.?\s*$""",
    regex.IGNORECASE | regex.VERBOSE,
)

# Lines that stand between a heading and its label, or between a list's lines, and say
# nothing of either: a date line ("Last updated 14/02/2017", "Published 3 May 2016") or a
# question's bare number ("1", "2.").
LIST_FURNITURE_RE = regex.compile(
    r"^\s*(?:(?:last\s+(?:updated|modified)|published|updated)\b[^.]{0,40}|\d{1,2}\.?)\s*$",
    regex.IGNORECASE,
)

# The longest line that can be one entry of a list (an area's title, a title and its grade).
LIST_LINE_MAX_CHARS = 160
# The most words a title-like line of a list can have when it is no known area (an unknown area).
UNKNOWN_TITLE_MAX_WORDS = 12
