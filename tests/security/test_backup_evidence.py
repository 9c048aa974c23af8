"""Backups carry the evidence files: a restored instance has every file, byte for byte (SHA-256), and the pages
that list and download them are as they were."""

import hashlib
import re

import pytest
from django.contrib.auth.models import User
from django.core.files.storage import storages
from django.core.management import CommandError, call_command

from objectives.models import Evidence, StoredFile
from objectives.roles import ensure_roles
from objectives.services.evidence import withdraw_evidence
from objectives.services.reviews import start_review
from tests import evidence_files as files
from tests.factories import make_evidence

pytestmark = pytest.mark.django_db(transaction=True)  # flush must commit


def new_instance(settings, folder):
    """Point the evidence storage at an empty folder, as on a new server."""
    settings.STORAGES = {
        **settings.STORAGES,
        "evidence": {**settings.STORAGES["evidence"], "OPTIONS": {"location": folder}},
    }


def every_file():
    storage = storages["evidence"]
    return {s.stored_as: hashlib.sha256(storage.open(s.stored_as).read()).hexdigest() for s in StoredFile.objects.all()}


@pytest.fixture
def evidence(seed_review, manager, officer):
    draft = start_review(previous=seed_review, year=2022, by=manager)
    for number, (name, data, _) in zip([3, 31, 3, 57], files.accepted_files()[:4], strict=True):
        make_evidence(assessment=draft.assessments.get(objective__number=number), by=officer, data=data, name=name)
    withdrawn = make_evidence(assessment=draft.assessments.get(objective__number=3), by=officer, title="Old one")
    withdraw_evidence(item=withdrawn, by=officer, reason="Superseded")
    draft.publish(by=manager)
    start_review(previous=draft, year=2023, by=manager)  # carried: the same files again
    return draft


def pages(client):
    client.force_login(User.objects.get(username="morgan"))
    shown = {
        url: re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", client.get(url).content)
        for url in ["/reviews/2022/evidence/", "/reviews/2023/evidence/"]
    }
    for item in Evidence.objects.filter(file__isnull=False):
        shown[item.pk] = b"".join(client.get(f"/evidence/{item.pk}/download/").streaming_content)
    return shown


def test_a_restored_instance_has_every_evidence_file_with_the_same_hash(client, evidence, settings, tmp_path):
    before_files, before_pages = every_file(), pages(client)
    assert len(before_files) == 5 and Evidence.objects.count() == 9
    call_command("backup_scorecard", str(tmp_path / "backup.xml"))
    assert sorted(p.name for p in (tmp_path / "backup.evidence").iterdir()) == sorted(before_files)
    call_command("flush", interactive=False, verbosity=0)
    ensure_roles()
    new_instance(settings, tmp_path / "restored")
    call_command("restore_scorecard", str(tmp_path / "backup.xml"))
    assert every_file() == before_files
    assert {s.stored_as: s.sha256 for s in StoredFile.objects.all()} == before_files
    assert pages(client) == before_pages


def test_a_damaged_evidence_file_stops_the_restore_with_nothing_written(evidence, settings, tmp_path):
    call_command("backup_scorecard", str(tmp_path / "backup.xml"))
    damaged = sorted((tmp_path / "backup.evidence").iterdir())[-1]
    damaged.write_bytes(damaged.read_bytes() + b"x")
    call_command("flush", interactive=False, verbosity=0)
    ensure_roles()
    new_instance(settings, tmp_path / "restored")
    with pytest.raises(CommandError, match="does not match its SHA-256"):
        call_command("restore_scorecard", str(tmp_path / "backup.xml"))
    assert not StoredFile.objects.exists() and not Evidence.objects.exists()
    assert not (tmp_path / "restored").exists() or not any((tmp_path / "restored").iterdir())
