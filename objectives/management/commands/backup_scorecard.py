from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand

# Everything a council would lose: the catalogue, reviews, assessments, their history, users and roles.
# Content types and permissions are rebuilt by `migrate`; sessions and sign-in attempts are transient.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes", "admin.logentry"]


class Command(BaseCommand):
    help = "Write all the scorecard's data to an XML file that restore_scorecard loads into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file to write, e.g. backups/scorecard-2026-11-25.xml")

    def handle(self, *args, path, **options):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        call_command(
            "dumpdata",
            # XML keeps timestamps to the microsecond (Django's JSON rounds them to milliseconds).
            format="xml",
            exclude=EXCLUDED,
            natural_foreign=True,
            natural_primary=True,
            indent=1,
            output=path,
            verbosity=0,
        )
        self.stdout.write(f"Backed up to {path} ({Path(path).stat().st_size:,} bytes).")
