"""The sign-in page: the council's provider when single sign-on is set up; passwords for break-glass only when
OIDC_LOCAL_PASSWORDS is off. No provider is needed here."""

import pytest

PASSWORD = "correct-horse-battery"  # tests.factories.make_user's


@pytest.fixture
def configured(settings):
    settings.OIDC_ISSUER = "https://login.microsoftonline.com/tenant/v2.0"
    settings.OIDC_CLIENT_ID = "client"
    settings.OIDC_CLIENT_SECRET = "secret"
    settings.OIDC_PROVIDER_NAME = "Medway Council Microsoft 365"


@pytest.fixture
def passwords_off(settings, configured):
    settings.OIDC_LOCAL_PASSWORDS = False


def test_without_single_sign_on_the_page_has_the_password_form_only(client, db):
    page = client.get("/login/").content.decode()
    assert "Sign in with" not in page and 'name="password"' in page and "Break-glass" not in page
    assert client.get("/oidc/start/").status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y").status_code == 404


def test_the_page_offers_the_councils_provider(client, db, configured):
    page = client.get("/login/?next=/account/").content.decode()
    assert '<a class="btn btn-primary btn-lg" href="/oidc/start/?next=/account/">' in page
    assert "Sign in with Medway Council Microsoft 365" in page
    assert "Or with a password of this service" in page and 'name="password"' in page


def test_with_local_passwords_off_the_form_is_for_break_glass_administrators(client, db, passwords_off):
    page = client.get("/login/").content.decode()
    assert "Sign in with Medway Council Microsoft 365" in page
    assert "<summary>Break-glass administrators</summary>" in page and "<details" in page


def test_with_local_passwords_off_only_a_superuser_signs_in_with_a_password(client, officer, staff, passwords_off):
    refused = client.post("/login/", {"username": "olivia", "password": PASSWORD})
    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    assert '<details class="mt-4" open>' in refused.content.decode()  # the form stays open with its error
    assert client.post("/login/", {"username": "sam", "password": PASSWORD}).status_code == 302


def test_with_local_passwords_on_everyone_keeps_their_password(client, officer, configured):
    assert client.post("/login/", {"username": "olivia", "password": PASSWORD}).status_code == 302
