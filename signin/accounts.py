"""Accounts from a verified ID token: found by (issuer, subject), made at the first sign-in, roles from the groups."""

import logging
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.utils import timezone

from objectives.roles import ROLES
from signin.models import Identity

log = logging.getLogger("signin")


def account_for(*, issuer, claims):
    """Return the account of the person the claims name, made if new, with its name, email and roles refreshed."""
    identity = Identity.objects.select_related("user").filter(issuer=issuer, subject=claims["sub"]).first()
    if identity is None:
        identity = _new_identity(issuer=issuer, claims=claims)
    user = identity.user
    _refresh_profile(user, claims)
    set_roles(user, roles_for(claims))
    identity.last_signed_in = timezone.now()
    identity.save(update_fields=["last_signed_in"])
    return user


def _new_identity(*, issuer, claims):
    User = get_user_model()  # noqa: N806
    try:
        with transaction.atomic():
            user = User(username=_free_username(claims))
            user.set_unusable_password()
            user.save()
            identity = Identity.objects.create(user=user, issuer=issuer, subject=claims["sub"])
    except IntegrityError:
        # The same person's first sign-in in two tabs at once: the other made the account.
        return Identity.objects.select_related("user").get(issuer=issuer, subject=claims["sub"])
    log.info("single sign-on: made account %s for subject %s of %s", user.username, claims["sub"], issuer)
    return identity


def _free_username(claims):
    """Return the person's sign-in name at the provider, or their subject, made unique here."""
    User = get_user_model()  # noqa: N806
    name = claims.get("preferred_username") or claims.get("email") or claims["sub"]
    base = re.sub(r"[^\w.@+-]", "-", str(name))[:140]  # what Django's username validator allows
    username, number = base, 1
    while User.objects.filter(username__iexact=username).exists():
        number += 1
        username = f"{base}-{number}"
    return username


def _refresh_profile(user, claims):
    first, last = claims.get("given_name"), claims.get("family_name")
    if not (first or last) and claims.get("name"):
        # Entra ID sends "name" (the display name); given_name and family_name only as optional claims.
        first, _, last = claims["name"].strip().rpartition(" ")
        first, last = (first, last) if first else (last, "")
    changes = {"first_name": (first or user.first_name)[:150], "last_name": (last or user.last_name)[:150]}
    if claims.get("email"):
        changes["email"] = claims["email"][:254]
    changed = [field for field, value in changes.items() if getattr(user, field) != value]
    for field in changed:
        setattr(user, field, changes[field])
    if changed:
        user.save(update_fields=changed)


def roles_for(claims):
    """Return the names of the roles that the claims' groups map to (OIDC_GROUP_ROLES)."""
    groups = claims.get("groups") or []
    groups = [groups] if isinstance(groups, str) else groups
    if not groups and "groups" in (claims.get("_claim_names") or {}):
        log.warning(
            "single sign-on: subject %s is in too many groups for the token (Entra ID's overage); "
            "send only the groups assigned to the application (see the README)",
            claims["sub"],
        )
    mapping = settings.OIDC_GROUP_ROLES
    return {mapping[group] for group in groups if isinstance(group, str) and group in mapping}


def set_roles(user, roles):
    """Put the account in exactly these role groups, leaving its other groups and its staff flags alone."""
    current = set(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
    if current == set(roles):
        return
    user.groups.remove(*Group.objects.filter(name__in=current - set(roles)))
    user.groups.add(*Group.objects.filter(name__in=set(roles) - current))
    log.info("single sign-on: %s's roles were %s, are now %s", user.username, sorted(current), sorted(roles))
