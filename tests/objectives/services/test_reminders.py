"""`manage.py send_reminders` against a real SMTP server on 127.0.0.1: the right digests, never twice, again after a
failure, and not to those who opted out or have no email address."""

import datetime

import pytest
import time_machine
from django.core.management import CommandError, call_command

from objectives.models import Profile, SentReminder
from objectives.services.assignments import assign
from tests.factories import make_action, make_evidence
from tests.objectives.services.smtp import SMTPServer

TODAY = datetime.date(2026, 3, 20)


@pytest.fixture
def smtp(settings):
    server = SMTPServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", server.port, False
    settings.DEFAULT_FROM_EMAIL = "scorecard@council.example"
    settings.SCORECARD_SITE_URL = "https://scorecard.council.example"
    yield server
    server.stop()


@pytest.fixture
def work(draft, officer, manager):
    """The officer has #3 and #31 to score by 1 April (12 days on); actions overdue, due soon and far off."""
    officer.email, manager.email = "olivia@council.example", "morgan@council.example"
    officer.save(), manager.save()
    assessments = {a.objective.number: a for a in draft.assessments.select_related("objective")}
    assign(
        review=draft,
        officers={assessments[3].pk: officer, assessments[31].pk: officer, assessments[7].pk: manager},
        due_by=datetime.date(2026, 4, 1),
        by=manager,
    )
    assessments[7].score = 3
    assessments[7].save()  # the manager's is scored: nothing to remind
    objective = assessments[3].objective
    return {
        "overdue": make_action(
            review=draft,
            objective=objective,
            text="Train the buyers.",
            owner=officer,
            due_date=datetime.date(2026, 3, 1),
        ),
        "soon": make_action(
            review=draft,
            objective=objective,
            text="Publish the pipeline.",
            owner=officer,
            due_date=datetime.date(2026, 4, 2),
        ),
        "later": make_action(
            review=draft,
            objective=objective,
            text="Review the strategy.",
            owner=officer,
            due_date=datetime.date(2026, 9, 1),
        ),
        "managers": make_action(
            review=draft,
            objective=objective,
            text="Brief the cabinet.",
            owner=manager,
            due_date=datetime.date(2026, 3, 25),
        ),
    }


def run(capsys):
    call_command("send_reminders")
    return capsys.readouterr().out


@time_machine.travel(datetime.datetime(2026, 3, 20, 7, 0, tzinfo=datetime.UTC), tick=False)
def test_each_person_gets_one_digest_of_what_is_theirs_and_due(smtp, work, capsys):
    out = run(capsys)
    assert "2 digest(s) sent, 0 failed" in out
    (mail,) = smtp.handler.to("olivia@council.example")
    assert mail["From"] == "scorecard@council.example"
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    for words in ["#3 Councillor Development", "#31", "Train the buyers.", "Publish the pipeline."]:
        assert words in text, text
        assert words in html
    assert "Review the strategy." not in text  # due in September: not yet
    assert "Overdue: due 1 March 2026" in text and "Due soon: due 2 April 2026" in text
    assert "https://scorecard.council.example/reviews/2022/objectives/3/edit/" in text
    assert f'href="https://scorecard.council.example/actions/{work["overdue"].pk}/progress/"' in html
    (managers,) = smtp.handler.to("morgan@council.example")
    body = managers.get_body(("plain",)).get_content()
    assert "Brief the cabinet." in body and "#7" not in body
    assert SentReminder.objects.filter(user__email="olivia@council.example").count() == 4


@time_machine.travel(datetime.datetime(2026, 3, 20, 7, 0, tzinfo=datetime.UTC), tick=False)
def test_a_second_run_on_the_same_day_sends_nothing(smtp, work, capsys):
    run(capsys)
    assert len(smtp.handler.messages) == 2
    out = run(capsys)
    assert "0 digest(s) sent" in out
    assert len(smtp.handler.messages) == 2


def test_an_item_comes_again_when_its_reason_changes_or_a_week_passes(smtp, work, capsys):
    with time_machine.travel(datetime.datetime(2026, 3, 20, 7, 0, tzinfo=datetime.UTC), tick=False):
        run(capsys)
    smtp.handler.messages.clear()
    with time_machine.travel(datetime.datetime(2026, 3, 26, 7, 0, tzinfo=datetime.UTC), tick=False):
        run(capsys)  # the manager's action is now overdue: a new reason; the officer's are as they were
        assert [m["To"] for m in smtp.handler.messages] == ["morgan@council.example"]
        assert "Overdue" in smtp.handler.messages[0].get_body(("plain",)).get_content()
    smtp.handler.messages.clear()
    with time_machine.travel(datetime.datetime(2026, 3, 27, 7, 0, tzinfo=datetime.UTC), tick=False):
        run(capsys)  # a week after the first digest
        (mail,) = smtp.handler.to("olivia@council.example")
        text = mail.get_body(("plain",)).get_content()
        assert "Train the buyers." in text and "#3 Councillor Development" in text
        assert not smtp.handler.to("morgan@council.example")  # reminded yesterday


@time_machine.travel(datetime.datetime(2026, 3, 20, 7, 0, tzinfo=datetime.UTC), tick=False)
def test_a_server_that_is_down_sends_next_run(smtp, work, capsys):
    smtp.stop()
    with pytest.raises(CommandError, match="0 digest\\(s\\) sent, 2 failed"):
        call_command("send_reminders")
    assert "FAILED to olivia@council.example" in capsys.readouterr().err
    assert not SentReminder.objects.exists()
    smtp.start()
    assert "2 digest(s) sent, 0 failed" in run(capsys)
    assert len(smtp.handler.messages) == 2


@time_machine.travel(datetime.datetime(2026, 3, 20, 7, 0, tzinfo=datetime.UTC), tick=False)
def test_a_refused_message_is_not_recorded_and_goes_again(smtp, work, capsys, officer):
    smtp.handler.refuse.add("olivia@council.example")
    with pytest.raises(CommandError, match="1 digest\\(s\\) sent, 1 failed"):
        call_command("send_reminders")
    captured = capsys.readouterr()
    assert "sent to morgan@council.example" in captured.out
    assert "FAILED to olivia@council.example" in captured.err and "550" in captured.err
    assert not SentReminder.objects.filter(user=officer).exists()
    smtp.handler.refuse.clear()
    assert "1 digest(s) sent, 0 failed" in run(capsys)
    assert len(smtp.handler.to("olivia@council.example")) == 1


@time_machine.travel(datetime.datetime(2026, 3, 20, 7, 0, tzinfo=datetime.UTC), tick=False)
def test_opting_out_and_no_email_address_are_honoured(smtp, work, capsys, officer, manager, client):
    client.force_login(officer)
    assert client.post("/account/", {}).status_code == 302  # the box unticked: no digests
    assert Profile.objects.get(user=officer).digests is False
    manager.email = ""
    manager.save()
    out = run(capsys)
    assert smtp.handler.messages == []
    assert "skipped Olivia Okafor (olivia): digests turned off" in out
    assert "skipped Morgan Mensah (morgan): no email address" in out
    assert not SentReminder.objects.exists()


def test_nothing_due_needs_no_mail_server(smtp, draft, capsys):
    smtp.stop()
    assert "0 digest(s) sent, 0 failed, 0 skipped" in run(capsys)


@time_machine.travel(datetime.datetime(2026, 3, 20, 7, 0, tzinfo=datetime.UTC), tick=False)
def test_evidence_past_its_review_by_date_is_in_its_owners_digest(smtp, work, capsys, officer, draft):
    item = make_evidence(
        assessment=draft.assessments.get(objective__number=3),
        by=officer,
        title="Contract register",
        owner=officer,
        review_by=datetime.date(2026, 3, 19),
        link="https://x.org/register",
    )
    run(capsys)
    (mail,) = smtp.handler.to("olivia@council.example")
    text = mail.get_body(("plain",)).get_content()
    assert "Evidence to review" in text and "Contract register" in text and "To review: due 19 March 2026" in text
    assert f"https://scorecard.council.example/evidence/{item.pk}/edit/" in text
    assert SentReminder.objects.filter(item=f"evidence:{item.pk}", reason="to review").exists()
    assert "0 digest(s) sent" in run(capsys)


def test_one_digest_a_day_what_falls_due_later_that_day_goes_the_next(smtp, work, capsys, officer, draft):
    with time_machine.travel(datetime.datetime(2026, 3, 20, 7, 0, tzinfo=datetime.UTC), tick=False):
        run(capsys)
        smtp.handler.messages.clear()
        make_action(
            review=draft,
            objective=work["overdue"].objective,
            text="Chase the supplier.",
            owner=officer,
            due_date=datetime.date(2026, 3, 19),
        )
        assert "0 digest(s) sent" in run(capsys)  # a second run on the day: she had her digest this morning
    with time_machine.travel(datetime.datetime(2026, 3, 21, 7, 0, tzinfo=datetime.UTC), tick=False):
        run(capsys)
        (mail,) = smtp.handler.to("olivia@council.example")
        text = mail.get_body(("plain",)).get_content()
        assert "Chase the supplier." in text and "Train the buyers." not in text  # that one was sent yesterday
