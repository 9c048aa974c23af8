from django.conf import settings
from django.core.management.base import BaseCommand

from objectives.imports import pending


class Command(BaseCommand):
    help = (
        "Remove uploads whose preview was never confirmed, once older than SCORECARD_IMPORT_MAX_AGE. "
        "Run it daily (cron or a systemd timer)."
    )

    def handle(self, *args, **options):
        removed = pending.purge()
        self.stdout.write(f"Removed {removed} expired upload(s) from {settings.SCORECARD_IMPORT_DIR}.")
