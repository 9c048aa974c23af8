import logging

import requests
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import auth
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from joserfc.errors import ExpiredTokenError, JoseError

from objectives.roles import ROLES
from signin import config, provider

log = logging.getLogger("signin")

NEXT = "signin_next"  # the page asked for, kept in the session while the person is at the provider
ID_TOKEN = "signin_id_token"  # the sign-in's ID token, the provider's hint at sign-out


class SignInView(auth_views.LoginView):
    """Django's sign-in page, offering the council's provider when single sign-on is set up."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            provider_name=settings.OIDC_PROVIDER_NAME if config.configured() else None,
            local_passwords=settings.OIDC_LOCAL_PASSWORDS,
            **kwargs,
        )


def start(request):
    """Send the person to the provider to sign in, with a new state, nonce and PKCE challenge."""
    if not config.configured():
        raise Http404("Single sign-on is not set up")
    next_url = request.GET.get("next", "")
    request.session.pop(NEXT, None)  # an earlier sign-in's, never finished
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        request.session[NEXT] = next_url
    try:
        return provider.client().authorize_redirect(request, request.build_absolute_uri(reverse("signin:callback")))
    except requests.RequestException as error:
        return _failed(request, "unreachable", error)


def callback(request):
    """Sign in the person the provider sends back, if its answer is this browser's sign-in and verifies."""
    if not config.configured():
        raise Http404("Single sign-on is not set up")
    try:
        token = provider.client().authorize_access_token(request, claims_options=provider.claims_options())
    except MismatchingStateError as error:
        return _failed(request, "state", error)
    except ExpiredTokenError as error:
        return _failed(request, "expired", error)
    except (OAuthError, JoseError, ValueError) as error:
        return _failed(request, "refused", error)
    except requests.RequestException as error:
        return _failed(request, "unreachable", error)
    claims = token.get("userinfo")
    if not claims:  # Authlib verifies an ID token only when there is one: no ID token, no sign-in
        return _failed(request, "refused", "the token response has no ID token")
    username = claims.get("preferred_username") or claims["sub"]
    user = auth.authenticate(request, username=username, oidc_issuer=settings.OIDC_ISSUER, oidc_claims=dict(claims))
    if user is None:  # the account is turned off here, or django-axes has locked it out (its middleware answers)
        return _failed(request, "inactive", f"no active account for {username}", recorded=True)
    next_url = request.session.pop(NEXT, "")
    auth.login(request, user)
    request.session[ID_TOKEN] = token["id_token"]
    log.info("single sign-on: %s signed in from %s", user.username, get_client_ip_address(request))
    if not user.groups.filter(name__in=ROLES).exists() and not user.is_staff:
        return redirect("signin:no_role")
    return redirect(next_url or settings.LOGIN_REDIRECT_URL)


def _failed(request, reason, error, *, recorded=False):
    """Answer a sign-in that did not work with a page that says so; record it for django-axes and the log."""
    log.warning("single sign-on refused (%s) from %s: %s", reason, get_client_ip_address(request), error)
    if not recorded:  # django.contrib.auth.authenticate has sent the signal itself
        user_login_failed.send(sender=__name__, credentials={"username": ""}, request=request)
    context = {"reason": reason, "provider_name": settings.OIDC_PROVIDER_NAME}
    return render(request, "signin/failed.html", context, status=503 if reason == "unreachable" else 400)


@login_required
def no_role(request):
    """Tell someone signed in without any role that there is nothing here for them yet, and whom to ask."""
    return render(request, "signin/no_role.html", {"provider_name": settings.OIDC_PROVIDER_NAME}, status=403)


@require_POST  # signing out changes state: a link or an image on another site must not sign anyone out
def sign_out(request):
    """End the session here and, for a single sign-on with a provider that offers it, at the provider too."""
    id_token = request.session.get(ID_TOKEN)
    auth.logout(request)
    after = request.build_absolute_uri(reverse(settings.LOGOUT_REDIRECT_URL))
    if id_token and config.configured():
        try:
            end_session = provider.logout_url(id_token=id_token, after=after)
        except requests.RequestException as error:
            log.warning("single sign-on: could not reach the provider to sign out there: %s", error)
            end_session = None
        if end_session:
            return redirect(end_session)
    return redirect(settings.LOGOUT_REDIRECT_URL)
