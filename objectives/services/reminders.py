"""The reminder digests of `manage.py send_reminders`: one email a day to each person, of what is theirs and due.

An item is due for reminding when its source gives it a reason (`objectives.queries.my_work`: objectives to score when
their review's due date is SCORECARD_DUE_SOON_DAYS away or past, actions due within those days or overdue, and
evidence past its review-by date). Each person gets at most one digest a day, and an item is sent once: what the
mail server accepted is recorded (`SentReminder`: person, item, reason, day), and the item comes again only when its
reason changes or a week has passed. A mail the server refuses, or could not take because it was down, is not
recorded, so that the next run sends it.
"""

import contextlib
import datetime
import smtplib
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.template.loader import render_to_string

from objectives.models import Profile, SentReminder, person
from objectives.queries.my_work import SOURCES, everyones_items

AGAIN_AFTER = datetime.timedelta(days=7)


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
        else:
            sections = [(source, [i for i in due if i.source == source.key]) for source in SOURCES]
            run.digests.append(Digest(user, [(source, items) for source, items in sections if items]))
    return run


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


def send(run, *, today):
    """Send each digest of the run over one SMTP connection; record those the server accepted, only those."""
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
            try:
                message(digest, connection=mail_server).send()
            except (OSError, smtplib.SMTPException) as error:
                run.failed.append((digest, error))
            else:
                run.sent.append(digest)
    finally:
        record(run.sent, today=today)
        with contextlib.suppress(OSError, smtplib.SMTPException):  # a server gone meanwhile: its mail is recorded
            mail_server.close()
    return run


def record(digests, *, today):
    """Record every item of the digests sent, in one statement executed for each row, however many people."""
    rows = [(d.user.pk, item.key, item.reason, today) for d in digests for item in d.items]
    if not rows:
        return
    ops = connection.ops
    table = ops.quote_name(SentReminder._meta.db_table)
    columns = ", ".join(ops.quote_name(name) for name in ("user_id", "item", "reason", "sent_on"))
    day = ops.adapt_datefield_value(today)
    with transaction.atomic(), connection.cursor() as cursor:  # one commit, not one a row
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s)",
            [(user_id, key, reason, day) for user_id, key, reason, _ in rows],
        )
