"""What officers really save reads; anything else is refused with a message that says what is wrong."""

import io
import zipfile

import pytest

from objectives.imports import apply as pipeline
from objectives.imports.table import FileRefused
from tests.objectives.imports.files import (
    HEADERS,
    csv_bytes,
    json_bytes,
    libreoffice_xlsx_bytes,
    table_of,
    xlsx_bytes,
)

ROWS = [
    [2021, 3, 3, 4, "continued", "Café culture: members trained — 12 of 14.", "Run two more sessions."],
    [2021, 7, "2", "", "continued", "", ""],
]


def preview_of(data, name, user):
    return pipeline.preview(table_of(data, name), user=user)


def planned_values(preview):
    return {row.objective.number: row.values for row in preview.rows}


def refusal(data, name):
    with pytest.raises(FileRefused) as raised:
        table_of(data, name)
    return " ".join(raised.value.reasons)


@pytest.mark.parametrize(
    "data, name",
    [
        (csv_bytes(ROWS), "utf8.csv"),
        (csv_bytes(ROWS, encoding="utf-8-sig"), "utf8-bom.csv"),
        (csv_bytes(ROWS, encoding="cp1252"), "windows.csv"),
        (csv_bytes(ROWS, delimiter=";", encoding="cp1252"), "excel-french.csv"),
        (csv_bytes(ROWS, delimiter="\t"), "tabs.txt"),
        (xlsx_bytes(ROWS), "excel.xlsx"),
        (libreoffice_xlsx_bytes(ROWS), "libreoffice.xlsx"),
        (json_bytes(ROWS), "export.json"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_every_accepted_form_reads_the_same_values(draft_review, manager, data, name):
    preview = preview_of(data, name, manager)
    assert preview.errors == []
    assert planned_values(preview) == {
        3: {
            "score": 3,
            "target": 4,
            "origin": "continued",
            "comments": "Café culture: members trained — 12 of 14.",
            "actions": "Run two more sessions.",
        },
        7: {"score": 2, "target": None, "origin": "continued", "comments": "", "actions": ""},
    }


def test_the_encoding_and_delimiter_found_are_shown(draft_review):
    assert (
        table_of(csv_bytes(ROWS, encoding="utf-8-sig"), "a.csv").description
        == "CSV (UTF-8 with BOM, separated by commas)"
    )
    windows = table_of(csv_bytes(ROWS, delimiter=";", encoding="cp1252"), "b.csv")
    assert windows.description == "CSV (Windows-1252, separated by semicolons)"


def test_a_libreoffice_sheet_formatted_to_thousands_of_rows_has_only_its_data_rows(draft_review):
    table = table_of(libreoffice_xlsx_bytes(ROWS, formatted_rows=6000), "formatted.xlsx")
    assert [row.number for row in table.rows] == [2, 3]
    assert table.headers == HEADERS


def test_the_first_sheet_with_the_columns_is_read(draft_review, manager):
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(ROWS)))
    book.create_sheet("Instructions", 0).append(["Fill in the scores on the next sheet"])
    stream = io.BytesIO()
    book.save(stream)
    assert [row.number for row in table_of(stream.getvalue(), "two-sheets.xlsx").rows] == [2, 3]


@pytest.mark.parametrize("score", [3, "3", "3.0", 3.0, "Mature", " mature ", "3 Mature"])
def test_a_score_is_read_as_a_number_or_a_level_name(draft_review, manager, score):
    preview = preview_of(xlsx_bytes([[2021, 3, score, "", "", "", ""]]), "s.xlsx", manager)
    assert preview.rows[0].values["score"] == 3 and preview.errors == []


def test_headers_are_read_in_any_case_and_spacing(draft_review, manager):
    headers = [" YEAR", "Objective  Number", "Score ", "target", "Continued_or_New", "COMMENTS", "Action(s)"]
    preview = preview_of(csv_bytes(ROWS, headers=headers), "shouting.csv", manager)
    assert preview.errors == [] and planned_values(preview)[3]["target"] == 4


def test_blank_rows_at_the_end_and_between_are_skipped_but_rows_keep_their_numbers(draft_review, manager):
    data = csv_bytes(ROWS[:1]) + b",,,,,,\r\n\r\n" + csv_bytes(ROWS[1:])[len(",".join(HEADERS)) + 2 :] + b",,,\r\n\r\n"
    table = table_of(data, "gaps.csv")
    assert [row.number for row in table.rows] == [2, 5]
    excel = xlsx_bytes([*ROWS, [None] * 7, ["", "", None, None, "", "", ""]])
    assert [row.number for row in table_of(excel, "blank.xlsx").rows] == [2, 3]


def test_columns_left_out_are_left_as_they_are(draft_review, manager):
    preview = preview_of(csv_bytes([[2021, 3, "3"]], headers=["year", "objective", "score"]), "short.csv", manager)
    row = preview.rows[0]
    assert row.values == {"score": 3} and row.changed == ["score"]


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"%PDF-1.7 ...", "scores.csv", "scores.csv is a PDF document, not a spreadsheet"),
        (b"MZ\x90\x00", "scores.exe", "scores.exe: files of type .exe cannot be imported"),
        (b"year,objective\n", "scores.docx", "scores.docx: files of type .docx cannot be imported"),
        (b"", "empty.csv", "empty.csv is empty"),
        (b"year,objective\n2021,3\x00\n", "nul.csv", "nul.csv: the file is binary, not text"),
        (b"year:objective:score\n2021:3:2\n", "colons.csv", "colons.csv: cannot tell how the columns are separated"),
        (b'[{"year": 2021', "broken.json", "broken.json is not valid JSON: line 1, column"),
        (b'{"year": 2021}', "object.json", "the JSON must be a list of objects"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "old.xls", "old.xls is an Excel 97-2003 file (.xls)"),
    ],
    ids=lambda value: value if isinstance(value, str) and "." in value and " " not in value else "",
)
def test_files_that_are_not_tables_are_refused(db, data, name, message):
    assert message in refusal(data, name)


def test_a_word_document_is_not_a_workbook(db):
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert "report.docx is not an Excel workbook" in refusal(stream.getvalue(), "report.docx")


@pytest.mark.parametrize(
    "damage",
    [lambda data: data[: len(data) // 2], lambda data: data.replace(b"xl/workbook.xml", b"xl/workbook.xmm")],
    ids=["truncated", "missing-part"],
)
def test_a_corrupt_workbook_is_refused(db, damage):
    message = refusal(damage(xlsx_bytes(ROWS)), "damaged.xlsx")
    assert "damaged.xlsx is not" in message and "Excel workbook" in message


def test_a_workbook_that_is_not_zip_at_all_is_refused(db):
    assert "is not a valid Excel workbook" in refusal(b"just some text", "fake.xlsx")


def test_a_password_protected_workbook_is_refused(db):
    # Excel saves an encrypted workbook as an OLE compound file holding EncryptionInfo and EncryptedPackage.
    directory = "".join(name.ljust(32, "\0") for name in ("Root Entry", "EncryptionInfo", "EncryptedPackage"))
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + directory.encode("utf-16-le")
    message = refusal(data, "secret.xlsx")
    assert "secret.xlsx is a password-protected workbook" in message and "without a password" in message


def test_a_file_over_the_size_limit_is_refused(db, settings):
    settings.SCORECARD_IMPORT_MAX_BYTES = 5 * 1024 * 1024
    data = csv_bytes(ROWS) + b"x" * (5 * 1024 * 1024)
    assert "big.csv is 5.0\xa0MB: the limit is 5.0\xa0MB" in refusal(data, "big.csv")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(db):
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<row/>" * 20_000_000)
    assert "unpacks to more than" in refusal(stream.getvalue(), "bomb.xlsx")


def test_a_csv_whose_comments_mention_a_section_heading_is_still_a_table(draft_review, manager):
    rows = [[2021, 3, "3", "", "", "Moved here from\nNew Objectives\nlast year.", ""]]
    table = table_of(csv_bytes(rows), "scores.txt")
    assert table.kind == "csv" and table.rows[0].cells[5] == "Moved here from\nNew Objectives\nlast year."
