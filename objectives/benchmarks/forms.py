"""The benchmark pages' forms: the return's download options, a set's files to import, and the confirmation."""

from django import forms

FORMATS = {"json": "application/json", "csv": "text/csv; charset=utf-8"}


class ReturnForm(forms.Form):
    """The dashboard's download: the council is a pseudonym unless the manager ticks "name us"."""

    name_us = forms.BooleanField(
        label="Name us",
        required=False,
        help_text="Give the council's name in the return. Unticked, it is named only by a pseudonym.",
    )
    format = forms.ChoiceField(choices=[("json", "JSON"), ("csv", "CSV")], required=False)

    def clean_format(self):
        return self.cleaned_data["format"] or "json"
