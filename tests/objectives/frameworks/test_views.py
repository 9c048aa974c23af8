"""/frameworks/: the frameworks and the upload of a framework or mapping file, previewed, then confirmed."""

import re

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile

from objectives.models import Framework, Mapping
from objectives.services.frameworks import load_file
from tests.objectives.frameworks.files import MAPPING_FILE, PA_FILE, as_bytes, small

PATHS = ["/frameworks/", "/frameworks/uploads/some-key/"]


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    settings.SCORECARD_IMPORT_DIR = tmp_path / "uploads"
    return settings.SCORECARD_IMPORT_DIR


def upload(client, data, name="framework.json"):
    return client.post("/frameworks/", {"file": SimpleUploadedFile(name, data)})


def fingerprint_of(response):
    return re.search(r'name="fingerprint" value="([0-9a-f]+)"', response.content.decode()).group(1)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("path", PATHS)
def test_anonymous_visitors_are_sent_to_sign_in(client, db, path):
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, f"/login/?next={path}")


@pytest.mark.parametrize("persona", ["outsider", "committee_member", "officer"])
@pytest.mark.parametrize("path", PATHS)
def test_outsiders_committee_members_and_officers_may_not_load_frameworks(client, db, request, persona, path):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(path).status_code == 403
    assert upload(client, PA_FILE.read_bytes()).status_code == 403
    assert not Framework.objects.filter(slug="pa2023-readiness").exists()


@pytest.mark.parametrize("persona", ["manager", "staff"])
def test_managers_and_staff_see_the_frameworks_with_their_counts_and_reviews(client, seed_review, request, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.get("/frameworks/")
    assert response.status_code == 200
    text = re.sub(r"\s+", " ", response.content.decode())
    assert '<th scope="row" data-label="Framework">NPS 2018<br>' in text
    assert re.search(r'data-label="Objectives" class="text-end">13<', text)
    assert re.search(r'data-label="Key areas" class="text-end">11<', text)
    assert '<a href="/reviews/2021/">2021</a>' in text
    assert re.search(r'<a class="nav-link active" aria-current="page" href="/frameworks/">Frameworks</a>', text)


def test_officers_see_no_link_to_the_frameworks_page(client, officer, nps):
    client.force_login(officer)
    assert 'href="/frameworks/"' not in client.get("/reviews/").content.decode()


def test_a_file_with_problems_is_refused_on_the_upload_page_with_each_place_and_not_kept(
    client, manager, nps, upload_dir
):
    client.force_login(manager)
    broken = small(slug="new")
    broken["objectives"][0]["number"] = "one"
    response = upload(client, as_bytes(broken))
    assert response.status_code == 200
    text = response.content.decode()
    assert '<span class="font-monospace fw-semibold">slug</span>: &quot;new&quot; is reserved' in text
    assert "objectives[0].number</span>: must be a whole number, not text" in text
    assert "framework.json cannot be loaded: 2 problems found, listed above. Nothing was loaded." in text
    assert not upload_dir.exists() or not list(upload_dir.iterdir())


def test_a_file_is_previewed_then_loaded_on_confirmation_and_its_upload_discarded(
    client, manager, nps, upload_dir, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    response = upload(client, PA_FILE.read_bytes(), name="pa2023-readiness.framework.json")
    assert response.status_code == 302 and response["Location"].startswith("/frameworks/uploads/")
    preview = client.get(response["Location"])
    text = preview.content.decode()
    assert "Read as the framework Procurement Act 2023 readiness (pa2023-readiness), version 1.0." in text
    assert "<li>Adds level 4 Evidenced</li>" in text and "33 to add" in text
    assert not Framework.objects.filter(slug="pa2023-readiness").exists()
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(response["Location"], {"fingerprint": fingerprint_of(preview)})
    assert confirmed["Location"] == "/frameworks/"
    assert messages_of(confirmed) == [
        "Loaded pa2023-readiness.framework.json: framework Procurement Act 2023 readiness (pa2023-readiness), "
        "version 1.0: adds 33."
    ]
    assert Framework.objects.get(slug="pa2023-readiness").objectives.count() == 18
    assert not list(upload_dir.iterdir())  # the kept upload is gone once loaded


def test_a_mapping_file_loads_the_same_way(client, manager, nps):
    load_file(PA_FILE.read_bytes())
    client.force_login(manager)
    location = upload(client, MAPPING_FILE.read_bytes())["Location"]
    preview = client.get(location)
    assert "Adds objective #17 (PA-17) related to key area &quot;Engaging councillors&quot;" in preview.content.decode()
    client.post(location, {"fingerprint": fingerprint_of(preview)})
    assert Mapping.objects.count() == 14


def test_a_catalogue_changed_since_the_preview_is_not_loaded_unseen(client, manager, nps):
    client.force_login(manager)
    location = upload(client, as_bytes(small()))["Location"]
    preview = client.get(location)
    load_file(as_bytes(small(title="Loaded meanwhile")))  # someone else loads another copy of it first
    response = client.post(location, {"fingerprint": fingerprint_of(preview)})
    assert response.status_code == 200
    assert messages_of(response)[0].startswith("Nothing was loaded: the catalogue changed since the preview.")
    assert "Changes the framework Small framework: title: &quot;Loaded meanwhile&quot; → &quot;A small framework" in (
        response.content.decode()
    )
    assert Framework.objects.get(slug="small").title == "Loaded meanwhile"
    assert client.post(location, {"fingerprint": "0" * 64}).status_code == 200
    assert Framework.objects.get(slug="small").title == "Loaded meanwhile"


def test_a_preview_the_database_refuses_lists_its_problems_and_offers_no_confirmation(client, manager, seed_review):
    client.force_login(manager)
    nps = seed_review.framework
    changed = small(name=nps.name, slug=nps.slug)
    response = client.get(upload(client, as_bytes(changed))["Location"])
    text = response.content.decode()
    assert "slug</span>: NPS 2018 is the framework the 2021 review was scored under" in text
    assert 'name="fingerprint"' not in text


def test_an_upload_is_its_uploaders_alone(client, manager, staff, nps):
    client.force_login(manager)
    location = upload(client, as_bytes(small()))["Location"]
    client.force_login(staff)
    assert client.get(location).status_code == 404
