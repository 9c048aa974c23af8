from django import template

from objectives.text import render_text

register = template.Library()


@register.filter
def paragraphs(text):
    """Render stored comments or actions as escaped paragraphs and lists."""
    return render_text(text)


@register.filter
def level_label(number, names):
    """Return "3 Mature" for a level number, given the framework's {number: name}; "" for none."""
    if number is None:
        return ""
    return f"{number} {names.get(number, '')}".strip()
