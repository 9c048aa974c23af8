"""The scorecard of a year in progress: the draft's progress, last year beside this year, and filters."""

import re

import pytest

from objectives.models import Assessment


@pytest.fixture
def scored(draft):
    """The draft with four objectives scored (#3 and #32 up, #7 the same, #31 down), the rest not."""
    review = draft
    scores = {3: (3, 3), 7: (2, 4), 31: (2, 3), 32: (4, None)}  # number: (score, target)
    for number, (score, target) in scores.items():
        Assessment.objects.filter(review=review, objective__number=number).update(score=score, target=target)
    Assessment.objects.filter(review=review, objective__number=7).update(comments="Training for buyers ran in May.")
    return review


def shown(client, query=""):
    page = client.get(f"/reviews/2022/{query}").content.decode()
    return sorted(int(number) for number in re.findall(r'<tr id="objective-(\d+)">', page)), page


def test_a_draft_shows_its_progress_by_theme(client, scored, officer):
    client.force_login(officer)
    _numbers, page = shown(client)
    assert "4 of 13 objectives scored" in page
    assert "Showing leadership: 2 of 2" in page and "Achieving community benefits: 2 of 10" in page


def test_last_years_score_and_the_change_are_in_words(client, scored, officer):
    client.force_login(officer)
    _numbers, page = shown(client)
    row = re.search(r'<tr id="objective-3">(.*?)</tr>', page, re.S).group(1)
    assert "2021 Score" in page
    assert "Up from 2" in row and 'level-2">2</span> Developing' in row
    assert "Same" in re.search(r'<tr id="objective-7">(.*?)</tr>', page, re.S).group(1)
    assert "Down from 3" in re.search(r'<tr id="objective-31">(.*?)</tr>', page, re.S).group(1)


@pytest.mark.parametrize(
    ("query", "numbers"),
    [
        ("", [3, 7, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 57]),
        ("?theme=showing-leadership", [3, 7]),
        ("?key_area=achieving-community-benefits.obtaining-social-value", [31, 32, 33, 34, 35, 36, 37, 38, 39, 40]),
        ("?below_target=on", [7, 31]),
        ("?not_scored=on&theme=enablers", [57]),
        ("?changed=on", [3, 31, 32]),
        ("?q=buyers+MAY", [7]),
        # #3 by its title, "Councillor Development"; #32 by its action, carried open into the draft
        ("?q=councillor", [3, 32]),
        ("?below_target=on&changed=on", [31]),
    ],
)
def test_the_filters_narrow_the_scorecard(client, scored, officer, query, numbers):
    client.force_login(officer)
    found, page = shown(client, query)
    assert found == numbers
    if query:
        assert f"{len(numbers)} of 13 objectives shown" in page


def test_a_filter_not_offered_is_a_404(client, scored, officer):
    client.force_login(officer)
    assert client.get("/reviews/2022/?theme=no-such-theme").status_code == 404


def test_a_published_review_shows_no_progress_line(client, seed_review, committee_member):
    client.force_login(committee_member)
    assert 'id="progress"' not in client.get("/reviews/2021/").content.decode()


def test_key_areas_of_one_name_in_two_themes_are_told_apart(client, db, manager):
    from tests.factories import make_assessment, make_framework, make_key_area, make_objective, make_review, make_theme

    framework = make_framework()
    review = make_review(framework=framework)
    for position, theme_name in enumerate(("One", "Two"), start=1):
        area = make_key_area(theme=make_theme(framework=framework, name=theme_name, position=position), name="General")
        make_assessment(review=review, objective=make_objective(key_area=area, number=position))
    client.force_login(manager)
    assert 'value="two.general"' in client.get("/reviews/2021/").content.decode()
    page = client.get("/reviews/2021/?key_area=one.general").content.decode()
    assert re.findall(r'<tr id="objective-(\d+)">', page) == ["1"]
