"""Whether a pattern occurs in a text, asked branch by branch: the same answer, much sooner.

The ``regex`` module searches a pattern that ignores case and is an alternation at its top level
("\\bPEEL\\b|police\\s+effectiveness ...") by trying every branch at every position, where each
branch alone is found by a fast scan for its first letters: over the samples' blocks
``PEEL_CUE_RE`` took 29 ms, its two branches 1.3 ms. A text holds a match of ``A|B|C`` exactly
when it holds a match of one of them, so :func:`occurs` asks each branch in turn. Only the
yes-or-no answer is the same: where the matches themselves matter (``findall``, the first
match), run the whole pattern, after :func:`occurs` says there is one.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

# Global inline flags opening a pattern ("(?i)..."): they belong to every branch, so such a
# pattern is left whole.
_GLOBAL_FLAGS_RE = regex.compile(r"\(\?[a-zA-Z]+\)")

_BRANCHES: dict[regex.Pattern[str], tuple[regex.Pattern[str], ...]] = {}


def top_level_branches(source: str, *, verbose: bool) -> list[str]:
    """The branches of a pattern's top-level alternation, as written (one when it has none).

    >>> top_level_branches(r"a(?:b|c)|[|]d|e\\|f", verbose=False)
    ['a(?:b|c)', '[|]d', 'e\\\\|f']
    >>> top_level_branches("x  # a | comment\\n | y", verbose=True)
    ['x  # a | comment\\n ', ' y']
    """
    parts: list[str] = []
    start = 0
    for index, char, depth in _structure(source, 0, verbose=verbose):
        if char == "|" and depth == 0:
            parts.append(source[start:index])
            start = index + 1
    parts.append(source[start:])
    return parts


def _structure(source: str, start: int, *, verbose: bool) -> Iterator[tuple[int, str, int]]:
    """The pattern's grouping characters ('(', ')', '|') from ``start`` on, with the depth after
    each: escapes, character classes and (verbose) comments passed over."""
    depth = 0
    index = start
    in_class = False
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            # A ']' straight after '[' or '[^' is a member, not the end.
            index += 1
            if source[index : index + 1] == "^":
                index += 1
            if source[index : index + 1] == "]":
                index += 1
            continue
        elif verbose and char == "#":
            newline = source.find("\n", index)
            index = len(source) if newline < 0 else newline
            continue
        elif char in "()|":
            depth += {"(": 1, ")": -1, "|": 0}[char]
            yield index, char, depth
        index += 1


def branches(pattern: regex.Pattern[str]) -> tuple[regex.Pattern[str], ...]:
    """The pattern's top-level branches, each compiled with its flags (cached per pattern)."""
    known = _BRANCHES.get(pattern)
    if known is not None:
        return known
    source = pattern.pattern
    parts = top_level_branches(source, verbose=bool(pattern.flags & regex.VERBOSE))
    if len(parts) < 2 or _GLOBAL_FLAGS_RE.search(source) or pattern.groups:
        # Left whole: one branch, flags for all, or groups a branch might refer back to.
        compiled: tuple[regex.Pattern[str], ...] = (pattern,)
    else:
        compiled = tuple(regex.compile(part, pattern.flags) for part in parts)
    _BRANCHES[pattern] = compiled
    return compiled


def occurs(pattern: regex.Pattern[str], text: str) -> bool:
    """True when ``pattern.search(text)`` finds a match (asked one top-level branch at a time).

    >>> occurs(regex.compile(r"\\bPEEL\\b|police\\s+effectiveness", regex.IGNORECASE), "a peel inspection")
    True
    """
    return any(branch.search(text) for branch in branches(pattern))


_BACKREFERENCE_RE = regex.compile(r"\(\?P=|\\g<|\\[1-9]")


def after_leading_group(pattern: regex.Pattern[str], name: str) -> regex.Pattern[str] | None:
    """What follows the group ``name`` a pattern opens with, compiled alone; None when it opens
    otherwise (or that part refers back to the group, or a quantifier follows the group).

    Wherever the pattern matches, this part matches where the group ends (the same text around
    it), so a text where it finds nothing holds no match of the pattern: a cheap test before a
    pattern whose opening group ("up to eight words naming what is not graded") is tried at every
    position.

    >>> after_leading_group(regex.compile(r"(?P<phrase>(?:\\w+\\s+){1,8}?)is\\s+ungraded"), "phrase").pattern
    'is\\\\s+ungraded'
    """
    source = pattern.pattern
    verbose = bool(pattern.flags & regex.VERBOSE)
    opening = f"(?P<{name}>"
    start = len(source) - len(source.lstrip()) if verbose else 0
    if not source.startswith(opening, start):
        return None
    end = _group_end(source, start, verbose=verbose)
    rest = source[end:] if end is not None else ""
    head = rest.lstrip() if verbose else rest
    if not head.strip() or head[0] in "?*+{" or _BACKREFERENCE_RE.search(rest):
        return None
    return regex.compile(rest, pattern.flags)


def _group_end(source: str, start: int, *, verbose: bool) -> int | None:
    """The index just past the parenthesis that closes the group opening at ``start``."""
    for index, char, depth in _structure(source, start, verbose=verbose):
        if char == ")" and depth == 0:
            return index + 1
    return None
