"""The scorecard page shows exactly what the committee document says, grouped as it is."""

import html
import re

import pytest

from tests.seed import EXPECTED, seed_paragraphs, sentences

LEVEL_NAMES = {2: "Developing", 3: "Mature"}


def page_text(response):
    return html.unescape(re.sub(r"\s+", " ", response.content.decode()))


def test_anonymous_visitors_are_sent_to_sign_in(client, seed_review):
    response = client.get("/reviews/2021/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/reviews/2021/"


def test_the_scorecard_shows_every_objective_score_and_sentence(client, seed_review, committee_member):
    client.force_login(committee_member)
    response = client.get("/reviews/2021/")
    assert response.status_code == 200
    text = page_text(response)
    for number, (title, description, paragraphs) in seed_paragraphs().items():
        row = re.search(rf'<tr id="objective-{number}">(.*?)</tr>', text).group(1)
        assert title in row and description in row
        score = EXPECTED[number][2]
        assert re.search(rf'level-{score}">{score}</span> {LEVEL_NAMES[score]}', row)
        for _, paragraph in paragraphs:
            for sentence in sentences(paragraph):
                assert sentence in row, f"#{number} lacks {sentence!r}"


def test_the_scorecard_is_grouped_like_the_seed(client, seed_review, committee_member):
    client.force_login(committee_member)
    text = page_text(client.get("/reviews/2021/"))
    headings = re.findall(r"<h[23][^>]*>(.*?)</h[23]>", text)
    assert headings == [
        "Continued Objectives",
        "Engaging councillors",
        "Engaging senior managers",
        "Obtaining social value",
        "Enablers",
        "New Objectives",
        "Obtaining social value",
    ]
    numbers = [int(n) for n in re.findall(r'<tr id="objective-(\d+)">', text)]
    assert numbers == [3, 7, 32, 39, 40, 57, 31, 33, 34, 35, 36, 37, 38]


def test_the_reviews_page_lists_years_with_status_and_figures(client, seed_review, officer):
    client.force_login(officer)
    text = page_text(client.get("/reviews/"))
    assert re.search(
        r'<a href="/reviews/2021/">2021<span class="visually-hidden"> NPS 2018</span></a>'
        r".*?Published.*?13.*?13.*?2\.54",
        text,
    )


@pytest.mark.parametrize("path", ["/", "/reviews/"])
def test_home_and_list_need_sign_in(client, seed_review, path):
    assert client.get(path).status_code == 302


def test_home_goes_to_the_latest_review(client, seed_review, committee_member):
    client.force_login(committee_member)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/reviews/2021/"


def test_the_login_page_is_styled_and_open(client, db):
    response = client.get("/login/")
    assert response.status_code == 200
    assert b'<label class="form-label" for="id_username">Username</label>' in response.content
    assert b"bootstrap.min.css" in response.content


def test_the_scorecard_makes_the_same_queries_whatever_its_size(client, nps, manager):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_assessment, make_objective, make_seed_review

    review = make_seed_review(framework=nps)
    client.force_login(manager)
    client.get("/reviews/2021/")
    with CaptureQueriesContext(connection) as small:
        client.get("/reviews/2021/")
    enablers = nps.themes.get(slug="enablers").key_areas.get()
    for number in range(60, 90):
        make_assessment(review=review, objective=make_objective(key_area=enablers, number=number), score=3)
    with CaptureQueriesContext(connection) as large:
        assert b"objective-89" in client.get("/reviews/2021/").content
    assert len(large) == len(small)


def test_the_reviews_page_lists_the_newest_first(client, seed_review, manager):
    from objectives.services.reviews import start_review

    start_review(previous=seed_review, year=2022, by=manager)
    client.force_login(manager)
    content = client.get("/reviews/").content.decode()
    assert content.index('href="/reviews/2022/"') < content.index('href="/reviews/2021/"')
