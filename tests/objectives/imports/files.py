"""Files as officers make them, generated here: CSV in several encodings and dialects, XLSX as Excel and
LibreOffice save it, JSON; and what tests read back from the database."""

import csv
import io
import json
import re
import zipfile

import openpyxl
from openpyxl.styles import Font, PatternFill

from objectives.imports.reading import read_upload
from objectives.models import Assessment

HEADERS = ["year", "objective", "score", "target", "continued or new", "comments", "actions"]


def csv_bytes(rows, *, headers=HEADERS, encoding="utf-8", delimiter=","):
    stream = io.StringIO()
    writer = csv.writer(stream, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return stream.getvalue().encode(encoding)


def xlsx_bytes(rows, *, headers=HEADERS, title="Scorecard"):
    """An XLSX as Excel saves it: one sheet, a bold header, numbers as numbers."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def libreoffice_xlsx_bytes(rows, *, headers=HEADERS, formatted_rows=5000):
    """An XLSX as LibreOffice saves it when a range was formatted: thousands of styled, empty rows after the
    data, numbers stored as floats, a second sheet, and a dimension claiming LibreOffice's 1024 columns."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(headers)
    for row in rows:
        sheet.append([float(value) if isinstance(value, int) else value for value in row])
    fill = PatternFill("solid", fgColor="DDEBF7")
    for number in range(len(rows) + 2, formatted_rows):
        for column in range(1, len(headers) + 3):
            sheet.cell(row=number, column=column).fill = fill
    book.create_sheet("Notes").append(["Scores agreed at the team meeting"])
    stream = io.BytesIO()
    book.save(stream)
    source = zipfile.ZipFile(io.BytesIO(stream.getvalue()))
    patched = io.BytesIO()
    with zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="A1:AMJ{formatted_rows}"'.encode(), data)
            target.writestr(item, data)
    return patched.getvalue()


def json_bytes(rows, *, headers=HEADERS):
    return json.dumps([dict(zip(headers, row, strict=False)) for row in rows]).encode()


def table_of(data, name):
    return read_upload(data, name)


def assessment(number, year=2021):
    return Assessment.objects.get(review__year=year, objective__number=number)


def database_state():
    """Everything an import may write, to compare before and after."""
    return (
        list(Assessment.objects.order_by("pk").values()),
        list(Assessment.history.order_by("pk").values_list("pk", flat=True)),
    )
