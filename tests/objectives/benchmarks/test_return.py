"""The benchmark return of a published review: what it holds, what it never holds, and who may download it."""

import csv
import io
import json

import pytest
from django.contrib.auth.models import User

from objectives.benchmarks.returns import COLUMNS, DraftHasNoReturn, council_id, review_return
from objectives.models import Action, Agreement, Assessment, Evidence, OwnScore
from objectives.services.evidence import withdraw_evidence
from objectives.services.moderation import agree_score, record_own_score
from tests.factories import make_evidence, make_second_year, make_user

URL = "/reviews/2022/benchmark-return/"


@pytest.fixture
def published(seed_review, manager, settings):
    """The 2022 review scored, with evidence on #31 (current) and #32 (withdrawn), signed off."""
    settings.SCORECARD_BENCHMARK_SALT = "north-west-group-2022"
    settings.SCORECARD_PEER_COUNCIL_TYPE = "unitary"
    settings.SCORECARD_PEER_REGION = "South East"
    settings.SCORECARD_PEER_SPEND_BAND = ""
    manager.email, manager.first_name, manager.last_name = "morgan.mensah@medway.example", "Morgan", "Mensah"
    manager.save()
    make_user(username="olivia.o", first_name="Olivia", last_name="Okafor", email="olivia.okafor@medway.example")
    review = make_second_year(seed_review=seed_review, manager=manager, publish=False)
    on = {a.objective.number: a for a in review.assessments.select_related("objective")}
    make_evidence(assessment=on[31], by=manager, title="Social value policy adopted by cabinet")
    withdrawn = make_evidence(assessment=on[32], by=manager, title="Superseded contract register extract")
    withdraw_evidence(item=withdrawn, by=manager, reason="Replaced by the 2022 register.")
    olivia = User.objects.get(username="olivia.o")
    record_own_score(assessment=on[31], by=olivia, score=2, rationale="Olivia thinks the policy is not yet applied.")
    agree_score(assessment=on[31], score=on[31].score, rationale="Agreed at the panel of 3 March.", by=manager)
    review.publish(by=manager)
    return review


def download(client, user, query=""):
    client.force_login(user)
    return client.get(URL + query)


def test_a_manager_downloads_the_return_as_json(client, manager, published):
    response = download(client, manager)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="benchmark-return-nps-2018-2022.json"'
    assert response["Cache-Control"] == "private, no-store"
    data = json.loads(b"".join(response.streaming_content))
    assert (data["kind"], data["format_version"], data["year"]) == ("benchmark-return", 1, 2022)
    assert data["framework"] == {"slug": "nps-2018", "name": "NPS 2018", "version": "2018"}
    assert data["peer_group"] == {"council_type": "unitary", "region": "South East", "spend_band": None}
    assert data["levels"] == {"lowest": 1, "highest": 5}
    assert data["council"] == council_id("Medway Council", salt="north-west-group-2022")
    assert data["council_name"] is None
    assert "Medway" not in json.dumps(data)


def test_each_objective_and_key_area_has_its_agreed_score_target_and_evidence(published):
    rows = {(row["item_kind"], row["item"]): row for row in review_return(published)["rows"]}
    assessments = {a.objective.number: a for a in published.assessments.select_related("objective")}
    objectives = {item: row for (kind, item), row in rows.items() if kind == "objective"}
    assert set(objectives) == {str(number) for number in assessments}
    for number, assessment in assessments.items():
        row = objectives[str(number)]
        assert (row["score"], row["target"]) == (assessment.score, assessment.target)
    assert objectives["31"]["evidenced"] == 1  # current evidence
    assert objectives["32"]["evidenced"] == 0  # withdrawn: it backs nothing now
    assert sum(row["evidenced"] for row in objectives.values()) == 1
    areas = [row for (kind, _), row in rows.items() if kind == "key_area"]
    assert sum(area["objectives"] for area in areas) == len(assessments)
    assert sum(area["evidenced"] for area in areas) == 1
    area_of_31 = next(a for a in areas if a["name"] == assessments[31].objective.key_area.name)
    members = [a for a in assessments.values() if a.objective.key_area_id == assessments[31].objective.key_area_id]
    assert area_of_31["score"] == round(sum(a.score for a in members) / len(members), 2)
    assert area_of_31["target"] == round(sum(a.target for a in members) / len(members), 2)
    assert (
        area_of_31["item"]
        == f"{assessments[31].objective.key_area.theme.slug}/{assessments[31].objective.key_area.slug}"
    )


def test_the_return_holds_nothing_of_a_person_a_comment_an_action_or_a_file(client, manager, published):
    texts = []
    for user in User.objects.all():
        texts += [user.username, user.email, user.get_full_name(), user.first_name, user.last_name]
    texts += [a.comments for a in Assessment.objects.all()]
    texts += [action.text for action in Action.objects.all()]
    texts += [row.rationale for row in [*OwnScore.objects.all(), *Agreement.objects.all()]]
    assert OwnScore.objects.exclude(rationale="").exists() and Agreement.objects.exclude(rationale="").exists()
    for item in Evidence.objects.select_related("file"):
        texts += [item.title, item.shows, item.link, item.withdrawn_reason, item.file and item.file.name]
    texts = {text for text in texts if text}
    assert len(texts) > 40  # the fixture has people, comments, actions and evidence to leak
    client.force_login(manager)
    for query in ("", "?format=csv"):
        body = b"".join(client.get(URL + query).streaming_content).decode("utf-8-sig")
        leaked = [text for text in texts if text in body]
        assert leaked == []


def test_the_csv_holds_the_same_rows_each_with_the_returns_fields(client, manager, published):
    response = download(client, manager, "?format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].endswith('filename="benchmark-return-nps-2018-2022.csv"')
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    data = review_return(published)
    assert tuple(rows[0]) == COLUMNS
    assert [(r["item_kind"], r["item"], r["score"]) for r in rows] == [
        (r["item_kind"], r["item"], "" if r["score"] is None else str(r["score"])) for r in data["rows"]
    ]
    assert {(r["council"], r["framework"], r["year"], r["council_type"], r["spend_band"]) for r in rows} == {
        (data["council"], "nps-2018", "2022", "unitary", "")
    }


def test_name_us_gives_the_councils_name(client, manager, published):
    data = json.loads(b"".join(download(client, manager, "?name_us=on").streaming_content))
    assert data["council_name"] == "Medway Council"
    assert data["council"] == council_id()


def test_the_pseudonym_is_stable_per_council_and_changes_with_the_salt(settings):
    settings.SCORECARD_BENCHMARK_SALT = "group-a"
    first = council_id("Medway Council")
    assert council_id("Medway Council") == first
    assert council_id("Kent County Council") != first
    settings.SCORECARD_BENCHMARK_SALT = "group-b"
    assert council_id("Medway Council") != first
    settings.SCORECARD_BENCHMARK_SALT = ""
    settings.SECRET_KEY = "one-key"
    keyed = council_id("Medway Council")
    assert keyed not in (first, council_id("Medway Council", salt="group-b"))
    settings.SECRET_KEY = "another-key"
    assert council_id("Medway Council") != keyed


def test_a_draft_has_no_return(client, manager, draft):
    client.force_login(manager)
    assert client.get(URL).status_code == 404
    with pytest.raises(DraftHasNoReturn):
        review_return(draft)


def test_the_dashboard_offers_the_return_to_a_manager_for_a_published_review(client, manager, published):
    client.force_login(manager)
    page = client.get("/reviews/2022/dashboard/").content.decode()
    assert 'action="/reviews/2022/benchmark-return/"' in page
    assert 'name="name_us"' in page


def test_the_dashboard_offers_no_return_of_a_draft(client, manager, draft):
    client.force_login(manager)
    assert "benchmark-return" not in client.get("/reviews/2022/dashboard/").content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client, published):
    response = client.get(URL)
    assert (response.status_code, response["Location"]) == (302, f"/login/?next={URL}")


@pytest.mark.parametrize("persona", ["outsider", "committee_member", "officer"])
def test_only_managers_and_staff_download_the_return(client, persona, published, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert "Download the return" not in client.get("/reviews/2022/dashboard/").content.decode()


@pytest.mark.parametrize("persona", ["manager", "staff"])
def test_managers_and_staff_download_the_return(client, persona, published, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 200
    assert client.get(URL + "?format=xlsx").status_code == 404
