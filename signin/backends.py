from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend, ModelBackend

from signin.accounts import account_for
from signin.config import local_passwords_for


class LocalPasswordBackend(ModelBackend):
    """Django's own passwords and permissions; with OIDC_LOCAL_PASSWORDS off, passwords for superusers only.

    Superusers keep theirs as the break-glass way in, for when the provider is down or misconfigured.
    """

    def user_can_authenticate(self, user):
        return super().user_can_authenticate(user) and local_passwords_for(user)


class OpenIDConnectBackend(BaseBackend):
    """Sign in the person named by an ID token that signin.views.callback has verified.

    Permissions come from LocalPasswordBackend (a ModelBackend), whichever backend signed the person in.
    """

    def authenticate(self, request, oidc_issuer=None, oidc_claims=None, **kwargs):
        if not (oidc_issuer and oidc_claims):
            return None
        user = account_for(issuer=oidc_issuer, claims=oidc_claims)
        return user if user.is_active else None

    def get_user(self, user_id):
        return get_user_model().objects.filter(pk=user_id, is_active=True).first()
