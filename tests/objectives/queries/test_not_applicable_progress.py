"""An objective marked not applicable is done: the scorecard's progress, its filters, My work, the reminders' items
and the publish page's readiness count it as such, never as waiting for a score; the scorecard shows it, and why."""

import datetime as dt

import pytest

from objectives.models import Assignment
from objectives.queries.history import assessment_history
from objectives.queries.my_work import ObjectivesToScore, review_progress
from objectives.queries.readiness import readiness
from objectives.queries.scorecard_page import scorecard_page
from objectives.services.assessments import save_assessment
from tests.factories import make_not_applicable_review


@pytest.fixture
def review(db, officer):
    review = make_not_applicable_review()
    for assessment in review.assessments.all():
        Assignment.objects.create(assessment=assessment, officer=officer)
    return review


def test_the_scorecard_counts_it_done_and_shows_it_with_its_reason(client, review, officer):
    page = scorecard_page(review, user=officer, filters={})
    progress = page.progress
    assert (progress.scored, progress.not_applicable, progress.done, progress.total) == (2, 1, 3, 4)
    assert progress.themes == [("Duties", 3, 4)]
    client.force_login(officer)
    html = client.get(review.get_absolute_url()).content.decode()
    assert "<strong>3 of 4 objectives done</strong> (2 scored, 1 not applicable)" in html
    assert 'value="3" aria-label="Objectives done"' in html
    row = html[html.index('id="objective-3"') :]
    row = row[: row.index("</tr>")]
    assert '<span class="not-applicable">Not applicable</span>' in row
    assert "<strong>Not applicable:</strong><p>The council lets no concession contracts.</p>" in row


def test_the_not_scored_filter_leaves_it_out_and_a_search_finds_its_reason(review, officer):
    def shown(**filters):
        page = scorecard_page(review, user=officer, filters=filters)
        return [row.objective.number for s in page.sections for g in s.groups for row in g.assessments]

    assert shown(not_scored=True) == [4]
    assert shown(q="concession") == [3]
    assert shown(below_target=True) == [1]


def test_my_work_and_the_reminders_do_not_ask_for_its_score(review, officer):
    today = dt.date(2022, 3, 1)
    assert [item.title for item in ObjectivesToScore().items(today=today, user=officer)] == ["#4 Duty 4"]
    assert ObjectivesToScore().attention(officer, today=today).count() == 1
    rows, unassigned = review_progress(review)
    assert [(row.assigned, row.scored, row.not_scored) for row in rows] == [(4, 3, 1)] and unassigned == 0


def test_the_publish_page_does_not_count_it_as_not_scored(review):
    counts = {check.key: check.count for check in readiness(review)}
    assert counts["not_scored"] == 1
    assert counts["below_target"] == 1  # #1 below target with no action; #3 never is


def test_the_history_records_the_mark_and_its_reason_as_people_read_them(review, officer):
    duty = review.assessments.get(objective__number=1)
    duty.score, duty.target, duty.not_applicable, duty.not_applicable_reason = None, None, True, "Out of scope."
    save_assessment(assessment=duty, opened_version=duty.version, by=officer)
    latest = assessment_history(duty, review.framework.levels_by_number())[-1]
    assert latest.changes == [
        ("Score", "2 In progress", ""),
        ("Not applicable", "", "Yes"),
        ("Why not applicable", "", "Out of scope."),
        ("Target", "3 In place", ""),
    ]
    created = assessment_history(review.assessments.get(objective__number=2), review.framework.levels_by_number())
    assert ("Not applicable", "", "") not in created[0].changes  # an unticked mark is no value to print
