"""`send_reminders` run as cron runs it: one run at a time (two started together send each digest once), each mail
recorded as the server accepts it (a run killed half-way sends none of those again), and a stored address no mail
can go to skipped and reported while everyone else gets theirs."""

import os
import subprocess
import sys
import threading
import time

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from objectives.models import RunLock
from objectives.services.reminders import STALE_AFTER, AlreadyRunning, alone
from tests.objectives.services.smtp import SMTPServer
from tests.security.processes import ROOT

pytestmark = pytest.mark.django_db(transaction=True)
PEOPLE = 6

# The same state for the processes and for the tests in this one: six officers, each with an overdue action.
SETUP = f"""
import datetime
from tests.factories import make_action, make_framework, make_key_area, make_objective, make_review, make_theme
from tests.factories import make_user
framework = make_framework()
objective = make_objective(key_area=make_key_area(theme=make_theme(framework=framework)), number=3)
review = make_review(framework=framework, year=2026)
for n in range({PEOPLE}):
    owner = make_user(username=f"officer{{n}}", group="Procurement officer", email=f"officer{{n}}@council.example")
    make_action(review=review, objective=objective, text=f"Action {{n}}.", owner=owner,
                due_date=datetime.date(2026, 1, 1))
"""


class SlowCollector:
    """Accept each message after `delay` seconds, as a busy server does; call `on_message(count)` first."""

    def __init__(self, delay, on_message=None):
        self.messages, self.delay, self.on_message = [], delay, on_message

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        if self.on_message:
            self.on_message(len(self.messages))
        time.sleep(self.delay)
        self.messages.append(envelope.rcpt_tos[0])
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp(settings):
    server = SMTPServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", server.port, False
    yield server
    server.stop()


def slow(server, delay, on_message=None):
    server.stop()
    server.handler = SlowCollector(delay, on_message)
    server.start()
    return server.handler


@pytest.fixture
def shared_database(transactional_db, tmp_path):
    """The DATABASE_URL of this test's database as another process reaches it: PostgreSQL's test database, or on
    SQLite (whose test database is in memory) a file migrated for the test. The SETUP state is in it."""
    if connection.vendor == "postgresql":
        settings = connection.settings_dict
        url = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
        exec(SETUP, {})  # noqa: S102 (the test's own code)
        return url
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    in_database(url, f"from django.core.management import call_command\ncall_command('migrate', verbosity=0)\n{SETUP}")
    return url


def environment(url, port=0):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "EMAIL_"))}
    env.update(DJANGO_SETTINGS_MODULE="scorecard.settings", DJANGO_DEBUG="1", DATABASE_URL=url)
    env.update(EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(port), DEFAULT_FROM_EMAIL="scorecard@council.example")
    return env


def in_database(url, code):
    """Run Django code in a process of its own against `url`; return what it printed."""
    done = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup()\n{code}"],
        cwd=ROOT,
        env=environment(url),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def send_reminders(url, port):
    command = [sys.executable, "manage.py", "send_reminders"]
    return subprocess.Popen(
        command, cwd=ROOT, env=environment(url, port), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def test_two_runs_started_together_send_each_digest_once(shared_database, smtp):
    collector = slow(smtp, 0.3)
    runs = [send_reminders(shared_database, smtp.port) for _ in range(2)]
    outputs = [
        (run.wait(timeout=120), *(stream.read().decode() for stream in (run.stdout, run.stderr))) for run in runs
    ]
    assert sorted(collector.messages) == sorted(f"officer{n}@council.example" for n in range(PEOPLE)), outputs
    statuses = sorted(code for code, _, _ in outputs)
    assert statuses in ([0, 0], [0, 1]), outputs
    if statuses == [0, 1]:  # the second started while the first ran: it says so and sends nothing
        assert any("send_reminders is already running" in err and "sent nothing" in err for _, _, err in outputs)


def test_a_run_killed_after_some_mails_keeps_them_recorded_and_the_next_sends_only_the_rest(shared_database, smtp):
    killed = threading.Event()
    collector = slow(smtp, 0.2, on_message=lambda count: count == 3 and killed.set())
    run = send_reminders(shared_database, smtp.port)
    assert killed.wait(timeout=60)
    run.kill()  # SIGKILL while the server takes the fourth mail: no `finally` runs
    run.wait(timeout=30)
    sent_before = list(collector.messages)
    assert len(sent_before) == 3
    recorded = in_database(
        shared_database,
        "from objectives.models import SentReminder\n"
        "print('\\n'.join(sorted(set(SentReminder.objects.values_list('user__email', flat=True)))))",
    )
    assert recorded.split() == sorted(sent_before)
    # The killed run's lock is still there; with no beat for STALE_AFTER, the next run takes it over.
    code = "from objectives.models import RunLock\nfrom django.utils import timezone\nimport datetime\n"
    late = STALE_AFTER.total_seconds() + 1
    code += f"print(RunLock.objects.update(beat_at=timezone.now() - datetime.timedelta(seconds={late})))"
    assert in_database(shared_database, code).strip() == "1"
    # The fourth mail, whose acceptance the killed run never heard, is not recorded: it goes again, as it must.
    time.sleep(0.5)
    already = len(collector.messages)
    again = send_reminders(shared_database, smtp.port)
    assert again.wait(timeout=120) == 0, again.stderr.read().decode()
    assert sorted(collector.messages[already:]) == sorted(
        f"officer{n}@council.example" for n in range(PEOPLE) if f"officer{n}@council.example" not in sent_before
    )


def test_a_lock_held_by_a_live_run_refuses_a_second_and_is_given_back(db):
    with alone() as lock:
        with pytest.raises(AlreadyRunning, match="send_reminders, held by"), alone():
            pass
        lock.beat()
    assert not RunLock.objects.exists()
    with alone():  # free again
        pass


def test_an_address_with_crlf_is_skipped_and_reported_and_everyone_else_gets_theirs(smtp, capsys):
    exec(SETUP, {})  # noqa: S102 (the test's own code)
    from django.contrib.auth.models import User

    User.objects.filter(username="officer2").update(email="officer2@council.example\r\nBcc: all@council.example")
    with pytest.raises(CommandError, match="1 email address"):
        call_command("send_reminders")
    captured = capsys.readouterr()
    assert (
        "SKIPPED officer2 (officer2): the email address 'officer2@council.example\\r\\nBcc: all@council.example'"
        in (captured.err)
    )
    assert "correct it in /admin/" in captured.err
    delivered = sorted(m["To"] for m in smtp.handler.messages)
    assert delivered == sorted(f"officer{n}@council.example" for n in range(PEOPLE) if n != 2)
    assert "Traceback" not in captured.err
