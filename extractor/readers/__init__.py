"""Readers: bytes of any supported format to one :class:`~extractor.model.Document`.

The format is told by content (:func:`sniff_format`), then the one reader registered for it in
:data:`READERS` reads the bytes. A new input format is a module with a reader function
``(data, name, sha256) -> Document`` and one line in :data:`READERS`.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable
from pathlib import Path

from extractor.errors import EmptyFile, FileNotFound, Unreadable, UnsupportedFormat
from extractor.model import Document
from extractor.readers.archive import check_unpacked_size
from extractor.readers.common import decode_text, sniff_format, warn_extension_mismatch
from schemas import InputFormat

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
"""Largest input read, and largest a DOCX may unpack to, unless told otherwise: PEEL reports are a
few MB, and a 50 MB one-line text took 13-20 s to refuse."""

# A reader: the file's bytes, its name (for errors and the report) and their sha256, to a
# document; a format's options in READER_OPTIONS come as keyword arguments.
Reader = Callable[..., Document]

# The reader of each format, as "module:function", imported on first use so that importing
# this package stays cheap (pdfplumber and python-docx load only when a PDF or DOCX comes).
# Text and Markdown share a reader: it tells Markdown by its markup.
READERS: dict[InputFormat, str] = {
    InputFormat.PDF: "extractor.readers.pdf:read_pdf",
    InputFormat.DOCX: "extractor.readers.docx:read_docx",
    InputFormat.HTML: "extractor.readers.html:read_html",
    InputFormat.TEXT: "extractor.readers.text:read_text",
    InputFormat.MARKDOWN: "extractor.readers.text:read_text",
}

# Keyword options a format's reader takes beyond (data, name, sha256): the PDF engine; whether a
# text is Markdown, when the user says so instead of leaving it to the markup.
READER_OPTIONS: dict[InputFormat, frozenset[str]] = {
    InputFormat.PDF: frozenset({"engine"}),
    InputFormat.TEXT: frozenset({"markdown"}),
    InputFormat.MARKDOWN: frozenset({"markdown"}),
}


def reader_for(fmt: InputFormat) -> Reader:
    """The reader registered for a format (its module imported now)."""
    module, function = READERS[fmt].split(":")
    reader: Reader = getattr(importlib.import_module(module), function)
    return reader


def read_document(
    path: str | Path,
    data: bytes | None = None,
    *,
    engine: str | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    fmt: InputFormat | str | None = None,
) -> Document:
    """Read one input file into the document model (the only place that touches its bytes).

    ``engine`` picks the PDF engine ("pdfium", "pdfplumber"; None: the default); other
    formats have one reader each and ignore it. ``max_bytes``: how far an archive (a DOCX)
    may unpack; ``None``: no limit. ``fmt``: read the bytes as this format instead of the one
    their content shows (``--from``); the file name's extension is then not checked against it.
    """
    forced = InputFormat(fmt) if fmt is not None else None
    if engine is not None:
        from extractor.readers.pdf.engine import check_engine  # light: loads no engine

        check_engine(engine)
    name = str(path)
    if data is None:
        try:
            data = Path(path).read_bytes()
        except IsADirectoryError as exc:
            raise UnsupportedFormat(name, "is a folder, not a file") from exc
        except FileNotFoundError as exc:
            raise FileNotFound(name, "no such file") from exc
        except OSError as exc:  # no permission, a link loop, an I/O error
            raise Unreadable(name, f"cannot read the file: {exc.strerror or exc}") from exc
    if not data.strip():
        raise EmptyFile(name, "the file is empty" if not data else "the file holds only white space")
    fmt = forced or sniff_format(data, name)
    if fmt is InputFormat.DOCX:  # a zip bomb is refused before any reader inflates it
        check_unpacked_size(data, name, max_bytes)
    options: dict[str, object] = {"engine": engine} if engine is not None else {}
    if forced in (InputFormat.TEXT, InputFormat.MARKDOWN):
        options["markdown"] = forced is InputFormat.MARKDOWN
    wanted = {k: v for k, v in options.items() if k in READER_OPTIONS.get(fmt, ())}
    document = reader_for(fmt)(data, name, hashlib.sha256(data).hexdigest(), **wanted)
    if forced is None:
        warn_extension_mismatch(document, name)
    return document


__all__ = [
    "READERS",
    "READER_OPTIONS",
    "Reader",
    "decode_text",
    "read_document",
    "reader_for",
    "sniff_format",
]
