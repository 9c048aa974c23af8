from django import template
from django.utils.html import format_html

from objectives.rules.levels import NOT_APPLICABLE
from objectives.rules.scoring import Change, change_words, target_mark
from objectives.rules.text import render_text

register = template.Library()

BLANK = '<span class="blank" aria-hidden="true">—</span><span class="visually-hidden">{}</span>'
CHANGE = '<span class="change change-{}"><span aria-hidden="true">{}</span> {}</span>'


@register.filter
def paragraphs(text):
    """Render stored comments or actions as escaped paragraphs and lists."""
    return render_text(text)


@register.filter
def level_label(number, levels):
    """Return "3 Mature" for a level number, given the framework's Levels; "" for none."""
    return levels.label(number)


@register.simple_tag
def blank(meaning):
    """Return the one mark of an empty value, everywhere: a dash on screen, its meaning for screen readers."""
    return format_html(BLANK, meaning)


@register.simple_tag
def level_badge(number, levels, empty="not scored", *, not_applicable=False):
    """Return a level of the framework's Levels as a badge that keeps its number beside its name: [3] Mature; the
    blank mark for none; "Not applicable", in words, for a score marked so."""
    if not_applicable:
        return format_html('<span class="not-applicable">{}</span>', NOT_APPLICABLE)
    if number is None:
        return blank(empty)
    return format_html(
        '<span class="level-badge"><span class="level level-{}">{}</span> {}</span>',
        number,
        number,
        levels.get(number, ""),
    )


@register.simple_tag
def change_badge(change, previous):
    """Return how a score moved since last year in words, with a sign beside them: "▲ Up from 2"."""
    if not change:
        return blank("no change to show")
    change = Change(change)
    return format_html(CHANGE, change, change.symbol, change_words(change, previous))


@register.simple_tag
def target_badge(score, target):
    """Return a score against its target as the pack prints it, a sign beside the words: "✗ 1 level below"."""
    mark = target_mark(score, target)
    if mark is None:
        return ""
    css = "target-below" if mark[0] == "✗" else "target-met"
    return format_html('<span class="{}"><span aria-hidden="true">{}</span> {}</span>', css, *mark)


@register.simple_tag
def spread_badge(spread):
    """Return an objective's own scores when they are far apart (flagged), in words beside a mark: "⚑ Own scores 2
    to 5: to be agreed"; when they are close, how many voices; nothing with no own score."""
    if spread is None:
        return ""
    if spread.flagged:
        return format_html(
            '<span class="badge text-bg-warning spread-flag"><span aria-hidden="true">⚑</span> Flagged: own scores '
            "{} to {}, {} levels apart</span>",
            spread.lowest,
            spread.highest,
            spread.levels_apart,
        )
    voices = spread.voices
    return format_html('<span class="spread-voices">{} own score{}</span>', voices, "s" if voices != 1 else "")
