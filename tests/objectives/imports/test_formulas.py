"""No exported cell runs as a formula, whatever control character hides in front of it; each reads back as it was."""

import csv
import io

import openpyxl
import pytest
import tablib

from objectives.imports import apply as pipeline
from objectives.imports.exports import EscapedCSV, ScorecardXLSX, export_review
from objectives.imports.formulas import FORMULA_STARTS, escape_formula, strip_controls, unescape_formula
from objectives.models import Assessment
from tests.factories import set_actions
from tests.objectives.imports.files import table_of

CONTROLS = [chr(code) for code in range(0x20)] + ["\x7f"]
FORMULA = '=HYPERLINK("http://example.com","x")'


def as_written(value):
    return strip_controls(value).replace("\r", "\n")


def written_cells(format_class, values):
    data = format_class().export_data(tablib.Dataset(*[[value] for value in values], headers=["comments"]))
    if format_class is EscapedCSV:
        return [row[0] for row in csv.reader(io.StringIO(data, newline=""))][1:]
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]


@pytest.mark.parametrize("format_class", [EscapedCSV, ScorecardXLSX], ids=["csv", "xlsx"])
def test_no_control_character_in_front_hides_a_formula_from_the_escape(format_class):
    values = [control + FORMULA for control in CONTROLS]
    cells = written_cells(format_class, values)
    assert len(cells) == len(values)
    assert [cell for cell in cells if cell.startswith(FORMULA_STARTS)] == []
    assert [unescape_formula(cell) for cell in cells] == [as_written(value) for value in values]


def test_an_export_with_hidden_formulas_imports_back_with_no_changes(draft_review, officer):
    numbers = sorted(Assessment.objects.filter(review=draft_review).values_list("objective__number", flat=True))
    stored = CONTROLS[1:]  # PostgreSQL cannot hold a NUL, so no assessment has one
    for number, comments, actions in zip(numbers, stored, stored[len(numbers) :], strict=False):
        assessment = Assessment.objects.get(review=draft_review, objective__number=number)
        Assessment.objects.filter(pk=assessment.pk).update(comments=f"Done.\n\n{comments}{FORMULA}")
        set_actions(assessment, actions + FORMULA)
    for file_format in ("csv", "xlsx"):
        data = export_review(draft_review, file_format)[0]
        preview = pipeline.preview(table_of(data, f"scorecard-2021.{file_format}"), user=officer)
        assert preview.errors == [], file_format
        assert preview.counts["unchanged"] == len(numbers), [row.changes for row in preview.rows if row.changed]


@pytest.mark.parametrize("text", ["=1+1", "'=1+1", "''@x", "plain", "'quoted", "\x01-5", "\t=x"])
def test_reading_back_takes_exactly_one_apostrophe_off(text):
    written = escape_formula(text)
    assert not written.startswith(FORMULA_STARTS)
    assert unescape_formula(written) == as_written(text)
