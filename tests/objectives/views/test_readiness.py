"""The publish page as a readiness check (counts, each with the page that puts it right), and starting a review
asking about the actions it carries that are not yet planned."""

import datetime

import time_machine

from objectives.models import Action, Evidence, Review
from objectives.queries.readiness import below_target_without_action, readiness
from tests.factories import make_action, make_evidence

NOW = datetime.datetime(2022, 6, 1, 9, 0, tzinfo=datetime.UTC)


def checks(review):
    return {check.key: check.count for check in readiness(review)}


@time_machine.travel(NOW, tick=False)
def test_a_fresh_draft_is_not_ready_and_the_page_says_what_and_where(client, draft, manager):
    client.force_login(manager)
    html = client.get("/reviews/2022/publish/").content.decode()
    counts = checks(draft)
    assert counts["not_scored"] == draft.assessments.count() == 13
    assert counts["not_planned"] == Action.objects.filter(reviews=draft).not_planned().count() > 0
    assert counts["to_confirm"] == Evidence.objects.filter(assessment__review=draft).count()
    assert "Not ready yet" in html
    assert "13 objectives are not scored." in html and 'href="/reviews/2022/?not_scored=on"' in html
    assert f"{counts['not_planned']} actions are not yet planned" in html
    assert 'href="/reviews/2022/actions/planning/"' in html
    # "Publish" is not the strongest button of a draft that is not ready; the cancel link says where it goes.
    assert 'class="btn btn-outline-secondary">Publish and sign off anyway</button>' in html
    assert "btn-success" not in html
    assert ">Not yet: back to the 2022 scorecard</a>" in html
    assert "key messages are still those proposed from the figures" in html and 'href="/reviews/2022/paper/"' in html


@time_machine.travel(NOW, tick=False)
def test_a_ready_draft_offers_publish_as_its_strongest_button(client, draft, manager, officer):
    draft.assessments.update(score=3, target=3)
    Action.objects.filter(reviews=draft).open().update(lead="Procurement", due_date=datetime.date(2022, 12, 1))
    Evidence.objects.filter(assessment__review=draft).update(confirmed_at=NOW, review_by=None)
    client.force_login(manager)
    html = client.get("/reviews/2022/publish/").content.decode()
    assert set(checks(draft).values()) == {0}
    assert "Ready to sign off" in html and 'class="btn btn-success">Publish and sign off</button>' in html
    assert "Every objective is scored." in html and "Every objective below target has an open action." in html


@time_machine.travel(NOW, tick=False)
def test_below_target_with_no_open_action_counts_only_those(draft, manager, officer):
    a = {x.objective.number: x for x in draft.assessments.select_related("objective")}
    draft.actions.clear()  # none carried, for a clean count
    for number, (score, target) in {3: (1, 3), 7: (2, 3), 31: (3, 3), 32: (1, 2)}.items():
        a[number].score, a[number].target = score, target
        a[number].save()
    make_action(review=draft, objective=a[7].objective, text="Close the gap.")
    make_action(
        review=draft, objective=a[32].objective, text="Done already.", status="done", done_on=datetime.date(2022, 5, 1)
    )
    assert [x.objective.number for x in below_target_without_action(draft)] == [3, 32]  # a done one closes nothing
    assert checks(draft)["below_target"] == 2


@time_machine.travel(NOW, tick=False)
def test_evidence_past_review_counts(draft, officer):
    assessment = draft.assessments.get(objective__number=3)
    make_evidence(assessment=assessment, by=officer, review_by=datetime.date(2022, 5, 1))
    assert (
        checks(draft)["past_review"]
        == 1
        + Evidence.objects.filter(
            assessment__review=draft, carried_from__isnull=False, review_by__lt=NOW.date()
        ).count()
    )


def test_starting_a_review_asks_about_the_actions_not_yet_planned(client, seed_review, manager):
    client.force_login(manager)
    carried = Action.objects.filter(reviews=seed_review).open()
    html = client.get("/reviews/new/").content.decode()
    assert f"{carried.to_plan().count()} of the {carried.count()} open actions to carry lack an owner" in html
    assert f"({carried.not_planned().count()} have none of the three: not yet planned)" in html
    assert "Plan the " in html and 'name="plan_next"' in html
    response = client.post("/reviews/new/", {"year": 2022, "plan_next": "on"})
    assert response["Location"] == "/reviews/2022/actions/planning/"
    assert Review.objects.filter(year=2022).exists()


def test_starting_a_review_without_planning_goes_to_the_scorecard(client, seed_review, manager):
    client.force_login(manager)
    response = client.post("/reviews/new/", {"year": 2022})
    assert response["Location"] == "/reviews/2022/"
