from django import template

from objectives.text import render_text

register = template.Library()


@register.filter
def paragraphs(text):
    """Render stored comments or actions as escaped paragraphs and lists."""
    return render_text(text)


@register.filter
def level_label(number, levels):
    """Return "3 Mature" for a level number, given the framework's Levels; "" for none."""
    return levels.label(number)
