from django import template

from objectives.text import render_text

register = template.Library()


@register.filter
def paragraphs(text):
    """Render stored comments or actions as escaped paragraphs and lists."""
    return render_text(text)
