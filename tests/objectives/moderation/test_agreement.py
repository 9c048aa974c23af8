"""The agreed score: a manager's, with a reason when it differs from an own score; the own scores kept; sign-off
refused while an objective waits to be agreed; own scores frozen by sign-off and kept by reopening."""

import io

import openpyxl
import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client

from objectives.models import Agreement, OwnScore
from objectives.services.moderation import RationaleNeeded, agree_score, record_own_score
from tests.factories import make_user


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def spread(draft, officer):
    """#3 of the 2022 draft scored 2 by Olivia and 5 by Priya: flagged, waiting to be agreed."""
    other = make_user(username="priya", group="Procurement officer", first_name="Priya", last_name="Patel")
    assessment = draft.assessments.select_related("objective", "review").get(objective__number=3)
    record_own_score(assessment=assessment, by=officer, score=2, rationale="One session ran.")
    record_own_score(assessment=assessment, by=other, score=5, rationale="Councillors lead it.")
    assessment.refresh_from_db()
    return assessment


def test_the_agreed_score_needs_a_reason_when_it_differs_from_an_own_score(spread, manager):
    client = signed_in(manager)
    response = client.post("/reviews/2022/objectives/3/agree/", {"score": 4, "rationale": ""})
    assert response.status_code == 200
    assert "differs from an own score: say why" in response.content.decode()
    spread.refresh_from_db()
    assert spread.score is None
    response = client.post(
        "/reviews/2022/objectives/3/agree/", {"score": 4, "rationale": "Two sessions ran; a third is booked."}
    )
    assert response.status_code == 302
    spread.refresh_from_db()
    assert spread.score == 4
    agreement = Agreement.objects.get(assessment=spread)
    assert (agreement.agreed_by, agreement.rationale) == (manager, "Two sessions ran; a third is booked.")
    # The own scores stay as they were.
    assert sorted(OwnScore.objects.filter(assessment=spread).values_list("score", flat=True)) == [2, 5]


def test_an_agreed_score_equal_to_every_own_score_needs_no_reason(draft, officer, manager):
    assessment = draft.assessments.select_related("review").get(objective__number=7)
    record_own_score(assessment=assessment, by=officer, score=3)
    agree_score(assessment=assessment, score=3, rationale="", by=manager)
    assessment.refresh_from_db()
    assert assessment.score == 3 and assessment.agreement.agreed_by == manager


def test_the_service_refuses_an_agreement_without_reason_against_an_own_score(spread, manager):
    with pytest.raises(RationaleNeeded):
        agree_score(assessment=spread, score=5, rationale="  ", by=manager)
    spread.refresh_from_db()
    assert spread.score is None


def test_a_managers_agreement_is_kept_when_own_scores_change(spread, manager, officer):
    agree_score(assessment=spread, score=4, rationale="Agreed at the meeting.", by=manager)
    record_own_score(assessment=spread, by=officer, score=3, rationale="On reflection.")
    spread.refresh_from_db()
    assert spread.score == 4


def test_sign_off_is_refused_while_an_objective_waits_and_the_page_lists_it(spread, manager):
    client = signed_in(manager)
    page = client.get("/reviews/2022/publish/").content.decode()
    assert "1 objective with own scores has no agreed score" in page
    assert 'id="publish-blocked"' in page and "/reviews/2022/objectives/3/agree/" in page
    response = client.post("/reviews/2022/publish/", follow=True)
    assert "cannot be signed off: no score is agreed yet for #3" in response.content.decode()
    spread.review.refresh_from_db()
    assert not spread.review.is_published
    assert not spread.review.history.filter(history_change_reason="Published").exists()
    agree_score(assessment=spread, score=4, rationale="Agreed at the meeting.", by=manager)
    assert client.post("/reviews/2022/publish/").status_code == 302
    spread.review.refresh_from_db()
    assert spread.review.is_published


def test_sign_off_freezes_own_scores_and_reopening_keeps_them(spread, manager, officer):
    agree_score(assessment=spread, score=4, rationale="Agreed at the meeting.", by=manager)
    spread.review.publish(by=manager)
    own = OwnScore.objects.get(assessment=spread, scorer=officer)
    with pytest.raises(IntegrityError, match="own and agreed scores cannot change"), transaction.atomic():
        OwnScore.objects.filter(pk=own.pk).update(score=4)
    with pytest.raises(IntegrityError, match="own and agreed scores cannot change"), transaction.atomic():
        Agreement.objects.filter(assessment=spread).update(rationale="Changed by SQL")
    with pytest.raises(IntegrityError, match="own and agreed scores cannot change"), transaction.atomic():
        OwnScore.objects.create(assessment=spread, scorer=manager, score=1)
    response = signed_in(officer).post("/reviews/2022/objectives/3/edit/", {"score": 1, "version": spread.version})
    assert response.status_code == 403
    spread.review.reopen(by=manager, reason="A correction")
    assert sorted(OwnScore.objects.filter(assessment=spread).values_list("score", flat=True)) == [2, 5]
    spread.refresh_from_db()
    assert spread.score == 4
    record_own_score(assessment=spread, by=officer, score=3)
    assert OwnScore.objects.get(pk=own.pk).score == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite's flush empties tables one by one")
def test_postgresql_refuses_to_delete_a_published_reviews_own_scores(spread, manager):
    agree_score(assessment=spread, score=4, rationale="Agreed at the meeting.", by=manager)
    spread.review.publish(by=manager)
    with pytest.raises(IntegrityError, match="own and agreed scores cannot change"), transaction.atomic():
        OwnScore.objects.filter(assessment=spread).delete()


def test_the_agreed_score_is_the_scorecards_and_the_exports(spread, manager):
    agree_score(assessment=spread, score=4, rationale="Agreed at the meeting.", by=manager)
    client = signed_in(manager)
    scorecard = client.get("/reviews/2022/").content.decode()
    row = scorecard[scorecard.index('id="objective-3"') :]
    row = row[: row.index("</tr>")]
    assert 'class="level level-4"' in row
    response = client.get("/reviews/2022/export/?format=xlsx")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheetnames == ["2022 scorecard", "Actions", "Own scores"]
    scorecard_sheet = list(book["2022 scorecard"].iter_rows(values_only=True))
    headers = scorecard_sheet[0]
    row = next(r for r in scorecard_sheet[1:] if r[headers.index("objective")] == 3)
    assert row[headers.index("score")] == 4
    own = list(book["Own scores"].iter_rows(values_only=True))
    assert own[0] == ("objective", "title", "scorer", "own score", "why", "recorded", "agreed score", "why agreed")
    assert [(r[0], r[2], r[3], r[4], r[6], r[7]) for r in own[1:]] == [
        (3, "olivia", 2, "One session ran.", 4, "Agreed at the meeting."),
        (3, "priya", 5, "Councillors lead it.", 4, "Agreed at the meeting."),
    ]


def test_a_rationale_that_looks_like_a_formula_is_no_formula_in_the_export(draft, officer, manager):
    assessment = draft.assessments.select_related("review").get(objective__number=7)
    record_own_score(assessment=assessment, by=officer, score=2, rationale='=HYPERLINK("https://example.org")')
    response = signed_in(manager).get("/reviews/2022/export/?format=xlsx")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cell = book["Own scores"]["E2"]
    assert cell.data_type != "f" and not str(cell.value).startswith("=")


def test_a_rationale_cannot_run_script_on_the_objective_page(draft, officer, manager):
    assessment = draft.assessments.select_related("review").get(objective__number=7)
    record_own_score(assessment=assessment, by=officer, score=2, rationale="<script>alert(1)</script>")
    page = signed_in(manager).get("/reviews/2022/objectives/7/").content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
