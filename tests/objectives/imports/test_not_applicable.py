""" "Not applicable" in a spreadsheet: the export writes it in the score's cell with its reason in the last column, and
the import reads it back (no change), marks an objective so, or refuses it as the edit form does, naming row and
column."""

import csv
import io
import json

import openpyxl
import pytest

from objectives.imports import apply as pipeline
from objectives.imports.exports import export_review
from objectives.models import Assessment
from tests.factories import (
    make_assessment,
    make_framework,
    make_key_area,
    make_not_applicable_review,
    make_objective,
    make_review,
    make_theme,
)
from tests.objectives.imports.files import csv_bytes, table_of

HEADERS = ["framework", "year", "objective", "score", "target", "why not applicable"]


@pytest.fixture
def review(db):
    return make_not_applicable_review()


def duty(number):
    return Assessment.objects.get(objective__number=number, objective__framework__name="Readiness")


def preview(rows, user, headers=HEADERS):
    return pipeline.preview(table_of(csv_bytes(rows, headers=headers), "duties.csv"), user=user)


def apply(rows, user, headers=HEADERS):
    planned = preview(rows, user, headers)
    table = table_of(csv_bytes(rows, headers=headers), "duties.csv")
    return pipeline.apply(table, user=user, fingerprint=planned.fingerprint)


@pytest.mark.parametrize("file_format", ["xlsx", "csv", "json"])
def test_the_export_says_not_applicable_and_why_and_reads_back_with_no_change(review, officer, file_format):
    data, _type, name = export_review(review, file_format)
    if file_format == "csv":
        rows = {row["objective"]: row for row in csv.DictReader(io.StringIO(data.decode("utf-8-sig")))}
        third = (
            rows["3"]["score"],
            rows["3"]["why not applicable"],
            rows["1"]["score"],
            rows["1"]["why not applicable"],
        )
    elif file_format == "json":
        rows = {row["objective"]: row for row in json.loads(data)}
        third = (rows[3]["score"], rows[3]["why not applicable"], rows[1]["score"], rows[1]["why not applicable"])
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(data)).active
        header, *cells = list(sheet.iter_rows(values_only=True))
        rows = {row[1]: dict(zip(header, row, strict=True)) for row in cells}
        third = (rows[3]["score"], rows[3]["why not applicable"], rows[1]["score"], rows[1]["why not applicable"] or "")
    assert third == (
        "Not applicable",
        "The council lets no concession contracts.",
        2 if file_format != "csv" else "2",
        "",
    )
    planned = pipeline.preview(table_of(data, name), user=officer)
    assert planned.errors == [] and planned.counts == {"error": 0, "new": 0, "changed": 0, "unchanged": 4}


def test_an_import_marks_a_duty_not_applicable_and_clears_its_target(review, officer):
    # An officer may: marking it not applicable takes its target away, as on the form.
    applied = apply([["Readiness", 2022, 1, "n/a", "", "No concessions here."]], officer)
    assert applied.counts["changed"] == 1
    marked = duty(1)
    assert (marked.not_applicable, marked.not_applicable_reason, marked.score, marked.target) == (
        True,
        "No concessions here.",
        None,
        None,
    )
    record = marked.history.first()
    assert record.history_change_reason == "Imported from duties.csv" and record.not_applicable


def test_a_target_left_as_it_was_is_cleared_with_it_as_on_the_form(review, officer):
    apply([["Readiness", 2022, 2, "Not applicable", "3", "Out of scope."]], officer)  # #2's target is 3
    assert (duty(2).not_applicable, duty(2).target) == (True, None)


def test_the_preview_shows_the_change_as_people_read_it(review, officer):
    row = preview([["Readiness", 2022, 2, "Not applicable", "", "Out of scope."]], officer).rows[0]
    changes = {change.field: (change.old_label or change.old, change.new_label or change.new) for change in row.changes}
    assert changes == {
        "score": ("4 Evidenced", None),
        "not_applicable": ("No", "Yes"),
        "not_applicable_reason": ("", "Out of scope."),
        "target": ("3 In place", None),
    }


def test_a_level_in_its_place_takes_the_mark_and_its_reason_away(review, officer):
    apply([["Readiness", 2022, 3, "3"]], officer, headers=["framework", "year", "objective", "score"])
    back = duty(3)
    assert (back.not_applicable, back.not_applicable_reason, back.score) == (False, "", 3)


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (
            ["Readiness", 2022, 1, "Not applicable", "", ""],
            "why not applicable",
            "say why the objective does not apply",
        ),
        (["Readiness", 2022, 1, "Not applicable", "4", "Out of scope."], "target", "has no target"),
        (["Readiness", 2022, 2, "3", "", "Out of scope."], "why not applicable", "the score is not 'Not applicable'"),
        (["Readiness", 2022, 2, "4", "3", "x" * 501], "why not applicable", "at most 500 can be stored"),
    ],
)
def test_what_the_form_refuses_the_import_refuses_naming_row_and_column(review, manager, row, column, message):
    planned = preview([row], manager)
    assert planned.counts["error"] == 1
    assert any(f"row 2, column {column}: " in error and message in error for error in planned.errors), planned.errors


def test_a_framework_that_does_not_allow_it_refuses_it(db, officer):
    framework = make_framework(name="Plain")
    objective = make_objective(key_area=make_key_area(theme=make_theme(framework=framework)), number=7)
    make_assessment(review=make_review(framework=framework), objective=objective, score=2)
    planned = preview([["Plain", 2021, 7, "Not applicable", "", "Does not apply."]], officer)
    assert planned.errors == [
        "row 2, column score: Plain has no “Not applicable”: its levels are 1 Minimum, 2 Developing, 3 Mature, "
        "4 Leader, 5 Innovator"
    ]


def test_a_published_review_refuses_it(review, manager, officer):
    review.publish(by=manager)
    planned = preview([["Readiness", 2022, 1, "Not applicable", "", "Out of scope."]], officer)
    assert planned.counts["error"] == 1 and "published and read-only" in planned.errors[0]
    assert duty(1).not_applicable is False
