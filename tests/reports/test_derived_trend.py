"""A later version of a framework: its trend runs back through the earlier version's reviews, derived through the
mappings that make an objective "the same as" one of the earlier version's, and labelled as derived."""

import pytest

from objectives.models import Mapping
from objectives.queries.figures import review_figures
from objectives.rules.scoring import earlier_versions, reviews_to_compare
from tests.factories import make_assessment, make_framework, make_key_area, make_objective, make_review, make_theme


def catalogue(framework, titles):
    area = make_key_area(theme=make_theme(framework=framework, name="Leadership"), name="Engaging councillors")
    return [make_objective(key_area=area, number=n, title=title) for n, title in enumerate(titles, start=1)]


def scored_review(framework, objectives, year, scores, manager, *, publish=True):
    review = make_review(framework=framework, year=year)
    for objective, score in zip(objectives, scores, strict=True):
        make_assessment(review=review, objective=objective, score=score)
    if publish:
        review.publish(by=manager)
    return review


@pytest.fixture
def versions(manager):
    """ "Old version" reviewed in 2019 and 2020; the main framework supersedes it from 2021, its two objectives the
    same as the old ones (a third mapping, "related", counts for nothing)."""
    old = make_framework(name="Old version", slug="old-version")
    old_objectives = catalogue(old, ["Councillors engaged", "Leaders trained"])
    scored_review(old, old_objectives, 2019, [1, 2], manager)
    scored_review(old, old_objectives, 2020, [2, 3], manager)
    scored_review(old, old_objectives, 2018, [5, 5], manager, publish=False)  # a draft: committee members see none
    new = make_framework()
    new.supersedes = old
    new.save()
    new_objectives = catalogue(new, ["Councillors engaged", "Leaders trained", "Scrutiny by committee"])
    Mapping.objects.create(from_objective=new_objectives[0], to_objective=old_objectives[0], relation="same")
    Mapping.objects.create(from_objective=old_objectives[1], to_objective=new_objectives[1], relation="same")
    Mapping.objects.create(from_objective=new_objectives[2], to_objective=old_objectives[0], relation="related")
    review = scored_review(new, new_objectives, 2021, [3, 4, 4], manager)
    return review, old


def test_the_trend_runs_back_through_the_earlier_version_labelled_as_derived(versions):
    review, old = versions
    older = earlier_versions(review, published_only=True)
    assert [r.year for r in older] == [2020, 2019]
    figures = review_figures(review, trend_reviews=[*reviews_to_compare(review), *older])
    assert figures.years == [2019, 2020, 2021]
    assert figures.derived_years == {2019, 2020} and figures.derived_from == ("Old version",)
    assert figures.overall.trend == {2019: 1.5, 2020: 2.5, 2021: pytest.approx(11 / 3)}
    # the objectives' own history (the heatmap's) holds this framework's scores alone
    assert all(set(o.history) == {2021} for o in figures.objectives)


def test_without_an_earlier_version_nothing_is_derived_and_no_query_is_made(seed_review, django_assert_num_queries):
    assert seed_review.framework.supersedes_id is None  # the review's framework read, as every page has it
    with django_assert_num_queries(0):
        assert earlier_versions(seed_review) == []
    figures = review_figures(seed_review, trend_reviews=reviews_to_compare(seed_review))
    assert figures.derived_years == frozenset() and figures.derived_from == ()


def test_the_dashboard_draws_the_derived_years_with_their_note(client, versions, committee_member, manager):
    client.force_login(committee_member)
    html = client.get("/reviews/2021/dashboard/").content.decode()
    assert ">2019*<" in html and ">2020*<" in html and ">2018*<" not in html  # the draft is not theirs to see
    assert "* 2019, 2020: derived from Old version through the mapping, not scored against this version" in html
    client.force_login(manager)
    assert ">2018*<" in client.get("/reviews/2021/dashboard/").content.decode()  # the procurement team's is


def test_the_pack_labels_the_derived_years_too(versions):
    from reports.pack_sections import Content

    review, _old = versions
    content = Content.gather(review, earlier=reviews_to_compare(review, published_only=True))
    assert content.figures.derived_years == {2019, 2020}
