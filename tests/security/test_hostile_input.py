"""No input gives a server error: every page, as every role, with hostile query strings; the edit form with any text.

A bad query parameter is a 400 or a 404 (or ignored, where the page has no such parameter); never a 500.
"""

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

URLS = [
    "/",
    "/reviews/",
    "/reviews/new/",
    "/reviews/2021/",
    "/reviews/2022/",
    "/reviews/2021/objectives/3/",
    "/reviews/2022/objectives/3/edit/",
    "/reviews/2022/objectives/add/",
    "/reviews/2022/objectives/3/remove/",
    "/reviews/2022/publish/",
    "/reviews/2022/targets/",
    "/reviews/2021/reopen/",
    "/reviews/2021/dashboard/",
    "/reviews/2022/dashboard/",
    "/reviews/2021/report.pdf",
    "/reviews/2021/export/",
    "/imports/",
    "/imports/not-a-key/",
    "/healthz",
]
QUERIES = [
    "theme=%00",
    "theme=" + "a" * 5000,
    "theme=%ED%A0%80",  # a lone surrogate, UTF-8 encoded
    "theme=%FF%FE",
    "theme=enablers&theme=%00",
    "compare=%00",
    "compare=99999999999999999999999999",
    "compare=2021",
    "compare=-1",
    "compare=1e9",
    "format=%00",
    "format=xlsx%00",
    "format=" + "x" * 5000,
    "page=%0d%0aSet-Cookie:%20x=1",
    "%00=%00",
    "key_area=%00",
    "key_area=enablers.enablers.x",
    "q=" + "x" * 5000,
    "q=%00",
    "below_target=%FF&changed=2&not_scored=%00",
    "fill=%00",
    "fill=99",
    "fill=last&theme=%00",
]
PERSONAS = ["outsider", "committee_member", "officer", "manager"]


@pytest.fixture
def reviews(seed_review, draft):
    return seed_review, draft


@pytest.fixture(autouse=True)
def private_cache(settings):
    # One cache for this module's tests (over tests/conftest.py's one a test): the same seed's pack is drawn once,
    # as in production, not once for each hostile query.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": __name__}}


@pytest.mark.parametrize("query", QUERIES)
def test_no_page_answers_a_hostile_query_string_with_a_server_error(request, reviews, query):
    errors = []
    for persona in PERSONAS:
        client = Client(raise_request_exception=False)
        client.force_login(request.getfixturevalue(persona))
        for url in URLS:
            response = client.get(f"{url}?{query}")
            if response.status_code >= 500:
                errors.append((persona, url, response.status_code))
    assert errors == []


@pytest.fixture
def edit_client(reviews, officer):
    client = Client(raise_request_exception=False)
    client.force_login(officer)
    return client


text = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)


@given(score=text, origin=text, comments=text, actions=text, version=text)
def test_the_edit_form_answers_any_text_with_the_page_or_its_refusal(
    edit_client, score, origin, comments, actions, version
):
    data = {"score": score, "origin": origin, "comments": comments, "actions": actions, "version": version}
    response = edit_client.post("/reviews/2022/objectives/3/edit/", data)
    assert response.status_code in (200, 302, 409)


@given(number=text, area=text, title=text, description=text, objective=text)
def test_the_add_objective_page_answers_any_text_with_the_page_or_its_refusal(
    manager_client, number, area, title, description, objective
):
    for button in ("add", "create"):
        data = {button: "1", "new-number": number, "new-key_area": area, "new-title": title}
        data.update({"new-description": description, "catalogue-objective": objective})
        assert manager_client.post("/reviews/2022/objectives/add/", data).status_code in (200, 302)


@given(values=st.lists(text, min_size=2, max_size=6))
def test_the_targets_page_answers_any_text_with_the_page_or_its_refusal(manager_client, values):
    names = ["target_1", "version_1", "target_999", "version_x", "fill", "theme"]
    response = manager_client.post("/reviews/2022/targets/", dict(zip(names, values, strict=False)))
    assert response.status_code in (200, 302, 409)


@pytest.fixture
def manager_client(reviews, manager):
    client = Client(raise_request_exception=False)
    client.force_login(manager)
    return client
