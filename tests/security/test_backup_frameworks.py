"""Back up two frameworks' reviews of one year and restore them to the same scorecard, framework by framework."""

import re

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from objectives.models import Assessment, Framework, Review
from objectives.services.reviews import start_first_review
from tests.factories import make_framework, make_key_area, make_objective, make_theme
from tests.security.processes import wipe

pytestmark = pytest.mark.django_db(transaction=True)
PAGES = [
    "/reviews/",
    "/reviews/2021/",
    "/reviews/pa2023-readiness/2021/",
    "/reviews/pa2023-readiness/2021/objectives/2/",
]


def snapshot(client, username):
    client.force_login(User.objects.get(username=username))
    pages = {}
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    return {
        "pages": pages,
        "frameworks": list(
            Framework.objects.order_by("slug").values("name", "slug", "version", "title", "allows_not_applicable")
        ),
        "reviews": list(Review.objects.order_by("pk").values("id", "framework__slug", "year", "status")),
        "assessments": list(
            Assessment.objects.order_by("pk").values(
                "id", "review__framework__slug", "objective__number", "score", "not_applicable", "not_applicable_reason"
            )
        ),
    }


def test_two_frameworks_reviews_of_one_year_are_restored_each_to_its_own(client, seed_review, manager, tmp_path):
    readiness = make_framework(
        name="Procurement Act 2023 readiness",
        slug="pa2023-readiness",
        levels=["Not started", "In progress", "In place", "Evidenced"],
        allows_not_applicable=True,
    )
    area = make_key_area(theme=make_theme(framework=readiness, name="Governance"), name="Governance duties")
    make_objective(key_area=area, number=1, title="Conflicts of interest assessed")
    make_objective(key_area=area, number=2, title="Pipeline notice published")
    review = start_first_review(framework=readiness, year=2021, by=manager)
    Assessment.objects.filter(review=review, objective__number=1).update(score=3)
    Assessment.objects.filter(review=review, objective__number=2).update(
        not_applicable=True, not_applicable_reason="Annual spend is under 100 million pounds."
    )
    before = snapshot(client, manager.username)
    path = tmp_path / "backup.xml"
    call_command("backup_scorecard", str(path))
    wipe()
    assert not Review.objects.exists() and not Framework.objects.exists()
    call_command("restore_scorecard", str(path))
    after = snapshot(client, manager.username)
    assert after == before
    assert [r["framework__slug"] for r in after["reviews"]] == ["nps-2018", "pa2023-readiness"]
