"""Reading an imported file: its size, its text encoding, and where its header row is.

A file too large or not UTF-8 is refused by name before any row is read, so
the person hears one clear reason instead of a screen of broken rows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from netcoach.models import ValidationError

MAX_IMPORT_BYTES = 20 * 1024 * 1024


def too_large(size: int, purpose: str) -> ValidationError:
    mb = 1024 * 1024
    return ValidationError(
        [f"file: {size / mb:.1f} MB is larger than the {MAX_IMPORT_BYTES // mb} MB limit for {purpose}"]
    )


def import_text(payload: bytes | str, purpose: str = "an import") -> str:
    """The file as text, refused by name when it is too large or not UTF-8."""
    if isinstance(payload, bytes):
        if len(payload) > MAX_IMPORT_BYTES:
            raise too_large(len(payload), purpose)
        try:
            return payload.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(["file: not UTF-8 text"]) from None
    if len(payload) > MAX_IMPORT_BYTES:
        raise too_large(len(payload.encode("utf-8", "surrogatepass")), purpose)
    return payload.removeprefix("\ufeff")


def rows_after_header(
    text: str, header_test: Callable[[list[str]], bool], expected: str = ""
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the data rows, each with its line number in the file.

    `expected` says which columns make the header, for the message when no row has them.
    """
    reader = csv.reader(io.StringIO(text))
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    try:
        for cells in reader:
            line = reader.line_num
            if header is None:
                if header_test([c.strip() for c in cells]):
                    header = [c.strip() for c in cells]
                continue
            if any(c.strip() for c in cells):
                rows.append((line, cells))
    except csv.Error as exc:
        raise ValidationError([f"row {reader.line_num}: cannot be read as CSV ({exc})"]) from None
    if header is None:
        raise ValidationError([f"file: no header row found{f' (expected {expected})' if expected else ''}"])
    return header, rows
