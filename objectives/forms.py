from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Layout, Submit
from django import forms

from objectives.models import REASON_LIMIT, TEXT_LIMIT, Assessment, KeyArea, Objective, Review

# A date as the browser's date picker gives it, in every form.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# A button of its own: crispy's Submit would add btn-primary to any other style.
SAVE_AND_NEXT = (
    '<button type="submit" name="save_next" value="1" class="btn btn-outline-primary">Save and next</button>'
)


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
        }
        help_texts = {
            "comments": (
                "What has been done. Leave a blank line between paragraphs; start lines with “- ” for a list. "
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
            HTML('{% include "objectives/_level_descriptions.html" %}'),
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


def _a_year_on(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


class NewReviewForm(forms.Form):
    EXISTS = "There is a %(year)s review already."

    year = forms.IntegerField(min_value=2000, max_value=2100, help_text="The year this review assesses.")
    carry_text = forms.BooleanField(
        required=False,
        label="Start from last year's comments",
        help_text=(
            "Officers then edit last year's text rather than type it again. Scores always start empty; open "
            "actions are always carried forward."
        ),
    )

    due_by = forms.DateField(
        required=False,
        label="Due by",
        widget=DATE,
        help_text="The date by which officers should have scored their objectives; you can set or change it later.",
    )

    def __init__(self, *args, previous, **kwargs):
        super().__init__(*args, **kwargs)
        self.previous = previous
        self.initial.setdefault("year", previous.year + 1)
        if previous.due_by:  # last year's, a year on, as the starting point
            self.initial.setdefault("due_by", _a_year_on(previous.due_by))
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


class NewObjectiveForm(forms.ModelForm):
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
    q = forms.CharField(required=False, max_length=200, label="Search titles, comments and actions")

    def __init__(self, data, *, framework):
        super().__init__(data)
        themes = list(framework.themes.prefetch_related("key_areas"))
        self.themes = {theme.slug: theme for theme in themes}
        # A key area's slug is unique within its theme only: the choice names both ("enablers.enablers").
        self.key_areas = {f"{theme.slug}.{area.slug}": area for theme in themes for area in theme.key_areas.all()}
        self.fields["theme"].choices = [("", "All themes"), *((t.slug, t.name) for t in themes)]
        self.fields["key_area"].choices = [("", "All key areas"), *((key, a.name) for key, a in self.key_areas.items())]
        for name, field in self.fields.items():
            field.widget.attrs["class"] = {"theme": "form-select", "key_area": "form-select", "q": "form-control"}.get(
                name, "form-check-input"
            )

    @property
    def checkboxes(self):
        return [self["below_target"], self["not_scored"], self["changed"]]

    def clean_theme(self):
        return self.themes.get(self.cleaned_data["theme"])

    def clean_key_area(self):
        return self.key_areas.get(self.cleaned_data["key_area"])

    @property
    def is_filtered(self):
        return any(self.cleaned_data.get(name) for name in self.fields)


class TargetsForm(forms.Form):
    """Every target of a review (or of one theme) on one page: a level and the version opened, per objective."""

    def __init__(self, data=None, *, assessments, levels, fill=None):
        super().__init__(data)
        self.assessments = assessments
        for assessment in assessments:
            initial = fill(assessment) if fill else assessment.target
            self.fields[f"target_{assessment.pk}"] = forms.TypedChoiceField(
                choices=levels.choices(empty="No target"),
                coerce=int,
                empty_value=None,
                required=False,
                initial=initial,
                label=f"Target for #{assessment.objective.number} {assessment.objective.title}",
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )
            self.fields[f"version_{assessment.pk}"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=assessment.version
            )

    @property
    def is_out_of_date(self):
        """Return whether the page posted lacks a row the review has now (an objective added since)."""
        return any(self[name].errors for name in self.fields if name.startswith("version_"))

    def rows(self):
        """Return (assessment, its target field, its version field), in the page's order."""
        return [(a, self[f"target_{a.pk}"], self[f"version_{a.pk}"]) for a in self.assessments]

    def targets(self):
        """Return {assessment id: (target, opened version)} from the cleaned data."""
        data = self.cleaned_data
        return {a.pk: (data[f"target_{a.pk}"], data[f"version_{a.pk}"]) for a in self.assessments}


class TargetChoiceForm(forms.Form):
    """What the targets page shows (a theme, or all) and fills in: last year's targets, or one level for all."""

    theme = forms.ChoiceField(required=False, label="Theme")
    fill = forms.ChoiceField(required=False, label="Fill in")

    def __init__(self, data, *, review, levels):
        super().__init__(data)
        self.review, self.levels = review, levels
        self.themes = {theme.slug: theme for theme in review.framework.themes.all()}
        self.fields["theme"].choices = [("", "All themes"), *((slug, t.name) for slug, t in self.themes.items())]
        self.fields["fill"].choices = [
            ("", "The targets as they are"),
            ("last", "Last year's targets"),
            *((str(number), f"{levels.label(number)} for every objective") for number in levels),
        ]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"

    def clean_theme(self):
        return self.themes.get(self.cleaned_data["theme"])

    def assessments(self):
        """Return the assessments on the page, in scorecard order, each with `last_target`: last year's."""
        assessments = Assessment.objects.for_review(self.review).in_scorecard_order()
        if self.cleaned_data["theme"]:
            assessments = assessments.filter(objective__key_area__theme=self.cleaned_data["theme"])
        previous = self.review.previous()
        last = dict(previous.assessments.values_list("objective_id", "target")) if previous else {}
        assessments = list(assessments)
        for assessment in assessments:
            assessment.last_target = last.get(assessment.objective_id)
            assessment.last_target_label = self.levels.label(assessment.last_target)
        return assessments

    def filler(self):
        """Return the function giving an assessment's pre-filled target, or None to show the targets as they are."""
        fill = self.cleaned_data["fill"]
        if fill == "last":
            return lambda assessment: assessment.last_target
        if fill:
            return lambda assessment: int(fill)
        return None
