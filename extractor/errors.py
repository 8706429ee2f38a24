"""Typed errors with stable codes: every failure a user can meet names its file and its cause."""

from __future__ import annotations

import errno
import os
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the models load with the first warning, not with the command line
    from schemas import Span, Warning


class ExtractionError(Exception):
    """Base of every error peel-extract reports; ``code`` is a stable kebab-case slug."""

    code = "internal-error"

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")

    def __reduce__(self) -> tuple[type[ExtractionError], tuple[str, str]]:
        """Rebuild from path and message when unpickled (errors cross the batch workers' pipes);
        pickle's default would call the class with the one formatted text, which it refuses."""
        return type(self), (self.path, self.message)


class EmptyFile(ExtractionError):
    """The input has no bytes, or only white space."""

    code = "empty-file"


class UnsupportedFormat(ExtractionError):
    """The input is not PDF, text, Markdown, HTML or DOCX (e.g. an image or an archive)."""

    code = "unsupported-format"


class DecodeError(ExtractionError):
    """The input's text could not be decoded."""

    code = "decode-error"


class EncryptedPdf(ExtractionError):
    """The PDF is encrypted and does not open with an empty password."""

    code = "encrypted-pdf"


class CorruptPdf(ExtractionError):
    """The PDF is damaged or truncated, or has no pages."""

    code = "corrupt-pdf"


class NoTextLayer(ExtractionError):
    """The PDF has pages but no text (a scan): it needs OCR first."""

    code = "no-text-layer"


class TooLarge(ExtractionError):
    """The input is larger than the configured limit, unpacked (a DOCX's members) or nested
    (HTML deeper than the parser reads) past what can be read."""

    code = "too-large"


class Timeout(ExtractionError):
    """Extraction took longer than the configured limit."""

    code = "timeout"


class NotAnInspectionDocument(ExtractionError):
    """The input reads fine but holds nothing of an inspection (a news page, a cookie wall)."""

    code = "not-an-inspection-document"


class FileNotFound(ExtractionError, FileNotFoundError):
    """The input named does not exist; also a ``FileNotFoundError``, so ``except OSError`` catches it."""

    code = "file-not-found"

    def __init__(self, path: str, message: str) -> None:
        super().__init__(path, message)
        self.errno, self.strerror, self.filename = errno.ENOENT, os.strerror(errno.ENOENT), path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class Unreadable(ExtractionError):
    """The file cannot be read: no read permission, a broken symbolic link, or it vanished."""

    code = "unreadable"


class NotARegularFile(ExtractionError):
    """A FIFO, device or socket was named as an input: never opened (it could block or never end)."""

    code = "not-a-regular-file"


class OwnOutput(ExtractionError):
    """A file peel-extract wrote (a report JSON, the index, a summary CSV, the log): never read as input."""

    code = "own-output"


class InternalError(ExtractionError):
    """A bug in peel-extract: the traceback goes to the log, not to the user's screen."""

    code = "internal-error"


class InvalidReportJson(ExtractionError):
    """A file given as a report JSON (to diff, report, the database) is not valid JSON of the contract."""

    code = "invalid-report-json"


class WriteError(ExtractionError):
    """An output file could not be written (no space left, no permission): the run goes on without it."""

    code = "write-error"


class DatabaseError(ExtractionError):
    """The SQLite database could not be written (locked, or another program's file at that path);
    the run's JSON, index and CSVs stay as written."""

    code = "database-error"


class FolderInUse(ExtractionError):
    """Another run holds the output folder's lock: this run waits (``--wait``) or stops unstarted."""

    code = "folder-in-use"


# Every error class above, so the codes a user can meet are listed once (README table, tests).
ERRORS: tuple[type[ExtractionError], ...] = (
    EmptyFile,
    UnsupportedFormat,
    DecodeError,
    EncryptedPdf,
    CorruptPdf,
    NoTextLayer,
    TooLarge,
    Timeout,
    NotAnInspectionDocument,
    FileNotFound,
    Unreadable,
    NotARegularFile,
    OwnOutput,
    InternalError,
    InvalidReportJson,
    WriteError,
    DatabaseError,
    FolderInUse,
)
ERROR_CODES: tuple[str, ...] = tuple(error.code for error in ERRORS)
INTERNAL_ERROR = InternalError.code


# Every warning a report can carry, with what it means: the one place a code is defined.
# A stage or reader names a code from here; :func:`warning` refuses any other.
WARNINGS: dict[str, str] = {
    # reading
    "not-utf8": "bytes not UTF-8: stray ones read as Windows-1252, or the file in its detected encoding",
    "format-mismatch": "the file name's extension says another format than the content",
    "html-deep-nesting": "a page nests elements so deep that the innermost were read as one level of blocks",
    # document info
    "unknown-force": "no police force is named in the document",
    "ambiguous-force": "several forces are named; the most prominent was chosen",
    "unknown-cycle": "no PEEL inspection cycle is named",
    "unknown-kind": "the kind of document could not be told",
    # sections
    "no-area-sections": "no section of the document is headed by a known PEEL area",
    # judgments
    "unattributed-grade": "a grade is stated but could not be attributed to an area",
    "grade-conflict": "places in the document state different grades for one area; the strongest is kept",
    "unknown-area": "a graded area is not in the area taxonomy (its id is null)",
    "ambiguous-grade-list": "a list of areas and grade labels reads in more than one order; none is taken",
    "other-force-grades": "a grid or list gives another force's grades than the document's; not taken",
    "earlier-grades": "a grid or list gives an earlier inspection's grades; not taken as current",
    "other-scale-grades": "a list grades on another scale than PEEL's (excellent, fair, poor); not taken",
    "grade-pending": "an area's grade is still to come ('To be graded'); no judgment",
    "not-a-peel-inspection": "the document is about another programme than PEEL (fire, custody); none taken",
    # items
    "empty-item-part": "an item part (such as 'Areas for improvement') sets out no readable item",
    # counts and findings
    "afi-count-mismatch": "a stated number of AFIs differs from the AFIs set out",
    "proportion-x-above-y": "an 'X of Y' reads with X above Y and was skipped",
}


# Characters that change what a terminal shows rather than showing themselves: controls (escape
# sequences, newlines that could forge an "error:" line), line separators, bidirectional
# overrides, and lone surrogates (bytes of a name that are not UTF-8).
_UNSHOWN_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def printable(text: str, keep: str = "") -> str:
    """``text`` (a file name, a message) as it may be shown on a terminal or written to the log:
    every control character, escape sequence start, line separator, bidirectional override and
    undecodable byte written as an escape (``\\n``, ``\\x1b``, ``\\u202e``); ``keep``: characters left as
    they are (the log keeps a traceback's newlines).

    >>> printable("a\\nerror: b\\x1b[31m.txt")
    'a\\\\nerror: b\\\\x1b[31m.txt'
    """
    if text.isprintable() and not (_BIDI_CONTROLS & set(text)):
        return text
    out = []
    for char in text:
        if char in keep or not (unicodedata.category(char) in _UNSHOWN_CATEGORIES or char in _BIDI_CONTROLS):
            out.append(char)
        elif "\udc80" <= char <= "\udcff":  # a byte that was not UTF-8, kept by surrogateescape
            out.append(f"\\x{ord(char) - 0xDC00:02x}")
        else:
            out.append(char.encode("unicode_escape").decode("ascii"))
    return "".join(out)


def warning(code: str, message: str, span: Span | None = None, text: str | None = None) -> Warning:
    """A report warning with a catalogued code (an unknown code is a bug, caught here); ``text``:
    the words it is about (by default, those of the block its span stands in)."""
    if code not in WARNINGS:
        raise KeyError(f"warning code {code!r} is not in errors.WARNINGS")
    from schemas import Warning

    return Warning(code=code, message=message, span=span, text=text)


def warnings_table() -> str:
    """The catalogue as the Markdown table docs/output.md shows (a test keeps the two the same)."""
    rows = [f"| `{code}` | {meaning} |" for code, meaning in WARNINGS.items()]
    return "\n".join(["| code | meaning |", "| --- | --- |", *rows]) + "\n"
