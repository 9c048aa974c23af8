"""Getting through a review quickly: Save and next, targets on one page, last year's text, new objectives."""

import re

from objectives.models import Assessment, LevelDescription, Objective
from objectives.services.reviews import start_review
from tests.factories import actions_text


def edit_data(assessment, **changes):
    data = {"score": "", "origin": assessment.origin, "comments": "", "version": assessment.version}
    data.update(changes)
    return data


def test_save_and_next_goes_to_the_next_objective_in_scorecard_order(client, draft, officer):
    client.force_login(officer)
    first = draft.assessments.get(objective__number=3)
    response = client.post("/reviews/2022/objectives/3/edit/", {**edit_data(first, score=3), "save_next": "1"})
    assert response["Location"] == "/reviews/2022/objectives/7/edit/"
    assert draft.assessments.get(objective__number=3).score == 3


def test_save_and_next_keeps_the_filter_and_skips_what_it_hides(client, draft, officer):
    client.force_login(officer)
    url = "/reviews/2022/objectives/32/edit/?not_scored=on&theme=achieving-community-benefits"
    page = client.get(url).content.decode()
    assert 'href="/reviews/2022/?not_scored=on&amp;theme=achieving-community-benefits#objective-32"' in page
    first = draft.assessments.get(objective__number=32)
    response = client.post(url, {**edit_data(first, score=2), "save_next": "1"})
    # #32 no longer passes "not scored"; the next unscored objective of the theme in scorecard order is #33.
    assert response["Location"] == "/reviews/2022/objectives/33/edit/?not_scored=on&theme=achieving-community-benefits"


def test_save_and_next_after_the_last_goes_back_to_the_scorecard(client, draft, officer):
    client.force_login(officer)
    last = draft.assessments.get(objective__number=57)
    response = client.post("/reviews/2022/objectives/57/edit/", {**edit_data(last, score=2), "save_next": "1"})
    assert response["Location"] == "/reviews/2022/#objective-57"


def test_a_manager_sets_every_target_in_one_save_with_a_history_row_each(client, draft, manager):
    client.force_login(manager)
    page = client.get("/reviews/2022/targets/?fill=3").content.decode()
    selects = re.findall(r'<select name="target_\d+".*?</select>', page, re.S)
    assert len(selects) == 13 and all('<option value="3" selected>' in select for select in selects)
    form = dict(re.findall(r'name="(version_\d+)" value="(\d+)"', page))
    form.update({f"target_{a.pk}": "3" for a in draft.assessments.all()})
    response = client.post("/reviews/2022/targets/", form)
    assert response.status_code == 302
    assert set(draft.assessments.values_list("target", flat=True)) == {3}
    for assessment in draft.assessments.all():
        assert assessment.history.first().history_change_reason == "Targets set on the review's targets page"


def test_targets_are_all_or_nothing_when_someone_changed_one_meanwhile(client, draft, manager, officer):
    client.force_login(manager)
    page = client.get("/reviews/2022/targets/").content.decode()
    form = dict(re.findall(r'name="(version_\d+)" value="(\d+)"', page))
    form.update({f"target_{a.pk}": "4" for a in draft.assessments.all()})
    changed = draft.assessments.get(objective__number=7)
    changed.score = 2
    changed.next_version()
    changed.save()  # an officer's save after the manager opened the page
    response = client.post("/reviews/2022/targets/", form)
    assert response.status_code == 409
    assert "Someone changed these objectives since you opened the page" in response.content.decode()
    assert not draft.assessments.filter(target=4).exists()


def test_last_years_targets_are_filled_in_on_request(client, seed_review, manager):
    review = start_review(previous=seed_review, year=2022, by=manager)
    review.assessments.update(target=None)
    client.force_login(manager)
    page = client.get("/reviews/2022/targets/?fill=last&theme=showing-leadership").content.decode()
    assert len(re.findall(r'name="target_\d+"', page)) == 2
    selects = re.findall(r'<select name="target_\d+".*?</select>', page, re.S)
    assert len(selects) == 2 and all('<option value="" selected>' in select for select in selects)  # the seed set none


def test_an_officer_may_not_set_targets(client, draft, officer):
    client.force_login(officer)
    assert client.get("/reviews/2022/targets/").status_code == 403


def test_a_new_review_can_start_from_last_years_text(client, seed_review, manager):
    client.force_login(manager)
    client.post("/reviews/new/", {"year": 2022, "carry_text": "on"})
    carried = Assessment.objects.get(review__year=2022, objective__number=3)
    original = Assessment.objects.get(review__year=2021, objective__number=3)
    assert (carried.comments, carried.score) == (original.comments, None)
    assert actions_text(carried) == actions_text(original)  # open actions are carried in any case


def test_a_manager_adds_an_objective_the_catalogue_lacks(client, draft, manager, nps):
    client.force_login(manager)
    area = nps.themes.get(slug="enablers").key_areas.get()
    data = {
        "create": "1",
        "new-number": 58,
        "new-key_area": area.pk,
        "new-title": "Data",
        "new-description": "The extent",
    }
    response = client.post("/reviews/2022/objectives/add/", data)
    assert response["Location"] == "/reviews/2022/objectives/58/edit/"
    assert draft.assessments.get(objective__number=58).origin == "new"
    taken = client.post("/reviews/2022/objectives/add/", {**data, "new-number": 3})
    assert "#3 is Councillor Development in NPS 2018 already" in taken.content.decode()
    assert Objective.objects.filter(number=58).count() == 1


def test_the_edit_form_says_what_each_level_means_where_the_catalogue_records_it(client, draft, officer, nps):
    client.force_login(officer)
    assert "What each level means" not in client.get("/reviews/2022/objectives/3/edit/").content.decode()
    objective = Objective.objects.get(number=3)
    for level in nps.levels.filter(number__in=(1, 2)):
        LevelDescription.objects.create(
            level=level, key_area=objective.key_area, description=f"Said of level {level.number}.", source="Test"
        )
    LevelDescription.objects.create(
        level=nps.levels.get(number=2),
        key_area=objective.key_area,
        objective=objective,
        description="Said of #3 at level 2.",
        source="Test",
    )
    page = client.get("/reviews/2022/objectives/3/edit/").content.decode()
    assert "What each level means for Engaging councillors" in page
    assert "Said of level 1." in page and "Said of #3 at level 2." in page and "Said of level 2." not in page


def test_a_page_with_both_add_buttons_sent_adds_by_the_one_it_names(client, draft, manager, nps):
    client.force_login(manager)
    data = {"add": "1", "create": "1", "new-number": "", "catalogue-objective": ""}
    response = client.post("/reviews/2022/objectives/add/", data)
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()


def test_targets_posted_from_a_page_older_than_an_added_objective_say_so(client, draft, manager, nps):
    client.force_login(manager)
    page = client.get("/reviews/2022/targets/").content.decode()
    form = dict(re.findall(r'name="(version_\d+)" value="(\d+)"', page))
    form.update({f"target_{a.pk}": "3" for a in draft.assessments.all()})
    area = nps.themes.get(slug="enablers").key_areas.get()
    client.post(
        "/reviews/2022/objectives/add/",
        {
            "create": "1",
            "new-number": 58,
            "new-key_area": area.pk,
            "new-title": "Data",
            "new-description": "The extent",
        },
    )
    response = client.post("/reviews/2022/targets/", form)
    assert response.status_code == 200
    assert (
        "The page is out of date: an objective was added to the review since you opened it."
        in response.content.decode()
    )
    assert not draft.assessments.filter(target=3).exists()


def test_last_year_is_the_same_frameworks_review(client, draft, manager):
    from tests.factories import make_framework, make_review

    later = make_review(framework=make_framework(name="NPS 2022"), year=2023)
    assert later.previous() is None and draft.previous().year == 2021
