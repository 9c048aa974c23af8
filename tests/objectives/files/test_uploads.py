"""Uploading evidence over HTTP: every accepted type, found by its content; hostile files refused with a message;
the size limit answered with 413; and how a file is downloaded."""

import hashlib

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from objectives.files.uploads import Refused, clean_name, sniff
from objectives.models import Evidence, StoredFile
from tests import evidence_files as files

NEW = "/reviews/2022/objectives/3/evidence/new/"


def post(client, data, name, content_type="application/octet-stream", **fields):
    form = {"title": "Training record", "shows": "Staff trained", "dated": "2021-03-01", **fields}
    if data is not None:
        form["upload"] = SimpleUploadedFile(name, data, content_type)
    return client.post(NEW, form)


@pytest.fixture
def signed_in(client, officer, draft):
    client.force_login(officer)
    return client


@pytest.mark.parametrize(("name", "data", "content_type"), files.accepted_files(), ids=lambda v: str(v)[:20])
def test_every_accepted_type_is_stored_with_the_type_found_in_its_content(signed_in, name, data, content_type):
    data = files.contents(data)
    # The browser's word for it is ignored: every upload claims to be octet-stream here.
    response = post(signed_in, data, name)
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = StoredFile.objects.get()
    assert stored.content_type == content_type
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert storages["evidence"].open(stored.stored_as).read() == data
    assert stored.stored_as != name and "." not in stored.stored_as  # a random name, nothing of the uploader's


def test_a_pdf_renamed_keeps_its_type_and_downloads_as_a_pdf(signed_in):
    post(signed_in, files.pdf_bytes(), "training.txt", "text/plain")
    stored = StoredFile.objects.get()
    assert (stored.content_type, stored.name) == ("application/pdf", "training.txt.pdf")


def test_a_link_is_added(signed_in):
    response = post(signed_in, None, "", link="https://www.medway.gov.uk/social-value")
    assert response.status_code == 302
    assert Evidence.objects.get().link == "https://www.medway.gov.uk/social-value"


@pytest.mark.parametrize("link", ["http://www.medway.gov.uk/", "javascript:alert(1)", "ftp://files.example/x"])
def test_only_https_links_are_accepted(signed_in, link):
    response = post(signed_in, None, "", link=link)
    assert response.status_code == 200
    assert not Evidence.objects.exists()


def test_a_file_and_a_link_together_or_neither_are_refused(signed_in):
    both = post(signed_in, files.pdf_bytes(), "a.pdf", link="https://example.org/")
    assert "Give a file or a link, not both." in both.content.decode()
    assert "Give a file or a link." in post(signed_in, None, "").content.decode()
    assert not Evidence.objects.exists()


REFUSED = [
    ("report.pdf", files.HTML_AS_PDF, "web page or markup"),
    ("chart.svg", files.SVG_WITH_SCRIPT, "web page or markup"),
    ("empty.pdf", b"", "is empty"),
    ("tool.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", "of no type accepted"),
    ("archive.docx", files.zip_bytes({"a.txt": "hello"}), "no Word, Excel, PowerPoint or OpenDocument"),
]


@pytest.mark.parametrize(("name", "data", "reason"), REFUSED, ids=[r[0] for r in REFUSED])
def test_hostile_or_unknown_files_are_refused_naming_the_types_accepted(signed_in, name, data, reason):
    response = post(signed_in, data, name, "application/pdf")
    page = response.content.decode()
    assert response.status_code == 200
    assert reason in page
    if data:
        assert "Accepted: PDF, Word" in page
    assert not StoredFile.objects.exists() and not Evidence.objects.exists()
    assert storages["evidence"].listdir("")[1] == []


def test_a_zip_bomb_named_docx_is_refused_without_unpacking_it(signed_in):
    bomb = files.zip_bomb_as_docx()
    assert len(bomb) < 2 * 1024 * 1024
    response = post(signed_in, bomb, "strategy.docx")
    assert "would unpack to more than 200 MB" in response.content.decode()
    assert not StoredFile.objects.exists()


def test_a_zip_of_too_many_parts_is_refused():
    many = files.zip_bytes({f"part{n}.xml": "" for n in range(5001)})
    with pytest.raises(Refused, match="more than 5,000 parts"):
        sniff(many, "many.docx")


def test_a_file_one_byte_over_the_limit_is_refused_with_413(signed_in, settings):
    settings.SCORECARD_EVIDENCE_MAX_BYTES = 1024 * 1024
    at_limit = files.pdf_bytes().ljust(1024 * 1024, b" ")
    assert post(signed_in, at_limit, "at-limit.pdf").status_code == 302
    response = post(signed_in, at_limit + b" ", "over.pdf")
    assert response.status_code == 413
    assert "files of up to 1 MB are accepted" in response.content.decode()
    assert StoredFile.objects.count() == 1


def test_a_body_far_over_the_limit_is_refused_before_it_is_read(signed_in, settings):
    assert settings.SCORECARD_EVIDENCE_MAX_BYTES == 20 * 1024 * 1024
    response = signed_in.generic(
        "POST", NEW, b"", content_type="multipart/form-data; boundary=x", CONTENT_LENGTH=str(21 * 1024 * 1024)
    )
    assert response.status_code == 413
    assert "files of up to 20 MB are accepted" in response.content.decode()


def test_the_import_limit_is_unchanged_elsewhere(client, officer):
    client.force_login(officer)
    big = SimpleUploadedFile("scores.csv", b"x" * (6 * 1024 * 1024), "text/csv")
    assert client.post("/imports/", {"file": big}).status_code == 413


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\win.ini.pdf", "win.ini.pdf"),
        ("Rapport d\u2019activit\u00e9 \u2013 Medway \u00e9t\u00e9 2021.pdf", None),
        ("\u6587\u4ef6.pdf", None),
        ("...pdf", "pdf.pdf"),
        ("report\x07\x1b[31m.pdf", "report[31m.pdf"),
    ],
)
def test_file_names_with_folders_or_beyond_ascii_are_kept_safely(signed_in, name, kept):
    assert post(signed_in, files.pdf_bytes(), name).status_code == 302
    stored = StoredFile.objects.get()
    assert stored.name == (kept or name)
    location = storages["evidence"].path(stored.stored_as)
    assert location.startswith(str(storages["evidence"].location))
    response = signed_in.get(f"/evidence/{Evidence.objects.get().pk}/download/")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "/" not in response["Content-Disposition"].split("filename")[-1]


def test_a_download_is_an_attachment_of_the_type_found_never_cached_or_sniffed(signed_in):
    post(signed_in, files.pdf_bytes(), "Training \u00e9t\u00e9.pdf", "text/html")
    response = signed_in.get(f"/evidence/{Evidence.objects.get().pk}/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''Training%20%C3%A9t%C3%A9.pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == files.pdf_bytes()


def test_a_text_download_is_still_an_attachment(signed_in):
    post(signed_in, b"Notes of the meeting\n", "notes.html", "text/html")
    response = signed_in.get(f"/evidence/{Evidence.objects.get().pk}/download/")
    assert response["Content-Type"] == "text/plain"
    assert response["Content-Disposition"] == 'attachment; filename="notes.html.txt"'


@given(st.text(max_size=300))
def test_any_name_cleans_to_a_plain_file_name(name):
    cleaned = clean_name(name)
    assert cleaned and "/" not in cleaned and "\\" not in cleaned and not cleaned.startswith(".")
    assert not any(ord(c) < 32 for c in cleaned) and len(cleaned) <= 200


@given(st.binary(max_size=2000))
def test_any_bytes_are_sniffed_or_refused_with_a_message(data):
    try:
        found = sniff(data, "upload")
    except Refused as refusal:
        assert str(refusal).startswith("upload ")
    else:
        assert found.content_type


@given(title=st.text(max_size=300), shows=st.text(max_size=2100), link=st.text(max_size=100))
def test_any_text_in_the_form_is_saved_or_refused_with_a_message(officer, draft, title, shows, link):
    from objectives.forms.evidence import EvidenceForm

    form = EvidenceForm({"title": title, "shows": shows, "dated": "2021-03-01", "link": link})
    if form.is_valid():
        assert form.cleaned_data["link"].startswith("https://")
    else:
        assert all(message for errors in form.errors.values() for message in errors)
