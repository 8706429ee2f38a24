"""Which areas a stretch of running text names: one area, or a list of them ("A, B and C").

A grade word's scope is read here, name by name, against the taxonomy's titles, aliases and
running-text mentions (``vocab/data/areas.json``), joined by the list words of
:mod:`extractor.vocab.area_lists`. :func:`read_forward` reads a list that begins a phrase ("good
at A, B and C"), :func:`read_backward` one that ends it ("A, B and C were judged adequate").
Where a name fits several areas ("use of resources": the 2015–2019 question or, from 2021/22,
leadership and force management), the area the document's cycle grades is chosen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from extractor.vocab.area_lists import (
    BARE_VERB_RE,
    CLAUSE_BREAK_RE,
    CLAUSE_OPENER_RE,
    ITEM_LEAD_RE,
    ITEM_TAIL_RE,
    LIST_LEAD_RE,
    LIST_SEPARATOR_RE,
    NAME_LEAD_RE,
    SHORT_FORM_RE,
    VERB_LED_RE,
)
from extractor.vocab.areas import AreaDef, area_by_id, areas, match_area, normalise_title
from extractor.vocab.cycles import first_year
from extractor.vocab.sentence_cues import PEEL_EXPANSION_RE, PILLAR_SCOPE_RE, PILLAR_WORD_RE, PILLARS

# The first cycle of the five-grade scale ("adequate" added): PEEL 2021/22.
FIVE_GRADES_FROM = 2021

# The most list items one area's name spans ("Attracting, developing and retaining the
# workforce and creating a diverse and inclusive workplace" is five).
MAX_ITEMS = 6


@dataclass(frozen=True)
class AreaName:
    """An area a text names, with the words that name it and where they stand in the text."""

    area_id: str
    text: str  # the words as written (leading determiners and quotes dropped)
    start: int
    end: int
    titled: bool  # the words are one of the area's titles or aliases, not only a running-text mention


# --------------------------------------------------------------------------- names of one area


def graded_in(area: AreaDef, cycle_start: int | None) -> bool:
    """Whether the area is graded or reported in the cycle starting in ``cycle_start`` (unknown: yes)."""
    if cycle_start is None or not area.cycles:
        return True
    return any(first_year(cycle) == cycle_start for cycle in area.cycles)


def graded_in_era(area: AreaDef, cycle_start: int | None) -> bool:
    """Whether the area is graded in the era of the cycle starting in ``cycle_start``: the four-grade
    years 2014–2019 or the five-grade years from 2021/22 (unknown: yes). Looser than
    :func:`graded_in`, so a cycle read a year out does not lose an area."""
    if cycle_start is None or not area.cycles:
        return True
    recent = cycle_start >= FIVE_GRADES_FROM
    return any(((first_year(cycle) or 0) >= FIVE_GRADES_FROM) == recent for cycle in area.cycles)


def era_of(area_ids: set[str], five_grades: bool) -> str | None:
    """'latest' when a document that names no cycle is of a recent one: it grades on the five-grade
    scale ("adequate") or names an area graded only from 2021/22; else None (its era is unknown)."""
    defs = [a for a in map(area_by_id, area_ids) if a is not None and a.cycles]
    recent = any(all((first_year(c) or 0) >= FIVE_GRADES_FROM for c in a.cycles) for a in defs)
    return "latest" if recent or five_grades else None


def _latest(area: AreaDef) -> int:
    return max((first_year(cycle) or 0 for cycle in area.cycles), default=0)


def _choose(ids: list[str], cycle_start: int | None) -> str | None:
    """Of the areas a name fits, the one the document's cycle grades (unknown cycle: the latest)."""
    if not ids:
        return None
    by_id = {area.id: area for area in areas()}
    fitting = [i for i in ids if graded_in(by_id[i], cycle_start)] or ids
    if cycle_start is None:
        return max(fitting, key=lambda i: _latest(by_id[i]))
    return fitting[0]


_WORD_FORMS = {
    "antisocial": r"anti[\s-]*social",
    "reoffending": r"re[\s-]*offending",
    "wellbeing": r"well[\s-]*being",
    "countercorruption": r"counter[\s-]*corruption",
    "and": r"(?:and|&)",
}


def _alias_pattern(alias: str) -> str:
    """An alias as a pattern over running text: its words in order, any punctuation between them."""
    words = normalise_title(alias).split()
    return r"[\W_]+".join(_WORD_FORMS.get(w, regex.escape(w).replace("'", "['’]")) for w in words)


@lru_cache(maxsize=1)
def _name_patterns() -> tuple[tuple[str, regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]], ...]:
    """Per area: its full-match mention pattern, and its prefix and suffix name patterns."""
    found = []
    for area in areas():
        aliases = sorted({_alias_pattern(name) for name in area.names()}, key=len, reverse=True)
        mentions = [f"(?:{m})" for m in area.mentions]
        names = "|".join([*aliases, *mentions])
        full = regex.compile(rf"(?:{'|'.join(mentions)})" if mentions else r"(?!)", regex.IGNORECASE)
        prefix = regex.compile(rf"(?:{names})(?![\w-])", regex.IGNORECASE | regex.POSIX)
        suffix = regex.compile(rf"(?<![\w-])(?:{names})[\W_]*$", regex.IGNORECASE)
        found.append((area.id, full, prefix, suffix))
    return tuple(found)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """The item's span without leading determiners, 'how it' and quotes, or trailing punctuation."""
    while start < end and text[start].isspace():
        start += 1
    lead = ITEM_LEAD_RE.match(text, start, end)
    if lead and lead.end() < end:
        start = lead.end()
    tail = ITEM_TAIL_RE.search(text, start, end)
    if tail and tail.start() > start:
        end = tail.start()
    return start, end


def name_of(text: str, cycle_start: int | None = None) -> AreaName | None:
    """The area ``text`` names as a whole (a title, alias or mention), or None.

    >>> name_of("its use of resources", 2021).area_id, name_of("its use of resources", 2016).area_id
    ('leadership_force_management', 'using_resources')
    >>> name_of("how the force protects vulnerable people").area_id
    'protecting_vulnerable_people'
    >>> name_of("assessing threats") is None
    True
    """
    return _full(text, 0, len(text), cycle_start)


def _full(text: str, start: int, end: int, cycle_start: int | None) -> AreaName | None:
    start, end = _strip(text, start, end)
    words = text[start:end]
    if not words.strip():
        return None
    titled = match_area(words)
    ids = [titled] if titled else []
    ids += [
        area_id for area_id, full, _, _ in _name_patterns() if full.fullmatch(words) and area_id not in ids
    ]
    chosen = _choose(ids, cycle_start)
    return AreaName(chosen, words, start, end, chosen == titled) if chosen else None


def _prefix(text: str, start: int, end: int, cycle_start: int | None) -> AreaName | None:
    """The longest area name that opens ``text[start:end]`` ('investigating crime' of '... for a year')."""
    start, _ = _strip(text, start, end)
    hits: dict[str, int] = {}
    for area_id, _, prefix, _ in _name_patterns():
        match = prefix.match(text, start, end)
        if match:
            hits[area_id] = match.end()
    if not hits:
        return None
    longest = max(hits.values())
    chosen = _choose([i for i, e in hits.items() if e == longest], cycle_start)
    assert chosen is not None
    return _full(text, start, longest, cycle_start) or AreaName(
        chosen, text[start:longest], start, longest, False
    )


def _suffix(text: str, start: int, end: int, cycle_start: int | None) -> AreaName | None:
    """The longest area name that ends ``text[start:end]`` just after a word that may lead a name
    ('in' of 'work needs to be done in treating the public fairly'), not after a subject's words."""
    first: int | None = None
    for _, _, _, suffix in _name_patterns():
        for match in suffix.finditer(text, start, end, overlapped=True):
            if (first is None or match.start() < first) and NAME_LEAD_RE.search(text[: match.start()]):
                first = match.start()
                break
    if first is None:
        return None
    name = _full(text, first, end, cycle_start)
    if name is not None:
        return name
    ids = [a for a, _, _, suffix in _name_patterns() if suffix.match(text, first, end)]
    chosen = _choose(ids, cycle_start)
    s, e = _strip(text, first, end)
    return AreaName(chosen, text[s:e], s, e, False) if chosen else None


# --------------------------------------------------------------------------- lists


@dataclass(frozen=True)
class _Item:
    start: int
    end: int
    after_break: bool  # a semicolon stands before it


def _items(text: str, start: int, end: int) -> list[_Item]:
    """The list items of ``text[start:end]``, split at commas, 'and', semicolons and spaced dashes."""
    items: list[_Item] = []
    position, after_break = start, False
    for separator in LIST_SEPARATOR_RE.finditer(text, start, end):
        if separator.start() > position:
            items.append(_Item(position, separator.start(), after_break))
        position = separator.end()
        after_break = bool(CLAUSE_BREAK_RE.search(separator.group(0)))
    if position < end:
        items.append(_Item(position, end, after_break))
    return items


def _split(text: str, items: list[_Item], whole: AreaName, cycle_start: int | None) -> list[AreaName]:
    """Two areas graded side by side that together read as one area's alias ("investigating crime and
    managing offenders", a 2015 question's words, is two areas in a 2023 list)."""
    by_id = {area.id: area for area in areas()}
    cycle_titles = {normalise_title(t) for _, t in by_id[whole.area_id].titles}
    if normalise_title(whole.text) in cycle_titles:
        return [whole]
    for cut in range(1, len(items)):
        left = _full(text, items[0].start, items[cut - 1].end, cycle_start)
        right = _full(text, items[cut].start, items[-1].end, cycle_start)
        if left and right and left.area_id != right.area_id:
            together = set(by_id[left.area_id].cycles) & set(by_id[right.area_id].cycles)
            if together and (cycle_start is None or any(first_year(c) == cycle_start for c in together)):
                return [left, right]
    return [whole]


def _distributed(text: str, verb: _Item, rest: _Item, cycle_start: int | None) -> AreaName | None:
    """'preventing' of 'preventing and investigating crime' read as 'preventing crime'."""
    v_start, v_end = _strip(text, verb.start, verb.end)
    word = text[v_start:v_end]
    r_start, r_end = _strip(text, rest.start, rest.end)
    parts = text[r_start:r_end].split(None, 1)
    if not BARE_VERB_RE.match(word) or len(parts) < 2 or not BARE_VERB_RE.match(parts[0]):
        return None
    name = name_of(f"{word} {parts[1]}", cycle_start)
    return AreaName(name.area_id, f"{word} {parts[1]}", v_start, v_end, name.titled) if name else None


def _blank_short_forms(text: str) -> str:
    """The text with bracketed short forms ('(ASB)') blanked out, offsets kept."""
    return SHORT_FORM_RE.sub(lambda match: " " * len(match.group(0)), text)


def mentions_in(text: str, cycle_start: int | None = None) -> list[AreaName]:
    """Every area a running text mentions by a title or mention, in order ('how well it meets the
    strategic policing requirement, and how well it protects the public from armed threats')."""
    found: dict[str, AreaName] = {}
    for area_id, full, prefix, _ in _name_patterns():
        for pattern in (full, prefix):
            for match in pattern.finditer(text):
                if regex.match(r"[\w-]", text[match.start() - 1 : match.start()] or " "):
                    continue  # inside a word
                if area_id not in found or match.start() < found[area_id].start:
                    found[area_id] = AreaName(area_id, match.group(0), match.start(), match.end(), False)
    return sorted(found.values(), key=lambda name: name.start)


def _dedupe(names: list[AreaName]) -> list[AreaName]:
    """One name per area ('strategic planning, organisational management and value for money')."""
    seen: set[str] = set()
    kept = []
    for name in names:
        if name.area_id not in seen:
            seen.add(name.area_id)
            kept.append(name)
    return kept


def read_forward(text: str, cycle_start: int | None = None) -> list[AreaName]:
    """The areas a list at the start of ``text`` names, in order; the list ends at the first
    item that names no area.

    >>> [n.area_id for n in read_forward("responding to the public, and managing offenders.")]
    ['responding_to_public', 'managing_offenders_suspects']
    >>> [n.area_id for n in read_forward("preventing and investigating crime, and it answers calls")]
    ['preventing_crime', 'investigating_crime']
    """
    text = _blank_short_forms(text)
    lead = LIST_LEAD_RE.match(text)
    start = lead.end() if lead else 0
    items = _items(text, start, len(text))
    names: list[AreaName] = []
    i = 0
    while i < len(items):
        hit = None
        for j in range(min(len(items), i + MAX_ITEMS), i, -1):
            whole = _full(text, items[i].start, items[j - 1].end, cycle_start)
            if whole is not None:
                hit = (j, _split(text, items[i:j], whole, cycle_start) if j - i > 1 else [whole])
                break
        if hit is not None:
            i, found = hit
            names.extend(found)
            continue
        if i + 1 < len(items):
            spread = _distributed(text, items[i], items[i + 1], cycle_start)
            if spread is not None:
                names.append(spread)
                i += 1
                continue
        if names and i + 1 < len(items) and items[i + 1].after_break:
            i += 1  # a list set out with semicolons goes on past a name it misspells ("managing orders;")
            continue
        opening = _prefix(text, items[i].start, len(text), cycle_start)
        if opening is not None:
            names.append(opening)
        break
    return _dedupe(names)


def read_backward(text: str, cycle_start: int | None = None) -> list[AreaName]:
    """The areas a list at the end of ``text`` names, in order; read from the end, the list
    stops at a semicolon, at a word that opens its clause ('while', 'but'), or at an item that
    names no area.

    >>> [n.area_id for n in read_backward("while preventing crime and investigating crime")]
    ['preventing_crime', 'investigating_crime']
    >>> [n.area_id for n in read_backward("The force's approach to investigating crime")]
    []
    """
    text = _blank_short_forms(text)
    tail = ITEM_TAIL_RE.search(text)  # ", which were all" before the verb
    items = _items(text, 0, tail.start() if tail else len(text))
    names: list[AreaName] = []
    j = len(items)
    while j > 0:
        hit = None
        for i in range(max(0, j - MAX_ITEMS), j):
            opener = CLAUSE_OPENER_RE.match(text, items[i].start, items[j - 1].end)
            start = opener.end() if opener else items[i].start
            whole = _full(text, start, items[j - 1].end, cycle_start)
            if whole is not None:
                span = [_Item(start, items[i].end, items[i].after_break), *items[i + 1 : j]]
                hit = (i, _split(text, span, whole, cycle_start) if j - i > 1 else [whole], bool(opener))
                break
        if hit is not None:
            i, found, opened = hit
            names[:0] = found
            if opened or items[i].after_break or any(item.after_break for item in items[i + 1 : j]):
                break
            j = i
            continue
        if j < len(items) and names and j - 1 >= 0:
            spread = _distributed(text, items[j - 1], items[j], cycle_start)
            if spread is not None:
                names.insert(0, spread)
                j -= 1
                continue
        closing = _suffix(text, items[max(0, j - MAX_ITEMS)].start, items[j - 1].end, cycle_start)
        if closing is not None:
            names.insert(0, closing)
        break
    return _dedupe(names)


# --------------------------------------------------------------------------- titles


def short_title(area: AreaDef, cycle: str | None) -> str | None:
    """The short name the inspectorate's pages give an area in the document's cycle ('Good use of
    resources', 2021/22), or None."""
    return dict(area.short_titles).get(cycle) if cycle is not None else None


def pillar_name(area_id: str | None) -> str | None:
    """A pillar's name ('Effectiveness'), which a pillar's judgment goes by, or None for other areas."""
    area = area_by_id(area_id) if area_id in PILLARS else None
    return area.title if area is not None else None


# The last year each pillar had a report of its own (from 2018/19 one report covers them all).
PILLAR_REPORTS_UNTIL = 2017


def pillar_in_scope(texts: Sequence[str], cycle_start: int | None) -> str | None:
    """The one pillar the top of a document says it is about ("PEEL: Police legitimacy 2016"), or
    None where it names none, several, or its cycle has no pillar reports.

    >>> pillar_in_scope(["Reply to HMIC PEEL: Police Efficiency 2016", "Westshire Police"], None)
    'efficiency'
    >>> pillar_in_scope(["The efficiency inspection and the legitimacy report"], 2016) is None
    True
    >>> pillar_in_scope(["PEEL: Police legitimacy 2016"], 2021) is None
    True
    """
    if cycle_start is not None and cycle_start > PILLAR_REPORTS_UNTIL:
        return None
    named: set[str] = set()
    for text in texts:
        text = PEEL_EXPANSION_RE.sub(" ", text)
        if PILLAR_SCOPE_RE.search(text):  # about one pillar: every pillar the block names counts
            named |= {word.lower() for word in PILLAR_WORD_RE.findall(text)}
    return named.pop() if len(named) == 1 and next(iter(named)) in PILLARS else None


def title_of(name: AreaName, cycle: str | None) -> str:
    """A sentence's area as the inspectorate names it: a pillar's name ('Effectiveness'); else the
    short name the document's cycle gives it ('Good use of resources', 2021/22); else the words the
    sentence writes when they are a title (a cycle's full title gives that cycle's short name);
    with a recent cycle not named ('latest'), the short name nearest its words; else the sentence's
    own words ('use of resources'; 'protects vulnerable people' as 'protecting vulnerable people');
    else the cycle's title or the taxonomy's."""
    area = area_by_id(name.area_id)
    words = name.text.strip(" ‘’'\"“”")
    if area is None:
        return words or name.area_id
    pillar = pillar_name(area.id)
    if pillar is not None:  # 'Effectiveness', whatever words name it
        return pillar
    short = short_title(area, cycle)
    if short is not None:  # the cycle's own name for it, whatever words the sentence uses
        return short
    if name.titled:
        key = normalise_title(words)
        shorts = dict(area.short_titles)
        short = next((shorts[c] for c, t in area.titles if normalise_title(t) == key and c in shorts), None)
        return short if short is not None and normalise_title(short) != key else words
    nearest = _nearest_short(area, words) if cycle == "latest" else None
    if nearest is not None:  # no cycle named, but a recent one: the short name nearest its words
        return nearest
    if words:
        return _gerund(words) if VERB_LED_RE.match(words) else words
    return dict(area.titles).get(cycle or "") or area.title


def _content_words(text: str) -> set[str]:
    return set(normalise_title(text).split()) - {
        "the",
        "of",
        "and",
        "a",
        "an",
        "its",
        "to",
        "in",
        "for",
        "with",
    }


def _nearest_short(area: AreaDef, words: str) -> str | None:
    """Of an area's short names, the one sharing most words with the sentence's (ties: the latest)."""
    if not area.short_titles:
        return None
    mine = _content_words(words)
    ranked = [(len(mine & _content_words(short)), n, short) for n, (_, short) in enumerate(area.short_titles)]
    return max(ranked)[2]


def _gerund(words: str) -> str:
    """Words led by a verb in the third person, led by its '-ing' form instead ('protects
    vulnerable people' -> 'protecting vulnerable people', 'manages offenders' -> 'managing offenders')."""
    verb, _, rest = words.partition(" ")
    stem = verb[:-2] if verb.endswith("es") and not verb.endswith(("ses", "oes")) else verb[:-1]
    return f"{stem}ing {rest}".strip()
