"""The reminder digests of `manage.py send_reminders`: one email a day to each person, of what is theirs and due.

An item is due for reminding when its source gives it a reason (`objectives.queries.my_work`: objectives to score when
their review's due date is SCORECARD_DUE_SOON_DAYS away or past, actions due within those days or overdue, and
evidence past its review-by date). Each person gets at most one digest a day, and an item is sent once: what the
mail server accepted is recorded (`SentReminder`: person, item, reason, day), and the item comes again only when its
reason changes or a week has passed. A mail the server refuses, or could not take because it was down, is not
recorded, so that the next run sends it; a mail it accepts is recorded at once, so that a run killed half-way sends
none of those again. One run at a time (`alone`): a second run started meanwhile sends nothing.
"""

import contextlib
import datetime
import os
import secrets
import smtplib
import socket
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import BadHeaderError, EmailMultiAlternatives, get_connection
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from objectives.models import Profile, RunLock, SentReminder, person
from objectives.queries.my_work import SOURCES, everyones_items

AGAIN_AFTER = datetime.timedelta(days=7)
# A run beats after every mail, each of which takes at most EMAIL_TIMEOUT (30 s); no beat for this long: it was killed.
STALE_AFTER = datetime.timedelta(minutes=10)


class AlreadyRunning(Exception):
    """Another run holds the lock: this one must send nothing."""

    def __init__(self, lock):
        self.lock = lock
        super().__init__(str(lock) if lock else "another run")


class LockLost(Exception):
    """This run was taken for a killed one (no beat for STALE_AFTER) and another took its lock: it must stop."""


@dataclass
class Lock:
    name: str
    holder: str

    def beat(self):
        """Show that this run is alive; raise LockLost if another run has taken the lock over."""
        if not RunLock.objects.filter(name=self.name, holder=self.holder).update(beat_at=timezone.now()):
            raise LockLost(f"another run took over the {self.name} lock")


@contextlib.contextmanager
def alone(name="send_reminders"):
    """Hold the command's lock while the block runs (a row of `RunLock`: one insert wins, on every database);
    raise AlreadyRunning if another live run holds it. A lock with no beat for STALE_AFTER is taken over."""
    holder = f"{socket.gethostname()} process {os.getpid()} ({secrets.token_hex(4)})"
    now = timezone.now()
    try:
        with transaction.atomic():
            RunLock.objects.create(name=name, holder=holder, started_at=now, beat_at=now)
    except IntegrityError:
        stale = RunLock.objects.filter(name=name, beat_at__lt=now - STALE_AFTER)
        if not stale.update(holder=holder, started_at=now, beat_at=now):  # one update wins here too
            raise AlreadyRunning(RunLock.objects.filter(name=name).first()) from None
    try:
        yield Lock(name, holder)
    finally:
        RunLock.objects.filter(name=name, holder=holder).delete()


@dataclass
class Digest:
    user: object
    sections: list  # [(source, [Item])], only the sources with something due

    @property
    def items(self):
        return [item for _, items in self.sections for item in items]


@dataclass
class Run:
    """What a run found and did, for the command to report."""

    digests: list = field(default_factory=list)  # to send
    no_email: list = field(default_factory=list)  # people with something due and no email address
    opted_out: list = field(default_factory=list)
    bad_address: list = field(default_factory=list)  # people whose stored address no mail can go to
    sent: list = field(default_factory=list)
    failed: list = field(default_factory=list)  # (Digest, the error)


def due_digests(*, today):
    """Return a Run with the digests to send as at `today`, and who was skipped and why.

    A fixed number of queries however many people: one per source, the people, and the week's sent reminders.
    """
    everything = everyones_items(today=today)
    people = get_user_model().objects.filter(pk__in=everything, is_active=True).select_related("profile")
    recent = SentReminder.objects.filter(sent_on__gt=today - AGAIN_AFTER, sent_on__lte=today).order_by("sent_on", "pk")
    last_reason = {(r.user_id, r.item): r.reason for r in recent}  # the latest of the week wins
    sent_today = {r.user_id for r in recent if r.sent_on == today}  # one digest a day: the rest waits for tomorrow
    run = Run()
    for user in sorted(people, key=lambda u: person(u).casefold()):
        due = [i for i in everything[user.pk] if i.reason and last_reason.get((user.pk, i.key)) != i.reason]
        if not due or user.pk in sent_today:
            continue
        if not Profile.of(user).digests:
            run.opted_out.append(user)
        elif not user.email:
            run.no_email.append(user)
        elif not deliverable(user.email):
            run.bad_address.append(user)
        else:
            sections = [(source, [i for i in due if i.source == source.key]) for source in SOURCES]
            run.digests.append(Digest(user, [(source, items) for source, items in sections if items]))
    return run


def deliverable(address):
    """Return whether an address is one a mail can be sent to (one line, one address): a CRLF stored by SQL or a
    restore is not."""
    try:
        validate_email(address)
    except ValidationError:
        return False
    return True


def message(digest, *, connection):
    """Return the digest's email, in plain text and in HTML, with absolute links to the site."""
    site = settings.SCORECARD_SITE_URL.rstrip("/")
    count = len(digest.items)
    context = {"digest": digest, "name": person(digest.user), "site": site, "count": count}
    subject = f"Procurement scorecard: {count} thing{'s' if count != 1 else ''} of yours to do"
    mail = EmailMultiAlternatives(
        subject,
        render_to_string("objectives/email/digest.txt", context),
        to=[digest.user.email],
        connection=connection,
    )
    mail.attach_alternative(render_to_string("objectives/email/digest.html", context), "text/html")
    return mail


def send(run, *, today, lock=None):
    """Send each digest of the run over one SMTP connection; record each the server accepted as it accepts it, and
    only those. With a `lock`, beat after each mail (and stop if the lock was lost)."""
    if not run.digests:
        return run  # no connection to a mail server that need not be up
    mail_server = get_connection(fail_silently=False)
    try:
        mail_server.open()
    except (OSError, smtplib.SMTPException) as error:
        run.failed = [(digest, error) for digest in run.digests]
        return run
    try:
        for digest in run.digests:
            if lock:
                lock.beat()
            try:
                message(digest, connection=mail_server).send()
            except (OSError, smtplib.SMTPException, BadHeaderError) as error:
                run.failed.append((digest, error))
            else:
                record(digest, today=today)  # at once: a run killed after this mail does not send it again
                run.sent.append(digest)
    finally:
        with contextlib.suppress(OSError, smtplib.SMTPException):  # a server gone meanwhile: its mail is recorded
            mail_server.close()
    return run


def record(digest, *, today):
    """Record every item of a digest the server accepted, in one statement (its own commit)."""
    rows = [SentReminder(user=digest.user, item=item.key, reason=item.reason, sent_on=today) for item in digest.items]
    # Recorded once whatever happens (the unique constraint): a second record of the same item is no news.
    SentReminder.objects.bulk_create(rows, ignore_conflicts=True)
