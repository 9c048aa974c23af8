"""`{{ user|person }}`: a user's name as every page shows it (a template builtin, so no `{% load %}` is needed)."""

from django import template

from objectives.models import person as person_name

register = template.Library()


@register.filter
def person(user):
    """Return the full name the administrator set, else the user name; "" for nobody."""
    return person_name(user)
