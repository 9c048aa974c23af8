"""The year of an evidence item: frozen with its published review, carried into the next review as "from 2022"
(the same file), confirmed, replaced or withdrawn there; flagged when past its review-by date; its history."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from objectives.models import Evidence, SignedOff, StoredFile
from objectives.services.evidence import Withdrawn, add_evidence, change_evidence, confirm_evidence, withdraw_evidence
from objectives.services.reviews import start_review
from tests import evidence_files as files
from tests.factories import make_evidence, make_user


@pytest.fixture
def assessment(draft):
    return draft.assessments.get(objective__number=3)


@pytest.fixture
def published(draft, assessment, officer, manager):
    """The 2022 review with a PDF and a link on #3, then signed off."""
    pdf = make_evidence(assessment=assessment, by=officer, title="Councillor training record", data=files.pdf_bytes())
    link = make_evidence(assessment=assessment, by=officer, title="Member development page", link="https://x.org/a")
    draft.publish(by=manager)
    return pdf, link


def test_a_published_reviews_evidence_is_frozen_in_the_service_layer(published, assessment, officer):
    pdf, _ = published
    with pytest.raises(SignedOff):
        add_evidence(assessment=assessment, by=officer, link="https://x.org/b", title="Late", dated=dt.date(2022, 1, 1))
    with pytest.raises(SignedOff):
        withdraw_evidence(item=pdf, by=officer, reason="Superseded")
    pdf.title = "Renamed"
    with pytest.raises(SignedOff):
        change_evidence(item=pdf, by=officer)
    pdf.refresh_from_db()
    assert (pdf.title, pdf.is_withdrawn) == ("Councillor training record", False)
    assert Evidence.objects.count() == 2


def test_a_published_reviews_evidence_refuses_every_change_over_http(client, published, officer):
    pdf, _ = published
    client.force_login(officer)
    new = client.post(
        "/reviews/2022/objectives/3/evidence/new/", {"title": "Late", "dated": "2022-01-01", "link": "https://x.org/"}
    )
    assert new.status_code == 403
    assert client.post(f"/evidence/{pdf.pk}/edit/", {"title": "Renamed", "dated": "2022-01-01"}).status_code == 403
    assert client.post(f"/evidence/{pdf.pk}/withdraw/", {"reason": "Old"}).status_code == 403
    assert Evidence.objects.count() == 2 and not Evidence.objects.filter(withdrawn_at__isnull=False).exists()


def test_reopening_the_review_lets_its_evidence_change_again(published, officer, manager):
    pdf, _ = published
    pdf.assessment.review.reopen(by=manager, reason="A missing training record")
    withdraw_evidence(item=Evidence.objects.get(pk=pdf.pk), by=officer, reason="Replaced by the 2022 record")
    assert Evidence.objects.get(pk=pdf.pk).is_withdrawn


def test_starting_the_next_review_links_each_current_item_from_the_year_with_the_same_file(published, officer, manager):
    pdf, link = published
    pdf.assessment.review.reopen(by=manager, reason="fix")
    withdrawn = make_evidence(assessment=pdf.assessment, by=officer, title="Withdrawn", link="https://x.org/w")
    withdraw_evidence(item=withdrawn, by=officer, reason="Wrong objective")
    pdf.assessment.review.refresh_from_db()
    pdf.assessment.review.publish(by=manager)
    files_before = StoredFile.objects.count()
    review = start_review(previous=pdf.assessment.review, year=2023, by=manager)
    carried = list(Evidence.objects.filter(assessment__review=review).order_by("pk"))
    assert [(c.title, c.carried_from_id, c.from_year) for c in carried] == [
        ("Councillor training record", pdf.pk, 2022),
        ("Member development page", link.pk, 2022),
    ]
    assert carried[0].file_id == pdf.file_id and carried[1].link == "https://x.org/a"
    assert StoredFile.objects.count() == files_before  # the same file, not a copy
    assert all(c.to_confirm for c in carried)
    assert carried[0].history.get().history_change_reason == "Carried forward from 2022"


def test_carried_items_are_confirmed_replaced_or_withdrawn_and_the_year_before_keeps_its_own(
    client, published, officer, manager
):
    pdf, link = published
    review = start_review(previous=pdf.assessment.review, year=2023, by=manager)
    carried_pdf, carried_link = Evidence.objects.filter(assessment__review=review).order_by("pk")
    client.force_login(officer)
    page = client.get("/reviews/2023/objectives/3/").content.decode()
    assert "from 2022" in page and "to confirm" in page
    assert client.post(f"/evidence/{carried_pdf.pk}/confirm/").status_code == 302
    new_file = SimpleUploadedFile("training-2023.pdf", files.pdf_bytes() + b"%2023", "application/pdf")
    form = {"title": "Member development page", "dated": "2023-02-01", "upload": new_file}
    assert client.post(f"/evidence/{carried_link.pk}/edit/", form).status_code == 302
    carried_pdf.refresh_from_db(), carried_link.refresh_from_db()
    assert carried_pdf.confirmed_at and not carried_pdf.to_confirm
    assert carried_link.file.name == "training-2023.pdf" and carried_link.link == "" and not carried_link.to_confirm
    link.refresh_from_db()
    assert link.link == "https://x.org/a" and link.file_id is None  # 2022's record as it was signed off
    response = client.post(f"/evidence/{carried_pdf.pk}/withdraw/", {"reason": "Superseded"})
    assert response.status_code == 302
    assert "Councillor training record" not in client.get("/reviews/2023/evidence/").content.decode()
    assert "Councillor training record" in client.get("/reviews/2022/evidence/").content.decode()


def test_a_withdrawn_item_keeps_its_file_and_record_out_of_the_lists(client, assessment, officer):
    item = make_evidence(assessment=assessment, by=officer, title="Old contract register")
    client.force_login(officer)
    assert client.post(f"/evidence/{item.pk}/withdraw/", {"reason": ""}).status_code == 200  # a reason is needed
    assert client.post(f"/evidence/{item.pk}/withdraw/", {"reason": "Superseded by the 2022 one"}).status_code == 302
    item.refresh_from_db()
    assert item.withdrawn_by == officer and item.withdrawn_reason == "Superseded by the 2022 one"
    assert StoredFile.objects.filter(pk=item.file_id).exists()
    assert "Old contract register" not in client.get("/reviews/2022/objectives/3/").content.decode()
    assert "Old contract register" not in client.get("/reviews/2022/evidence/").content.decode()
    detail = client.get(f"/evidence/{item.pk}/").content.decode()
    assert "Withdrawn by Olivia Okafor" in detail and "Superseded by the 2022 one" in detail
    assert client.get(f"/evidence/{item.pk}/download/").status_code == 200
    assert client.get(f"/evidence/{item.pk}/edit/").status_code == 404


def test_the_history_shows_who_added_changed_and_withdrew_it(client, assessment, officer, manager):
    item = make_evidence(assessment=assessment, by=officer, title="Training record", review_by=dt.date(2023, 1, 1))
    item.title = "Councillor training record 2021"
    change_evidence(item=item, by=manager)
    withdraw_evidence(item=item, by=manager, reason="Superseded")
    client.force_login(officer)
    page = client.get(f"/evidence/{item.pk}/").content.decode()
    assert page.index("Withdrawn</strong> by Morgan Mensah") < page.index("Changed</strong> by Morgan Mensah")
    assert page.index("Changed</strong> by Morgan Mensah") < page.index("Added</strong> by Olivia Okafor")
    assert "Councillor training record 2021" in page and "1 January 2023" in page


@time_machine.travel(dt.datetime(2022, 6, 1, 12, tzinfo=dt.UTC), tick=False)
def test_items_past_their_review_by_date_are_flagged_and_listed_first(client, assessment, draft, officer):
    other = draft.assessments.get(objective__number=31)
    make_evidence(assessment=assessment, by=officer, title="Still current", review_by=dt.date(2022, 12, 1))
    make_evidence(assessment=other, by=officer, title="Stale policy", review_by=dt.date(2022, 5, 31))
    make_evidence(assessment=assessment, by=officer, title="Old register", review_by=dt.date(2022, 1, 1))
    client.force_login(officer)
    listing = client.get("/reviews/2022/evidence/").content.decode()
    due = listing[listing.index('id="due"') : listing.index('id="by-objective"')]
    assert due.index("Old register") < due.index("Stale policy") and "Still current" not in due
    objective = client.get("/reviews/2022/objectives/3/").content.decode()
    assert objective.index("Old register") < objective.index("Still current")
    assert objective.count("due for review</span>") == 1
    scorecard = client.get("/reviews/2022/").content.decode()
    row = scorecard[scorecard.index('id="objective-3"') :]
    assert "2 evidence items" in row[: row.index("</tr>")] and "1 due for review" in row[: row.index("</tr>")]


def test_the_scorecard_counts_evidence_without_a_query_per_row(client, draft, officer, django_assert_max_num_queries):
    client.force_login(officer)
    client.get("/reviews/2022/")
    for assessment in draft.assessments.all():
        make_evidence(assessment=assessment, by=officer, link="https://x.org/e")
    with django_assert_max_num_queries(40) as few:
        client.get("/reviews/2022/")
    count = len(few.captured_queries)
    for assessment in draft.assessments.all():
        make_evidence(assessment=assessment, by=officer, data=files.pdf_bytes())
    with django_assert_max_num_queries(count):
        assert "2 evidence items" in client.get("/reviews/2022/").content.decode()


def test_confirming_an_item_that_was_not_carried_changes_nothing(assessment, officer):
    item = make_evidence(assessment=assessment, by=officer)
    assert not item.to_confirm
    confirm_evidence(item=item, by=officer)
    assert item.history.count() == 1 and item.confirmed_at is None


def test_a_file_stored_for_an_addition_that_fails_is_removed(assessment, officer):
    from django.core.files.storage import storages

    with pytest.raises(ValidationError):
        add_evidence(
            assessment=assessment,
            by=officer,
            upload=(files.pdf_bytes(), "a.pdf"),
            title="x" * 300,
            dated=dt.date.today(),
        )
    assert storages["evidence"].listdir("") == ([], [])
    assert not StoredFile.objects.exists()


def test_an_item_withdrawn_meanwhile_cannot_be_changed_or_withdrawn_again(client, assessment, officer, manager):
    """Two people on one item: the second to act finds it withdrawn, and neither undoes the other."""
    item = make_evidence(assessment=assessment, by=officer, title="Register", link="https://x.org/r")
    opened = Evidence.objects.get(pk=item.pk)  # as the other person's form loaded it, before the withdrawal
    withdraw_evidence(item=item, by=manager, reason="Superseded")
    opened.title = "Register, edited"
    with pytest.raises(Withdrawn):
        change_evidence(item=opened, by=officer)
    with pytest.raises(Withdrawn):
        withdraw_evidence(item=opened, by=officer, reason="Again")
    stored = Evidence.objects.get(pk=item.pk)
    assert (stored.title, stored.withdrawn_by, stored.withdrawn_reason) == ("Register", manager, "Superseded")


def test_an_item_whose_owner_has_left_can_still_be_changed(client, assessment, officer, manager):
    leaver = make_user(username="lee", group="Procurement officer", first_name="Lee", last_name="Left")
    item = make_evidence(assessment=assessment, by=officer, title="Register", link="https://x.org/r", owner=leaver)
    leaver.is_active = False
    leaver.save()
    client.force_login(officer)
    data = {"title": "Register 2022", "shows": "", "dated": "2022-03-01", "owner": leaver.pk, "link": item.link}
    assert client.post(f"/evidence/{item.pk}/edit/", data).status_code == 302
    assert Evidence.objects.get(pk=item.pk).title == "Register 2022"
