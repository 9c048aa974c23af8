"""/imports/: upload, preview and confirm; who may use it; and the outcome told with Django messages."""

import html
import re

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile

from objectives.models import Assessment
from tests.factories import actions_text
from tests.objectives.imports.files import assessment, csv_bytes, database_state
from tests.seed import SEED


def upload(client, data, name="scorecard.csv"):
    return client.post("/imports/", {"file": SimpleUploadedFile(name, data)})


def fingerprint_of(response):
    return re.search(r'name="fingerprint" value="([0-9a-f]+)"', response.content.decode()).group(1)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("path", ["/imports/", "/imports/some-key/"])
def test_anonymous_visitors_are_sent_to_sign_in(client, db, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/login/?next={path}"


@pytest.mark.parametrize("persona", ["committee_member", "outsider"])
@pytest.mark.parametrize("path", ["/imports/", "/imports/some-key/"])
def test_committee_members_and_outsiders_may_not_import(client, db, request, persona, path):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(path).status_code == 403
    assert client.post("/imports/", {"file": SimpleUploadedFile("x.csv", b"year,objective\n")}).status_code == 403


@pytest.mark.parametrize("persona", ["officer", "manager"])
def test_officers_and_managers_see_the_upload_form(client, request, persona, seed_review):
    client.force_login(request.getfixturevalue(persona))
    response = client.get("/imports/")
    assert response.status_code == 200
    text = response.content.decode()
    assert text.count("<h1") == 1
    assert re.search(r'<label\s+for="id_file"', text) and 'type="file"' in text
    assert 'href="/reviews/2021/export/?format=xlsx"' in text


def test_an_upload_is_previewed_then_confirmed_then_recorded_with_its_author(
    client, officer, draft_review, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    before = assessment(3)
    actions_before = actions_text(before)
    response = upload(client, csv_bytes([[2021, 3, "Mature", "", "continued", "Trained all members.", ""]]))
    assert response.status_code == 302 and response["Location"].startswith("/imports/")

    preview = client.get(response["Location"])
    text = preview.content.decode()
    assert preview.status_code == 200
    assert "Preview of scorecard.csv" in text and "Nothing has changed yet" in text
    assert "2 Developing" in text and "3 Mature" in text and "Trained all members." in text
    assert assessment(3).score == 2  # the preview wrote nothing

    with django_capture_on_commit_callbacks(execute=True):  # the kept file goes once the import commits
        done = client.post(response["Location"], {"fingerprint": fingerprint_of(preview)})
    assert done.status_code == 302 and done["Location"] == "/reviews/2021/"
    assert messages_of(done) == [
        "Imported scorecard.csv: 0 assessments added, 1 changed, 0 unchanged. "
        "The history records you as the author of each change."
    ]
    after = assessment(3)
    assert (after.score, after.comments, actions_text(after), after.version) == (3, "Trained all members.", "", 2)
    assert actions_before and after.history.first().history_user == officer
    assert after.history.first().history_change_reason == "Imported from scorecard.csv"
    assert client.post(response["Location"], {"fingerprint": fingerprint_of(preview)}).status_code == 404


def test_a_refused_file_is_explained_on_the_form_and_nothing_is_kept(client, officer, draft_review, upload_dir):
    client.force_login(officer)
    response = upload(client, b"\x00\x01binary", name="scores.csv")
    assert response.status_code == 200
    assert "scores.csv: the file is binary, not text" in html.unescape(response.content.decode())
    assert not upload_dir.exists() or not any(upload_dir.iterdir())


def test_a_file_with_errors_shows_them_and_cannot_be_confirmed(client, officer, draft_review):
    client.force_login(officer)
    data = csv_bytes([[2021, 3, "3", "", "", "", ""], [2021, 7, "Excellent", "", "", "", ""]])
    preview = client.get(upload(client, data)["Location"])
    text = html.unescape(preview.content.decode())
    assert "Row 3, column score: 'Excellent' is not a level of NPS 2018 (1 Minimum, 2 Developing" in text
    assert 'name="fingerprint"' not in text
    before = database_state()
    client.post(preview.wsgi_request.path, {"fingerprint": "0" * 64})
    assert database_state() == before


def test_a_confirm_after_the_data_changed_is_refused_and_previewed_again(client, officer, draft_review):
    client.force_login(officer)
    location = upload(client, csv_bytes([[2021, 3, "3", "", "", "", ""]]))["Location"]
    fingerprint = fingerprint_of(client.get(location))
    Assessment.objects.filter(objective__number=3).update(score=4)  # someone else saved meanwhile
    response = client.post(location, {"fingerprint": fingerprint})
    assert response.status_code == 200
    assert "the scorecard changed since the preview" in messages_of(response)[0]
    assert assessment(3).score == 4
    assert "4 Leader" in response.content.decode()


def test_the_committee_document_imports_here_too(client, manager, draft_review):
    client.force_login(manager)
    text = SEED.read_text(encoding="utf-8").replace(
        "\t2\t<p>Comments: Whilst no formal", "\t4\t<p>Comments: Whilst no formal"
    )
    location = upload(client, text.encode("utf-8"), name="medway-2021.txt")["Location"]
    preview = client.get(location)
    assert "committee document" in preview.content.decode()
    assert re.search(r"2 Developing.*?becomes.*?4 Leader", preview.content.decode(), re.S)
    client.post(location, {"fingerprint": fingerprint_of(preview)})
    assert assessment(3).score == 4 and assessment(7).score == 2


def test_nothing_to_import_says_so(client, officer, draft_review):
    client.force_login(officer)
    response = client.get(upload(client, SEED.read_bytes(), name="medway-2021.txt")["Location"])
    assert "Nothing to import: every row matches the scorecard" in response.content.decode()


def test_another_users_upload_is_not_found(client, officer, manager, draft_review):
    client.force_login(officer)
    location = upload(client, csv_bytes([[2021, 3, "3", "", "", "", ""]]))["Location"]
    client.force_login(manager)
    assert client.get(location).status_code == 404


def test_the_preview_reads_the_database_a_fixed_number_of_times(
    client, officer, draft_review, django_assert_max_num_queries
):
    client.force_login(officer)
    rows = [[2021, number, "3", "", "", f"Row {number}", ""] for number in (3, 7, 31, 32, 33, 34, 35, 36, 37, 38)]
    location = upload(client, csv_bytes(rows))["Location"]
    with django_assert_max_num_queries(15):  # 13, and the navigation's count and latest review
        assert client.get(location).status_code == 200


def test_a_file_over_the_limit_is_refused_on_the_form(client, officer, draft_review, settings):
    settings.SCORECARD_IMPORT_MAX_BYTES = 100
    client.force_login(officer)
    response = upload(client, csv_bytes([[2021, 3, "3", "", "", "x" * 200, ""]]), name="big.csv")
    assert response.status_code == 200
    assert "big.csv is 2" in html.unescape(response.content.decode())
    assert "the limit is 100\xa0bytes" in html.unescape(response.content.decode())


def test_a_manager_previews_their_own_upload(client, manager, draft_review):
    client.force_login(manager)
    location = upload(client, csv_bytes([[2021, 3, "3", "5", "", "", ""]]))["Location"]
    response = client.get(location)
    assert response.status_code == 200 and "5 Innovator" in response.content.decode()
