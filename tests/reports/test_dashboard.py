"""The theme dashboard page: who may see it, what it shows, and a query count that does not grow."""

import html
import re

import pytest
from django.conf import settings

from objectives.models import Review
from objectives.services.reviews import start_review
from tests.factories import make_assessment, make_framework, make_key_area, make_objective, make_review, make_theme
from tests.reports.council import make_council

URL = "/reviews/2021/dashboard/"


@pytest.fixture
def council(manager):
    return make_council(published_by=manager)


@pytest.fixture
def draft_council(manager):
    return make_council(published_by=manager, publish_2021=False)


def page_text(response):
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def test_anonymous_visitors_are_sent_to_sign_in(client, council):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"] == f"/login/?next={URL}"


@pytest.mark.parametrize("persona", ["officer", "manager", "staff", "committee_member"])
def test_every_role_sees_a_published_review_dashboard(client, council, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 200


def test_a_committee_member_gets_404_on_a_draft_dashboard(client, draft_council, committee_member):
    client.force_login(committee_member)
    assert client.get(URL).status_code == 404


@pytest.mark.parametrize("fixture", ["council", "draft_council"])
def test_a_signed_in_account_without_a_role_gets_403(client, outsider, fixture, request):
    request.getfixturevalue(fixture)
    client.force_login(outsider)
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize("persona", ["officer", "manager", "staff"])
def test_the_procurement_team_sees_a_draft_dashboard(client, draft_council, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 200


def test_an_unknown_year_is_404(client, council, manager):
    client.force_login(manager)
    assert client.get("/reviews/1999/dashboard/").status_code == 404


def test_the_dashboard_shows_the_figures_and_compares_with_the_previous_review(client, council, committee_member):
    client.force_login(committee_member)
    response = client.get(URL)
    text = page_text(response)
    assert response.context["figures"].compare_with.year == 2020
    assert "Changes are since the 2020 review." in text
    assert re.search(r"Average score 3\.00 3\.20 in 2020", text)
    assert re.search(r"Objectives scored 6 of 7; 1 not yet scored", text)
    assert re.search(r"▲ 2 up ▼ 1 down = 1 same ★ 2 new", text)
    below = re.search(r'id="below-target"(.*?)id="not-scored"', response.content.decode(), re.S).group(1)
    assert re.findall(r"#(\d) Objective", below) == ["2", "5", "1"]
    assert "#3 Objective 3 (Engaging councillors)" in text


def test_the_reader_chooses_an_earlier_review_to_compare_with(client, council, manager):
    client.force_login(manager)
    response = client.get(URL, {"compare": 2019})
    assert response.context["figures"].compare_with.year == 2019
    assert '<option value="2019" selected>The 2019 review</option>' in response.content.decode()


def test_a_committee_member_cannot_compare_with_a_draft(client, council, committee_member):
    Review.objects.filter(year=2020).update(status="draft")
    client.force_login(committee_member)
    assert client.get(URL).context["figures"].compare_with.year == 2019
    assert client.get(URL, {"compare": 2020}).status_code == 404


@pytest.mark.parametrize("query", [{"compare": 2021}, {"compare": 2022}, {"compare": "x"}, {"theme": "no-such"}])
def test_a_choice_that_is_not_offered_is_404(client, council, manager, query):
    client.force_login(manager)
    assert client.get(URL, query).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "theme=%00",
        "compare=%00",
        "theme=" + "x" * 5000,
        "compare=" + "9" * 5000,  # more digits than int() takes from a string
        "theme=%C3%A9n%C3%A4bl%C3%AArs",
        "compare=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%90",  # 2020 in full-width digits, which int() would take
        "theme=%ED%A0%80",
        "compare=%ED%A0%80",
        "compare=-2020",
        "theme=showing-leadership&theme=%FF%FE",
        "compare=2020&compare=%00",
    ],
)
def test_a_hostile_query_string_is_404(client, council, manager, query):
    client.force_login(manager)
    assert client.get(f"{URL}?{query}").status_code == 404


def test_one_theme_opens_on_its_own_with_its_key_areas(client, council, manager):
    client.force_login(manager)
    response = client.get(URL, {"theme": "behaving-commercially"})
    text = page_text(response)
    assert response.status_code == 200
    assert "Behaving commercially: dashboard 2021" in text
    assert [k.name for k in response.context["figures"].key_areas] == ["Managing risk"]
    assert "Engaging councillors" not in text


def theme_choices(response):
    return [(choice.data["value"], choice.data["label"]) for choice in response.context["form"]["theme"]]


def test_the_theme_choice_offers_only_the_themes_the_review_assesses(client, council, manager):
    client.force_login(manager)
    assert theme_choices(client.get(URL)) == [
        ("", "All themes"),
        ("showing-leadership", "Showing leadership"),
        ("behaving-commercially", "Behaving commercially"),
    ]


def test_a_theme_with_nothing_assessed_says_so(client, council, manager):
    # Asked for by its address (a bookmark of another year's): the page says it is empty, and its choice shows it
    client.force_login(manager)
    response = client.get(URL, {"theme": "achieving-community-benefits"})
    assert response.status_code == 200
    assert "No objective of this theme is in the 2021 review." in page_text(response)
    assert theme_choices(response)[-1] == (
        "achieving-community-benefits",
        "Achieving community benefits (none in this review)",
    )
    assert 'value="achieving-community-benefits" selected' in response.content.decode()


def test_an_empty_review_says_so(client, council, manager):
    make_review(framework=council.framework, year=2022)
    client.force_login(manager)
    response = client.get("/reviews/2022/dashboard/")
    assert response.status_code == 200 and "This review has no objectives yet." in page_text(response)


def test_the_first_review_has_nothing_to_compare_with(client, seed_review, committee_member):
    client.force_login(committee_member)
    response = client.get(URL)
    assert "There is no earlier review to compare with." in page_text(response)
    assert 'name="compare"' not in response.content.decode()


def test_every_chart_has_a_title_a_description_and_a_data_table(client, council, manager):
    client.force_login(manager)
    content = client.get(URL).content.decode()
    figures = re.findall(r'<figure class="chart" id="([\w-]+)">(.*?)</figure>', content, re.S)
    assert [chart_id for chart_id, _ in figures] == ["score-target", "radar", "levels", "trend", "heatmap"]
    for chart_id, markup in figures:
        assert f'aria-labelledby="{chart_id}-title"' in markup and f'<desc id="{chart_id}-desc">' in markup
        assert re.search(r'<svg [^>]*width="\d+" height="\d+" viewBox="0 0 \d+ \d+"', markup)
        assert "<table" in markup and '<th scope="row">' in markup


def test_a_new_review_says_in_words_that_nothing_is_scored_instead_of_drawing_empty_charts(client, council, manager):
    start_review(previous=council.reviews[2021], year=2022, by=manager)
    client.force_login(manager)
    response = client.get("/reviews/2022/dashboard/")
    charts = re.search(r'id="charts"(.*?)id="below-target"', response.content.decode(), re.S).group(1)
    assert (
        '<li id="nothing-scored">No charts of the scores yet: no objective of the 2022 review is scored.</li>' in charts
    )
    assert re.findall(r'<figure class="chart" id="([\w-]+)">', charts) == ["heatmap"]


def test_a_theme_of_one_key_area_says_why_it_has_no_radar(client, council, manager):
    client.force_login(manager)
    text = page_text(client.get(URL, {"theme": "behaving-commercially"}))
    assert "No chart comparing the key areas: Behaving commercially has 1 key area, and it takes three or more." in text


def test_every_key_areas_table_has_one_column_layout_and_says_its_status_in_words(client, council, manager):
    client.force_login(manager)
    content = client.get(URL).content.decode()
    tables = re.findall(r'<table class="table table-sm objective-figures">.*?</table>', content, re.S)
    layouts = {re.search(r"<colgroup>.*?</colgroup>", table).group(0) for table in tables}
    assert len(tables) == 1 + 3 and len(layouts) == 2  # below target, then one layout for every key area
    rows = page_text(client.get(URL))
    # Last year, this year and its change, the target and the score against it: the order of the scorecard and the pack
    assert "#1 Objective 1 2 3 ▲ Up from 2 4 ✗ 1 level below" in rows
    assert "#2 Objective 2 2 2 = Same 4 ✗ 2 levels below" in rows
    assert "#4 Objective 4 5 4 ▼ Down from 5 4 ✓ met" in rows
    assert 'style="' not in content


def test_a_count_of_none_is_not_coloured(client, council, manager):
    client.force_login(manager)  # Managing risk, since 2020: #7 up, #6 new, none down
    summary = client.get(URL, {"theme": "behaving-commercially"}).content.decode()
    assert re.search(r'<li class="list-inline-item"><span aria-hidden="true">▼</span> 0 down</li>', summary)
    assert re.search(
        r'<li class="list-inline-item change change-up"><span aria-hidden="true">▲</span> 1 up</li>', summary
    )


def test_the_scorecard_links_to_its_dashboard(client, council, manager):
    client.force_login(manager)
    assert f'href="{URL}"' in client.get("/reviews/2021/").content.decode()


def make_large_council(*, themes, areas_per_theme, objectives_per_area, years, manager, slug=None):
    """Make a council of the given size, every objective scored in every year: the main framework's, unless a slug
    names another."""
    framework = make_framework(
        name=f"Framework {slug or ''} of {themes * areas_per_theme * objectives_per_area}",
        slug=slug or settings.SCORECARD_MAIN_FRAMEWORK,
    )
    objectives = []
    for t in range(themes):
        theme = make_theme(framework=framework, name=f"Theme {t}", position=t)
        for a in range(areas_per_theme):
            area = make_key_area(theme=theme, name=f"Area {t}.{a}", position=a)
            for _ in range(objectives_per_area):
                objectives.append(make_objective(key_area=area, number=len(objectives) + 1))
    for y, year in enumerate(years):
        review = make_review(framework=framework, year=year)
        for i, objective in enumerate(objectives):
            make_assessment(review=review, objective=objective, score=1 + (i + y) % 5, target=1 + i % 5)
        review.publish(by=manager)


@pytest.mark.parametrize(
    "size",
    [
        {"themes": 1, "areas_per_theme": 1, "objectives_per_area": 1, "years": [2020, 2021]},
        {"themes": 3, "areas_per_theme": 3, "objectives_per_area": 4, "years": [2018, 2019, 2020, 2021]},
    ],
)
@pytest.mark.parametrize("query", [{}, {"theme": "theme-0", "compare": 2020}])
@pytest.mark.parametrize("frameworks", [1, 2])
def test_the_number_of_queries_does_not_grow_with_the_council(
    client, manager, django_assert_num_queries, size, query, frameworks
):
    make_large_council(manager=manager, **size)
    if frameworks == 2:  # a second framework reviewed in the same years changes nothing of the first's dashboard
        make_large_council(manager=manager, slug="readiness", **size)
    client.force_login(manager)
    # session, user, the user's and groups' permissions, review, earlier reviews, themes, levels, assessments, scores,
    # actions by RAG, their themes and the overdue ones, the own scores far apart, the navigation's count of what
    # needs the manager, the benchmark set (none here) (and no transaction: the dashboard only reads)
    with django_assert_num_queries(16):
        response = client.get(URL, query)
    assert response.status_code == 200
