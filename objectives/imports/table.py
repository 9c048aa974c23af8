"""The table that every reader makes of an upload, and the limits it is held to while it is read.

A reader hands its records to `fill` one at a time, so that a file is refused at the first limit it passes,
with the file, row and column named, before the rest of it is looked at.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings

MAX_ROWS = 100_000
MAX_COLUMNS = 50  # an export has 9; a council's own sheet a few more
MAX_CELL_CHARACTERS = 100_000  # the longest comment in ten years of scorecards is a few thousand
# PostgreSQL cannot store a NUL character, nor a lone surrogate (half of a UTF-16 pair, no character at all).
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class FileRefused(Exception):
    """The file cannot be read as a table; `reasons` say why, one sentence each."""

    def __init__(self, *reasons):
        self.reasons = list(reasons)
        super().__init__(" ".join(self.reasons))


@dataclass(slots=True)
class Row:
    number: int  # as the person sees it: the spreadsheet's row, the JSON entry, the document's line
    cells: list


@dataclass
class Table:
    name: str
    kind: str  # "csv", "xlsx", "json" or "document"
    description: str  # what was read, for the preview: "CSV (Windows-1252, separated by semicolons)"
    headers: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    row_label: str = "row"
    escaped: bool = False  # cells may carry the formula escape (CSV and XLSX, as exported)

    def where(self, number, index=None):
        """Name a row, or a cell, as an error message does: "scores.csv, row 7, column comments"."""
        place = f"{self.name}, {self.row_label} {number}"
        if index is None:
            return place
        header = self.headers[index] if index < len(self.headers) else None
        return f"{place}, column {_shown(header) if header not in (None, '') else index + 1}"


def max_upload_bytes():
    return settings.SCORECARD_IMPORT_MAX_BYTES


def decode(data, name, *, encodings=("utf-8-sig", "cp1252")):
    """Return (text, encoding name) of a text file's bytes; refuse what is empty, binary, or in no encoding given."""
    if not data.strip():
        raise FileRefused(f"{name} is empty.")
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise FileRefused(f"{name}: the file is binary, not text (it contains a NUL byte, on line {line}).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problem = f"byte 0x{data[error.start]:02X} on line {line} is not UTF-8"
    else:
        return text, "UTF-8 with BOM" if data.startswith(b"\xef\xbb\xbf") else "UTF-8"
    if "cp1252" in encodings:
        try:
            return data.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError:
            raise FileRefused(f"{name}: the file is not text in UTF-8 or Windows-1252 ({problem}).") from None
    raise FileRefused(f"{name}: {problem}: save it as UTF-8.")


def set_headers(table, headers):
    """Give the table its header row, without the blank cells after it; refuse more columns than MAX_COLUMNS."""
    headers = trim(headers)
    if len(headers) > MAX_COLUMNS:
        raise FileRefused(
            f"{table.name}: the first {table.row_label} names {len(headers):,} columns: at most {MAX_COLUMNS} "
            "can be read."
        )
    table.headers = headers
    _check_cells(table, 1, headers)


def fill(table, records):
    """Add each (number, cells) record that holds anything to the table, held to its width and the limits."""
    width, rows = len(table.headers), table.rows
    for number, record in records:
        cells = list(record[:width])
        if len(cells) < width:
            cells.extend([None] * (width - len(cells)))
        if not any(not _blank(cell) for cell in cells):
            continue
        _check_cells(table, number, cells)
        rows.append(Row(number, cells))
        if len(rows) > MAX_ROWS:
            raise FileRefused(
                f"{table.where(number)}: the file has more than {MAX_ROWS:,} rows: at most {MAX_ROWS:,} can be "
                "imported at once. Split it."
            )
    return table


def trim(cells):
    """Return the cells without the blank ones at the end."""
    cells = list(cells)
    while cells and _blank(cells[-1]):
        cells.pop()
    return cells


def _blank(cell):
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _check_cells(table, number, cells):
    for index, cell in enumerate(cells):
        if not isinstance(cell, str):
            continue
        if len(cell) > MAX_CELL_CHARACTERS:
            raise FileRefused(
                f"{table.where(number, index)}: the cell has {len(cell):,} characters: at most "
                f"{MAX_CELL_CHARACTERS:,} can be imported."
            )
        found = UNSTORABLE.search(cell)
        if found:
            what = "a NUL character" if found[0] == "\x00" else f"a lone surrogate (U+{ord(found[0]):04X})"
            raise FileRefused(f"{table.where(number, index)}: the cell holds {what}, which cannot be stored.")


def _shown(header):
    text = str(header)
    return text if len(text) <= 40 else text[:39] + "…"
