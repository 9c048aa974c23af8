"""After sign-off, what a committee member reads is the signed-off review: no drafting badges, no mention of a draft;
and the pages lead to the action plan, and from an action back to its objective."""

import pytest

from objectives.models import Evidence
from objectives.services.actions import add_progress
from objectives.services.reviews import start_review
from tests.factories import make_action, make_evidence


@pytest.fixture
def carried(draft, officer, manager):
    """An item of the 2022 review carried, unconfirmed, into the 2023 draft."""
    item = make_evidence(assessment=draft.assessments.get(objective__number=3), by=officer, title="Carried record")
    draft.publish(by=manager)
    start_review(previous=draft, year=2023, by=manager)
    return Evidence.objects.get(carried_from=item)


def test_a_carried_item_signed_off_unconfirmed_shows_no_to_confirm_badge(client, carried, officer, manager, request):
    urls = ["/reviews/2023/evidence/", "/reviews/2023/objectives/3/", f"/evidence/{carried.pk}/"]
    client.force_login(officer)  # on the draft, the team is asked to confirm it
    assert all("to confirm" in client.get(url).content.decode() for url in urls[:2])
    assert "confirm it still shows the score" in client.get(urls[2]).content.decode()
    carried.assessment.review.publish(by=manager)
    for persona in ("committee_member", "officer"):
        client.force_login(request.getfixturevalue(persona))
        for url in urls:
            page = client.get(url).content.decode()
            assert "to confirm" not in page and "confirm it still shows" not in page, (persona, url)


def test_a_committee_member_reads_no_mention_of_a_draft_in_an_actions_history(
    client, seed_review, manager, committee_member, officer
):
    action = make_action(review=seed_review, objective=seed_review.assessments.get(objective__number=3).objective)
    start_review(previous=seed_review, year=2022, by=manager)
    note = action.notes.model(on=seed_review.published_at.date(), text="Sessions booked.")
    add_progress(note=note, action=action, by=officer, status_fields={"status": "in_progress"} | _unchanged())
    client.force_login(committee_member)
    page = client.get(f"/actions/{action.pk}/").content.decode()
    assert "2022" not in page  # neither the carry into the draft nor a link back to it
    assert "In progress" in page and "Sessions booked." in page  # its progress keeps moving, and is read
    assert 'href="/reviews/2021/objectives/3/"' in page
    client.force_login(officer)
    page = client.get(f"/actions/{action.pk}/").content.decode()
    assert "Carried into the 2022 review" in page and 'href="/reviews/2022/objectives/3/"' in page


def _unchanged():
    return {"done_on": None, "dropped_reason": ""}


@pytest.mark.parametrize("persona", ["committee_member", "officer"])
def test_the_navigation_and_the_scorecard_lead_to_the_action_plan_and_its_paper(client, request, draft, persona):
    client.force_login(request.getfixturevalue(persona))
    year = 2021 if persona == "committee_member" else 2022  # the latest review each may see
    page = client.get("/account/").content.decode()
    assert f'<a class="nav-link" href="/reviews/{year}/actions/">Action plan</a>' in page
    page = client.get(f"/reviews/{year}/").content.decode()
    assert f'href="/reviews/{year}/actions/">Action plan</a>' in page
    assert f'href="/reviews/{year}/actions/report.pdf" download>PDF' in page
    assert f'href="/reviews/{year}/actions/report.docx" download>Word' in page
    page = client.get(f"/reviews/{year}/actions/").content.decode()
    assert 'aria-current="page" href="/reviews/{year}/actions/">Action plan</a>'.replace("{year}", str(year)) in page


def test_after_raising_an_action_or_a_note_the_page_leads_back_to_the_objective(client, draft, officer):
    client.force_login(officer)
    response = client.post(
        "/reviews/2022/objectives/3/actions/new/", {"text": "Run a session.", "status": "planned"}, follow=True
    )
    page = response.content.decode()
    assert "The action is raised on objective #3." in page
    assert '<a href="/reviews/2022/objectives/3/">#3</a>' in page  # the breadcrumb
    assert 'href="/reviews/2022/objectives/3/">Back to #3 Councillor Development' in page
    action_url = response.redirect_chain[-1][0]
    page = client.get(f"{action_url}progress/").content.decode()
    assert '<a href="/reviews/2022/objectives/3/">#3</a>' in page and f'<a href="{action_url}">Action</a>' in page


def test_the_edit_form_lists_the_objectives_actions(client, draft, officer):
    make_action(review=draft, objective=draft.assessments.get(objective__number=3).objective, text="Brief members.")
    client.force_login(officer)
    page = client.get("/reviews/2022/objectives/3/edit/").content.decode()
    section = page.split('id="actions-link"', 1)[1].split("</section>", 1)[0]
    assert "Brief members." in section and "Planned" in section
    assert 'href="/reviews/2022/objectives/3/actions/new/">Raise an action on #3' in section
