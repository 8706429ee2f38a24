"""PEEL cycles as the inspectorate names them, and the ways text writes a cycle's years."""

from __future__ import annotations

import regex

# Cycles as the inspectorate names them, and the spellings reports use for each.
CYCLE_YEARS_RE = regex.compile(
    r"""(?<![\d/])
        (?P<y1>20(?:1[4-9]|2\d))                  # first year
        (?:\s*(?:[–—/-]|\sto\s)\s*(?:20)?(?P<y2>\d\d)(?!\d))?   # optional second year
    """,
    regex.VERBOSE,
)
PEEL_NAME_RE = regex.compile(
    r"PEEL|police\s+effectiveness,\s+efficiency\s+and\s+legitimacy", regex.IGNORECASE
)


def cycle_name(first: int, second: int | None) -> str | None:
    """The inspectorate's name for a cycle from its years, or None if no such cycle.

    >>> cycle_name(2023, 25), cycle_name(2021, 22), cycle_name(2017, None), cycle_name(2018, 19)
    ('2023–25', '2021/22', '2017', '2018/19')
    >>> cycle_name(2020, None) is None
    True
    """
    if second is None:
        if 2014 <= first <= 2017:
            return str(first)
        if first == 2018:
            return "2018/19"
        return None
    span = (second - first % 100) % 100
    if first == 2018 and span == 1:
        return "2018/19"
    if first == 2021 and span == 1:
        return "2021/22"
    if first in (2023, 2025) and span == 2:
        return f"{first}–{second:02d}"
    return None
