"""What else the inspectorates inspect: cues of the programmes whose text looks like PEEL's but is not.

Fire and rescue inspections, crime data integrity, custody, probation and Ofsted inspections,
the State of Policing, methodology pages and the pre-PEEL performance assessments grade with
the same words ("good", "requires improvement", "inadequate"). A document is about one of
them when its cues outweigh PEEL's (see :mod:`extractor.finders.programme`); a PEEL report that
mentions one of them in passing stays a PEEL report.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex


@dataclass(frozen=True)
class Programme:
    """Another inspection programme (or kind of page) and the words that name it."""

    name: str  # as a warning names it: "a fire and rescue service inspection"
    cues: str  # a regex fragment, matched ignoring case
    # A page of this kind is all about PEEL, so PEEL's cues do not count against it: it decides
    # when the text names no police force (a page that grades no force has no judgment to give).
    needs_no_force: bool = False
    # It inspects police forces too (crime recording, custody), so naming one is weaker evidence
    # of PEEL: a force's mentions count FORCE_WEIGHT_POLICE_PROGRAMME against it.
    inspects_police: bool = False


# Ordered as warnings should prefer them when two programmes tie.
PROGRAMMES: tuple[Programme, ...] = (
    Programme(
        "a fire and rescue service inspection",
        r"fire\s*(?:and|&)\s*rescue(?:\s+(?:services?|authority|authorities))?|\bFRSs?\b"
        r"|fire\s+(?:services?|brigades?|authority|authorities|prevention|protection|safety)"
        r"|chief\s+fire\s+officers?|firefighters?|from\s+fire\s+and\s+other\s+risks",
    ),
    Programme(
        "a crime data integrity inspection",
        r"crime\s+data\s+integrity|crime[\s-]+recording\s+(?:inspections?|audits?)|\bCDI\b",
        inspects_police=True,
    ),
    Programme(
        "a custody inspection",
        r"custody\s+(?:suites?|inspections?|visits?)|police\s+custody|inspectorates?\s+of\s+prisons"
        r"|HMI\s+Prisons|\bHMIP\b|detainees?",
        inspects_police=True,
    ),
    Programme("a probation inspection", r"inspectorate\s+of\s+probation|\bprobation\b"),
    Programme(
        "an Ofsted inspection",
        r"\bOfsted\b|children['’]s\s+(?:services|social\s+care)|single\s+inspection\s+framework",
    ),
    Programme(
        "the State of Policing",
        r"state\s+of\s+policing|annual\s+assessment\s+of\s+policing",
        inspects_police=True,
    ),
    Programme(
        "a pre-PEEL police performance assessment",
        r"police\s+performance\s+assessments?|\bAPACS\b|baseline\s+assessments?|\bPPAF\b"
        r"|policing\s+performance\s+assessment\s+framework",
        inspects_police=True,
    ),
    Programme(
        "a methodology or framework page",
        r"how\s+we\s+inspect|grading\s+criteria|question\s+sets?|(?:inspection|assessment)\s+framework"
        r"|what\s+is\s+PEEL|judgment\s+criteria",
        needs_no_force=True,
    ),
)

# Names that hold a programme's words but name the inspectorate or a commissioner, never what
# is inspected: blanked before the cues are counted ("HM Inspectorate of Constabulary and Fire &
# Rescue Services", "Police, Fire and Crime Commissioner", the site's strapline "policing and
# fire & rescue").
NEUTRAL_NAMES_RE = regex.compile(
    r"""constabular(?:y|ies)\s*,?\s*(?:and|&)?\s*fire\s*(?:and|&)\s*rescue(?:\s+services?)?
      | inspectors?\s+of\s+fire\s*(?:and|&)\s*rescue(?:\s+services?)?
      | policing\s+(?:and|&)\s+fire\s*(?:and|&)\s*rescue(?:\s+services?)?
      | police,?\s+fire\s+(?:and|&)\s+crime\s+(?:commissioner|panel)s?['’]?s?
      | fire\s+(?:and|&)\s+crime\s+(?:commissioner|panel)s?['’]?s?
      | \bHMICFRS\b | \bP?FCC\b""",
    regex.IGNORECASE | regex.VERBOSE,
)

# PEEL named as such: its name or its words spelt out.
PEEL_CUE_RE = regex.compile(
    r"\bPEEL\b|police\s+effectiveness,?\s+efficiency,?\s+(?:and\s+)?legitimacy", regex.IGNORECASE
)

# PEEL began in 2014: a text that names no PEEL cue and whose every year is earlier reports
# an earlier regime's assessment (the police performance assessments of 2004–2009).
FIRST_PEEL_YEAR = 2014
YEAR_RE = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")

# The opening of a document (its title and first blocks) says what it is about: cues there count twice.
OPENING_BLOCKS = 3
OPENING_WEIGHT = 2
FORCE_WEIGHT_POLICE_PROGRAMME = 0.25

# Each PEEL area a text names by one of its titles counts once for PEEL (a PEEL text names
# several; a crime recording or custody report names none). Pillars are left out (fire and
# rescue inspections have effectiveness, efficiency and people pillars too), and so is crime
# recording, the crime data integrity programme's own subject. Titles shorter than this, and
# text beyond this many characters, are not looked at.
AREAS_SHARED_WITH_OTHER_PROGRAMMES = frozenset(
    {"effectiveness", "efficiency", "legitimacy", "crime_data_integrity"}
)
MIN_AREA_PHRASE_CHARS = 12
AREA_SCAN_CHARS = 60_000
# A programme decides only with this many (weighted) cues, and (unless it needs no force) more than PEEL's.
MIN_PROGRAMME_CUES = 2
