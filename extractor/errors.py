"""Typed errors with stable codes: every failure a user can meet names its file and its cause."""

from __future__ import annotations


class ExtractionError(Exception):
    """Base of every error peel-extract reports; ``code`` is a stable kebab-case slug."""

    code = "internal-error"

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")


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
    """The input is larger than the configured limit."""

    code = "too-large"


class Timeout(ExtractionError):
    """Extraction took longer than the configured limit."""

    code = "timeout"


class NotAnInspectionDocument(ExtractionError):
    """The input reads fine but holds nothing of an inspection (a news page, a cookie wall)."""

    code = "not-an-inspection-document"


class InternalError(ExtractionError):
    """A bug in peel-extract: the traceback goes to the log, not to the user's screen."""

    code = "internal-error"


class InvalidReportJson(ExtractionError):
    """A file given as a report JSON (to diff, report, the database) is not valid JSON of the contract."""

    code = "invalid-report-json"


ERROR_CODES: tuple[str, ...] = (
    "empty-file",
    "unsupported-format",
    "decode-error",
    "encrypted-pdf",
    "corrupt-pdf",
    "no-text-layer",
    "too-large",
    "timeout",
    "not-an-inspection-document",
    "internal-error",
    "invalid-report-json",
)
