"""Single sign-on's configuration, read from the settings (themselves from the OIDC_ environment variables)."""

from urllib.parse import urlsplit

from csp.constants import SELF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from objectives.roles import ROLES

# The variables that single sign-on needs, all together: some without the others is a half-made configuration.
REQUIRED = ("OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_PROVIDER_NAME")


def parse_group_roles(name, value):
    """Return {group id: role} from "<group id>=<role>,<group id>=<role>", refusing anything else.

    A group id is the provider's (Entra ID's group object id); a role is one of the three role groups' names.
    """
    mapping = {}
    for item in (value or "").split(","):
        if not item.strip():
            continue
        group, equals, role = (part.strip() for part in item.partition("="))
        if not equals or not group or role not in ROLES:
            roles = ", ".join(ROLES)
            raise ImproperlyConfigured(f"{name}: {item.strip()!r} is not '<group id>=<role>' with a role of: {roles}")
        if group in mapping and mapping[group] != role:
            raise ImproperlyConfigured(f"{name}: group {group!r} is given two roles")
        mapping[group] = role
    return mapping


def form_action(issuer):
    """Return the Content-Security-Policy's form-action: this site, and the provider's origin when there is one."""
    if not issuer:
        return [SELF]
    url = urlsplit(issuer)
    return [SELF, f"{url.scheme}://{url.netloc}"]


def configured():
    """Return whether single sign-on is set up: every required variable has a value."""
    return all(getattr(settings, name, "") for name in REQUIRED)


def missing():
    """Return the required variables without a value, when some others have one (a half-made configuration)."""
    unset = [name for name in REQUIRED if not getattr(settings, name, "")]
    return unset if len(unset) < len(REQUIRED) else []


def local_passwords_for(user):
    """Return whether this account may sign in with a password of this service."""
    return settings.OIDC_LOCAL_PASSWORDS or user.is_superuser
