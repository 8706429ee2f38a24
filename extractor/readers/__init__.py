"""Readers: bytes of any supported format to one :class:`~extractor.document.Document`.

The format is told by content, not by extension (a ``.txt`` holding Markdown, a PDF
without an extension); where the two disagree the document carries a warning.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

from extractor.errors import DecodeError, EmptyFile, UnsupportedFormat, warning
from extractor.model import Document
from extractor.readers.text import looks_like_markdown, read_lines
from schemas import InputFormat, Warning

_EXTENSIONS: dict[str, InputFormat] = {
    ".pdf": InputFormat.PDF,
    ".txt": InputFormat.TEXT,
    ".text": InputFormat.TEXT,
    ".md": InputFormat.MARKDOWN,
    ".markdown": InputFormat.MARKDOWN,
    ".htm": InputFormat.HTML,
    ".html": InputFormat.HTML,
    ".xhtml": InputFormat.HTML,
    ".docx": InputFormat.DOCX,
}

# Magic numbers of formats that are certainly not reports in a supported format.
_FOREIGN_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\xd0\xcf\x11\xe0", "an old binary Office file (.doc/.xls); save it as .docx or PDF"),
)


def sniff_format(data: bytes, path: str = "") -> InputFormat:
    """Tell the format from the bytes themselves; raise UnsupportedFormat for anything else."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return InputFormat.PDF
    if data.startswith(b"PK\x03\x04"):
        if b"word/" in data[:65536] or b"[Content_Types].xml" in data[:65536]:
            return InputFormat.DOCX
        raise UnsupportedFormat(path, "a ZIP archive that is not a Word document (.docx)")
    for magic, what in _FOREIGN_MAGIC:
        if data.startswith(magic):
            raise UnsupportedFormat(path, f"{what}; expected PDF, text, Markdown, HTML or DOCX")
    sample = data[:65536]
    # UTF-16 text has NULs too; anything else with NULs is binary.
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsupportedFormat(path, "binary data (NUL bytes); expected PDF, text, Markdown, HTML or DOCX")
    if _looks_like_html(sample):
        return InputFormat.HTML
    if head.startswith(b"<?xml"):
        raise UnsupportedFormat(
            path, "an XML file that is not XHTML; expected PDF, text, Markdown, HTML or DOCX"
        )
    return InputFormat.TEXT


# Saved pages may open with comments ("<!-- saved from url=... -->"); fragments lack <html>.
_LEADING_COMMENTS_RE = re.compile(rb"^(?:\s*<!--.*?-->)*\s*", re.DOTALL)
_STRUCTURE_TAG_RE = re.compile(rb"<(?:head|body|html|meta|title)\b", re.IGNORECASE)
# Block tags of a page body. Markdown-like text carries only inline <b>/<u>, never these.
_BLOCK_TAG_RE = re.compile(
    rb"</(?:p|div|h[1-6]|ul|ol|li|table|tr|td|th|section|article|dl|dd|dt)>", re.IGNORECASE
)


def _looks_like_html(sample: bytes) -> bool:
    """True for an HTML or XHTML page or fragment, told by its tags rather than its name."""
    start = _LEADING_COMMENTS_RE.sub(b"", sample.lstrip(b"\xef\xbb\xbf"), count=1)[:1024].lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return True
    if start.startswith(b"<?xml"):
        return b"<html" in sample[:4096].lower() or b"http://www.w3.org/1999/xhtml" in sample[:4096]
    structure = len(set(m.group(0).lower() for m in _STRUCTURE_TAG_RE.finditer(sample)))
    blocks = len(_BLOCK_TAG_RE.findall(sample))
    # A page without a doctype (<head>/<body>), or a fragment whose text is mostly in block tags.
    return (structure >= 2 and blocks >= 1) or (start.startswith(b"<") and blocks >= 3)


def decode_text(data: bytes, path: str) -> tuple[str, list[Warning]]:
    """Decode text bytes: UTF-8 (with or without BOM), UTF-16 by BOM, else cp1252 with a warning."""
    warnings: list[Warning] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError(path, f"invalid UTF-16 text: {exc.reason}") from exc
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            text = data.decode("cp1252", errors="replace")
            warnings.append(
                warning(
                    "not-utf8",
                    f"not valid UTF-8 (byte {exc.start}); read as Windows-1252",
                )
            )
    # One newline convention: CRLF and lone CR both end a line.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, warnings


def read_document(path: str | Path, data: bytes | None = None) -> Document:
    """Read one input file into the document model (the only place that touches its bytes)."""
    name = str(path)
    if data is None:
        try:
            data = Path(path).read_bytes()
        except IsADirectoryError as exc:
            raise UnsupportedFormat(name, "is a folder, not a file") from exc
    if not data.strip():
        raise EmptyFile(name, "the file is empty" if not data else "the file holds only white space")
    fmt = sniff_format(data, name)
    sha = hashlib.sha256(data).hexdigest()
    warnings: list[Warning] = []

    if fmt is InputFormat.PDF:
        from extractor.readers.pdf import read_pdf

        document = read_pdf(data, name, sha)
    elif fmt is InputFormat.DOCX:
        from extractor.readers.docx import read_docx

        document = read_docx(data, name, sha)
    else:
        declared = _declared_charset(data) if fmt is InputFormat.HTML else None
        text, warnings = _decode_declared(data, declared) if declared else decode_text(data, name)
        if not text.strip():
            raise EmptyFile(name, "the file holds no text")
        if fmt is InputFormat.HTML:
            from extractor.readers.html import read_html

            document = read_html(text, name, sha)
        else:
            markdown = looks_like_markdown(text)
            fmt = InputFormat.MARKDOWN if markdown else InputFormat.TEXT
            document = Document(path=name, sha256=sha, format=fmt, blocks=read_lines(text, markdown=markdown))
    document.warnings[:0] = warnings
    _warn_extension_mismatch(document, name)
    return document


_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


def _declared_charset(data: bytes) -> str | None:
    """The charset a page declares in <meta>, when its bytes are not UTF-8 (old saved pages)."""
    try:
        data.decode("utf-8-sig")
        return None
    except UnicodeDecodeError:
        pass
    match = _META_CHARSET_RE.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def _decode_declared(data: bytes, charset: str) -> tuple[str, list[Warning]]:
    """Decode a page in its declared charset (Windows-1252 for a declared Latin-1, as browsers do)."""
    if charset in {"iso8859-1", "latin-1", "ascii"}:
        charset = "cp1252"
    text = data.decode(charset, errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def _warn_extension_mismatch(document: Document, name: str) -> None:
    """Warn when the content's format is not what the file name says (text/Markdown mix aside)."""
    suffix = Path(name).suffix.lower()
    expected = _EXTENSIONS.get(suffix)
    textual = {InputFormat.TEXT, InputFormat.MARKDOWN}
    if expected is None or expected is document.format:
        return
    if expected in textual and document.format in textual:
        return
    document.warnings.append(
        warning(
            "format-mismatch",
            f"file name says {suffix} but the content is {document.format.value}; "
            f"read as {document.format.value}",
        )
    )


__all__ = ["decode_text", "read_document", "sniff_format"]
