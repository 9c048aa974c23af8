"""The report's download: who may have it, its headers, and what a bad query string gets."""

import pytest

URL = "/reviews/2021/report.pdf"

# Raw query strings, sent as they are: a NUL, a very long value, non-ASCII, bytes that are no UTF-8 (a lone
# surrogate's encoding, and two invalid bytes), a path, and a parameter repeated (the last one counts).
HOSTILE_THEMES = [
    "theme=%00",
    "theme=" + "x" * 5000,
    "theme=%C3%A9n%C3%A4bl%C3%AArs",
    "theme=%ED%A0%80",
    "theme=%FF%FE",
    "theme=..%2F..%2Fetc%2Fpasswd",
    "theme=enablers&theme=%00",
]


def test_the_download_is_a_named_pdf_that_no_cache_keeps(client, seed_review, committee_member):
    client.force_login(committee_member)
    response = client.get(URL)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="procurement-scorecard-2021.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    content = response.getvalue()
    assert content.startswith(b"%PDF-") and response["Content-Length"] == str(len(content))


def test_a_themes_download_is_named_for_the_theme(client, seed_review, committee_member):
    client.force_login(committee_member)
    response = client.get(URL, {"theme": "enablers"})
    assert response["Content-Disposition"] == 'attachment; filename="procurement-scorecard-2021-enablers.pdf"'
    assert response["Cache-Control"] == "private, no-store"


def test_an_unknown_theme_is_404(client, seed_review, committee_member):
    client.force_login(committee_member)
    assert client.get(URL, {"theme": "nothing"}).status_code == 404


@pytest.mark.parametrize("query", HOSTILE_THEMES)
def test_a_hostile_theme_is_404(client, seed_review, committee_member, query):
    client.force_login(committee_member)
    assert client.get(f"{URL}?{query}").status_code == 404


@pytest.mark.parametrize(("persona", "status"), [("outsider", 403), ("committee_member", 200), ("staff", 200)])
def test_who_may_download(client, seed_review, request, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == status


def test_anonymous_is_sent_to_sign_in(client, seed_review):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"] == f"/login/?next={URL}"
