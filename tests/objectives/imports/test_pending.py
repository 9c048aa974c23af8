"""Uploads waiting between preview and confirmation: a private folder, a cap per person, expiry, a full disk."""

import os
import resource
import signal
import stat
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from objectives.imports import pending
from tests.objectives.imports.files import csv_bytes

ROWS = [[2021, 3, 4, "", "continued", "Comments", "Actions"]]


def upload(client, data, name="scorecard.csv"):
    return client.post("/imports/", {"file": SimpleUploadedFile(name, data)})


def test_an_upload_waits_in_a_folder_and_files_only_this_instance_may_read(client, officer, draft_review, upload_dir):
    client.force_login(officer)
    assert upload(client, csv_bytes(ROWS)).status_code == 302
    assert stat.S_IMODE(upload_dir.stat().st_mode) == 0o700
    files = list(upload_dir.iterdir())
    assert len(files) == 2 and all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in files)


def test_a_person_keeps_at_most_the_cap_of_uploads_waiting(
    client, officer, manager, draft_review, upload_dir, settings
):
    settings.SCORECARD_IMPORT_PENDING_PER_USER = 2
    client.force_login(manager)
    upload(client, csv_bytes(ROWS))
    client.force_login(officer)
    keys = [upload(client, csv_bytes(ROWS))["Location"] for _ in range(3)]
    assert client.get(keys[0]).status_code == 404  # the oldest went first
    assert all(client.get(key).status_code == 200 for key in keys[1:])
    assert len(list(upload_dir.glob("*.upload"))) == 3  # the officer's two and the manager's one


def test_purge_uploads_removes_only_expired_ones(officer, upload_dir, settings, capsys):
    old = pending.store(b"year,objective\n2021,3\n", name="old.csv", user=officer)
    pending.store(b"year,objective\n2021,3\n", name="new.csv", user=officer)
    token = pending._signer(officer).unsign(old)
    expired = time.time() - settings.SCORECARD_IMPORT_MAX_AGE - 60
    for path in upload_dir.glob(f"{token}.*"):
        os.utime(path, (expired, expired))
    call_command("purge_uploads")
    assert "Removed 1 expired upload(s)" in capsys.readouterr().out
    assert sorted(path.suffix for path in upload_dir.iterdir()) == [".json", ".upload"]


@pytest.fixture
def disk_nearly_full(monkeypatch):
    """While an upload is stored, let files grow to 1 KB only, as a disk with 1 KB left would: the kernel's file-size
    limit makes the write past it fail (EFBIG). Only around the store, so that pytest's own output is not limited."""
    store = pending.store

    def store_on_a_full_disk(*args, **kwargs):
        handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, rather than the process ended
        soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, hard))
        try:
            return store(*args, **kwargs)
        finally:
            resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
            signal.signal(signal.SIGXFSZ, handler)

    monkeypatch.setattr(pending, "store", store_on_a_full_disk)


def test_a_full_disk_is_told_on_the_form_and_leaves_no_file(
    client, officer, draft_review, upload_dir, disk_nearly_full
):
    client.force_login(officer)
    response = upload(client, csv_bytes(ROWS * 100))
    assert response.status_code == 200
    assert "could not store the upload" in response.content.decode()
    assert list(upload_dir.iterdir()) == []


def test_an_export_is_a_private_attachment(client, officer, draft_review):
    client.force_login(officer)
    response = client.get("/reviews/2021/export/", {"format": "csv"})
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"] == 'attachment; filename="scorecard-2021.csv"'


def test_the_system_check_warns_when_the_upload_folder_cannot_be_made(settings, tmp_path):
    from objectives.checks import upload_folder_writable

    assert upload_folder_writable() == []
    (tmp_path / "a-file").write_text("not a folder")
    settings.SCORECARD_IMPORT_DIR = tmp_path / "a-file" / "uploads"
    assert [warning.id for warning in upload_folder_writable()] == ["objectives.W001"]
