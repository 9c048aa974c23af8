"""A tampered, misdirected, late or replayed answer from the provider signs nobody in, and says so on a clear page.

Each answer is the real provider's (tests/signin/oidc.py); what refuses it is Authlib's check or the provider's.
"""

from datetime import timedelta
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from tests.signin.oidc import sign_in_at_provider

pytestmark = pytest.mark.django_db


def callback_for(client, login):
    """Start a sign-in in `client`, sign in at the provider, and return the callback address (not yet visited)."""
    return sign_in_at_provider(client.get("/oidc/start/")["Location"], login)


def assert_refused(response, client, says):
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nobody has been signed in." in page and says in page
    assert "_auth_user_id" not in client.session


@pytest.fixture
def officer_at_provider(sso):
    sso.set_account("ofelia", groups=["grp-officers"])
    return sso


def test_a_forged_state_signs_nobody_in(client, officer_at_provider, audit_log):
    path, query = callback_for(client, "ofelia").split("?")
    params = parse_qs(query)
    params["state"] = ["forged-state"]
    response = client.get(f"{path}?{urlencode(params, doseq=True)}")
    assert_refused(response, client, "does not match one started in this browser")
    assert any("mismatching_state" in r.getMessage() for r in audit_log.records)
    assert not User.objects.filter(username="ofelia").exists()


def test_an_answer_carried_into_another_browser_signs_nobody_in(client, officer_at_provider):
    # Login CSRF: someone's genuine callback, with its state, sent to a victim whose browser never started it.
    callback = callback_for(client, "ofelia")
    victim = Client()
    assert_refused(victim.get(callback), victim, "does not match one started in this browser")


def test_a_token_for_another_audience_signs_nobody_in(client, sso, audit_log):
    # The provider signs, for this person, an ID token whose audience is another application it serves.
    sso.set_account("mallory", groups=["grp-managers"], token_for_client="another-app")
    response = client.get(callback_for(client, "mallory"))
    assert_refused(response, client, "could not be verified")
    assert any("invalid_claim: Invalid claim: 'aud'" in r.getMessage() for r in audit_log.records)
    assert not User.objects.filter(username="mallory").exists()


def test_a_token_changed_after_the_provider_signed_it_signs_nobody_in(client, sso, audit_log):
    sso.set_account("ofelia", groups=["grp-officers"], tampered_claims={"groups": ["grp-managers"]})
    response = client.get(callback_for(client, "ofelia"))
    assert_refused(response, client, "could not be verified")
    assert any("bad_signature" in r.getMessage() for r in audit_log.records)
    assert not User.objects.filter(username="ofelia").exists()


def test_an_id_token_of_another_sign_in_signs_nobody_in(client, sso, audit_log):
    # A genuine, signed, unexpired ID token for this client, but with another sign-in's nonce: a replayed token.
    sso.set_account("ofelia", groups=["grp-officers"], nonce_of_another_sign_in="nonce-of-an-earlier-sign-in")
    response = client.get(callback_for(client, "ofelia"))
    assert_refused(response, client, "could not be verified")
    assert any("Invalid claim: 'nonce'" in r.getMessage() for r in audit_log.records)


def test_an_expired_token_signs_nobody_in(client, officer_at_provider, audit_log):
    # The provider's ID tokens last an hour; this server's clock says two hours have passed (beyond the 2 minutes'
    # leeway for clock skew) when the answer comes back.
    callback = callback_for(client, "ofelia")
    with time_machine.travel(timezone.now() + timedelta(hours=2), tick=True):
        response = client.get(callback)
    assert_refused(response, client, "had expired by the time it arrived")
    assert any("expired_token: The token is expired" in r.getMessage() for r in audit_log.records)


def test_a_replayed_code_signs_nobody_in(client, officer_at_provider, audit_log):
    # The attacker has the code and this browser's state for it (its verifier too): the provider takes a code once.
    callback = callback_for(client, "ofelia")
    state = parse_qs(urlsplit(callback).query)["state"][0]
    key = f"_state_council_{state}"
    kept = client.session[key]
    assert client.get(callback).status_code == 302
    replaying = Client()
    session = replaying.session
    session[key] = kept
    session.save()
    assert_refused(replaying.get(callback), replaying, "a sign-in link can be used only once")
    assert any("invalid_grant" in r.getMessage() for r in audit_log.records)  # the provider's answer


def test_the_same_answer_twice_signs_in_once(client, officer_at_provider):
    callback = callback_for(client, "ofelia")
    assert client.get(callback).status_code == 302
    client.logout()
    assert_refused(client.get(callback), client, "does not match one started in this browser")


def test_an_error_from_the_provider_is_a_clear_page(client, officer_at_provider):
    client.get("/oidc/start/")
    response = client.get("/oidc/callback/?error=access_denied&error_description=End-User+aborted&state=x")
    assert_refused(response, client, "refused the sign-in")


def test_a_refused_sign_in_is_recorded_by_axes_and_the_audit_log(client, officer_at_provider, audit_log):
    client.get("/oidc/callback/?code=stolen&state=forged", REMOTE_ADDR="198.51.100.4")
    assert AccessFailureLog.objects.filter(ip_address="198.51.100.4", path_info="/oidc/callback/").exists()
    assert AccessAttempt.objects.get(ip_address="198.51.100.4").failures_since_start == 1
    assert any("single sign-on refused (state) from 198.51.100.4" in r.getMessage() for r in audit_log.records)


def test_someone_locked_out_by_django_axes_is_refused_single_sign_on_too(client, officer_at_provider, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": "ofelia", "password": "guess"})
    response = client.get(callback_for(client, "ofelia"))
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_tampered_code_signs_nobody_in(client, officer_at_provider):
    path, query = callback_for(client, "ofelia").split("?")
    params = parse_qs(query)
    params["code"] = [params["code"][0][:-4] + "AAAA"]
    response = client.get(f"{path}?{urlencode(params, doseq=True)}")
    assert_refused(response, client, "refused the sign-in")


@pytest.mark.parametrize("query", ["", "?code=", "?state=", "?code=x&state=&error=", "?code=%00&state=%00"])
def test_a_callback_with_nothing_sensible_in_it_is_a_clear_page(client, officer_at_provider, query):
    client.get("/oidc/start/")
    assert_refused(client.get(f"/oidc/callback/{query}"), client, "Nobody has been signed in.")


def test_a_provider_that_cannot_be_reached_is_a_clear_page(client, settings, officer_at_provider):
    settings.OIDC_ISSUER = "http://127.0.0.1:9"  # the discard port: nothing listens
    response = client.get("/oidc/start/")
    assert response.status_code == 503
    assert "could not be reached" in response.content.decode()


def test_forged_answers_from_one_address_are_throttled_without_locking_its_people_out(client, officer_at_provider):
    # Refused answers count as failures of an unknown account from that address: after five, django-axes answers
    # that address's refused answers with its lock-out page; a genuine sign-in from the same address still works.
    for _ in range(4):
        assert client.get("/oidc/callback/?code=forged&state=forged").status_code == 400
    assert client.get("/oidc/callback/?code=forged&state=forged").status_code == 429
    assert client.get(callback_for(client, "ofelia")).status_code == 302
    assert client.session["_auth_user_id"]
