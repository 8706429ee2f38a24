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

# -- the kinds issue 13 adds, each by the conventions of its form --------------------------

# A letter's form: the inspectorate's letter header ("Letter information", "From" / "To" /
# "Sent on" lines), a salutation to a chief officer or commissioner, a closing.
LETTER_FORM_RE = regex.compile(
    r"""^(?:letter\s+information\s*$
    |sent\s+on\s*$
    |dear\s+(?:chief\s+constable|commissioner|deputy|acting|mr|mrs|ms|miss|dr|sir|madam)\b
    |yours\s+(?:sincerely|faithfully)\b)""",
    regex.IGNORECASE | regex.MULTILINE | regex.VERBOSE,
)
# The header's "From" and "To" lines, each standing alone, the one soon after the other.
LETTER_HEADER_RE = regex.compile(r"^From\s*$(?:\n.*){1,6}\n^To\s*$", regex.MULTILINE)
# The inspectorate as a letter's sender: His/Her Majesty's (Chief) Inspector, HM Inspector.
INSPECTOR_RE = regex.compile(
    r"\b(?:his|her)\s+majesty['’]s\s+(?:chief\s+)?inspector|\bhm\s+(?:chief\s+)?inspector|\bHMI\b",
    regex.IGNORECASE,
)

# The inspectorate's press release, wherever it is published or republished: the link to the
# report standing as a line ("Get the report"), "the police inspectorate has said", notes to editors.
PRESS_RELEASE_RE = regex.compile(
    r"^\s*get\s+the\s+report\s*$|\bthe\s+(?:police\s+)?inspectorate\s+(?:has\s+)?said\b|\bnotes\s+to\s+editors\b",
    regex.IGNORECASE | regex.MULTILINE,
)

# A committee's or panel's paper: agenda and minutes headings, what the panel is asked to do.
COMMITTEE_RE = regex.compile(
    r"""^(?:agenda\s+item|minutes\s+of\b|resolved\s*(?::|$|that\b)|purpose\s+of\s+(?:the\s+)?report\b
      |report\s+(?:of\s+the\s+.{1,80}\s+)?to\s+the\s+.{0,60}(?:panel|committee|board)\b)
    |\b(?:panel|committee|board)\s+(?:is|are)\s+(?:asked|invited|recommended)\s+to\b
    |\b(?:panel|committee|board)\s+(?:noted|resolved|agreed)\b""",
    regex.IGNORECASE | regex.MULTILINE | regex.VERBOSE,
)

# The inspectorate's own web pages beyond WEB_PAGE_CUE_RE: "Read more about Dorset 2016",
# "Published on: 2 May 2019", "Publication types: Effectiveness".
INSPECTORATE_PAGE_RE = regex.compile(
    r"^(?:read\s+more\s+about\b|published\s+on:|publication\s+types:|police\s+forces:)"
    # its page titles: a place, "PEEL" and the year alone on a line ("Dorset PEEL 2017")
    r"|^(?-i:\p{Lu})[\p{L}’' -]{2,40}\s+PEEL\s+20\d\d(?:/\d\d)?\s*$",
    regex.IGNORECASE | regex.MULTILINE,
)

# A force's or commissioner's website and voice: the victims' "quick exit" button, "Welcome to
# our website", the commissioner's response, "I welcome", "my office".
OWN_SITE_RE = regex.compile(
    r"quickly\s+exit\s+this\s+site|^welcome\s+to\s+our\s+website|^(?:the\s+)?(?:commissioner|o?p[fc]?cc)(?:['’]s)?\s+"
    r"(?:response|praise|statement|comments?)\b|^response\s+to\b",
    regex.IGNORECASE | regex.MULTILINE,
)
FIRST_PERSON_OFFICE_RE = regex.compile(
    r"\bI\s+(?:welcome|am\s+(?:pleased|delighted|disappointed|encouraged)|have\s+held|would\s+like)\b"
    r"|\bmy\s+(?:office|police\s+and\s+crime\s+plan|plan)\b|\bwe\s+accept\b",
)

# A news story's furniture: a dateline, "Posted on", a time of day, "Updated", an image
# credit, advertisements, subscription prompts, "return to news".
NEWS_FURNITURE_RE = regex.compile(
    r"""^\s*date\s+\d{4}-\d\d-\d\d
    |\bposted\s+on\b
    |\b\d{1,2}:\d\d\s*(?:am|pm)\b
    |^updated\b
    |\(image:
    |^(?:hide\s+ad)?advertisement\s*$
    |^stock\s+image
    |^subscribe\b
    |\breturn\s+to\s+news\b
    |^image_print\b
    |^home\s+news\s+article""",
    regex.IGNORECASE | regex.MULTILINE | regex.VERBOSE,
)
# Words in quotation marks, to the closing mark or the end of the paragraph (a journalist's
# quotation runs on unclosed): someone quoted in the first person is not the document's voice.
QUOTED_RE = regex.compile(r"[“\"][^”\"\n]*(?:[”\"]|$)", regex.MULTILINE)

# A third party reporting an inspection's result: "has been rated good", "was graded".
REPORTED_RESULT_RE = regex.compile(
    r"\b(?:(?:has|have)\s+been|was|were|is|are)\s+(?:rated|graded|judged|told|found)\b|\brated\b|\bgraded\b",
    regex.IGNORECASE,
)
