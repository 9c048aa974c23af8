"""Who may add, read, download, change and withdraw evidence: the permission ladder of every evidence page."""

import pytest

from objectives.services.evidence import withdraw_evidence
from tests.factories import make_evidence


@pytest.fixture
def item(draft, officer):
    """A PDF on #3 of the 2022 draft."""
    return make_evidence(assessment=draft.assessments.get(objective__number=3), by=officer)


@pytest.fixture
def published_item(draft, officer, manager):
    """A PDF on #3 of the 2022 review, then published."""
    evidence = make_evidence(assessment=draft.assessments.get(objective__number=3), by=officer)
    draft.publish(by=manager)
    return evidence


def pages(item):
    return [
        "/reviews/2022/objectives/3/evidence/new/",
        f"/evidence/{item.pk}/",
        f"/evidence/{item.pk}/download/",
        f"/evidence/{item.pk}/edit/",
        f"/evidence/{item.pk}/withdraw/",
        "/reviews/2022/evidence/",
    ]


def test_anonymous_visitors_are_sent_to_sign_in_from_every_evidence_page(client, item):
    for url in [*pages(item), f"/evidence/{item.pk}/confirm/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/login/?next="), url


def test_a_committee_member_gets_404_for_every_page_of_a_drafts_evidence(client, committee_member, item):
    client.force_login(committee_member)
    for url in pages(item):
        assert client.get(url).status_code == 404, url


def test_an_account_without_a_role_is_refused(client, outsider, item):
    client.force_login(outsider)
    for url in pages(item):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("persona", ["officer", "manager"])
def test_officers_and_managers_open_every_page_of_a_drafts_evidence(client, request, persona, item):
    client.force_login(request.getfixturevalue(persona))
    for url in pages(item):
        assert client.get(url).status_code == 200, url


def test_a_committee_member_reads_and_downloads_a_published_reviews_evidence(client, committee_member, published_item):
    client.force_login(committee_member)
    pk = published_item.pk
    assert client.get(f"/evidence/{pk}/").status_code == 200
    assert client.get(f"/evidence/{pk}/download/").status_code == 200
    assert client.get("/reviews/2022/evidence/").status_code == 200
    page = client.get("/reviews/2022/objectives/3/").content.decode()
    assert "Training record" in page
    assert "Add evidence" not in page


def test_a_committee_member_may_not_change_a_published_reviews_evidence(client, committee_member, published_item):
    client.force_login(committee_member)
    for url in [f"/evidence/{published_item.pk}/edit/", f"/evidence/{published_item.pk}/withdraw/"]:
        assert client.get(url).status_code == 403, url
    response = client.post(f"/evidence/{published_item.pk}/withdraw/", {"reason": "Mine now"})
    assert response.status_code == 403
    published_item.refresh_from_db()
    assert not published_item.is_withdrawn


def test_nobody_adds_changes_or_withdraws_the_evidence_of_a_published_review(client, manager, published_item):
    client.force_login(manager)
    for url in ["/reviews/2022/objectives/3/evidence/new/", *pages(published_item)[3:5]]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "published and read-only" in response.content.decode(), url
    assert client.post(f"/evidence/{published_item.pk}/withdraw/", {"reason": "Old"}).status_code == 403
    assert client.post(f"/evidence/{published_item.pk}/confirm/").status_code == 403


def test_a_link_has_no_download(client, officer, draft):
    link = make_evidence(
        assessment=draft.assessments.get(objective__number=3), by=officer, link="https://www.medway.gov.uk/sv"
    )
    client.force_login(officer)
    assert client.get(f"/evidence/{link.pk}/download/").status_code == 404


def test_confirm_is_a_post(client, officer, item):
    client.force_login(officer)
    assert client.get(f"/evidence/{item.pk}/confirm/").status_code == 405


def test_a_committee_member_reads_what_was_signed_off_not_how_nor_what_was_withdrawn(
    client, draft, officer, manager, committee_member
):
    assessment = draft.assessments.get(objective__number=3)
    kept = make_evidence(assessment=assessment, by=officer, title="Kept record")
    gone = make_evidence(assessment=assessment, by=officer, title="Wrong file")
    withdraw_evidence(item=gone, by=officer, reason="Uploaded by mistake")
    draft.publish(by=manager)
    client.force_login(committee_member)
    page = client.get(f"/evidence/{kept.pk}/").content.decode()
    assert "Kept record" in page and "History" not in page and "Added</strong>" not in page
    assert client.get(f"/evidence/{gone.pk}/").status_code == 404
    assert client.get(f"/evidence/{gone.pk}/download/").status_code == 404
    client.force_login(officer)  # the team keeps the record, withdrawal and all
    assert "Uploaded by mistake" in client.get(f"/evidence/{gone.pk}/").content.decode()
