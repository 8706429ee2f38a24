"""Cues that tell what a document is: an inspection at all, and which kind of document."""

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
