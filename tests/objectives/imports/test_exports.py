"""/reviews/<year>/export/: the review as a spreadsheet that imports back with no changes, and runs no formula."""

import csv
import io
import json

import openpyxl
import pytest

from objectives.imports import apply as pipeline
from objectives.models import Action, Assessment
from objectives.rules.text import items
from tests.factories import actions_text, set_actions
from tests.objectives.imports.files import table_of

TRICKY = {
    3: ("=1+1", "+44 1634 306000\n\n- call the supplier\n- '=keep this apostrophe"),
    7: ("@SUM(A1:A2)", "-5% on last year"),
    31: ("'=already quoted", "Plain text — with “quotes”, é and £."),
    32: ("\tTabbed", "==1+1"),
}


@pytest.fixture
def tricky_review(draft_review):
    for number, (comments, actions) in TRICKY.items():
        Assessment.objects.filter(review=draft_review, objective__number=number).update(comments=comments, target=4)
        set_actions(Assessment.objects.get(review=draft_review, objective__number=number), actions)
    return draft_review


def export(client, user, year=2021, file_format="xlsx"):
    """Download the export; its bytes are `.body` (a download streams, as a FileResponse)."""
    client.force_login(user)
    response = client.get(f"/reviews/{year}/export/", {"format": file_format})
    response.body = b"".join(response.streaming_content) if response.streaming else response.content
    return response


def test_anonymous_visitors_are_sent_to_sign_in(client, seed_review):
    response = client.get("/reviews/2021/export/")
    assert response.status_code == 302 and response["Location"] == "/login/?next=/reviews/2021/export/"


@pytest.mark.parametrize("persona", ["committee_member", "outsider"])
def test_committee_members_and_outsiders_may_not_export_a_published_review(client, request, persona, seed_review):
    assert export(client, request.getfixturevalue(persona)).status_code == 403


def test_a_committee_member_asking_for_a_draft_gets_not_found(client, committee_member, draft_review):
    assert export(client, committee_member).status_code == 404


@pytest.mark.parametrize("persona", ["officer", "manager"])
@pytest.mark.parametrize("file_format", ["xlsx", "csv", "json"])
def test_officers_and_managers_download_each_format(client, request, persona, file_format, seed_review):
    response = export(client, request.getfixturevalue(persona), file_format=file_format)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="scorecard-2021.{file_format}"'


def test_an_unknown_format_is_a_bad_request(client, officer, seed_review):
    response = export(client, officer, file_format="pdf")
    assert response.status_code == 400 and b"choose one of xlsx, csv, json" in response.content


def test_the_export_lists_the_review_in_scorecard_order(client, officer, seed_review):
    rows = list(csv.DictReader(io.StringIO(export(client, officer, file_format="csv").body.decode("utf-8-sig"))))
    assert list(rows[0]) == [
        "year",
        "objective",
        "title",
        "key area",
        "score",
        "target",
        "continued or new",
        "comments",
        "actions",
        "why not applicable",
        "framework",
    ]
    assert {row["framework"] for row in rows} == {"NPS 2018"}
    assert [int(row["objective"]) for row in rows] == [3, 7, 32, 39, 40, 57, 31, 33, 34, 35, 36, 37, 38]
    assert rows[0]["key area"] == "Engaging councillors" and rows[0]["continued or new"] == "continued"


@pytest.mark.parametrize("file_format", ["xlsx", "csv", "json"])
def test_every_format_imports_back_with_no_changes(client, officer, tricky_review, file_format):
    response = export(client, officer, file_format=file_format)
    table = table_of(response.body, f"scorecard-2021.{file_format}")
    preview = pipeline.preview(table, user=officer)
    assert preview.errors == []
    assert preview.counts == {"error": 0, "new": 0, "changed": 0, "unchanged": 13}


def test_csv_cells_that_would_run_as_formulas_are_escaped(client, officer, tricky_review):
    rows = {
        int(row["objective"]): row
        for row in csv.DictReader(io.StringIO(export(client, officer, file_format="csv").body.decode("utf-8-sig")))
    }
    assert rows[3]["comments"] == "'=1+1"
    assert rows[3]["actions"].startswith("'+44 1634")
    assert rows[7]["comments"] == "'@SUM(A1:A2)" and rows[7]["actions"] == "'-5% on last year"
    assert rows[31]["comments"] == "''=already quoted"
    assert rows[32]["comments"] == "'\tTabbed" and rows[32]["actions"] == "'==1+1"
    assert rows[31]["actions"] == TRICKY[31][1]


def test_xlsx_holds_no_formula_and_escapes_like_csv(client, officer, tricky_review):
    book = openpyxl.load_workbook(io.BytesIO(export(client, officer).body))
    sheet = book.active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    values = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert values[3][7] == "'=1+1" and values[7][7] == "'@SUM(A1:A2)" and values[32][8] == "'==1+1"
    assert isinstance(values[3][4], int) and values[3][5] == 4  # numbers stay numbers
    assert sheet.freeze_panes == "A2" and sheet.title == "2021 scorecard"


def test_json_is_written_as_it_is(client, officer, tricky_review):
    entries = {entry["objective"]: entry for entry in json.loads(export(client, officer, file_format="json").body)}
    assert entries[3]["comments"] == "=1+1" and entries[3]["score"] == 2 and entries[3]["target"] == 4
    assert entries[31]["comments"] == "'=already quoted"


def test_an_escaped_cell_imports_back_as_the_text_it_was(client, officer, tricky_review):
    response = export(client, officer, file_format="csv")
    Assessment.objects.filter(review=tricky_review).update(comments="")
    Action.objects.filter(raised_in=tricky_review).delete()
    table = table_of(response.body, "scorecard-2021.csv")
    pipeline.apply(table, user=officer, fingerprint=pipeline.preview(table, user=officer).fingerprint)
    for number, (comments, actions) in TRICKY.items():
        assessment = Assessment.objects.get(objective__number=number)
        assert (assessment.comments, items(actions_text(assessment))) == (comments.strip(), items(actions))


def test_the_export_reads_the_database_a_fixed_number_of_times(client, officer, seed_review, django_assert_num_queries):
    client.force_login(officer)
    # Session, user, permissions (2), review, assessments, their actions: none per row (and no transaction: the
    # export only reads).
    with django_assert_num_queries(7):
        assert client.get("/reviews/2021/export/", {"format": "csv"}).status_code == 200


def test_export_answers_get_only(client, officer, seed_review):
    client.force_login(officer)
    assert client.post("/reviews/2021/export/").status_code == 405
