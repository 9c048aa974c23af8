"""Back up everything and restore it to an identical scorecard."""

import re

import pytest
from django.core.management import CommandError, call_command

from objectives.models import Assessment, Objective, Review
from objectives.services.reviews import start_review
from tests.security.processes import wipe


def snapshot(client, user):
    client.force_login(user)
    pages = {}
    for url in ["/reviews/", "/reviews/2021/", "/reviews/2022/", "/reviews/2022/objectives/3/"]:
        html = client.get(url).content.decode()
        pages[url] = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return {
        "pages": pages,
        # Catalogue rows are restored by natural key, so their ids may differ: compare what they say.
        "assessments": list(
            Assessment.objects.order_by("pk").values(
                "id",
                "review_id",
                "objective__number",
                "score",
                "target",
                "origin",
                "comments",
                "version",
                "updated_at",
            )
        ),
        "reviews": list(
            Review.objects.order_by("pk").values(
                "id", "year", "status", "published_at", "published_by__username", "created_at", "updated_at"
            )
        ),
        "objectives": list(Objective.objects.order_by("number").values("number", "title", "key_area__name")),
        "assessment_history": list(
            Assessment.history.order_by("history_id").values(
                "history_id", "id", "score", "comments", "history_type", "history_user__username", "history_date"
            )
        ),
        "review_history": list(Review.history.order_by("history_id").values("status", "history_change_reason")),
    }


# Emptying the database (flush) must commit, so these tests run outside the usual test transaction.
pytestmark = pytest.mark.django_db(transaction=True)


def test_backup_and_restore_give_an_identical_scorecard(client, seed_review, manager, tmp_path):
    draft = start_review(previous=seed_review, year=2022, by=manager)
    a = draft.assessments.get(objective__number=3)
    a.score, a.comments, a._history_user = 3, "Edited before the backup.", manager
    a.save()
    before = snapshot(client, manager)
    path = tmp_path / "backup.xml"
    call_command("backup_scorecard", str(path))
    wipe()
    assert not Review.objects.exists()
    call_command("restore_scorecard", str(path))
    after = snapshot(client, manager.__class__.objects.get(username=manager.username))
    assert after == before


def test_restore_refuses_a_database_that_holds_a_scorecard(seed_review, tmp_path):
    path = tmp_path / "backup.xml"
    call_command("backup_scorecard", str(path))
    with pytest.raises(CommandError, match="already holds a scorecard"):
        call_command("restore_scorecard", str(path))


def test_a_restored_database_keeps_its_invariants(seed_review, tmp_path):
    path = tmp_path / "backup.xml"
    call_command("backup_scorecard", str(path))
    wipe()
    call_command("restore_scorecard", str(path))
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.filter(objective__number=3).update(score=9)
