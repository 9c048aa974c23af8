"""A file of any shape or content is read into a table or refused with a FileRefused that says what and where."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from objectives.imports import committee_document
from objectives.imports.reading import read_upload
from objectives.imports.table import MAX_CELL_CHARACTERS, MAX_COLUMNS, MAX_ROWS, FileRefused, Table
from tests.objectives.imports.files import HEADERS, csv_bytes, json_bytes

ROW = [2021, 3, "2", "", "continued", "Members trained.", ""]


def refusal(data, name):
    with pytest.raises(FileRefused) as raised:
        read_upload(data, name)
    return " ".join(raised.value.reasons)


def test_rows_beyond_the_limit_are_refused_at_the_first_one_over(db):
    data = csv_bytes([[2021, 3, "2"]] * (MAX_ROWS + 5), headers=["year", "objective", "score"])
    assert f"big.csv, row {MAX_ROWS + 2}: the file has more than {MAX_ROWS:,} rows" in refusal(data, "big.csv")


def test_a_header_of_too_many_columns_is_refused(db):
    headers = [f"column {n}" for n in range(MAX_COLUMNS + 1)]
    message = refusal(csv_bytes([], headers=["year", "objective", *headers]), "wide.csv")
    assert f"wide.csv: the first row names {MAX_COLUMNS + 3} columns: at most {MAX_COLUMNS}" in message


def test_json_whose_every_object_has_a_new_key_is_refused_at_the_one_over_the_column_limit(db):
    entries = [{"year": 2021, "objective": 3, f"key {n}": 1} for n in range(1000)]
    message = refusal(json.dumps(entries).encode(), "keys.json")
    assert f"keys.json, entry {MAX_COLUMNS - 1}: the entries name more than {MAX_COLUMNS} columns" in message


@pytest.mark.parametrize(
    "length, message",
    [
        (MAX_CELL_CHARACTERS + 1, "long.csv, row 2, column comments: the cell has 100,001 characters: at most"),
        (200_000, "long.csv, row 2: a cell is longer than can be imported"),  # over the csv module's own limit
    ],
)
def test_an_enormous_cell_is_refused_naming_its_row(db, length, message):
    assert message in refusal(csv_bytes([[2021, 3, "2", "", "", "x" * length, ""]]), "long.csv")


def test_deeply_nested_json_is_refused_without_recursion(db):
    message = refusal(b"[" * 100_000 + b"]" * 100_000, "nested.json")
    assert "nested.json, entry 1, line 1: a cell holds a list or an object" in message


def test_a_list_in_a_cell_is_refused(db):
    message = refusal(b'[{"year": 2021, "objective": 3},\n {"year": 2021, "objective": [3]}]', "cell.json")
    assert "cell.json, entry 2, line 2: a cell holds a list or an object" in message


@pytest.mark.parametrize(
    "text, message",
    [
        ('[{"year": 2021, "objective": 3, "comments": "\\ud800"}]', "entry 1, column comments: the cell holds a lone"),
        ('[{"year": 2021, "objective": 3, "comments": "a\\u0000b"}]', "entry 1, column comments: the cell holds a NUL"),
        ('[{"year": 2021, "objective": ' + "9" * 5000 + "}]", "line 1: a number of 5,000 digits"),
    ],
    ids=["surrogate", "nul", "long-number"],
)
def test_json_that_the_database_or_python_cannot_hold_is_refused(db, text, message):
    assert message in refusal(text.encode(), "bad.json")


def test_malformed_utf8_is_refused_in_json_and_named_in_csv(db):
    assert "bad.json: byte 0xFF on line 2 is not UTF-8" in refusal(b'[\n{"year": "\xff"}]', "bad.json")
    assert "bad.csv: the file is not text in UTF-8 or Windows-1252 (byte 0x81" in refusal(b"year\n\x81\n", "bad.csv")


def test_a_csv_with_a_nul_byte_is_refused_naming_its_line(db):
    assert "nul.csv: the file is binary, not text (it contains a NUL byte, on line 2)" in refusal(
        b"year,objective\n2021,\x003\n", "nul.csv"
    )


def test_an_honest_file_still_reads(db):
    assert [row.cells for row in read_upload(json_bytes([ROW]), "ok.json").rows] == [ROW]
    assert read_upload(csv_bytes([ROW]), "ok.csv").headers == HEADERS


def read_or_refuse(data, name):
    try:
        assert isinstance(read_upload(data, name), Table)
    except FileRefused as refusal:
        assert refusal.reasons[0].startswith(name)


NAMES = st.sampled_from(["scores.csv", "scores.json", "scores.xlsx", "scores.txt"])


@given(data=st.binary(max_size=2000), name=NAMES)
def test_any_bytes_read_as_a_table_or_are_refused(db, data, name):
    read_or_refuse(data, name)


@given(text=st.text(max_size=500), name=NAMES)
def test_any_text_reads_as_a_table_or_is_refused(db, text, name):
    read_or_refuse(text.encode("utf-8", "surrogatepass"), name)


CELLS = st.text(alphabet=st.characters(codec="utf-8"), max_size=20) | st.sampled_from(
    ["Continued Objectives", "New Objectives", "#", "3", "2021 Score", "<p>Comments: x</p>", "<![x", "²"]
)


@given(lines=st.lists(st.lists(CELLS, max_size=6).map("\t".join), max_size=12))
def test_any_text_parses_as_a_committee_document_or_is_refused(lines):
    text = "\n".join(lines)
    try:
        table = committee_document.read_text(text, "doc.txt")
    except FileRefused as refusal:
        assert refusal.reasons[0].startswith("doc.txt")
    else:
        assert table.headers == committee_document.HEADERS and table.rows


@pytest.mark.parametrize("year", ["1e300", "-1e300", "12345678901234567890.0"])
def test_a_number_too_large_for_the_database_is_a_row_error_not_a_server_error(client, officer, draft, year):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(officer)
    data = f'[{{"year": {year}, "objective": 3, "score": 2}}]'.encode()
    upload = client.post("/imports/", {"file": SimpleUploadedFile("big.json", data)})
    preview = client.get(upload["Location"])
    assert preview.status_code == 200
    assert "is not a year" in preview.content.decode()
