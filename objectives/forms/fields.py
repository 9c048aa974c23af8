"""The fields and widgets every form shares, so that a date or an owner is asked for one way everywhere."""

from django import forms

from objectives.models import person

# A date as the browser's date picker gives it, in every form.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return person(user)
