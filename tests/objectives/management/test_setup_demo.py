import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from objectives.models import Assessment, Evidence, Framework, Mapping, Review


def test_setup_demo_refuses_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG=1"):
        call_command("setup_demo")
    assert not User.objects.exists()


def test_setup_demo_loads_the_seed_published_with_a_user_per_role(db, settings, capsys):
    settings.DEBUG = True
    call_command("setup_demo")
    out = capsys.readouterr().out
    review = Review.objects.get(year=2021)
    assert review.is_published and review.published_by.username == "manager"
    assert Assessment.objects.filter(review=review).count() == 13
    roles = {u.username: list(u.groups.values_list("name", flat=True)) for u in User.objects.all()}
    assert roles == {
        "officer": ["Procurement officer"],
        "manager": ["Manager"],
        "committee": ["Committee member"],
        "admin": [],
    }
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="officer").email == "officer@council.example"
    assert "officer-demo-pass" in out


def test_setup_demo_keeps_the_data_when_run_again(db, settings):
    settings.DEBUG = True
    call_command("setup_demo")
    review = Review.objects.get(year=2021)
    review.reopen(by=User.objects.get(username="manager"), reason="A late correction")
    Assessment.objects.filter(objective__number=3).update(score=4, comments="Edited since.")
    call_command("setup_demo")
    edited = Assessment.objects.get(objective__number=3)
    assert (edited.score, edited.comments) == (4, "Edited since.")
    assert User.objects.count() == 4


def test_the_demo_is_signed_off_on_a_date_of_its_year_not_the_day_it_was_loaded(db, settings):
    settings.DEBUG = True
    call_command("setup_demo")
    review = Review.objects.get(year=2021)
    assert review.published_at.date().isoformat() == "2022-03-31"
    assert review.history.filter(history_change_reason="Published").get().history_date == review.published_at


def test_the_demo_has_a_pdf_and_a_link_of_evidence_that_the_committee_downloads(db, settings, client):
    settings.DEBUG = True
    call_command("setup_demo")
    client.force_login(User.objects.get(username="committee"))
    pdf, link = Evidence.objects.order_by("assessment__objective__number")
    assert (pdf.kind, link.kind) == ("PDF", "Link")
    response = client.get(f"/evidence/{pdf.pk}/download/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")


def test_the_demos_history_says_it_was_signed_off_and_not_reopened(db, settings, client):
    """The seed is imported today and signed off on its own date, in 2022: the history reads the records in the
    order they were written, so the sign-off follows the start, and nothing was reopened."""
    settings.DEBUG = True
    call_command("setup_demo")
    client.force_login(User.objects.get(username="manager"))
    html = client.get("/reviews/2021/objectives/3/").content.decode()
    assert "Published (signed off)</strong> by Morgan Mensah, <time" in html and "31 March 2022, 17:00</time>" in html
    assert "Reopened" not in html


def test_the_demo_offers_both_frameworks_from_the_start_with_their_mapping(db, settings, client, capsys):
    settings.DEBUG = True
    call_command("setup_demo")
    assert "Loaded mapping from pa2023-readiness to nps-2018: adds 14." in capsys.readouterr().out
    assert sorted(Framework.objects.values_list("slug", flat=True)) == ["nps-2018", "pa2023-readiness"]
    assert Mapping.objects.count() == 14
    client.force_login(User.objects.get(username="manager"))
    text = client.get("/reviews/new/").content.decode()
    assert "Start a review of NPS 2018" in text and "Start a review of Procurement Act 2023 readiness" in text
    call_command("setup_demo")
    assert "Loaded" not in capsys.readouterr().out  # there already: left as it is
