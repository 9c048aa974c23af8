"""Send each person one digest of what is theirs and due; run once a day (cron or a systemd timer: see README)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from objectives.models import person
from objectives.services.reminders import AlreadyRunning, LockLost, alone, due_digests, send


class Command(BaseCommand):
    help = "Email each person a digest of their objectives to score, actions and evidence due; never twice."

    def handle(self, *args, **options):
        today = timezone.localdate()
        try:
            with alone() as lock:  # after the lock: what a run just before this one sent is recorded
                run = send(due_digests(today=today), today=today, lock=lock)
        except AlreadyRunning as running:
            raise CommandError(f"send_reminders is already running ({running}): this run sent nothing.") from None
        except LockLost as lost:
            raise CommandError(f"send_reminders stopped: {lost}; what it sent is recorded.") from None
        for digest in run.sent:
            self.stdout.write(f"sent to {digest.user.email}: {len(digest.items)} item(s)")
        for user in run.no_email:
            self.stdout.write(f"skipped {person(user)} ({user.get_username()}): no email address")
        for user in run.opted_out:
            self.stdout.write(f"skipped {person(user)} ({user.get_username()}): digests turned off")
        for user in run.bad_address:
            self.stderr.write(
                f"SKIPPED {person(user)} ({user.get_username()}): the email address {user.email!r} is not one a mail "
                "can go to; correct it in /admin/"
            )
        for digest, error in run.failed:
            self.stderr.write(f"FAILED to {digest.user.email}: {error}")
        skipped = len(run.no_email) + len(run.opted_out) + len(run.bad_address)
        summary = f"{len(run.sent)} digest(s) sent, {len(run.failed)} failed, {skipped} skipped"
        if run.failed:
            raise CommandError(f"{summary}: the failed ones go again on the next run.")
        if run.bad_address:
            raise CommandError(f"{summary}: {len(run.bad_address)} email address(es) to correct.")
        self.stdout.write(summary)
