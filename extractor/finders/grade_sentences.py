"""Grades a sentence states of this force, read by the grade sentence grammar in the vocabulary.

The grammar (:data:`extractor.vocab.grade_sentences.GRADE_SENTENCES`) is ordered data; this
module compiles it once per force, runs it over a sentence, and reads each match as its entry
says: one statement per grade word, the grade's scope read as a list of areas (before or after
it, :mod:`extractor.finders.area_lists`), and whether the grade is an earlier inspection's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import regex

from extractor.finders.area_lists import AreaName, mentions_in, read_backward, read_forward
from extractor.finders.grades import EvidenceKind, GradeStatement
from extractor.vocab.areas import area_by_id, find_area_mentions, match_area
from extractor.vocab.cycles import CYCLE_YEARS_RE, EARLIER_GRADE_RE, NOW_RE, YEAR_RE, cycle_name
from extractor.vocab.forces import force_name_pattern
from extractor.vocab.grade_sentences import ANY_FORCE_NAME, GRADE_SENTENCES, GradeSentence, fill, subject
from extractor.vocab.grades import GRADE_INFLECTED, GRADE_KEYWORD_RE, parse_grade
from extractor.vocab.numbers import to_int
from extractor.vocab.search import after_leading_group
from extractor.vocab.sentence_cues import (
    ALSO_RE,
    AREA_COUNT_RE,
    ASPECT_RE,
    CLAUSE_END_RE,
    COUNTED_LIST_LEAD_RE,
    DATED_RE,
    FORCES_SCOPE_RE,
    MENTION_END_RE,
    NOT_POLICING_RE,
    OTHER_FORCES_RE,
    PAST_FRAME_RE,
    PAST_VERB_RE,
    PHRASE_ASIDE_RE,
    PHRASE_CUT_RE,
    PHRASE_LEAD_RE,
    PILLARS,
    SINCE_RE,
)
from schemas import Grade


@lru_cache(maxsize=64)
def compiled_grammar(names: tuple[str, ...]) -> list[tuple[GradeSentence, regex.Pattern[str]]]:
    """Every grade sentence pattern with the force's names as its subject (compiled once per force)."""
    subject_pattern = subject(names)
    return [
        (entry, regex.compile(fill(entry.pattern, subject_pattern), regex.IGNORECASE | regex.VERBOSE))
        for entry in GRADE_SENTENCES
    ]


@lru_cache(maxsize=64)
def _tails(names: tuple[str, ...]) -> list[regex.Pattern[str] | None]:
    """For each entry that opens with its phrase (up to eight words, tried at every position), what
    must match after it: a sentence where that finds nothing is no match of the entry."""
    return [after_leading_group(pattern, "phrase") for _, pattern in compiled_grammar(names)]


_ANY_FORCE_RE = regex.compile(ANY_FORCE_NAME)
# A grade word, quoted or not, for what "this grade" points back at.
QUOTED_GRADE_RE = regex.compile(rf"[‘'\"“](?P<grade>{GRADE_INFLECTED})[’'\"”]", regex.IGNORECASE)
ANY_GRADE_RE = regex.compile(rf"\b(?P<grade>{GRADE_INFLECTED})\b", regex.IGNORECASE)


def _own(name: str) -> str:
    return regex.sub(r"\s+", " ", name.strip().lower())


def _names_another_force(text: str, names: Sequence[str]) -> bool:
    """Whether ``text`` names a force other than this one, or forces in general ('most forces'; not
    after this force as subject: "Kent Police is one of only two forces graded 'outstanding' ...")."""
    for match in OTHER_FORCES_RE.finditer(text):
        if not _ours_before(text, match.start(), names):
            return True
    if not names:
        return False
    ours = {_own(name) for name in names}
    pattern, weights = force_name_pattern()
    named = [m.group(0) for m in pattern.finditer(text) if weights.get(_own(m.group(0)), ("", 0.0))[1] >= 1.0]
    named += [m.group(0) for m in _ANY_FORCE_RE.finditer(text)]
    return any(_own(name) not in ours for name in named)


@lru_cache(maxsize=64)
def _subject_re(names: tuple[str, ...]) -> regex.Pattern[str]:
    return regex.compile(subject(names), regex.IGNORECASE)


def _names_this_force(sentence: str, read: _Read, names: Sequence[str]) -> bool:
    """Whether the sentence names this force (not 'it') before the reading, as its subject."""
    return _ours_before(sentence, read.match.start(), names)


def _ours_before(text: str, end: int, names: Sequence[str]) -> bool:
    """Whether ``text`` names this force by a name or as 'the force' (not 'it') before ``end``."""
    found = _subject_re(tuple(names)).finditer(text, 0, end)
    return any(match.group("it") is None for match in found)


def _generic_subject(read: _Read, names: Sequence[str]) -> bool:
    """The subject is 'the force', 'the constabulary' or 'it', not one of this force's names."""
    subject_text = read.match.groupdict().get("subject")
    return subject_text is not None and _own(subject_text) not in {_own(name) for name in names}


def _only_another_force(text: str, names: Sequence[str]) -> bool:
    """Whether ``text`` names another force and not this one: what 'the force' after it refers to."""
    if not names or not _names_another_force(text, names):
        return False
    pattern, _ = force_name_pattern()
    ours = {_own(name) for name in names}
    return not any(_own(m.group(0)) in ours for m in pattern.finditer(text))


def _years(text: str, *, dates: bool = True) -> list[tuple[int, str]]:
    """(first year, name) of each year or cycle a text states: 'In 2017', 'last inspected in 2018/19'
    (with ``dates`` false, not a date's year: 'published on 24 July 2025')."""
    found = [
        (int(m.group(1)), m.group(1))
        for m in YEAR_RE.finditer(text)
        if dates or not DATED_RE.search(text, 0, m.start())
    ]
    for match in CYCLE_YEARS_RE.finditer(text):
        if match.group("y2"):
            first = int(match.group("y1"))
            found.append((first, cycle_name(first, int(match.group("y2"))) or match.group(0)))
    return sorted(set(found))


def _is_earlier(clause: str, cycle_start: int | None, *, states_change: bool) -> bool:
    """True when a clause states a grade of an earlier inspection, not this document's."""
    # With no cycle known, a date's year ("published on 24 July 2025") says nothing of an earlier one.
    years = [year for year, _ in _years(clause, dates=cycle_start is not None)]
    if years and (cycle_start is None or min(years) < cycle_start):
        return True
    if states_change:  # "has moved from adequate to good since the last inspection": 'to' is current
        return False
    if SINCE_RE.search(clause) and not PAST_FRAME_RE.search(clause):
        return False  # "improvements since its last inspection, ... where its performance was outstanding"
    return bool(EARLIER_GRADE_RE.search(clause)) and not NOW_RE.search(clause)


def _earlier_cycle(text: str, cycle_start: int | None) -> str | None:
    """The earlier cycle or year a clause names ('2017', '2018/19'), where it names one."""
    earlier = [name for year, name in _years(text) if cycle_start is None or year < cycle_start]
    return earlier[0] if earlier else None


@dataclass
class _Read:
    """One grade word the grammar read, before its areas are known."""

    entry: GradeSentence
    match: regex.Match[str]
    grade: Grade

    @property
    def grade_span(self) -> tuple[int, int]:
        return self.match.span("grade")


def _last_grade(text: str) -> Grade | None:
    """The last grade a text names, a quoted one first ("of ‘Adequate’, which means ..."): what
    "this grade" points back at."""
    for pattern in (QUOTED_GRADE_RE, ANY_GRADE_RE):
        found = [parse_grade(m.group("grade")) for m in pattern.finditer(text)]
        found = [grade for grade in found if grade is not None]
        if found:
            return found[-1]
    return None


@dataclass
class _Claim:
    """The reading of a grade word by the first entry that reads it, and by the later entries that
    read the same words (tried in turn where an earlier one names no area)."""

    read: _Read
    others: list[_Read]


def _claim(sentence: str, names: tuple[str, ...], context: str = "") -> list[_Claim]:
    """One claim per grade word: the entries (in grammar order) that read it."""
    claims: list[_Claim] = []
    for (entry, pattern), tail in zip(compiled_grammar(names), _tails(names), strict=True):
        if tail is not None and not tail.search(sentence):
            continue
        seen: set[int] = set()  # claims this entry already reads
        for match in pattern.finditer(sentence, overlapped=True):
            start, end = match.span("grade")
            if entry.anaphor:
                grade = _last_grade(context + " " + sentence[: match.start()])
            elif entry.not_graded:
                grade = Grade.NOT_GRADED
            else:
                grade = parse_grade(match.group("grade"))
            if grade is None:
                continue
            read = _Read(entry, match, grade)
            held = next(
                (
                    n
                    for n, c in enumerate(claims)
                    if c.read.grade_span[0] < end and start < c.read.grade_span[1]
                ),
                None,
            )
            if held is None:
                seen.add(len(claims))
                claims.append(_Claim(read, []))
            elif held not in seen:
                seen.add(held)
                claims[held].others.append(read)
    return sorted(claims, key=lambda claim: claim.read.grade_span[0])


def _subjectless(read: _Read) -> bool:
    """The grade has no force of its own as subject: a list, 'it', a bullet, an aside."""
    groups = read.match.groupdict()
    return groups.get("subject") is None or groups.get("it") is not None


def find_sentence_grades(
    sentence: str, force_names: Sequence[str] = (), cycle_start: int | None = None, context: str = ""
) -> list[GradeStatement]:
    """Grades one sentence states of this force ('the force', 'it', or one of ``force_names``).

    Sentences about other forces or forces in general ("forces that require improvement")
    state none. A grade of an earlier inspection comes back with ``earlier=True``; a grade over a
    list of areas comes back once, with each area in ``areas``. ``context`` is the sentence before,
    for "this grade".

    >>> [(s.grade.value, s.phrase) for s in find_sentence_grades("The force is good at preventing crime.")]
    [('good', 'preventing crime')]
    >>> [(s.grade.value, [a.area_id for a in s.areas]) for s in find_sentence_grades(
    ...     "Investigating crime and managing offenders were judged adequate.")]
    [('adequate', ['investigating_crime', 'managing_offenders_suspects'])]
    """
    if not (GRADE_KEYWORD_RE.search(sentence) or "grade" in sentence.lower()) or NOT_POLICING_RE.search(
        sentence
    ):
        return []
    claims = _claim(sentence, tuple(force_names), context)
    reads = [claim.read for claim in claims]
    found: list[GradeStatement] = []
    before: GradeStatement | None = None  # the statement before, for one that goes on from it
    previous_end = 0
    for k, claim in enumerate(claims):
        following = _following(sentence, reads, k)
        for read in (claim.read, *claim.others):  # the next entry, where one names no area
            statement, end = _statement(sentence, read, previous_end, following, cycle_start)
            if statement is not None:
                break
        previous_end = max(previous_end, end)
        if statement is None:
            continue
        clause_end = _clause_end(sentence, read, end, following)
        if not _of_this_force(sentence, read, statement, clause_end, bool(found), force_names, context):
            continue
        clause = sentence[_clause_start(reads, k) : clause_end]
        statement = _dated(statement, read.entry, clause, cycle_start, before)
        before = statement
        found.append(statement)
        if read.match.groupdict().get("from_grade"):  # "moved from X to Y": X was the earlier grade
            old = parse_grade(read.match.group("from_grade"))
            if old is not None:
                found.append(
                    replace(statement, grade=old, grade_text=read.match.group("from_grade"), earlier=True)
                )
    return found


def _clause_end(sentence: str, read: _Read, end: int, following: int) -> int:
    """Where a statement's clause ends: the end of its phrase ("graded good at A in 2019"), but not
    past its own clause ("good at A, as it was at our last inspection")."""
    phrase_end = max(end, min(following, _match_end(read)))
    boundary = CLAUSE_END_RE.search(sentence, end, phrase_end)
    return boundary.start() if boundary else phrase_end


def _of_this_force(
    sentence: str,
    read: _Read,
    statement: GradeStatement,
    clause_end: int,
    after_another: bool,
    names: Sequence[str],
    context: str,
) -> bool:
    """Whether a statement is this force's: not an elliptic one with nothing to go on from, not a
    subject-less one after another force's name or scoped to forces, not 'the force' after a
    sentence that names only another force."""
    follows = read.entry.follows or read.match.groupdict().get("joined") is not None
    if follows and not after_another and not _names_this_force(sentence, read, names):
        return False
    own_start = (
        statement.areas[0].start if read.entry.areas_before and statement.areas else read.match.start()
    )
    if _subjectless(read) and (
        _names_another_force(sentence[:own_start], names)
        or FORCES_SCOPE_RE.search(sentence, read.match.start(), clause_end)  # "A ... in most forces"
    ):
        return False
    # "X Constabulary is good. The force is outstanding at A": X's grade, not this force's.
    return not (
        (read.entry.subject_before or _generic_subject(read, names)) and _only_another_force(context, names)
    )


def _dated(
    statement: GradeStatement,
    entry: GradeSentence,
    clause: str,
    cycle_start: int | None,
    before: GradeStatement | None,
) -> GradeStatement:
    """The statement marked earlier or current by its clause, with the earlier cycle or year it
    states; an elliptic one ("..., 'requires improvement' for B") is as earlier as the one before."""
    goes_on_earlier = entry.elliptic and before is not None and before.earlier
    earlier = entry.earlier or (
        not entry.always_current
        and (goes_on_earlier or _is_earlier(clause, cycle_start, states_change=entry.states_change))
    )
    cycle = _earlier_cycle(clause, cycle_start) if earlier or entry.also_earlier else None
    if cycle is None and earlier and goes_on_earlier and before is not None:
        cycle = before.cycle
    goes_on = bool(ALSO_RE.search(clause) and PAST_VERB_RE.search(clause) and not NOW_RE.search(clause))
    return replace(statement, earlier=earlier, cycle=cycle, goes_on=goes_on)


def _following(sentence: str, reads: list[_Read], k: int) -> int:
    """Where the k-th reading's phrase must stop: at the next reading, or, when the next reading's
    areas stand before it, at the semicolon that opens that reading's clause ("outstanding in its
    understanding of demand; its use of resources ... is assessed to be good")."""
    if k + 1 >= len(reads):
        return len(sentence)
    following = reads[k + 1]
    if following.entry.areas_before:
        start = reads[k].match.end("grade")
        cut = sentence.rfind(";", start, following.match.start())
        if cut >= 0:
            return cut
    return following.match.start()


def _match_end(read: _Read) -> int:
    """Where a reading's words end: its phrase's end where it has one."""
    groups = read.match.groupdict()
    return read.match.end("phrase") if groups.get("phrase") is not None else read.match.end()


def _clause_start(reads: list[_Read], k: int) -> int:
    """Where the k-th reading's own clause begins: after the grade words of the reading before it."""
    return reads[k - 1].grade_span[1] if k else 0


def _statement(
    sentence: str, read: _Read, previous_end: int, following: int, cycle_start: int | None
) -> tuple[GradeStatement | None, int]:
    """The statement a reading makes, with its areas, and where its words end in the sentence."""
    entry, match = read.entry, read.match
    grade_end = match.end("grade")
    areas: list[AreaName] = []
    phrase: str | None = None
    end = grade_end
    if entry.all_pillars:
        areas = [AreaName(p, area_by_id(p).title if area_by_id(p) else p, 0, 0, False) for p in PILLARS]
        end = match.end()
    elif entry.areas_before and not _reads_after(match, following, cycle_start):
        start = min(previous_end, match.start())
        before = sentence[start : match.start()]
        areas = [_shift(name, start) for name in read_backward(before, cycle_start)]
        phrase = sentence[areas[0].start : match.start()].strip() if areas else before.strip() or None
    elif match.groupdict().get("phrase") is not None:
        p_start = match.start("phrase")
        p_end = match.end("phrase")
        if following > p_start:
            p_end = min(p_end, following)
        phrase = sentence[p_start:p_end].strip() or None
        areas = [_shift(name, p_start) for name in read_forward(sentence[p_start:p_end], cycle_start)]
        end = max(grade_end, areas[-1].end if areas else grade_end)
        counts = phrase is not None and AREA_COUNT_RE.match(phrase) is not None  # "in two areas"
        if not areas and counts:
            areas = _counted_list(sentence, p_start, p_end, cycle_start)
            end = max(end, areas[-1].end) if areas else end
        if not areas and phrase and not entry.lists_only and not counts:
            area_id, title = name_in_phrase(phrase)
            if area_id is not None:
                areas = [AreaName(area_id, title or "", p_start, p_end, title is not None)]
                end = p_end
    needs_area = entry.phrase_is_graded and not entry.not_graded
    counted = not areas and phrase is not None and AREA_COUNT_RE.match(phrase) is not None
    if (needs_area and not areas) or counted:
        return None, end  # "'adequate' in five areas" grades no one area
    return (
        GradeStatement(
            read.grade,
            read.grade.value.replace("_", " ") if entry.anaphor else match.group("grade").strip(" ‘’'\"“”"),
            EvidenceKind.SENTENCE,
            phrase=phrase,
            names_area=entry.phrase_is_graded,
            areas=tuple(areas),
            also_earlier=entry.also_earlier,
            by_pronoun=_subjectless(read),
        ),
        end,
    )


def _counted_list(sentence: str, start: int, end: int, cycle_start: int | None) -> list[AreaName]:
    """The areas a count goes on to name, as many as it counts ("outstanding in two areas: A and
    B", "good in three areas – A, B and C"); none where the count is all there is, or does not tally.

    >>> s = "good in two areas, preventing crime and investigating crime."
    >>> [n.area_id for n in _counted_list(s, 8, len(s), 2023)]
    ['preventing_crime', 'investigating_crime']
    >>> s = "adequate in five of the nine areas inspected, including investigating crime."
    >>> [n.area_id for n in _counted_list(s, 12, len(s), 2023)]
    ['investigating_crime']
    >>> s = "good in two areas and adequate in seven"
    >>> _counted_list(s, 8, len(s), 2023)
    []
    """
    phrase = sentence[start:end]
    count = AREA_COUNT_RE.match(phrase)
    number = to_int(count.group("count")) if count and count.group("count") else None
    rest = COUNTED_LIST_LEAD_RE.match(phrase, count.end()) if count and number else None
    if rest is None:
        return []
    names = [_shift(name, start + rest.end()) for name in read_forward(phrase[rest.end() :], cycle_start)]
    return names if len(names) == number or (rest.group("part") and 0 < len(names) <= number) else []


def _reads_after(match: regex.Match[str], following: int, cycle_start: int | None) -> bool:
    """Whether a grade whose areas stand before it is followed by areas of its own ("the
    constabulary's effectiveness was highlighted as being good at A and B": A and B are graded)."""
    if match.groupdict().get("phrase") is None or not ASPECT_RE.search(match.string, 0, match.start()):
        return False
    end = min(match.end("phrase"), max(following, match.start("phrase")))
    return bool(read_forward(match.string[match.start("phrase") : end], cycle_start))


def _shift(name: AreaName, offset: int) -> AreaName:
    return replace(name, start=name.start + offset, end=name.end + offset)


def earlier_lead(text: str, cycle_start: int | None) -> bool:
    """A list's lead-in that gives its grades to an earlier inspection ("In 2019, the force was graded:")."""
    years = [int(year) for year in YEAR_RE.findall(text)]
    if years and cycle_start is not None and max(years) < cycle_start:
        return True
    return bool(EARLIER_GRADE_RE.search(text)) and not NOW_RE.search(text)


# --------------------------------------------------------------------------- area of a phrase


def name_in_phrase(phrase: str | None) -> tuple[str | None, str | None]:
    """The area a sentence's phrase names and, when a title names it, that title as written.

    >>> name_in_phrase("responding to the public, and it answers calls quickly")
    ('responding_to_public', 'responding to the public')
    >>> name_in_phrase("how effectively it keeps people safe")
    ('effectiveness', None)
    """
    if not phrase:
        return None, None
    phrase = PHRASE_LEAD_RE.sub("", phrase.strip())
    candidates = [phrase] + [phrase[: match.start()] for match in PHRASE_CUT_RE.finditer(phrase)]
    for candidate in candidates:
        area_id = match_area(candidate.strip(" ,;"))
        if area_id:
            return area_id, candidate.strip(" ,;")
    head = PHRASE_ASIDE_RE.split(phrase, maxsplit=1)[0]
    # A name inside the phrase counts where it ends a clause ("how effectively it keeps people
    # safe"), not where it qualifies a noun after it ("giving crime prevention advice").
    ids = {m.area_id for m in mentions_in(head) if MENTION_END_RE.match(head, m.end)}
    mentions = [area_id for area_id in find_area_mentions(head) if area_id in ids]
    return (mentions[0], None) if len(mentions) == 1 else (None, None)


def area_of_phrase(phrase: str | None) -> str | None:
    """The area a sentence's phrase names ('responding to the public', 'prevention and deterrence').

    >>> area_of_phrase("building and developing its workforce"), area_of_phrase("answering calls")
    ('workforce', None)
    """
    return name_in_phrase(phrase)[0]
