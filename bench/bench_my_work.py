"""Benchmark the reminders and My work: `send_reminders` for 20 and for 200 people with 50 items each must make
the same number of queries beyond the records of each digest, and `/my-work/` for a manager of the large
council must stay within 100 ms.

Run by `make bench` (DJANGO_DEBUG=0), on the throwaway database of `bench.councils`. The digests go to a real SMTP
server on 127.0.0.1 (aiosmtpd). My work is timed through Django's test client (server time: middleware, queries,
template; no network) as at 15 June 2021, when the large council's next review (2022, started from its 2020 one)
is due in a fortnight: 10 officers have 20 objectives each, a third scored, and keep its 600 open actions, about
half of them overdue.
"""

import datetime
import os
import socket
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
BUDGET_MS = 100
ITEMS = 50
TODAY = datetime.date(2021, 6, 15)


def people_with_work(first, count, *, review, objectives):
    """Make `count` officers with an email address, each keeping ITEMS open actions due within the fortnight."""
    from django.contrib.auth.models import Group, User

    from objectives.models import Action

    officers = Group.objects.get(name="Procurement officer")
    users = User.objects.bulk_create(
        User(
            username=f"bench-officer-{n}", email=f"officer-{n}@council.example", first_name="Officer", last_name=str(n)
        )
        for n in range(first, first + count)
    )
    officers.user_set.add(*users)
    actions = Action.objects.bulk_create(
        Action(
            raised_in=review,
            objective=objectives[(n + i) % len(objectives)],
            text=f"Bench action {n} {i}.",
            owner=user,
            due_date=TODAY + datetime.timedelta(days=i % 28 - 14),  # half overdue, half due within 14 days
            position=1000 + i,
        )
        for n, user in enumerate(users)
        for i in range(ITEMS)
    )
    Action.reviews.through.objects.bulk_create(
        Action.reviews.through(action_id=action.pk, review_id=review.pk) for action in actions
    )


def time_reminders():
    """Return (seconds, queries, digests sent) of one send_reminders run as at TODAY."""
    from objectives.models import SentReminder
    from objectives.services.reminders import due_digests, send

    SentReminder.objects.all().delete()
    runs = []
    start = time.perf_counter()

    # Each accepted digest is recorded as it is accepted (its own INSERT), so that a killed run does not send it again:
    # those are left out, and the rest, the reading, must not grow with the people.
    def records(sql):  # INSERT INTO, or SQLite's INSERT OR IGNORE INTO, and the BEGIN of its own transaction
        return sql == "BEGIN" or sql.startswith("INSERT") and '"objectives_sentreminder"' in sql.split("(", 1)[0]

    queries = count_queries(lambda: runs.append(send(due_digests(today=TODAY), today=TODAY)), ignoring=records)
    seconds = time.perf_counter() - start
    if runs[0].failed:
        sys.exit(f"send_reminders failed: {runs[0].failed[0][1]}")
    return seconds, queries, len(runs[0].sent)


def count_queries(call, ignoring=None):
    """Return how many statements `call` sends the database (an executemany counts once), DEBUG or not; those
    that `ignoring(sql)` is true of are not counted."""
    from django.db import connection

    statements = []

    def counted(execute, sql, params, many, context):
        if not (ignoring and ignoring(sql)):
            statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        call()
    return len(statements)


def bench_reminders(large):
    from aiosmtpd.controller import Controller
    from django.conf import settings
    from django.core.mail.utils import DNS_NAME

    from objectives.models import Objective

    class Sink:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    str(DNS_NAME)  # the host's name, looked up once per process (seconds without DNS): not the digests' time
    objectives = list(Objective.objects.filter(framework=large.framework))
    print(f"send_reminders, {ITEMS} items a person, to a real SMTP server on 127.0.0.1")
    try:
        people_with_work(0, 20, review=large, objectives=objectives)
        few = time_reminders()
        people_with_work(20, 180, review=large, objectives=objectives)
        many = time_reminders()
    finally:
        controller.stop()
    for (seconds, queries, sent), label in ((few, "20 people"), (many, "200 people")):
        print(f"  {label:<12} {sent:4d} digests  {seconds:6.1f} s  {queries:2d} queries and each digest's record")
    print(f"  queries 200 / 20 people: {many[1] / few[1]:.1f}x")
    if many[2] - few[2] != 180:  # and one each to My work's officers, whose actions are due too
        sys.exit(f"send_reminders sent {few[2]} and {many[2]} digests: not 180 more for 180 more people")
    if many[1] != few[1]:
        sys.exit("send_reminders makes more queries for more people: some query grows with the people.")


def bench_my_work(large):
    import time_machine
    from django.contrib.auth.models import Group, User
    from django.test import Client

    from objectives.models import Action, Assessment
    from objectives.services.assignments import assign
    from objectives.services.reviews import start_review

    manager = User.objects.get(username="bench-manager")
    with time_machine.travel(datetime.datetime(2021, 6, 15, 9, 0, tzinfo=datetime.UTC), tick=True):
        draft = start_review(previous=large, year=2022, by=manager)
        officers = User.objects.bulk_create(
            User(username=f"bench-scorer-{n}", email=f"scorer-{n}@council.example") for n in range(10)
        )
        Group.objects.get(name="Procurement officer").user_set.add(*officers)
        assessments = list(Assessment.objects.for_review(draft).order_by("objective__number"))
        officers_of = {a.pk: officers[n * len(officers) // len(assessments)] for n, a in enumerate(assessments)}
        assign(review=draft, officers=officers_of, due_by=datetime.date(2021, 6, 29), by=manager)
        Assessment.objects.filter(pk__in=[a.pk for a in assessments[::3]]).update(score=3)
        people = [*officers, manager]
        for n, action in enumerate(Action.objects.filter(reviews=draft).open().order_by("pk")):
            Action.objects.filter(pk=action.pk).update(owner=people[n % len(people)])
        open_actions = Action.objects.filter(reviews=draft).open().count()
        overdue = Action.objects.filter(reviews=draft).open().filter(due_date__lt=TODAY).count()
        client = Client(HTTP_HOST="localhost")
        client.force_login(manager)
        for _ in range(3):
            assert client.get("/my-work/").status_code == 200
        queries = count_queries(lambda: client.get("/my-work/"))
        if os.environ.get("BENCH_PROFILE"):
            import cProfile

            cProfile.runctx("client.get('/my-work/')", globals(), {"client": client}, sort="cumtime")
        times = []
        for _ in range(30):
            start = time.perf_counter()
            assert client.get("/my-work/").status_code == 200
            times.append((time.perf_counter() - start) * 1000)
    median = statistics.median(times)
    print(f"My work, a manager of the large council: {len(assessments)} objectives in the draft, {open_actions} open")
    print(f"actions, {overdue} overdue; server time, median of 30 requests")
    verdict = "within" if median < BUDGET_MS else "OVER"
    print(f"  /my-work/ {median:7.1f} ms  {queries:2d} queries: {verdict} the {BUDGET_MS} ms budget")


def main():
    from bench.councils import bench_councils

    with bench_councils() as (_demo, large):
        bench_my_work(large)
        bench_reminders(large)


if __name__ == "__main__":
    main()
