"""System checks of single sign-on's configuration (`manage.py check`, and `check --deploy`)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Warning, register

from signin import config


@register("signin")
def check_single_sign_on(app_configs, **kwargs):
    missing = config.missing()
    if missing:
        return [
            Warning(
                f"Single sign-on is half configured: {', '.join(missing)} not set, so nobody can sign in with it.",
                hint="Set every OIDC_ variable of the README's 'Single sign-on', or none of them.",
                id="signin.W001",
            )
        ]
    warnings = []
    if config.configured():
        if not settings.OIDC_GROUP_ROLES:
            warnings.append(
                Warning(
                    "Single sign-on is set up but OIDC_GROUP_ROLES maps no group to a role: everyone who signs in "
                    "with it has no role.",
                    hint="OIDC_GROUP_ROLES=<group object id>=Procurement officer,<group object id>=Manager,...",
                    id="signin.W002",
                )
            )
        issuer = urlsplit(settings.OIDC_ISSUER)
        if issuer.scheme != "https" and issuer.hostname not in ("127.0.0.1", "localhost", "::1"):
            warnings.append(
                Warning(
                    f"OIDC_ISSUER={settings.OIDC_ISSUER!r} is not an https:// address.",
                    hint="Entra ID's is https://login.microsoftonline.com/<tenant id>/v2.0",
                    id="signin.W003",
                )
            )
    elif not settings.OIDC_LOCAL_PASSWORDS:
        warnings.append(
            Warning(
                "OIDC_LOCAL_PASSWORDS is off but single sign-on is not set up: only superusers can sign in.",
                hint="Set the OIDC_ variables, or turn local passwords back on.",
                id="signin.W004",
            )
        )
    return warnings
