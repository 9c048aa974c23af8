"""Signing out ends the session here and, after a single sign-on, at the provider too."""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.test import Client

from tests.signin.oidc import sign_in_at_provider, sign_out_at_provider

pytestmark = pytest.mark.django_db


def authorize_url():
    """Return the provider's address for a new sign-in, started in another browser tab's session here."""
    return Client().get("/oidc/start/")["Location"]


def test_signing_out_ends_the_session_here_and_at_the_provider(client, sso):
    sso.set_account("ofelia", groups=["grp-officers"])
    at_provider = requests.Session()  # the person's browser, as the provider sees it
    client.get(sign_in_at_provider(client.get("/oidc/start/")["Location"], "ofelia", at_provider))
    id_token = client.session["signin_id_token"]
    # Signed in at the provider, a new sign-in there asks nothing.
    assert sign_in_at_provider(authorize_url(), "ofelia", at_provider).startswith("/oidc/callback/")

    response = client.post("/logout/")
    assert "_auth_user_id" not in client.session
    assert client.get("/reviews/").status_code == 302
    end_session = urlsplit(response["Location"])
    assert f"{end_session.scheme}://{end_session.netloc}{end_session.path}" == f"{sso.issuer}/session/end"
    query = parse_qs(end_session.query)
    assert query["id_token_hint"] == [id_token]
    assert query["post_logout_redirect_uri"] == ["http://testserver/login/"]

    assert sign_out_at_provider(response["Location"], at_provider) == "http://testserver/login/"
    # The provider's session is over: the next sign-in there shows its login page again.
    login_page = at_provider.get(authorize_url(), timeout=10)
    assert 'name="login"' in login_page.text


def test_the_admins_log_out_signs_out_at_the_provider_too(client, sso):
    sso.set_account("ada", groups=["grp-managers"])
    client.get(sign_in_at_provider(client.get("/oidc/start/")["Location"], "ada"))
    response = client.post("/admin/logout/")
    assert response["Location"].startswith(f"{sso.issuer}/session/end?")
    assert "_auth_user_id" not in client.session


def test_signing_out_after_a_password_sign_in_stays_here(client, officer, sso):
    client.force_login(officer)
    response = client.post("/logout/")
    assert response.status_code == 302 and response["Location"] == "/login/"
    assert "_auth_user_id" not in client.session


def test_signing_out_needs_a_post(client, officer):
    client.force_login(officer)
    assert client.get("/logout/").status_code == 405
    assert "_auth_user_id" in client.session
