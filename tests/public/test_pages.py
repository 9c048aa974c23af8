"""The public pages for residents: what they show, what they never show, and how they are served."""

import csv
import io
import json
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from objectives.models import Assessment, Evidence, OwnScore
from objectives.services.public import make_public, withdraw_public
from tests.public.conftest import SECRET_AGREEMENT, SECRET_DRAFT, SECRET_EVIDENCE, SECRET_RATIONALE

pytestmark = pytest.mark.django_db

ADDRESSES = ["/public/2022/", "/public/2022/scorecard.csv", "/public/2022/scorecard.json"]


def anonymous():
    return Client()


def test_the_list_shows_the_public_reviews_only(public_pair, draft_2023):
    page = anonymous().get("/public/").content.decode()
    assert 'href="/public/2021/"' in page and 'href="/public/2022/"' in page
    assert "/public/2023/" not in page


@pytest.fixture
def draft_2023(public_pair, manager):
    from objectives.services.reviews import start_review

    return start_review(previous=public_pair[1], year=2023, by=manager)


def test_drafts_and_unpublished_reviews_are_not_found(seed_review, draft):
    for path in ["/public/2021/", "/public/2022/", "/public/2021/scorecard.csv", "/public/2022/scorecard.json"]:
        response = anonymous().get(path)
        assert response.status_code == 404, path
        assert "There is no published scorecard at this address" in response.content.decode()
    assert anonymous().get("/public/1999/").status_code == 404


def test_a_withdrawn_review_is_gone_and_says_so(public_pair, manager):
    withdraw_public(public_pair[1], by=manager)
    for path in ADDRESSES:
        response = anonymous().get(path)
        assert response.status_code == 410, path
        assert "This scorecard has been withdrawn" in response.content.decode()
    assert "/public/2022/" not in anonymous().get("/public/").content.decode()


def test_a_reopened_review_once_public_is_gone(public_pair, manager):
    public_pair[1].reopen(by=manager, reason="A score was wrong")
    assert anonymous().get("/public/2022/").status_code == 410


def test_the_page_shows_the_review_its_figures_and_the_levels(public_pair, settings):
    response = anonymous().get("/public/2022/")
    page = response.content.decode()
    assert response.status_code == 200
    for text in [settings.COUNCIL_NAME, "NPS 2018", "2022 procurement scorecard", "How to read this", "Charts"]:
        assert text in page
    for name in ["Minimum", "Developing", "Mature", "Leader", "Innovator"]:
        assert name in page
    assert 'href="/public/2021/"' in page  # compared with the previous public review
    assert 'href="/public/2022/scorecard.csv"' in page and 'href="/public/2022/scorecard.json"' in page
    assert "<details><summary>The chart's figures as a table</summary><table>" in page
    assert "reported progress on objective 3" in page  # comments were chosen
    assert re.search(r"\((Red|Amber|Green|Done|Not yet planned|Dropped)\)</strong>", page)


def test_comments_are_shown_only_if_chosen(public_pair):
    page = anonymous().get("/public/2021/").content.decode()
    seed_comment = Assessment.objects.filter(review=public_pair[0]).exclude(comments="").first().comments
    assert seed_comment.split("\n")[0][:60] not in page
    assert "comments" not in json.loads(anonymous().get("/public/2021/scorecard.json").content)["objectives"][0]
    rows = list(csv.DictReader(io.StringIO(anonymous().get("/public/2021/scorecard.csv").content.decode())))
    assert {row["comments"] for row in rows} == {""}


def private_words():
    """Every user's names and email address, every evidence title, own score's rationale, agreement's reason, and
    what the drafting history holds that the signed-off review does not."""
    words = []
    for user in User.objects.all():
        words += [user.email, user.username, user.first_name, user.last_name]
    words += list(Evidence.objects.values_list("title", flat=True))
    words += [rationale for rationale in OwnScore.objects.values_list("rationale", flat=True) if rationale]
    words += [SECRET_EVIDENCE, SECRET_RATIONALE, SECRET_DRAFT, SECRET_AGREEMENT]
    return [word for word in words if word]


def test_nothing_private_on_the_page_or_in_the_files(public_pair):
    words = private_words()
    assert SECRET_RATIONALE in words and SECRET_EVIDENCE in words and "morgan.private@council.example" in words
    for path in ["/public/", "/public/2021/", "/public/2021/scorecard.csv", *ADDRESSES]:
        body = anonymous().get(path).content.decode()
        for word in words:
            assert not re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", body, re.IGNORECASE), (path, word)
        assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", body), path  # no email address at all


def page_figures(page):
    """(number, score label, target label) of each objective row of the page."""
    rows = re.findall(r'<tr id="objective-(\d+)">.*?</th>\s*<td>(.*?)</td>\s*<td>(.*?)</td>', page, re.S)
    return [(int(number), score, target) for number, score, target in rows]


def test_the_csv_and_json_round_trip_the_page(public_pair):
    page = anonymous().get("/public/2022/").content.decode()
    shown = page_figures(page)
    assert len(shown) == Assessment.objects.filter(review=public_pair[1]).count()
    response = anonymous().get("/public/2022/scorecard.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="scorecard-2022.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(int(r["objective_number"]), r["agreed_level"], r["target_level"]) for r in rows] == shown
    document = json.loads(anonymous().get("/public/2022/scorecard.json").content)
    assert document["format_version"] == 1 and document["year"] == 2022 and document["compared_with_year"] == 2021
    assert [o["number"] for o in document["objectives"]] == [number for number, _, _ in shown]
    agreed = dict(Assessment.objects.filter(review=public_pair[1]).values_list("objective__number", "score"))
    assert {o["number"]: o["agreed_score"] for o in document["objectives"]} == agreed
    assert {int(r["objective_number"]): int(r["agreed_score"]) for r in rows} == agreed
    assert agreed[3] == 2  # the agreed score, not the own score (1)
    for theme in document["themes"]:
        assert f'<th scope="row">{theme["name"]}</th><td>{theme["mean_score"]:.1f}</td>' in page


def test_etag_and_304(public_pair, manager):
    for path in ADDRESSES:
        first = anonymous().get(path)
        assert first["Cache-Control"] in ("public, max-age=300", "max-age=300, public")
        etag = first["ETag"]
        again = anonymous().get(path, headers={"if-none-match": etag})
        assert again.status_code == 304 and again.content == b""
    withdraw_public(public_pair[1], by=manager)
    make_public(public_pair[1], by=manager, include_comments=False)
    assert anonymous().get(ADDRESSES[0], headers={"if-none-match": etag}).status_code == 200


def test_no_session_no_cookie_and_the_security_headers(public_pair, client, manager):
    client.force_login(manager)  # even signed in, the public pages read no session
    for path in ["/public/", *ADDRESSES, "/public/1999/"]:
        for visitor in (anonymous(), client):
            response = visitor.get(path)
            assert not response.cookies, path
            assert "Cookie" not in response.get("Vary", ""), path  # the session (and so the user) was never read
            assert "Content-Security-Policy" in response and response["X-Content-Type-Options"] == "nosniff"
    assert "Sign out" not in client.get("/public/2022/").content.decode()


def test_only_get_and_head(public_pair):
    assert anonymous().post("/public/2022/").status_code == 405
    assert anonymous().head("/public/2022/").status_code == 200


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=300), path=st.sampled_from(["/public/", *ADDRESSES, "/public/2021/"]))
def test_hostile_query_strings_give_no_server_error(public_pair, query, path):
    response = Client(raise_request_exception=False).get(path, QUERY_STRING=query)
    assert response.status_code in (200, 400, 404), (path, query)


@pytest.mark.parametrize(
    "path",
    ["/public/2022/?%00=%00", "/public/2022/?" + "a" * 5000, "/public/%ED%A0%80/", "/public/abc/2022/scorecard.csv"],
)
def test_hostile_addresses(public_pair, path):
    assert Client(raise_request_exception=False).get(path).status_code in (200, 400, 404)
