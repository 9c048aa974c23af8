"""Signing in with the council's provider: a real OpenID Connect provider on 127.0.0.1 (tests/signin/oidc.py)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from axes.models import AccessLog
from django.contrib.auth.models import Group, User
from django.test import Client

from signin.models import Identity
from tests.signin.oidc import sign_in_at_provider

pytestmark = pytest.mark.django_db


def sign_in(client, login, *, start="/oidc/start/", **extra):
    """Sign in as `login` at the provider from the app's sign-in button; return the app's answer to the callback."""
    response = client.get(start)
    assert response.status_code == 302
    return client.get(sign_in_at_provider(response["Location"], login), **extra)


def roles(user):
    return set(user.groups.values_list("name", flat=True))


def test_the_sign_in_sends_pkce_a_state_and_a_nonce(client, sso):
    response = client.get("/oidc/start/")
    url = urlsplit(response["Location"])
    query = parse_qs(url.query)
    assert f"{url.scheme}://{url.netloc}" == sso.issuer
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"][0]
    assert query["state"][0] and query["nonce"][0]
    assert query["client_id"] == ["scorecard"] and query["redirect_uri"] == ["http://testserver/oidc/callback/"]


def test_an_officer_signs_in_for_the_first_time_and_lands_on_my_work(client, sso):
    sso.set_account("ofelia", name="Ofelia Oyelaran", email="ofelia@council.example", groups=["grp-officers"])
    response = sign_in(client, "ofelia")
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").url == "/my-work/"
    user = User.objects.get(username="ofelia")
    assert (user.first_name, user.last_name, user.email) == ("Ofelia", "Oyelaran", "ofelia@council.example")
    assert roles(user) == {"Procurement officer"}
    assert not user.has_usable_password()
    assert Identity.objects.get(user=user).subject == "ofelia"


def test_the_page_asked_for_is_where_the_sign_in_ends(client, sso):
    sso.set_account("ofelia", groups=["grp-officers"])
    response = sign_in(client, "ofelia", start="/oidc/start/?next=/account/")
    assert response["Location"] == "/account/"


def test_an_address_elsewhere_is_never_where_the_sign_in_ends(client, sso):
    sso.set_account("ofelia", groups=["grp-officers"])
    response = sign_in(client, "ofelia", start="/oidc/start/?next=https://evil.example/")
    assert response["Location"] == "/"


def test_the_account_is_found_by_the_subject_not_the_email(client, sso, officer):
    # A local account "olivia" with the same email address is not taken over by whoever the provider calls olivia.
    officer.email = "olivia@council.example"
    officer.save()
    sso.set_account("olivia", name="Olivia Other", email="olivia@council.example", groups=["grp-officers"])
    sign_in(client, "olivia")
    made = Identity.objects.get(subject="olivia").user
    assert made != officer and made.username == "olivia-2"
    # The next sign-in, with a new email address and name, is the same account, renamed.
    sso.set_account("olivia", name="Olivia Renamed", email="o.renamed@council.example", groups=["grp-officers"])
    sign_in(Client(), "olivia")
    assert Identity.objects.get(subject="olivia").user == made
    made.refresh_from_db()
    assert (made.last_name, made.email) == ("Renamed", "o.renamed@council.example")
    assert User.objects.filter(username__startswith="olivia").count() == 2


def test_moving_someone_in_the_directory_moves_their_role_at_the_next_sign_in(client, sso):
    sso.set_account("mo", groups=["grp-officers", "grp-unrelated"])
    sign_in(client, "mo")
    user = User.objects.get(username="mo")
    assert roles(user) == {"Procurement officer"}
    # Groups and flags that are not the scorecard's roles are the administrator's, and stay.
    user.groups.add(Group.objects.create(name="Report readers"))
    User.objects.filter(pk=user.pk).update(is_staff=True)
    sso.set_account("mo", groups=["grp-managers"])
    sign_in(Client(), "mo")
    user.refresh_from_db()
    assert roles(user) == {"Manager", "Report readers"} and user.is_staff
    sso.set_account("mo", groups=["grp-officers", "grp-committee"])
    sign_in(Client(), "mo")
    assert roles(user) == {"Procurement officer", "Committee member", "Report readers"}


def test_someone_in_no_mapped_group_gets_the_no_role_page(client, sso):
    sso.set_account("nadia", name="Nadia Nobody", groups=["grp-unrelated"])
    response = sign_in(client, "nadia")
    assert response["Location"] == "/oidc/no-role/"
    page = client.get("/oidc/no-role/")
    assert page.status_code == 403
    assert "You have no role in the scorecard yet" in page.content.decode()
    assert "Nadia Nobody" in page.content.decode()
    assert client.get("/reviews/").status_code == 403


def test_someone_removed_from_every_group_loses_their_role(client, sso):
    sso.set_account("leaver", groups=["grp-managers"])
    sign_in(client, "leaver")
    sso.set_account("leaver", groups=[])
    assert sign_in(Client(), "leaver")["Location"] == "/oidc/no-role/"
    assert roles(User.objects.get(username="leaver")) == set()


def test_a_turned_off_account_is_not_signed_in(client, sso):
    sso.set_account("gone", groups=["grp-officers"])
    sign_in(client, "gone")
    User.objects.filter(username="gone").update(is_active=False)
    other = Client()
    response = sign_in(other, "gone")
    assert response.status_code == 400 and "turned off" in response.content.decode()
    assert "_auth_user_id" not in other.session


def test_a_single_sign_on_is_in_the_access_log_and_the_audit_log(client, sso, audit_log):
    sso.set_account("ofelia", groups=["grp-officers"])
    sign_in(client, "ofelia", REMOTE_ADDR="203.0.113.9")
    entry = AccessLog.objects.get(username="ofelia")
    assert entry.ip_address == "203.0.113.9" and entry.attempt_time
    assert any(r.getMessage() == "single sign-on: ofelia signed in from 203.0.113.9" for r in audit_log.records)


def test_a_sign_in_name_that_django_would_refuse_is_made_safe(client, sso):
    sso.set_account("jo", preferred_username="Jo Bloggs/Finance", groups="grp-officers")
    sign_in(client, "jo")
    user = Identity.objects.get(subject="jo").user
    assert user.username == "Jo-Bloggs-Finance" and roles(user) == {"Procurement officer"}


def test_an_identity_moved_to_an_old_account_signs_in_to_it(client, sso, officer):
    sso.set_account("olivia", groups=["grp-officers"])
    sign_in(client, "olivia")
    Identity.objects.filter(subject="olivia").update(user=officer)  # what the admin's change form does
    other = Client()
    sign_in(other, "olivia")
    assert other.session["_auth_user_id"] == str(officer.pk)
