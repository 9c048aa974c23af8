"""An action's RAG and due date as the plan, its page and the dashboard show them: one markup everywhere.

Simple tags rather than included templates: the plan of a large council shows a thousand rows.
"""

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html

from objectives.templatetags.scorecard import blank

register = template.Library()


@register.simple_tag
def rag_badge(rag):
    """Return a RAG status as its shape and its word in its colour: never the colour alone."""
    return format_html(
        '<span class="rag rag-{}"><span class="rag-icon" aria-hidden="true">{}</span> {}</span>',
        rag.key,
        rag.icon,
        rag.label,
    )


@register.simple_tag
def due(action):
    """Return an action's due date, with the first one it had if it was moved after sign-off."""
    if action.due_date is None:
        return blank("no due date")
    revised = ""
    if action.original_due_date:
        revised = format_html(
            ' <span class="action-revised">(revised, was {})</span>',
            date_format(action.original_due_date, "SHORT_DATE_FORMAT"),
        )
    return format_html(
        '<time datetime="{}">{}</time>{}',
        action.due_date.isoformat(),
        date_format(action.due_date, "SHORT_DATE_FORMAT"),
        revised,
    )
