"""Cues that tell what a document is: an inspection at all, and which kind of document (by its voice)."""

from __future__ import annotations

import regex

# Any mention of the inspectorate or an inspection: without one (and without a PEEL area
# or cycle) a text is not an inspection document.
INSPECTION_CUE_RE = regex.compile(
    r"HMIC|inspectorate|\bPEEL\b|police\s+effectiveness|inspection", regex.IGNORECASE
)

# A cookie wall or consent notice names what the site holds ("our inspection reports"):
# its blocks are no evidence that the document is an inspection.
COOKIE_BLOCK_RE = regex.compile(r"\bcookies?\b|\bconsent\b|\bprivacy\s+(?:notice|policy)\b", regex.IGNORECASE)

# Cues of each kind of document, by the voice it is written in (see finders.info.find_kind).
# A web page's furniture: "Skip to main content", "Last updated 3 May", "Questions for effectiveness".
WEB_PAGE_CUE_RE = regex.compile(
    r"^(?:skip\s+to\s+(?:main\s+)?content|last\s+updated\s+\d|questions\s+for\s+(?:effectiveness|efficiency|legitimacy))",
    regex.IGNORECASE | regex.MULTILINE,
)
# The inspectorate writing in its own voice: "we found", "our inspection", "HM Inspector".
INSPECTORATE_VOICE_RE = regex.compile(
    r"\b(?:we\s+found|our\s+inspection|we\s+reviewed|we\s+examined|we\s+inspected|in\s+this\s+section\s+we|"
    r"hm\s+inspector|his\s+majesty['’]s\s+inspector|our\s+judge?ments|we\s+make\s+graded\s+judge?ments)\b",
    regex.IGNORECASE,
)
# Someone else writing about the inspectorate or its report.
ABOUT_INSPECTORATE_RE = regex.compile(
    r"\b(?:HMICFRS|the\s+inspectorate|the\s+report|the\s+inspection)\b", regex.IGNORECASE
)
# A police and crime commissioner's office: "the PCC", "the Commissioner's ...".
COMMISSIONER_RE = regex.compile(
    r"\b(?:PCC|OPCC|police\s+(?:and|&)\s+crime\s+commissioner|police,\s+fire\s+and\s+crime\s+commissioner|"
    r"commissioner['’]s)\b",
    regex.IGNORECASE,
)
# Forces write "the Force" with a capital about themselves; others write "the force".
OWN_FORCE_RE = regex.compile(r"\b[Tt]he\s+Force\b")
THIRD_FORCE_RE = regex.compile(r"\b[Tt]he\s+force\b")
