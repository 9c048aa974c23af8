"""Virus scanning with a real ClamAV daemon: it loads signatures this test writes (ClamAV's .hdb format, MD5:size:
name, and .ndb, a body signature), finds them in uploads, and passes a clean file; with the daemon down, uploads
are refused (fail closed); with no daemon configured, nothing is scanned.
"""

import hashlib
import socket

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from objectives.files import clamd
from objectives.models import StoredFile
from tests import evidence_files as files
from tests.objectives.files.clamav import start_clamd

# A PDF only this test has: its MD5 is the test signature (.hdb). And words that, anywhere in a file, even inside
# a Word file's zip, match the body signature (.ndb): clamd unpacks what it scans.
INFECTED = files.pdf_bytes() + b"%scorecard-test-signature\n"
MARKER = b"scorecard-evidence-test-body-signature"
NEW = "/reviews/2022/objectives/3/evidence/new/"


@pytest.fixture(scope="module")
def daemon(tmp_path_factory):
    signatures = {
        "scorecard-test.hdb": f"{hashlib.md5(INFECTED).hexdigest()}:{len(INFECTED)}:Scorecard.Test\n",
        "scorecard-test.ndb": f"Scorecard.Body:0:*:{MARKER.hex()}\n",
    }
    process, socket_path, _config = start_clamd(tmp_path_factory.mktemp("clamd"), signatures)
    yield socket_path
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture
def scanning(daemon, settings):
    settings.SCORECARD_CLAMD_SOCKET = str(daemon)
    return daemon


def upload(client, data, name="record.pdf"):
    form = {
        "title": "Training record",
        "dated": "2021-03-01",
        "upload": SimpleUploadedFile(name, data, "application/pdf"),
    }
    return client.post(NEW, form)


def test_the_daemon_answers_and_finds_the_test_signature(scanning):
    assert clamd.ping()
    assert clamd.scan(files.pdf_bytes()) is None
    with pytest.raises(clamd.Infected) as found:
        clamd.scan(INFECTED)
    assert found.value.signature == "Scorecard.Test.UNOFFICIAL"


def test_a_body_signature_inside_a_word_files_zip_is_found(client, officer, draft, scanning):
    infected = files.docx_bytes(f"Minutes {MARKER.decode()} end")
    assert MARKER not in infected  # deflated in the zip: only an unpacking scanner sees it
    with pytest.raises(clamd.Infected) as found:
        clamd.scan(infected)
    assert found.value.signature == "Scorecard.Body.UNOFFICIAL"
    client.force_login(officer)
    assert "found Scorecard.Body.UNOFFICIAL" in upload(client, infected, "minutes.docx").content.decode()
    assert not StoredFile.objects.exists()


def test_an_infected_upload_is_refused_and_nothing_is_stored(client, officer, draft, scanning):
    client.force_login(officer)
    response = upload(client, INFECTED)
    assert response.status_code == 200
    assert "the virus scanner found Scorecard.Test.UNOFFICIAL in it" in response.content.decode()
    assert not StoredFile.objects.exists()
    assert upload(client, files.pdf_bytes()).status_code == 302
    assert StoredFile.objects.count() == 1


def test_a_large_clean_file_is_scanned_in_chunks(scanning):
    assert clamd.scan(files.pdf_bytes().ljust(3 * 1024 * 1024, b" ")) is None


def test_with_the_daemon_down_uploads_are_refused(client, officer, draft, settings, tmp_path):
    settings.SCORECARD_CLAMD_SOCKET = str(tmp_path / "no-such.sock")
    client.force_login(officer)
    response = upload(client, files.pdf_bytes())
    assert "could not be checked for viruses, so it is not stored" in response.content.decode()
    assert not StoredFile.objects.exists()


def test_with_a_tcp_daemon_that_is_not_there_uploads_are_refused(client, officer, draft, settings):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    settings.SCORECARD_CLAMD_HOST, settings.SCORECARD_CLAMD_PORT = "127.0.0.1", port
    client.force_login(officer)
    assert "could not be checked for viruses" in upload(client, files.pdf_bytes()).content.decode()


def test_with_scanning_switched_off_the_file_is_stored_unscanned(client, officer, draft, settings):
    assert settings.SCORECARD_CLAMD_SOCKET is None and settings.SCORECARD_CLAMD_HOST is None
    client.force_login(officer)
    assert upload(client, INFECTED).status_code == 302
