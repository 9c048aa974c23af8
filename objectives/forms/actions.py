"""Raise and change an action, add a progress note, and filter the action plan."""

from django import forms
from django.utils import timezone

from objectives.forms.fields import DATE, OwnerChoiceField, XmlSafeForm, style
from objectives.models import TEXT_LIMIT, Action, ProgressNote, people_who_may
from objectives.models.actions import status_errors
from objectives.rules import rag


class ActionForm(XmlSafeForm, forms.ModelForm):
    """Raise an action, or change one: once agreed at sign-off, its words stay as they were agreed
    (`services.actions.change_action` saves it).

    The model's `clean` asks for the date it was done, or why it was dropped, when the status needs them.
    """

    owner = OwnerChoiceField(queryset=None, required=False, help_text="Who keeps it up to date.")
    # The version the form was opened on: a save over someone else's change is shown it first (`change_action`).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)  # none when raising one

    class Meta:
        model = Action
        fields = Action.RECORDED_FIELDS
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_LIMIT}),
            "dropped_reason": forms.Textarea(attrs={"rows": 2}),
            "due_date": DATE,
            "done_on": DATE,
        }
        help_texts = {"done_on": "Needed when it is done.", "dropped_reason": "Needed when it is dropped."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_who_may("change_action", keeping=self.instance.owner_id)
        self.agreed = bool(self.instance.pk) and self.instance.is_agreed()
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        if self.agreed:
            self.fields["text"].disabled = True
            self.fields["text"].help_text = "Agreed at sign-off: the words stay as the committee agreed them."


class ProgressForm(XmlSafeForm, forms.ModelForm):
    """Write what has happened, and optionally move the action to a new status."""

    STATUS_FIELDS = ("status", "done_on", "dropped_reason")

    status = forms.ChoiceField(choices=Action.Status.choices, label="Status after this note")
    done_on = forms.DateField(required=False, widget=DATE, help_text="Needed when it is done.")
    dropped_reason = forms.CharField(
        required=False, max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 2}), label="Why it was dropped"
    )

    class Meta:
        model = ProgressNote
        fields = ["on", "text"]
        widgets = {"on": DATE, "text": forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_LIMIT})}
        labels = {"on": "Date", "text": "Progress note"}

    def __init__(self, *args, action, **kwargs):
        initial = {name: getattr(action, name) for name in self.STATUS_FIELDS}
        super().__init__(*args, initial={**initial, "on": timezone.localdate()}, **kwargs)
        self.action = action

    def clean_on(self):
        on = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise forms.ValidationError("A progress note cannot be dated in the future.", code="future")
        return on

    def clean(self):
        cleaned = super().clean()
        if "status" in cleaned:
            errors = status_errors(
                cleaned["status"], done_on=cleaned.get("done_on"), dropped_reason=cleaned.get("dropped_reason")
            )
            for name, error in errors.items():
                self.add_error(name, error)
        return cleaned

    def status_fields(self):
        """Return the action's status, done date and reason as the note leaves them."""
        return {name: self.cleaned_data[name] for name in self.STATUS_FIELDS}


class ActionPlanFilterForm(forms.Form):
    """The action plan's filters, as GET parameters that a bookmark keeps."""

    status = forms.ChoiceField(choices=[("", "Any status"), *Action.Status.choices], required=False)
    rag = forms.ChoiceField(
        choices=[("", "Any RAG")] + [(key.key, key.label) for key, _ in rag.rule()], required=False, label="RAG"
    )
    lead = forms.CharField(required=False, max_length=200, label="Lead contains")
    owner = OwnerChoiceField(queryset=None, required=False, empty_label="Anyone")
    overdue = forms.BooleanField(required=False, label="Overdue only")
    due_before = forms.DateField(required=False, widget=DATE, label="Due before")
    raised_in = forms.IntegerField(required=False, min_value=1, max_value=9999, label="Raised in (year)")
    sort = forms.ChoiceField(choices=[("", "By objective"), ("due", "By due date")], required=False, label="Sort")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_who_may("change_action")
        style(self)
