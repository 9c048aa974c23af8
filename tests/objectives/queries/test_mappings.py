"""What the mappings tie an objective to in other frameworks, with the latest score its reader may see."""

import pytest

from objectives.models import Framework, Objective
from objectives.queries.mappings import ties_of
from objectives.services.frameworks import load_file
from tests.factories import make_assessment, make_review
from tests.objectives.frameworks.files import MAPPING_FILE, PA_FILE


@pytest.fixture
def mapped(seed_review):
    """The seed (NPS 2018, 2021, published), the readiness framework with a 2022 draft, and the shipped mapping."""
    load_file(PA_FILE.read_bytes())
    load_file(MAPPING_FILE.read_bytes())
    readiness = Framework.objects.get(slug="pa2023-readiness")
    draft = make_review(framework=readiness, year=2022)
    make_assessment(review=draft, objective=readiness.objectives.get(number=2), score=3)
    return draft


def test_an_nps_objective_is_tied_through_its_key_area_to_the_duties_mapped_to_it(mapped, manager, committee_member):
    objective = Objective.objects.get(framework__slug="nps-2018", number=31)  # in Obtaining social value
    (tie,) = ties_of(objective, user=manager)
    assert (tie.relation, tie.objective.reference, tie.via.name) == ("related to", "PA-02", "Obtaining social value")
    assert (tie.review, tie.score, tie.label) == (mapped, 3, "3 In place")
    (hidden,) = ties_of(objective, user=committee_member)  # the draft's score is not the committee's to see
    assert (hidden.objective.reference, hidden.review, hidden.label) == ("PA-02", None, "")


def test_a_duty_is_tied_to_the_nps_key_areas_with_their_latest_means(mapped, seed_review, committee_member):
    duty = Objective.objects.get(framework__slug="pa2023-readiness", number=16)
    ties = ties_of(duty, user=committee_member)
    assert [(tie.relation, tie.key_area.name, tie.via) for tie in ties] == [
        ("related to", "Engaging councillors", None),
        ("related to", "Engaging senior managers", None),
        ("related to", "Managing strategic risk", None),
    ]
    councillors, managers, risk = ties
    assert (councillors.review, councillors.mean, councillors.scored, councillors.label) == (
        seed_review,
        2,
        1,
        "2 (mean of 1 scored)",
    )
    assert managers.mean == 2 and risk.review is None  # the seed assesses no objective of Managing strategic risk


def test_the_ties_take_three_queries_however_many_there_are(mapped, manager, django_assert_num_queries):
    duty = Objective.objects.get(framework__slug="pa2023-readiness", number=17)
    manager.has_perm("objectives.view_review")  # a page has read the permissions already
    with django_assert_num_queries(3):
        assert len(ties_of(duty, user=manager)) == 2


def test_the_objective_page_shows_what_the_mappings_tie_it_to_with_their_latest_scores(client, mapped, manager):
    client.force_login(manager)
    text = client.get("/reviews/pa2023-readiness/2022/objectives/2/").content.decode()
    assert '<h2 class="h4 mt-4" id="mapped">In other frameworks</h2>' in text
    assert "The key area Obtaining social value" in text and "This objective is related to it" in text
    link = '<a href="/reviews/2021/?key_area=achieving-community-benefits.obtaining-social-value">'
    assert f"{link}2.7 (mean of 10 scored)</a> in the 2021 review" in text
    nps = client.get("/reviews/2021/objectives/31/").content.decode()
    assert "#2 (PA-02) Regard to the NPPS recorded for each procurement" in nps
    assert "Its key area, Obtaining social value, is related to it" in nps
    assert '<a href="/reviews/pa2023-readiness/2022/objectives/2/">3 In place</a> in the 2022 Procurement Act' in nps
    assert 'id="mapped"' not in client.get("/reviews/2021/objectives/57/").content.decode()  # Enablers: no mapping
