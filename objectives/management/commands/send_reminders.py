"""Send each person one digest of what is theirs and due; run once a day (cron or a systemd timer: see README)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from objectives.models import person
from objectives.services.reminders import due_digests, send


class Command(BaseCommand):
    help = "Email each person a digest of their objectives to score, actions and evidence due; never twice."

    def handle(self, *args, **options):
        today = timezone.localdate()
        run = send(due_digests(today=today), today=today)
        for digest in run.sent:
            self.stdout.write(f"sent to {digest.user.email}: {len(digest.items)} item(s)")
        for user in run.no_email:
            self.stdout.write(f"skipped {person(user)} ({user.get_username()}): no email address")
        for user in run.opted_out:
            self.stdout.write(f"skipped {person(user)} ({user.get_username()}): digests turned off")
        for digest, error in run.failed:
            self.stderr.write(f"FAILED to {digest.user.email}: {error}")
        skipped = len(run.no_email) + len(run.opted_out)
        summary = f"{len(run.sent)} digest(s) sent, {len(run.failed)} failed, {skipped} skipped"
        if run.failed:
            raise CommandError(f"{summary}: the failed ones go again on the next run.")
        self.stdout.write(summary)
