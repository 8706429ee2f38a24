"""The one sentence splitter, over spaCy's blank English pipeline (a sentencizer and rule matchers only).

Every stage that reads sentences (grade sentences, running-text items, counts and
findings) splits them here, so a sentence means the same thing everywhere. No
statistical model is loaded or downloaded: sentences come from the rule-based
sentencizer and token patterns from :class:`spacy.matcher.Matcher`. The pipeline is
built once per process (a blank pipeline takes a noticeable moment to create).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported when the first sentence is split, not by commands that split none
    from spacy.language import Language
    from spacy.matcher import Matcher
    from spacy.tokens import Doc


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The cached blank English pipeline with a sentencizer."""
    import spacy

    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    return pipeline


@lru_cache(maxsize=512)
def sentence_bounds(text: str) -> tuple[tuple[int, int], ...]:
    """Character (start, end) of each sentence of ``text``, in order.

    >>> text = "We reviewed 48 cases. In 46 of these cases, it was right."
    >>> [text[s:e] for s, e in sentence_bounds(text)]
    ['We reviewed 48 cases.', 'In 46 of these cases, it was right.']
    """
    pipeline = nlp()
    doc = pipeline.make_doc(text)
    if not len(doc):
        return tuple((sent.start_char, sent.end_char) for sent in pipeline(text).sents)
    return _sentencizer_bounds(doc)


@lru_cache(maxsize=1)
def _punct_orths() -> frozenset[int]:
    """The hashes of the characters the sentencizer ends a sentence at."""
    strings = nlp().vocab.strings
    return frozenset(strings.add(char) for char in nlp().get_pipe("sentencizer").punct_chars)


def _sentencizer_bounds(doc: Doc) -> tuple[tuple[int, int], ...]:
    """What spaCy's sentencizer gives on the tokens of ``doc``, read off one array of them.

    Its rule: a sentence starts at the first token and at the first token after an ending
    character ("." "!" "?" ...) that is neither punctuation nor an ending character. The
    sentencizer makes a Python object of every token to ask that; one array of the tokens'
    attributes answers it in a third of the time (the text path's largest single cost).
    """
    from spacy.attrs import IDX, IS_PUNCT, LENGTH, ORTH

    ending = _punct_orths()
    rows = doc.to_array([ORTH, IS_PUNCT, IDX, LENGTH]).tolist()
    begins = [0]
    seen_end = False
    for index, (orth, is_punct, _, _) in enumerate(rows):
        if orth in ending:
            seen_end = True
        elif seen_end and not is_punct:
            begins.append(index)
            seen_end = False
    lasts = [*(begin - 1 for begin in begins[1:]), len(rows) - 1]
    return tuple((rows[b][2], rows[e][2] + rows[e][3]) for b, e in zip(begins, lasts, strict=True))


def sentences(text: str) -> list[tuple[int, str]]:
    """(start offset, text) of each sentence of ``text`` that is not blank.

    >>> sentences("The force is good. It answers calls quickly.")
    [(0, 'The force is good.'), (19, 'It answers calls quickly.')]
    """
    found = [(start, text[start:end]) for start, end in sentence_bounds(text)]
    return [(start, sentence) for start, sentence in found if sentence.strip()]


def sentence_at(text: str, offset: int) -> tuple[int, int]:
    """The (start, end) of the sentence of ``text`` holding character ``offset``."""
    bounds = sentence_bounds(text)
    for start, end in bounds:
        if start <= offset < end:
            return start, end
    return bounds[-1] if bounds else (0, len(text))


def sentence_of(text: str, start: int, end: int) -> str:
    """The sentence (or run of sentences, for a split proportion) holding ``text[start:end]``.

    >>> sentence_of("We looked. In 28 of the 39 cases we examined, it was fine. Next.", 14, 30)
    'In 28 of the 39 cases we examined, it was fine.'
    """
    first, _ = sentence_at(text, start)
    _, last = sentence_at(text, max(start, end - 1))
    return text[first:last].strip()


def make_matcher(patterns: dict[str, list[list[dict[str, object]]]]) -> Matcher:
    """A Matcher over the sentencizer's vocabulary with the given named token patterns."""
    from spacy.matcher import Matcher

    matcher = Matcher(nlp().vocab)
    for name, alternatives in patterns.items():
        matcher.add(name, alternatives)
    return matcher
