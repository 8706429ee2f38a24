"""Zip archives (DOCX) are measured before they are read: a 1.5 MB file may inflate to gigabytes.

The declared sizes of the members are checked against the limit first (instant: what a zip bomb is
refused by); then every member is inflated once, in chunks, counting what it really gives and
checking its CRC, so a member that lies about its size is refused too (zipfile stops at the
declared size, and the CRC then fails), before any XML parser sees a byte.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from extractor.errors import TooLarge, UnsupportedFormat

_CHUNK = 1 << 20


def check_unpacked_size(data: bytes, name: str, limit: int | None) -> None:
    """Raise :class:`TooLarge` when the zip archive ``data`` unpacks to more than ``limit`` bytes in
    all (declared or actual); :class:`UnsupportedFormat` when it is not a readable archive."""
    if limit is None:
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
        declared = sum(member.file_size for member in members)
        if declared > limit:
            raise TooLarge(name, f"a Word document of {declared:,} bytes unpacked{_over(limit)}")
        actual = 0
        for member in members:
            with archive.open(member) as handle:
                while chunk := handle.read(_CHUNK):
                    actual += len(chunk)
                    if actual > limit:
                        raise TooLarge(name, f"a Word document that unpacks further{_over(limit)}")
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
        # RuntimeError: an encrypted member; NotImplementedError: a compression zipfile lacks
        raise UnsupportedFormat(name, f"not a readable Word document (.docx): {exc}") from exc


def _over(limit: int) -> str:
    return f", over the limit of {limit:,} bytes (--max-bytes)"
