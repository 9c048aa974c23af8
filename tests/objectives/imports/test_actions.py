"""Actions through imports and exports: one action per new paragraph, existing ones left, progress never removed;
the XLSX export's Actions sheet, and the action plan's export."""

import datetime
import io

import openpyxl
import pytest

from objectives.imports import apply as pipeline
from objectives.imports.apply import import_document
from objectives.imports.exports import ACTION_HEADERS, export_plan, export_review
from objectives.models import Action, Assessment, ProgressNote
from objectives.rules.text import items
from tests.factories import make_seed_review
from tests.objectives.imports.files import csv_bytes, table_of
from tests.seed import SEED, seed_data

TODAY = datetime.date(2026, 12, 1)


@pytest.fixture
def draft(nps, manager):
    return make_seed_review(framework=nps, user=manager)


def seven(review):
    return Assessment.objects.get(review=review, objective__number=7)


def actions_of(review, number):
    return list(Action.objects.filter(reviews=review, objective__number=number).order_by("position"))


def row(review, number, actions):
    assessment = Assessment.objects.get(review=review, objective__number=number)
    return [review.year, number, assessment.score, "", assessment.origin, assessment.comments, actions]


def test_a_new_paragraph_adds_one_action_and_leaves_the_others(draft, officer):
    (existing,) = actions_of(draft, 7)
    text = f"{existing.text}\n\nBrief the new portfolio holder."
    table = table_of(csv_bytes([row(draft, 7, text)]), "plan.csv")
    preview = pipeline.preview(table, user=officer)
    change = next(change for change in preview.rows[0].changes if change.field == "actions")
    assert (change.actions.adds, change.actions.removes) == (["Brief the new portfolio holder."], [])
    pipeline.apply(table, user=officer, fingerprint=preview.fingerprint)
    after = actions_of(draft, 7)
    assert [a.pk for a in after][:1] == [existing.pk] and after[0].text == existing.text
    assert after[1].text == "Brief the new portfolio holder." and after[1].position == existing.position + 1
    assert after[1].history.get().history_change_reason == "Imported from plan.csv"
    with pytest.raises(pipeline.NotApplied):  # the same file again changes nothing
        pipeline.apply(table, user=officer)


def test_an_action_with_progress_is_never_removed_and_the_preview_says_so(client, draft, officer):
    (kept,) = actions_of(draft, 7)
    ProgressNote.objects.create(action=kept, text="Draft programme shared.", author=officer)
    (dropped,) = actions_of(draft, 3)[:1]
    data = csv_bytes([row(draft, 7, "A different action."), row(draft, 3, "")])
    client.force_login(officer)
    response = client.post("/imports/", {"file": io_file(data)})
    content = client.get(response["Location"]).content.decode()
    assert "Keeps 1 action the file no longer names, as progress is recorded on it" in content
    assert "Would remove 1 action the file no longer names" in content and "Adds 1 action" in content
    table = table_of(data, "plan.csv")
    pipeline.apply(table, user=officer, fingerprint=pipeline.preview(table, user=officer).fingerprint)
    assert [a.text for a in actions_of(draft, 7)] == [kept.text, "A different action."]
    assert not Action.objects.filter(pk=dropped.pk).exists()


def io_file(data):
    upload = io.BytesIO(data)
    upload.name = "plan.csv"
    return upload


def test_the_xlsx_has_an_actions_sheet_and_imports_back_with_no_changes(draft, officer):
    action = actions_of(draft, 3)[0]
    Action.objects.filter(pk=action.pk).update(lead="Category Management", due_date=TODAY, status="in_progress")
    data = export_review(draft, "xlsx")[0]
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["2021 scorecard", "Actions", "Own scores"]  # the import reads the first alone
    sheet = list(book["Actions"].values)
    assert list(sheet[0]) == ACTION_HEADERS and len(sheet) == 1 + Action.objects.filter(reviews=draft).count()
    exported = dict(zip(ACTION_HEADERS, next(r for r in sheet if r[0] == action.pk), strict=True))
    assert (exported["lead"], exported["due date"], exported["status"]) == (
        "Category Management",
        "2026-12-01",
        "In progress",
    )
    preview = pipeline.preview(table_of(data, "scorecard-2021.xlsx"), user=officer)
    assert preview.errors == [] and not preview.has_changes
    assert preview.counts["unchanged"] == draft.assessments.count()


def test_the_action_plan_export_is_the_actions_sheet_alone(draft):
    data, content_type, name = export_plan(draft, "xlsx")
    assert name == "action-plan-2021.xlsx"
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames == ["Actions"]
    text = export_plan(draft, "csv")[0].decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(ACTION_HEADERS)


def test_the_committee_document_again_adds_what_is_missing_and_leaves_the_rest(nps, manager):
    review = import_document(SEED.read_bytes(), SEED.name, framework=nps, user=manager).reviews[0]
    before = {a.pk: a.text for a in Action.objects.filter(reviews=review)}
    assert len(before) == sum(len(items(row["actions"])) for row in seed_data()["objectives"])
    first, second = Action.objects.filter(reviews=review).order_by("pk")[:2]
    deleted = first.pk
    first.delete()
    ProgressNote.objects.create(action=second, text="Started.", author=manager)
    extra = Action.raise_in(review, objective=second.objective, by=manager, text="Not in the document.")
    ProgressNote.objects.create(action=extra, text="Has progress.", author=manager)
    import_document(SEED.read_bytes(), SEED.name, framework=nps, user=manager)
    after = {a.pk: a.text for a in Action.objects.filter(reviews=review)}
    assert sorted(after.values()) == sorted([*before.values(), "Not in the document."])
    assert {pk for pk in before if pk != deleted} <= set(after)  # the others are the same rows
