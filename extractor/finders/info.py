"""What a document is: whether it is about an inspection at all."""

from __future__ import annotations

from collections.abc import Iterable

from extractor.vocab.documents import COOKIE_BLOCK_RE, INSPECTION_CUE_RE


def has_inspection_cue(texts: Iterable[str]) -> bool:
    """True when a text that is not about cookies or consent names the inspectorate or an inspection.

    >>> has_inspection_cue(["We use cookies on our inspection pages.", "Opening hours"])
    False
    >>> has_inspection_cue(["HMICFRS inspected the force in 2023."])
    True
    """
    return any(INSPECTION_CUE_RE.search(text) and not COOKIE_BLOCK_RE.search(text) for text in texts)
