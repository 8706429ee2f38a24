"""What a document is: whether it is about an inspection at all, its kind, title, force and cycle.

Every decision rests on the inspectorate's conventions (its voice, its cycle names, the way
forces write their own name), never on one sample's sentences. The finders read the whole
document's blocks and return what they find; the ``info`` stage warns about what is unknown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import regex

from extractor.model import Document
from extractor.vocab.cycles import (
    CYCLE_RANGE_RE,
    CYCLE_YEARS_RE,
    DATE_PREPOSITION_RE,
    EARLIER_GRADE_RE,
    INSPECTION_WORD_AFTER_RE,
    INSPECTION_WORD_BEFORE_RE,
    INSPECTORATE_OWNER_RE,
    ORDINAL_ASSESSMENT_RE,
    ORDINAL_CYCLES,
    ORDINAL_OWNER_RE,
    PEEL_NAME_RE,
    PEEL_ONLY_YEARS,
    PEEL_YEAR_AFTER_RE,
    cycle_name,
)
from extractor.vocab.documents import (
    ABOUT_INSPECTORATE_RE,
    COMMISSIONER_RE,
    COMMITTEE_RE,
    COOKIE_BLOCK_RE,
    FIRST_PERSON_OFFICE_RE,
    INSPECTION_CUE_RE,
    INSPECTOR_RE,
    INSPECTORATE_PAGE_RE,
    INSPECTORATE_VOICE_RE,
    LETTER_FORM_RE,
    LETTER_HEADER_RE,
    NEWS_FURNITURE_RE,
    OWN_FORCE_RE,
    OWN_SITE_RE,
    PRESS_RELEASE_RE,
    QUOTED_RE,
    REPORTED_RESULT_RE,
    THIRD_FORCE_RE,
    WEB_PAGE_CUE_RE,
)
from extractor.vocab.forces import force_name_matches, force_name_pattern, forces
from extractor.vocab.search import occurs
from schemas import DocumentKind, Force, Inspection


def has_inspection_cue(texts: Iterable[str]) -> bool:
    """True when a text that is not about cookies or consent names the inspectorate or an inspection.

    >>> has_inspection_cue(["We use cookies on our inspection pages.", "Opening hours"])
    False
    >>> has_inspection_cue(["HMICFRS inspected the force in 2023."])
    True
    """
    return any(occurs(INSPECTION_CUE_RE, text) and not occurs(COOKIE_BLOCK_RE, text) for text in texts)


def _title_lines(document: Document) -> list[str]:
    """The lines that title the document: the reader's title, and an opening line shaped as one.

    A page saved as text opens with its title ("West Mercia PEEL 2018"): a short first line that
    does not end a sentence.
    """
    titles = [document.title] if document.title else []
    first = document.blocks[0].text.strip() if document.blocks else ""
    if first and len(first.split()) <= _TITLE_WORDS and not first.endswith((".", "!", "?", ",", ";")):
        titles.append(first)
    return titles


# The most words an opening line may have and still be taken for the document's title.
_TITLE_WORDS = 14


def _force_scores(document: Document) -> Counter[str]:
    """Force id -> weight of its mentions: headings and early mentions count thrice, a title's five times.

    In a title even a place name ("West Mercia PEEL 2018") names the force as fully as its
    full name: the title says whom the document is about, a passing mention does not.
    """
    _, weights = force_name_pattern()
    scores: Counter[str] = Counter()
    for position, block in enumerate(document.blocks):
        boost = 3.0 if block.is_heading or position < 8 else 1.0
        for match in force_name_matches(block.text):
            key = regex.sub(r"\s+", " ", match.group(0)).lower()
            if key not in weights:
                continue
            force_id, weight = weights[key]
            scores[force_id] += weight * boost
    for title in _title_lines(document):
        for match in force_name_matches(title):
            force_id, _ = weights.get(regex.sub(r"\s+", " ", match.group(0)).lower(), ("", 0))
            if force_id:
                scores[force_id] += 5
    return scores


def find_force(document: Document) -> tuple[Force | None, str | None]:
    """The force the document is about (most weight of mentions), and the name of a runner-up
    named almost as much (the choice is then ambiguous), else None."""
    scores = _force_scores(document)
    if not scores:
        return None, None
    ranked = scores.most_common(2)
    best_id, best = ranked[0]
    rival = None
    if len(ranked) > 1 and ranked[1][1] >= 0.6 * best:
        rival = next(f.name for f in forces() if f.id == ranked[1][0])
    force = next(f for f in forces() if f.id == best_id)
    return Force(id=force.id, name=force.name), rival


def _peel_named_cycles(text: str) -> list[str]:
    """Cycles the word PEEL (or its long name) names: "PEEL 2023–25", "2021/22 PEEL inspection".

    >>> _peel_named_cycles("In 2014, we introduced our PEEL inspections. This is PEEL 2022.")
    ['2021/22']
    """
    found: list[str] = []
    for peel in PEEL_NAME_RE.finditer(text):
        low = max(0, peel.start() - 40)
        window = text[low : peel.end() + 40]
        for match in CYCLE_YEARS_RE.finditer(window):
            y2 = int(match.group("y2")) if match.group("y2") else None
            if y2 is None and DATE_PREPOSITION_RE.search(window[: match.start()]):
                continue  # "In 2014, we introduced PEEL": a date, not a cycle
            cycle = cycle_name(int(match.group("y1")), y2)
            if cycle is not None:
                found.append(cycle)
                break
        else:
            after = PEEL_YEAR_AFTER_RE.match(text, peel.start())
            if after and int(after.group("year")) in PEEL_ONLY_YEARS:
                found.append(PEEL_ONLY_YEARS[int(after.group("year"))])
    return found


def _ordinal_cycles(text: str) -> list[str]:
    """Cycles the inspectorate names by number: "This is HMIC's third PEEL assessment" (2016).

    >>> _ordinal_cycles("This is HMIC’s second assessment of the effectiveness, efficiency and legitimacy")
    ['2015']
    >>> _ordinal_cycles("This is the first full PEEL assessment published.")
    []
    """
    found = []
    for m in ORDINAL_ASSESSMENT_RE.finditer(text):
        owner = INSPECTORATE_OWNER_RE if m.group("annual") else ORDINAL_OWNER_RE
        if owner.search(text[max(0, m.start() - 40) : m.start()]):
            found.append(ORDINAL_CYCLES[m.group("ordinal").lower()])
    return found


def _range_cycles(text: str) -> list[str]:
    """Cycles written as a range of years beside words of an inspection ("HMICFRS 2021/22 report").

    >>> _range_cycles("what inspectors found in its report spanning 2023 to 2025:")
    ['2023–25']
    >>> _range_cycles("The 2021/22 budget was set. We found this in our previous inspection in 2021/22.")
    []
    """
    found = []
    for m in CYCLE_RANGE_RE.finditer(text):
        before, after = text[max(0, m.start() - 40) : m.start()], text[m.end() : m.end() + 30]
        beside = INSPECTION_WORD_BEFORE_RE.search(before) or INSPECTION_WORD_AFTER_RE.search(after)
        cycle = cycle_name(int(m.group("y1")), int(m.group("y2")))
        if cycle and beside and not EARLIER_GRADE_RE.search(before + after):
            found.append(cycle)
    return found


def _title_line_cycle(text: str) -> str | None:
    """The cycle of a page title naming a force and a cycle only: "Dorset 2016", "Hampshire 2018/19".

    >>> _title_line_cycle("Thames Valley 2015"), _title_line_cycle("North Yorkshire 2018/19")
    ('2015', '2018/19')
    >>> _title_line_cycle("Kent 2015 was a good year for the force.") is None
    True
    """
    pattern, _ = force_name_pattern()
    line = text.strip()
    name = pattern.match(line)
    if not name:
        return None
    years = CYCLE_YEARS_RE.fullmatch(line[name.end() :].strip())
    if not years:
        return None
    y2 = int(years.group("y2")) if years.group("y2") else None
    return cycle_name(int(years.group("y1")), y2)


# How many opening blocks may hold a page's title line ("Skip to content", a banner, the title).
_TITLE_BLOCKS = 8


def find_inspection(document: Document) -> Inspection | None:
    """The PEEL cycle the document is about, from what its text says (never from a date alone).

    A cycle named in a heading, the opening line or a page title ("Dorset 2016") wins, the first
    such; else the cycle named most often by the word PEEL ("PEEL 2018") or by the inspectorate's
    numbering ("HMIC's third PEEL assessment"); else, weakest, the range of years named most often
    beside inspection words ("HMICFRS 2021/22 report").
    """
    heading_hits: list[str] = []
    counts: Counter[str] = Counter()
    ranges: Counter[str] = Counter()
    for position, block in enumerate(document.blocks):
        named = _peel_named_cycles(block.text)
        title = _title_line_cycle(block.text) if position < _TITLE_BLOCKS else None
        if title:
            named.insert(0, title)
        if block.is_heading or position == 0 or title:
            heading_hits.extend(named[:1])
        counts.update(named + _ordinal_cycles(block.text))
        ranges.update(_range_cycles(block.text))
    if heading_hits:
        chosen = heading_hits[0]
    elif counts or ranges:
        chosen = (counts or ranges).most_common(1)[0][0]
    else:
        return None
    slug = "peel-" + regex.sub(r"[^0-9]+", "-", chosen).strip("-")
    return Inspection(programme="PEEL", cycle=chosen, id=slug)


def find_kind(document: Document) -> DocumentKind:
    """What sort of document this is, by the conventions of its form, most telling first.

    A letter's header or salutation signed by the inspectorate; the press release's "Get the
    report"; a committee's agenda headings; the inspectorate's page furniture ("Last updated");
    the inspectorate's voice ("we found"); a force's capital-F "the Force" or a commissioner's
    first person; then news furniture or a third party reporting a result.
    """
    text = document.text
    voice = len(INSPECTORATE_VOICE_RE.findall(text))
    letter = occurs(LETTER_FORM_RE, text) or occurs(LETTER_HEADER_RE, text)
    if letter and (voice or occurs(INSPECTOR_RE, text)):  # the inspectorate writes or signs it
        return DocumentKind.INSPECTION_LETTER
    if occurs(PRESS_RELEASE_RE, text):
        return DocumentKind.PRESS_RELEASE
    if COMMITTEE_RE.search(text):
        return DocumentKind.COMMITTEE_PAPER
    web_page = occurs(WEB_PAGE_CUE_RE, text) or occurs(INSPECTORATE_PAGE_RE, text)
    if web_page and document.format.value != "pdf":
        return DocumentKind.INSPECTION_WEB_PAGE
    about = len(ABOUT_INSPECTORATE_RE.findall(text))
    if voice >= 3 and voice >= about:
        return DocumentKind.INSPECTION_REPORT
    own = len(OWN_FORCE_RE.findall(text))
    third = len(THIRD_FORCE_RE.findall(text))
    commissioner = len(COMMISSIONER_RE.findall(text))
    # Forces write "the Force" with a capital about themselves; others write "the force".
    if about and own >= 5 and own > third:
        return DocumentKind.FORCE_RESPONSE
    if occurs(NEWS_FURNITURE_RE, text):
        return DocumentKind.NEWS_ARTICLE
    unquoted = QUOTED_RE.sub("", text)  # a quoted "I welcome" is someone else's voice
    if occurs(OWN_SITE_RE, text) or occurs(FIRST_PERSON_OFFICE_RE, unquoted):
        return DocumentKind.PCC_SCRUTINY_REPORT if commissioner else DocumentKind.FORCE_RESPONSE
    if about and commissioner >= 2:
        return DocumentKind.PCC_SCRUTINY_REPORT
    if voice >= 3:
        return DocumentKind.INSPECTION_REPORT
    if occurs(REPORTED_RESULT_RE, text):
        return DocumentKind.NEWS_ARTICLE
    return DocumentKind.OTHER


def find_title(document: Document) -> str | None:
    """The reader's title (HTML <title>, PDF metadata), else the first heading."""
    if document.title:
        return document.title
    return next((block.text for block in document.blocks[:20] if block.is_heading), None)


# How many places a document info's evidence lists (the first ones, in document order).
_EVIDENCE_PLACES = 3


def force_words(document: Document, force_id: str) -> list[tuple[int, int, str]]:
    """(block index, offset, words) of the first places that name the force ``find_force`` chose."""
    pattern, weights = force_name_pattern()
    found: list[tuple[int, int, str]] = []
    for index, block in enumerate(document.blocks):
        for match in pattern.finditer(block.text):
            key = regex.sub(r"\s+", " ", match.group(0)).lower()
            if weights.get(key, ("", 0))[0] == force_id:
                found.append((index, match.start(), match.group(0)))
                if len(found) == _EVIDENCE_PLACES:
                    return found
    return found


def _cycle_matches(text: str, cycle: str) -> list[tuple[int, str]]:
    """(offset, words) of what in ``text`` names ``cycle``: its years ('PEEL 2023–25', '2021/22'),
    'PEEL 2022' for 2021/22, or the inspectorate's numbering ("HMIC's third PEEL assessment")."""
    found = []
    for match in CYCLE_YEARS_RE.finditer(text):
        y2 = int(match.group("y2")) if match.group("y2") else None
        if cycle_name(int(match.group("y1")), y2) == cycle:
            found.append((match.start(), match.group(0)))
    for peel in PEEL_NAME_RE.finditer(text):
        after = PEEL_YEAR_AFTER_RE.match(text, peel.start())
        if after and PEEL_ONLY_YEARS.get(int(after.group("year"))) == cycle:
            found.append((after.start(), after.group(0)))
    for match in ORDINAL_ASSESSMENT_RE.finditer(text):
        if ORDINAL_CYCLES.get(match.group("ordinal").lower()) == cycle:
            found.append((match.start(), match.group(0)))
    return sorted(set(found))


def cycle_words(document: Document, cycle: str) -> list[tuple[int, int, str]]:
    """(block index, offset, words) of the first places that name the cycle ``find_inspection``
    chose, in the blocks it read it from (not a year in passing)."""
    found: list[tuple[int, int, str]] = []
    for position, block in enumerate(document.blocks):
        title = _title_line_cycle(block.text) if position < _TITLE_BLOCKS else None
        named = [*_peel_named_cycles(block.text), *_ordinal_cycles(block.text), *_range_cycles(block.text)]
        if cycle not in named and title != cycle:
            continue
        for offset, words in _cycle_matches(block.text, cycle)[:1]:
            found.append((position, offset, words))
        if len(found) == _EVIDENCE_PLACES:
            break
    return found


def kind_cues(document: Document) -> str:
    """What ``find_kind`` saw of the cues it counts, against what each kind needs, for a warning
    when it could tell no kind: "1 sentence in the inspectorate's voice (a report needs 3), ..."."""
    text = document.text
    voice = len(INSPECTORATE_VOICE_RE.findall(text))
    about = len(ABOUT_INSPECTORATE_RE.findall(text))
    own = len(OWN_FORCE_RE.findall(text))
    return (
        f"found {voice} phrase(s) in the inspectorate's voice ('we found'; a report needs 3), "
        f"{about} mention(s) of the inspectorate and {own} of 'the Force' (a force's response needs "
        "both, 'the Force' 5 times), and no letter form, press release, committee paper, web page "
        "or news furniture"
    )
