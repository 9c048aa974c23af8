"""Agree an objective's score from its own scores, and set a review's scoring rules."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from objectives.forms.fields import XmlSafeForm
from objectives.models import TEXT_LIMIT, Moderation
from objectives.rules.spread import needs_rationale


class AgreeForm(XmlSafeForm, forms.Form):
    """The agreed score of an objective and why: the reason is required when it differs from any own score."""

    score = forms.TypedChoiceField(
        coerce=int, widget=forms.RadioSelect, label="Agreed score", help_text="The score the committee will read."
    )
    rationale = forms.CharField(
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Why this score was agreed",
        help_text="Required when the agreed score differs from any own score.",
    )

    def __init__(self, *args, assessment, own_scores, **kwargs):
        super().__init__(*args, **kwargs)
        self.own_scores = own_scores
        levels = assessment.review.framework.levels_by_number()
        self.fields["score"].choices = [(number, levels.label(number)) for number in levels]
        agreement = getattr(assessment, "agreement", None)
        if not self.is_bound and assessment.score is not None:
            self.initial["score"] = assessment.score
            self.initial["rationale"] = agreement.rationale if agreement else ""
        self.helper = FormHelper()
        self.helper.add_input(Submit("agree", "Agree this score"))

    def clean(self):
        cleaned = super().clean()
        score = cleaned.get("score")
        if score is not None and not cleaned.get("rationale", "").strip() and needs_rationale(score, self.own_scores):
            self.add_error(
                "rationale",
                forms.ValidationError(
                    "The agreed score differs from an own score: say why it was agreed.", code="rationale_needed"
                ),
            )
        return cleaned


class ModerationForm(forms.ModelForm):
    class Meta:
        model = Moderation
        fields = ["blind", "single_voice_agrees", "pack_names_scorers"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", "Save the scoring rules"))
