"""Score an objective, add one to a draft or take one out, and filter the scorecard."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Layout, Submit
from django import forms
from django.db import models

from objectives.forms.fields import XmlSafeForm, style
from objectives.models import REASON_LIMIT, TEXT_LIMIT, Assessment, KeyArea, Objective
from objectives.rules.levels import NOT_APPLICABLE

# A button of its own: crispy's Submit would add btn-primary to any other style.
SAVE_AND_NEXT = (
    '<button type="submit" name="save_next" value="1" class="btn btn-outline-primary">Save and next</button>'
)

# The score's choice beside the levels, for a framework that allows it: "Not applicable" is no level.
NOT_APPLICABLE_CHOICE = "not-applicable"


def _score(value):
    return value if value == NOT_APPLICABLE_CHOICE else int(value)


class AssessmentForm(XmlSafeForm, forms.ModelForm):
    """Record one's own score of an objective (or, where its framework allows it, mark the objective not applicable
    and say why) and write what was done and what will be done.

    The score is the editor's own (`OwnScore`), not the assessment's: the assessment's is the agreed score
    (`services.moderation`). "Not applicable" is the assessment's, not anyone's own score.
    """

    score = forms.TypedChoiceField(
        coerce=_score,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        label="Your score",
        help_text="The level you judge the council has reached this year: your own score, beside anyone else's. "
        "A manager agrees the objective's score from them.",
    )
    rationale = forms.CharField(
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why this score",
        help_text="What shows this level: the moderation meeting reads it beside the others' own scores.",
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
    not_applicable_reason = forms.CharField(
        required=False,
        max_length=REASON_LIMIT,
        label="Why not applicable",
        help_text=f"Needed when the score is “Not applicable”: why the objective does not apply to the council. "
        f"At most {REASON_LIMIT} characters.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Assessment
        # The score is the editor's own, not a field of the assessment; "Not applicable" is one of its choices.
        fields = [name for name in Assessment.RECORDED_FIELDS if name not in ("score", "not_applicable")]
        widgets = {
            "comments": forms.Textarea(attrs={"rows": 7}),
        }
        help_texts = {
            "comments": (
                "What has been done. Leave a blank line between paragraphs; start lines with “- ” for a list. "
                f"At most {TEXT_LIMIT:,} characters."
            ),
        }

    def __init__(self, *args, may_set_target, own_score=None, **kwargs):
        super().__init__(*args, **kwargs)
        framework = self.instance.review.framework
        self.allows_not_applicable = framework.allows_not_applicable
        levels = framework.levels_by_number()
        marks = [(NOT_APPLICABLE_CHOICE, NOT_APPLICABLE)] if self.allows_not_applicable else []
        self.fields["score"].choices = [*levels.choices(empty="Not scored"), *marks]
        self.fields["target"].choices = levels.choices(empty="No target")
        self.fields["target"].disabled = not may_set_target
        if not may_set_target:
            self.fields["target"].help_text = "Only a manager can change the target."
        if self.allows_not_applicable:
            self.fields["score"].help_text = (
                "The level the council has reached this year, or “Not applicable” (with the reason below) if the "
                "objective does not apply: it then has no target and counts in no average or chart."
            )
            if self.instance.not_applicable:
                self.initial["score"] = NOT_APPLICABLE_CHOICE
        else:
            del self.fields["not_applicable_reason"]
        self.was_not_applicable = self.instance.not_applicable
        if not self.is_bound:
            self.initial["version"] = self.instance.version
            if own_score is not None and not self.instance.not_applicable:
                self.initial["score"], self.initial["rationale"] = own_score.score, own_score.rationale
        self.own_score = own_score
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field("score"),
            *(["not_applicable_reason"] if self.allows_not_applicable else []),
            HTML('{% include "objectives/_level_descriptions.html" %}'),
            "rationale",
            "target",
            Field("origin"),
            "comments",
            HTML('{% include "objectives/_assessment_actions_link.html" %}'),
            "version",
            Div(
                Submit("save", "Save"),
                HTML(SAVE_AND_NEXT),
                HTML('<a href="{{ back_url }}">Back to the scorecard without saving</a>'),
                css_class="d-flex flex-wrap gap-3 align-items-center",
            ),
        )

    def clean(self):
        """Turn the score's "Not applicable" into the assessment's mark, with no score; clear its reason otherwise.

        A target left as it was is cleared with it (an officer, who may not change targets, may still mark one not
        applicable); a target chosen beside it is refused, by the model's rule (`Assessment.not_applicable_problems`).
        """
        cleaned = super().clean()
        marked = cleaned.get("score") == NOT_APPLICABLE_CHOICE
        self.instance.not_applicable = marked
        if marked:
            cleaned["score"] = None
            self.instance.score = None  # the agreed score too: the model's rule is checked before saving
            if "target" in cleaned and "target" not in self.changed_data:
                cleaned["target"] = None
        elif "not_applicable_reason" in self.fields:
            cleaned["not_applicable_reason"] = ""
        return cleaned

    @property
    def assessment_changed(self):
        """Whether anything of the assessment itself (not the own score) was changed in the form: a field, or the
        mark "Not applicable" set or taken off."""
        fields = any(name in self.changed_data for name in self._meta.fields)
        return fields or self.instance.not_applicable != self.was_not_applicable


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


class NewObjectiveForm(XmlSafeForm, forms.ModelForm):
    """An objective of the review's framework that the catalogue lacks, added to the catalogue and the review."""

    number = forms.IntegerField(min_value=1, max_value=999, help_text="Its number in the framework's published list.")
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_LIMIT, help_text='"The extent to which ...".'
    )

    class Meta:
        model = Objective
        fields = ["number", "key_area", "title", "description"]

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.framework = review.framework
        self.fields["key_area"].queryset = KeyArea.objects.filter(theme__framework=review.framework).select_related(
            "theme"
        )
        self.fields["key_area"].label_from_instance = lambda area: f"{area.theme.name}: {area.name}"
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_number(self):
        number = self.cleaned_data["number"]
        taken = Objective.objects.filter(framework=self.instance.framework, number=number).first()
        if taken:
            raise forms.ValidationError(
                "#%(number)s is %(title)s in %(framework)s already: choose it from the catalogue above.",
                code="taken",
                params={"number": number, "title": taken.title, "framework": self.instance.framework},
            )
        return number


class ScorecardFilterForm(forms.Form):
    """The scorecard's filters, sent by GET so that a filtered scorecard can be bookmarked."""

    theme = forms.ChoiceField(required=False, label="Theme")
    key_area = forms.ChoiceField(required=False, label="Key area")
    below_target = forms.BooleanField(required=False, label="Below target")
    not_scored = forms.BooleanField(required=False, label="Not scored")
    changed = forms.BooleanField(required=False, label="Changed since last year")
    flagged = forms.BooleanField(required=False, label="Own scores far apart")
    q = forms.CharField(required=False, max_length=200, label="Search titles, comments and actions")

    def __init__(self, data, *, review):
        super().__init__(data)
        # Only the themes and key areas with an objective in this review: an empty one would show nothing.
        areas = KeyArea.objects.filter(objectives__assessments__review=review).distinct()
        themes = list(
            review.framework.themes.filter(key_areas__in=areas)
            .distinct()
            .prefetch_related(models.Prefetch("key_areas", queryset=areas))
        )
        self.themes = {theme.slug: theme for theme in themes}
        # A key area's slug is unique within its theme only: the choice names both ("enablers.enablers").
        self.key_areas = {f"{theme.slug}.{area.slug}": area for theme in themes for area in theme.key_areas.all()}
        self.fields["theme"].choices = [("", "All themes"), *((t.slug, t.name) for t in themes)]
        self.fields["key_area"].choices = [("", "All key areas"), *((key, a.name) for key, a in self.key_areas.items())]
        style(self)

    @property
    def checkboxes(self):
        return [self["below_target"], self["not_scored"], self["changed"], self["flagged"]]

    def clean_theme(self):
        return self.themes.get(self.cleaned_data["theme"])

    def clean_key_area(self):
        return self.key_areas.get(self.cleaned_data["key_area"])

    @property
    def is_filtered(self):
        return any(self.cleaned_data.get(name) for name in self.fields)
