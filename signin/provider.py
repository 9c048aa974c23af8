"""The council's OpenID Connect provider, as an Authlib client configured from the OIDC_ settings.

Authlib reads the endpoints and signing keys from the issuer's discovery document, sends PKCE (S256), a state and
a nonce with every sign-in, and checks the ID token's signature, issuer, audience, expiry and nonce.
"""

from functools import lru_cache
from urllib.parse import urlencode

from authlib.integrations.django_client import OAuth
from django.conf import settings

SCOPES = "openid email profile"
TIMEOUT = 10  # seconds: a provider that does not answer gives the "could not reach" page, not a hung worker


def claims_options():
    """Return the ID token's claims that must be there, and the issuer it must come from: exactly the configured one."""
    return {
        "iss": {"essential": True, "values": [settings.OIDC_ISSUER]},
        "sub": {"essential": True},
        # Authlib checks the audience only when told which: without this, a token for another client passes.
        "aud": {"essential": True, "values": [settings.OIDC_CLIENT_ID]},
        "exp": {"essential": True},
    }


def client():
    """Return the Authlib client for the provider that the settings name (one per configuration, kept)."""
    return _client(settings.OIDC_ISSUER, settings.OIDC_CLIENT_ID, settings.OIDC_CLIENT_SECRET)


@lru_cache(maxsize=4)
def _client(issuer, client_id, client_secret):
    oauth = OAuth()
    return oauth.register(
        name="council",
        client_id=client_id,
        client_secret=client_secret,
        server_metadata_url=f"{issuer.rstrip('/')}/.well-known/openid-configuration",
        client_kwargs={"scope": SCOPES, "code_challenge_method": "S256", "default_timeout": TIMEOUT},
    )


def logout_url(*, id_token, after):
    """Return the provider's end-session address for this sign-in, or None when the provider has none."""
    endpoint = client().load_server_metadata().get("end_session_endpoint")
    if not endpoint:
        return None
    query = {"id_token_hint": id_token, "post_logout_redirect_uri": after, "client_id": settings.OIDC_CLIENT_ID}
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(query)}"
