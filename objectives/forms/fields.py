"""The fields and widgets every form shares, so that a date or an owner is asked for one way everywhere."""

from django import forms

from objectives.models import person
from objectives.rules.text import xml_safe

# A date as the browser's date picker gives it, in every form.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def style(form, *, small=False):
    """Give a form that its template lays out by hand (filters, grids of choices) Bootstrap's class for each widget,
    as crispy-forms gives those it renders: a select, a checkbox, or any other control; `small` selects for a grid's
    cells."""
    for field in form.fields.values():
        widget = field.widget
        if widget.is_hidden:
            continue
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select form-select-sm" if small else "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = css
    return form


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return person(user)


class XmlSafeForm:
    """A form mixin (first among the bases) that takes out of every text it cleans the characters XML cannot hold
    (`rules.text.xml_safe`): typed or pasted, a control character never reaches the database or the backup."""

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            field = self.fields.get(name)
            # A password is never stored as text (only its hash), and must sign in as it was typed.
            if isinstance(value, str) and not (field and isinstance(field.widget, forms.PasswordInput)):
                cleaned[name] = xml_safe(value)
        return cleaned
