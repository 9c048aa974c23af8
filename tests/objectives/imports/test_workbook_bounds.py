"""A small workbook that unpacks to millions of tiny shared strings, cells or rows is refused before openpyxl reads
it, and a preview reads its upload once: the next views of it and the confirmation use the table kept then."""

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from objectives.imports import pending
from objectives.imports.reading import MAX_CELLS, MAX_SHARED_STRINGS, read_upload
from objectives.imports.table import FileRefused
from tests.objectives.imports.files import xlsx_bytes

HEADERS = ["year", "objective", "score", "target", "comments"]


def with_part(data, name, content):
    """The workbook with one part replaced (or added), as a hand-made file has it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            if member.filename != name:
                target.writestr(member, source.read(member))
        target.writestr(name, content)
    return out.getvalue()


def strings(count):
    head = b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    return head + b"<si><t>a</t></si>" * count + b"</sst>"


def test_a_workbook_of_too_many_tiny_shared_strings_is_refused_before_it_is_read():
    book = xlsx_bytes([[2021, 3, "Mature", "", "Trained."]], headers=HEADERS)
    bomb = with_part(book, "xl/sharedStrings.xml", strings(MAX_SHARED_STRINGS + 1))
    assert len(bomb) < 300 * 1024
    start = time.perf_counter()
    with pytest.raises(FileRefused, match=f"more than {MAX_SHARED_STRINGS:,} different texts"):
        read_upload(bomb, "scores.xlsx")
    assert time.perf_counter() - start < 10


def test_a_sheet_of_too_many_cells_or_rows_is_refused_before_it_is_read():
    book = xlsx_bytes([[2021, 3, "Mature", "", "Trained."]], headers=HEADERS)
    cells = b'<c r="A1" t="n"><v>1</v></c>' * (MAX_CELLS + 1)
    sheet = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
    with pytest.raises(FileRefused, match=f"more than {MAX_CELLS:,} cells"):
        read_upload(
            with_part(book, "xl/worksheets/sheet1.xml", sheet + cells + b"</row></sheetData></worksheet>"), "a.xlsx"
        )
    rows = b"".join(b'<row r="%d"/>' % n for n in range(1, 100_003))
    with pytest.raises(FileRefused, match="sheet sheet1: it has more than 100,000 rows"):
        read_upload(
            with_part(book, "xl/worksheets/sheet1.xml", sheet[:-9] + rows + b"</sheetData></worksheet>"), "b.xlsx"
        )


def test_an_ordinary_workbook_still_reads():
    table = read_upload(xlsx_bytes([[2021, 3, "Mature", "", "Trained all members."]], headers=HEADERS), "s.xlsx")
    assert [row.cells for row in table.rows] == [[2021, 3, "Mature", None, "Trained all members."]]


def test_the_preview_reads_the_upload_once(client, officer, draft_review, monkeypatch):
    client.force_login(officer)
    data = xlsx_bytes([[2021, 3, "Mature", "", "Trained all members."]], headers=HEADERS)
    location = client.post("/imports/", {"file": SimpleUploadedFile("scores.xlsx", data)})["Location"]
    reads = []
    parse = pending.read_upload
    monkeypatch.setattr(pending, "read_upload", lambda *args: reads.append(args) or parse(*args))
    first, second = client.get(location), client.get(location)
    assert first.status_code == second.status_code == 200
    assert first.content.decode().count("Trained all members.") == second.content.decode().count("Trained all members.")
    assert len(reads) == 1  # the second view used the table kept beside the upload
