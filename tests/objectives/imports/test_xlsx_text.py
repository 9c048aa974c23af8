"""The review's and the action plan's XLSX exports of text holding U+FFFE or U+FFFF (stored by SQL, or before every
path took them out): a workbook without them, never a 500."""

import io

import openpyxl

from objectives.models import Action, Assessment
from tests.factories import make_action


def workbook(response):
    assert response.status_code == 200
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return openpyxl.load_workbook(io.BytesIO(data))


def cells(book):
    return {cell.value for sheet in book for row in sheet.iter_rows() for cell in row if cell.value}


def test_the_exports_leave_out_what_a_workbook_cannot_hold(client, draft_review, officer):
    assessment = draft_review.assessments.get(objective__number=3)
    action = make_action(review=draft_review, objective=assessment.objective, text="Train.")
    Assessment.objects.filter(pk=assessment.pk).update(comments="Trained\ufffe all\uffff members\x01.")
    Action.objects.filter(pk=action.pk).update(text="Train\ufffe the\uffff buyers.", lead="Team\x0b A")
    client.force_login(officer)
    review = cells(workbook(client.get("/reviews/2021/export/", {"format": "xlsx"})))
    assert "Trained all members." in review and "Train the buyers." in review
    plan = cells(workbook(client.get("/reviews/2021/actions/export/", {"format": "xlsx"})))
    assert "Train the buyers." in plan and "Team A" in plan
