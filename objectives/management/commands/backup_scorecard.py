import hashlib
from pathlib import Path

from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from objectives.files.storage import evidence_storage
from objectives.management import xml_backup
from objectives.models import StoredFile

# Everything a council would lose: the catalogue, reviews, assessments, their history, users and roles.
# Content types and permissions are rebuilt by `migrate`; sessions, sign-in attempts and run locks are transient.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes", "admin.logentry", "objectives.runlock"]


class Command(BaseCommand):
    help = (
        "Write all the scorecard's data to an XML file that restore_scorecard loads into an empty database, and the "
        "evidence files into a folder beside it (backup.xml: backup.evidence/)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file to write, e.g. backups/scorecard-2026-11-25.xml")

    def handle(self, *args, path, **options):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        serializers.register_serializer("scorecard-xml", "objectives.management.xml_backup")
        xml_backup.REMOVED.clear()
        call_command(
            "dumpdata",
            # XML keeps timestamps to the microsecond (Django's JSON rounds them to milliseconds); ours leaves out,
            # and names, characters XML cannot hold, so that no stored text can stop a backup.
            format="scorecard-xml",
            exclude=EXCLUDED,
            natural_foreign=True,
            natural_primary=True,
            indent=1,
            output=path,
            verbosity=0,
        )
        count = copy_evidence(evidence_folder(path))
        for where in xml_backup.REMOVED:
            self.stdout.write(f"{where}: written without the characters XML cannot hold (control characters).")
        self.stdout.write(f"Backed up to {path} ({Path(path).stat().st_size:,} bytes) and {count} evidence files.")


def evidence_folder(path):
    """Return the folder of a backup's evidence files: beside the XML, named after it."""
    return Path(path).with_suffix(".evidence")


def copy_evidence(folder):
    """Copy every stored evidence file into `folder` under its storage name, checking each against its SHA-256."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    storage, count = evidence_storage(), 0
    for stored in StoredFile.objects.order_by("pk"):
        with storage.open(stored.stored_as, "rb") as source:
            data = source.read()
        if hashlib.sha256(data).hexdigest() != stored.sha256:
            raise CommandError(f"evidence file {stored.stored_as} ({stored.name}) does not match its SHA-256")
        (folder / stored.stored_as).write_bytes(data)
        count += 1
    return count
