from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout, Submit
from django import forms

from objectives.models import REASON_LIMIT, TEXT_LIMIT, Assessment, Objective, Review


class AssessmentForm(forms.ModelForm):
    """Score an objective and write what was done and what will be done."""

    score = forms.TypedChoiceField(
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        label="Score",
        help_text="The level the council has reached this year.",
    )
    target = forms.TypedChoiceField(
        coerce=int,
        empty_value=None,
        required=False,
        label="Target",
        help_text="The level the council aims for. Managers set targets.",
    )
    origin = forms.ChoiceField(
        choices=Assessment.Origin.choices,
        widget=forms.RadioSelect,
        label="Continued or new",
        help_text="Continued from the previous review, or new in this one.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Assessment
        fields = Assessment.RECORDED_FIELDS
        widgets = {
            "comments": forms.Textarea(attrs={"rows": 7}),
            "actions": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "comments": (
                "What has been done. Leave a blank line between paragraphs; start lines with “- ” for a list. "
                f"At most {TEXT_LIMIT:,} characters."
            ),
            "actions": (
                "What will be done, by whom. Blank lines and “- ” lists work here too. "
                f"At most {TEXT_LIMIT:,} characters."
            ),
        }

    def __init__(self, *args, may_set_target, **kwargs):
        super().__init__(*args, **kwargs)
        levels = self.instance.review.framework.levels_by_number()
        self.fields["score"].choices = levels.choices(empty="Not scored")
        self.fields["target"].choices = levels.choices(empty="No target")
        self.fields["target"].disabled = not may_set_target
        if not may_set_target:
            self.fields["target"].help_text = "Only a manager can change the target."
        if not self.is_bound:
            self.initial["version"] = self.instance.version
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field("score"),
            "target",
            Field("origin"),
            "comments",
            "actions",
            "version",
            Submit("save", "Save assessment"),
        )


class NewReviewForm(forms.Form):
    EXISTS = "There is a %(year)s review already."

    year = forms.IntegerField(min_value=2000, max_value=2100, help_text="The year this review assesses.")

    def __init__(self, *args, previous, **kwargs):
        super().__init__(*args, **kwargs)
        self.previous = previous
        self.initial.setdefault("year", previous.year + 1)
        self.helper = FormHelper()
        self.helper.add_input(Submit("start", f"Start the review from {previous.year}"))

    def clean_year(self):
        year = self.cleaned_data["year"]
        if Review.objects.filter(year=year).exists():
            raise forms.ValidationError(self.EXISTS, code="exists", params={"year": year})
        if year <= self.previous.year:
            raise forms.ValidationError(
                "A new review must come after the %(year)s one it starts from.",
                code="order",
                params={"year": self.previous.year},
            )
        return year


class ReopenForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON_LIMIT,
        help_text=(
            f"Why the signed-off review must change; it is kept in the history. At most {REASON_LIMIT} characters."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("reopen", "Reopen the review", css_class="btn-warning"))


class AddObjectiveForm(forms.Form):
    objective = forms.ModelChoiceField(queryset=Objective.objects.none(), empty_label="Choose an objective")

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = (
            Objective.objects.filter(framework=review.framework)
            .exclude(assessments__review=review)
            .select_related("key_area")
            .order_by("number")
        )
        self.fields["objective"].label_from_instance = lambda o: f"#{o.number} {o.title} ({o.key_area.name})"
        self.helper = FormHelper()
        self.helper.add_input(Submit("add", "Add as a new objective"))
