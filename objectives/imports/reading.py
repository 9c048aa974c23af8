"""Read an uploaded file into a table of cells: CSV, Excel workbook (XLSX), JSON or the committee document.

Whatever an officer's spreadsheet program saves should read here, and anything else is refused with a
`FileRefused` that says what is wrong, before any cell is looked at. What the cells mean is the business of
`objectives.spreadsheets`; this module only finds them and numbers their rows as the person sees them.
"""

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

import openpyxl
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from objectives.imports import committee_document as seedformat

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office 97-2003 files, and Office's encrypted workbooks
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
OTHER_TYPES = {b"%PDF": "a PDF document", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image"}
TEXT_SUFFIXES = {".csv", ".txt", ".tsv", ".json"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
ACCEPTED = "CSV, Excel workbook (.xlsx), JSON or the committee document (.txt)"
DELIMITERS = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars"}
MAX_UNPACKED = 100 * 1024 * 1024  # a 5 MB workbook of text unpacks to about 30 MB; more is a zip bomb
MAX_ROWS = 100_000

# An exported cell that begins with one of these is written with a leading apostrophe, so that no spreadsheet
# runs it as a formula; apostrophes already there are doubled, so that reading takes exactly one off.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class FileRefused(Exception):
    """The file cannot be read as a table; `reasons` say why, one sentence each."""

    def __init__(self, *reasons):
        self.reasons = list(reasons)
        super().__init__(" ".join(self.reasons))


@dataclass
class Row:
    number: int  # as the person sees it: the spreadsheet's row, the JSON entry, the document's line
    cells: list


@dataclass
class Table:
    name: str
    kind: str  # "csv", "xlsx", "json" or "document"
    description: str  # what was read, for the preview: "CSV (Windows-1252, separated by semicolons)"
    headers: list
    rows: list = field(default_factory=list)
    row_label: str = "row"
    escaped: bool = False  # cells may carry the formula escape (CSV and XLSX, as exported)


def max_upload_bytes():
    return settings.SCORECARD_IMPORT_MAX_BYTES


def escape_formula(value):
    """Return a cell's text so that no spreadsheet runs it: "=1+1" becomes "'=1+1"."""
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unescape_formula(value):
    """Undo `escape_formula`: "'=1+1" reads as "=1+1", and any other text as it is."""
    if isinstance(value, str) and value.startswith("'") and value.lstrip("'").startswith(FORMULA_STARTS):
        return value[1:]
    return value


def read_upload(data, name, *, is_column=lambda header: False, wanted=lambda headers: True):
    """Return the table in the file's bytes, or raise FileRefused.

    `is_column(header)` tells a known column's header, which finds a CSV's delimiter; `wanted(headers)` picks
    the first worksheet of a workbook that has the columns needed.
    """
    suffix = PurePath(name).suffix.lower()
    if len(data) > max_upload_bytes():
        raise FileRefused(
            f"{name} is {filesizeformat(len(data))}: the limit is {filesizeformat(max_upload_bytes())}.",
            "Split it, or remove what it does not need (pictures, other sheets).",
        )
    if not data.strip():
        raise FileRefused(f"{name} is empty.")
    if data.startswith(OLE_MAGIC):
        if ENCRYPTED_STREAM in data:
            raise FileRefused(
                f"{name} is a password-protected workbook, which cannot be read.",
                "Save a copy without a password (File, Info, Protect Workbook) and upload that.",
            )
        raise FileRefused(f"{name} is an Excel 97-2003 file (.xls).", "Save it as an Excel workbook (.xlsx).")
    if data.startswith(ZIP_MAGIC) or suffix in XLSX_SUFFIXES:
        return _read_xlsx(data, name, wanted)
    for magic, what in OTHER_TYPES.items():
        if data.startswith(magic):
            raise FileRefused(f"{name} is {what}, not a spreadsheet: upload {ACCEPTED}.")
    if suffix not in TEXT_SUFFIXES:
        raise FileRefused(f"{name}: files of type {suffix or '(none)'} cannot be imported; upload {ACCEPTED}.")
    try:
        text, encoding = _decode(data, name)
    except seedformat.SeedFormatError as error:
        raise FileRefused(*(f"{name}: {problem}." for problem in error.problems)) from None
    if suffix == ".json":
        return _read_json(text, name)
    if _is_document(text, is_column):
        return _read_document(text, name)
    return _read_csv(text, name, encoding, is_column)


def _is_document(text, is_column):
    """Tell the committee document from a table: it has section headings, and its first line names no column."""
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if any(is_column(cell) for delimiter in DELIMITERS for cell in first.split(delimiter)):
        return False
    return any(seedformat.SECTION.match(line.strip()) for line in lines)


def _decode(data, name):
    text = seedformat.decode(data, source=name)
    if data.startswith(b"\xef\xbb\xbf"):
        return text, "UTF-8 with BOM"
    return text, "UTF-8" if text.encode("utf-8") == data else "Windows-1252"


def _read_csv(text, name, encoding, is_column):
    delimiter = _delimiter(text, name, is_column)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error as error:
        raise FileRefused(f"{name}, row {reader.line_num}: {error}.") from None
    description = f"CSV ({encoding}, separated by {DELIMITERS[delimiter]})"
    return _table(name, "csv", description, records, escaped=True)


def _delimiter(text, name, is_column):
    """Find the delimiter: the one that splits the header into known columns, else what csv.Sniffer sees."""
    first = next((line for line in text.splitlines() if line.strip()), "")

    def known(delimiter):
        cells = next(csv.reader([first], delimiter=delimiter))
        return sum(1 for cell in cells if is_column(cell)) if len(cells) > 1 else 0

    best = max(DELIMITERS, key=known)
    if known(best):
        return best
    try:
        return csv.Sniffer().sniff(text[:20_000], delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        raise FileRefused(
            f"{name}: cannot tell how the columns are separated.",
            "The first row must name the columns (year, objective, score ...) separated by commas, semicolons or tabs.",
        ) from None


def _read_xlsx(data, name, wanted):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        raise FileRefused(f"{name} is not a valid Excel workbook: it is damaged, or not really .xlsx.") from None
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names:
        raise FileRefused(f"{name} is not an Excel workbook (a Word or OpenDocument file?): upload {ACCEPTED}.")
    if sum(member.file_size for member in members) > MAX_UNPACKED:
        raise FileRefused(f"{name} unpacks to more than {filesizeformat(MAX_UNPACKED)}: it cannot be read.")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            records = _sheet_records(book, wanted)
        finally:
            book.close()
    except Exception:  # openpyxl raises many kinds of error on a damaged file; all of them mean the same
        raise FileRefused(f"{name} is not a valid Excel workbook: it is damaged, or not really .xlsx.") from None
    return _table(name, "xlsx", "Excel workbook", records, escaped=True)


def _sheet_records(book, wanted):
    """Return the rows of the first worksheet that has the wanted columns (else of the first worksheet)."""
    chosen = None
    for sheet in book.worksheets:
        headers = _trim(list(next(sheet.iter_rows(max_row=1, values_only=True), ())))
        if chosen is None or wanted(headers):
            chosen = (sheet, headers)
        if wanted(headers):
            break
    if chosen is None:
        return []
    sheet, headers = chosen
    if not headers:
        return [headers]
    # Bounding the columns keeps sheets formatted to thousands of empty rows and columns fast to read.
    rows = sheet.iter_rows(min_row=2, max_col=len(headers), values_only=True)
    return [headers, *(list(row) for row in rows)]


def _read_json(text, name):
    try:
        entries = json.loads(text)
    except json.JSONDecodeError as error:
        raise FileRefused(
            f"{name} is not valid JSON: line {error.lineno}, column {error.colno}: {error.msg}."
        ) from None
    if not isinstance(entries, list):
        raise FileRefused(f"{name}: the JSON must be a list of objects, one per row, as the export writes it.")
    headers = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise FileRefused(f"{name}: entry {number} is not an object of column names and values.")
        headers.extend(key for key in entry if key not in headers)
    table = Table(name=name, kind="json", description="JSON", headers=headers, row_label="entry")
    table.rows = [Row(number, [entry.get(key) for key in headers]) for number, entry in enumerate(entries, start=1)]
    _check_size(table)
    return table


def _read_document(text, name):
    try:
        parsed = seedformat.parse(text, source=name)
    except seedformat.SeedFormatError as error:
        raise FileRefused(*(f"{name}, {problem}." for problem in error.problems)) from None
    headers = ["year", "objective", "title", "key area", "score", "continued or new", "comments", "actions"]
    table = Table(name=name, kind="document", description="committee document", headers=headers, row_label="line")
    table.rows = [
        Row(r.line, [parsed.year, r.number, r.title, r.key_area, r.score, r.origin, r.comments, r.actions])
        for r in parsed.rows
    ]
    return table


def _table(name, kind, description, records, *, escaped):
    """Make a table of header and data records; rows are numbered as the spreadsheet shows them (header: 1)."""
    headers = _trim(records[0]) if records else []
    width = len(headers)
    table = Table(name=name, kind=kind, description=description, headers=headers, escaped=escaped)
    for number, record in enumerate(records[1:], start=2):
        cells = list(record[:width]) + [None] * (width - len(record))
        if any(cell not in (None, "") and not (isinstance(cell, str) and not cell.strip()) for cell in cells):
            table.rows.append(Row(number, cells))
    _check_size(table)
    return table


def _trim(cells):
    cells = list(cells)
    while cells and (cells[-1] is None or (isinstance(cells[-1], str) and not cells[-1].strip())):
        cells.pop()
    return cells


def _check_size(table):
    if len(table.rows) > MAX_ROWS:
        raise FileRefused(f"{table.name} has {len(table.rows):,} rows: at most {MAX_ROWS:,} can be imported at once.")
