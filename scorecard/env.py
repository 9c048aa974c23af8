"""Read settings from the environment, failing loudly: a value that is not what the setting needs stops start-up.

`DJANGO_DEBUG=ture` or `DJANGO_SESSION_AGE=8h` raise ImproperlyConfigured naming the variable, rather than being
read as "off" or crashing later with a bare ValueError. An unset or empty variable takes the default.
"""

import os

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off"}


def _raw(name):
    value = os.environ.get(name, "").strip()
    return value or None


def env_str(name, default):
    value = _raw(name)
    return default if value is None else value


def env_bool(name, default):
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in TRUE:
        return True
    if value.lower() in FALSE:
        return False
    choices = ", ".join(sorted(TRUE | FALSE))
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean: use one of {choices}")


def _number(name, default, kind, what):
    value = _raw(name)
    if value is None:
        return default
    try:
        return kind(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not {what}") from None


def env_int(name, default):
    return _number(name, default, int, "a whole number")


def env_float(name, default):
    return _number(name, default, float, "a number")


def env_list(name, default):
    """Return a comma-separated list, e.g. DJANGO_ALLOWED_HOSTS=a.example,b.example."""
    value = _raw(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]
