"""Read an uploaded file into a table of cells: CSV, Excel workbook (XLSX), JSON or the committee document.

Whatever an officer's spreadsheet program saves should read here, and anything else is refused with a
`FileRefused` that says what is wrong and where. Rows are read one at a time and held to the limits of
`objectives.imports.table` as they come, so that a file's cost is in proportion to its size and a hostile
file is refused at the first limit it passes. What the cells mean is the plan's business.
"""

import csv
import io
import json
import re
import zipfile
from pathlib import PurePath

import openpyxl
from django.template.defaultfilters import filesizeformat

from objectives.imports import committee_document
from objectives.imports.resources import AssessmentResource, normalise_header
from objectives.imports.table import (
    MAX_COLUMNS,
    MAX_ROWS,
    FileRefused,
    Table,
    decode,
    fill,
    max_upload_bytes,
    set_headers,
    trim,
)

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office 97-2003 files, and Office's encrypted workbooks
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
OTHER_TYPES = {b"%PDF": "a PDF document", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image"}
TEXT_SUFFIXES = {".csv", ".txt", ".tsv", ".json"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
ACCEPTED = "CSV, Excel workbook (.xlsx), JSON or the committee document (.txt)"
DELIMITERS = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars"}
MAX_UNPACKED = 100 * 1024 * 1024  # a 5 MB workbook of text unpacks to about 30 MB; more is a zip bomb
# What a workbook may hold before openpyxl reads it (it reads every shared string into memory first): far above an
# export of ten years (a few thousand strings and cells), far below what takes a worker's memory and a minute.
MAX_SHARED_STRINGS = 5 * MAX_ROWS
MAX_CELLS = 20 * MAX_ROWS
COUNTED_CHUNK = 1024 * 1024
STRING = re.compile(rb"<(?:\w+:)?si[\s>/]")
CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
MAX_DIGITS = 18  # a JSON number longer than this is no year, objective or level (Python refuses 4,300)
JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
JSON_BRACKET = re.compile(r"[\[\]{}]")


def read_upload(data, name):
    """Return the table of assessments in the file's bytes, or raise FileRefused."""
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
        return _read_xlsx(data, name)
    for magic, what in OTHER_TYPES.items():
        if data.startswith(magic):
            raise FileRefused(f"{name} is {what}, not a spreadsheet: upload {ACCEPTED}.")
    if suffix not in TEXT_SUFFIXES:
        raise FileRefused(f"{name}: files of type {suffix or '(none)'} cannot be imported; upload {ACCEPTED}.")
    if suffix == ".json":
        return _read_json(data, name)
    text, encoding = decode(data, name)
    if _is_document(text):
        return committee_document.read_text(text, name)
    return _read_csv(text, name, encoding)


def is_column(header):
    """Return whether a header names a column of the assessments' import."""
    return normalise_header(header) in AssessmentResource.column_names()


def has_required_columns(headers):
    named = {AssessmentResource.column_names().get(normalise_header(header)) for header in headers}
    return {"year", "objective"} <= named


def _first_line(text):
    return next((line for line in io.StringIO(text, newline=None) if line.strip()), "")


def _is_document(text):
    """Tell the committee document from a table: it has section headings, and its first line names no column."""
    first = _first_line(text)
    if any(is_column(cell) for delimiter in DELIMITERS for cell in first.split(delimiter)):
        return False
    return committee_document.looks_like_document(text)


def _read_csv(text, name, encoding):
    delimiter = _delimiter(text, name)
    table = Table(name, "csv", f"CSV ({encoding}, separated by {DELIMITERS[delimiter]})", escaped=True)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        set_headers(table, next(reader, []))
        # Rows are numbered as a spreadsheet shows them: the header is row 1.
        return fill(table, enumerate(reader, start=2))
    except csv.Error as error:
        raise FileRefused(f"{table.where(reader.line_num)}: {_csv_problem(error)}.") from None


def _csv_problem(error):
    if "field larger than field limit" in str(error):  # the csv module's own cap, above the table's
        return "a cell is longer than can be imported"
    return str(error)


def _delimiter(text, name):
    """Find the delimiter: the one that splits the header into known columns, else what csv.Sniffer sees."""
    first = _first_line(text).rstrip("\r\n")

    def known(delimiter):
        try:
            cells = next(csv.reader([first], delimiter=delimiter), [])
        except csv.Error:  # a stray carriage return or quote: this delimiter finds no columns
            return 0
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


def _read_xlsx(data, name):
    damaged = f"{name} is not a valid Excel workbook: it is damaged, or not really .xlsx."
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        raise FileRefused(damaged) from None
    if "xl/workbook.xml" not in {member.filename for member in members}:
        raise FileRefused(f"{name} is not an Excel workbook (a Word or OpenDocument file?): upload {ACCEPTED}.")
    if sum(member.file_size for member in members) > MAX_UNPACKED:  # what it says already: no need to unpack it
        raise FileRefused(f"{name} unpacks to more than {filesizeformat(MAX_UNPACKED)}: it cannot be read.")
    try:
        _check_workbook_bounds(data, name)
    except (zipfile.BadZipFile, EOFError, NotImplementedError, ValueError, OSError):
        raise FileRefused(damaged) from None
    table = Table(name, "xlsx", "Excel workbook", escaped=True)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = _chosen_sheet(book)
            if sheet is not None:
                set_headers(table, next(sheet.iter_rows(max_row=1, values_only=True), ()))
                # Bounding the columns keeps sheets formatted to thousands of empty rows and columns fast to read.
                fill(table, enumerate(sheet.iter_rows(min_row=2, max_col=len(table.headers), values_only=True), 2))
        finally:
            book.close()
    except FileRefused:
        raise
    except Exception:  # openpyxl raises many kinds of error on a damaged file; all of them mean the same
        raise FileRefused(damaged) from None
    return table


def _check_workbook_bounds(data, name):
    """Unpack every part of the workbook once, streaming, before openpyxl reads it: count the bytes that really come
    out (never the sizes the zip declares), the shared strings, the cells and each sheet's rows; refuse past a limit."""
    unpacked = strings = cells = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.infolist():
            part = member.filename
            counted = {"shared": part == "xl/sharedStrings.xml", "sheet": part.startswith("xl/worksheets/")}
            rows, carry = 0, b""
            with archive.open(member) as stream:
                while chunk := stream.read(COUNTED_CHUNK):
                    unpacked += len(chunk)
                    if unpacked > MAX_UNPACKED:
                        raise FileRefused(
                            f"{name} unpacks to more than {filesizeformat(MAX_UNPACKED)}: it cannot be read."
                        )
                    text, skip = carry + chunk, len(carry)  # a tag split between two chunks is counted once
                    if counted["shared"]:
                        strings += _count(STRING, text, skip)
                    if counted["sheet"]:
                        cells += _count(CELL, text, skip)
                        rows += _count(ROW, text, skip)
                    carry = chunk[-16:]
                    _check_counts(name, part, strings, cells, rows)


def _count(pattern, text, skip):
    return sum(1 for found in pattern.finditer(text) if found.end() > skip)


def _check_counts(name, part, strings, cells, rows):
    if strings > MAX_SHARED_STRINGS:
        raise FileRefused(
            f"{name} holds more than {MAX_SHARED_STRINGS:,} different texts: it cannot be read.",
            "Import the sheet with the scores alone (copy it into a new workbook), or save it as CSV.",
        )
    if cells > MAX_CELLS:
        raise FileRefused(
            f"{name} holds more than {MAX_CELLS:,} cells: it cannot be read.",
            "Import the sheet with the scores alone (copy it into a new workbook), or save it as CSV.",
        )
    if rows > MAX_ROWS + 1:
        sheet = PurePath(part).stem
        raise FileRefused(
            f"{name}, sheet {sheet}: it has more than {MAX_ROWS:,} rows: at most {MAX_ROWS:,} can be imported at "
            "once. Split it."
        )


def _chosen_sheet(book):
    """Return the first worksheet that has the columns needed, else the first worksheet (None if none)."""
    first = None
    for sheet in book.worksheets:
        headers = trim(next(sheet.iter_rows(max_row=1, values_only=True), ()))
        if has_required_columns(headers):
            return sheet
        first = first or sheet
    return first


def _read_json(data, name):
    text = decode(data, name, encodings=("utf-8-sig",))[0]
    _check_json_shape(text, name)
    try:
        entries = json.loads(text, parse_int=lambda digits: _json_int(digits, text, name))
    except json.JSONDecodeError as error:
        raise FileRefused(
            f"{name} is not valid JSON: line {error.lineno}, column {error.colno}: {error.msg}."
        ) from None
    if not isinstance(entries, list):
        raise FileRefused(f"{name}: the JSON must be a list of objects, one per row, as the export writes it.")
    table = Table(name, "json", "JSON", row_label="entry")
    headers = {}  # a dict, not a list: each key is looked up once, however many the file names
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise FileRefused(f"{table.where(number)}: the entry is not an object of column names and values.")
        headers.update(dict.fromkeys(entry))
        if len(headers) > MAX_COLUMNS:
            raise FileRefused(f"{table.where(number)}: the entries name more than {MAX_COLUMNS} columns between them.")
    set_headers(table, list(headers))
    return fill(table, ((number, [entry.get(key) for key in headers]) for number, entry in enumerate(entries, 1)))


def _check_json_shape(text, name):
    """Refuse JSON nested deeper than a list of objects of values, or with too many entries, before parsing it.

    Python's parser recurses once per bracket, so 100,000 nested brackets would end in RecursionError; this
    scan reads the brackets outside strings in one pass and stops at the first one too deep.
    """
    outside = JSON_STRING.sub('""', text)  # brackets inside strings are text; strings hold no line break
    depth = entries = 0
    for bracket in JSON_BRACKET.finditer(outside):
        depth += 1 if bracket[0] in "[{" else -1
        if depth == 2 and bracket[0] in "[{":
            entries += 1
            if entries > MAX_ROWS:
                raise FileRefused(
                    f"{name}: the file has more than {MAX_ROWS:,} entries: at most {MAX_ROWS:,} can be imported "
                    "at once. Split it."
                )
        elif depth > 2:
            line = outside.count("\n", 0, bracket.start()) + 1
            raise FileRefused(
                f"{name}, entry {entries}, line {line}: a cell holds a list or an object; each cell must be a "
                "single value (text, a number, or null)."
            )


def _json_int(digits, text, name):
    if len(digits.lstrip("-")) > MAX_DIGITS:
        line = text.count("\n", 0, text.find(digits)) + 1
        raise FileRefused(f"{name}, line {line}: a number of {len(digits):,} digits is no year, objective or level.")
    return int(digits)
