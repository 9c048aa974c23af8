"""The review's own forms: start the next year's review, reopen a signed-off one, set every target at once."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from objectives.forms.fields import DATE, XmlSafeForm, style
from objectives.models import REASON_LIMIT, Assessment, Review


def _a_year_on(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


class NewReviewForm(XmlSafeForm, forms.Form):
    """Start a framework's next review from its latest one (`previous`), or its first, with every objective as new."""

    EXISTS = "There is a %(year)s review of this framework already."

    framework = forms.CharField(widget=forms.HiddenInput, required=False)  # its slug; the page chose it
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

    plan_next = forms.BooleanField(
        required=False,
        initial=True,
        label="Plan the carried actions next",
        help_text="Open the new review's planning page next, to give them an owner, a lead and a due date.",
    )

    def __init__(self, *args, framework, previous, to_plan=0, this_year=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.framework, self.previous = framework, previous
        self.initial["framework"] = framework.slug
        if to_plan:  # the open actions to carry that lack an owner, a lead or a due date: ask about them
            self.fields["plan_next"].label = (
                f"Plan the {to_plan} carried action{'s' if to_plan != 1 else ''} that lack an owner, a lead or a "
                "due date next"
            )
        else:
            del self.fields["plan_next"]
        self.helper = FormHelper()
        if previous is None:  # the framework's first review: nothing to carry
            del self.fields["carry_text"]
            self.initial.setdefault("year", this_year)
            self.helper.add_input(Submit("start", f"Start the first {framework.name} review"))
            return
        self.initial.setdefault("year", previous.year + 1)
        if previous.due_by:  # last year's, a year on, as the starting point
            self.initial.setdefault("due_by", _a_year_on(previous.due_by))
        self.helper.add_input(Submit("start", f"Start the review from {previous.year}"))

    def clean_year(self):
        year = self.cleaned_data["year"]
        if Review.objects.filter(framework=self.framework, year=year).exists():
            raise forms.ValidationError(self.EXISTS, code="exists", params={"year": year})
        if self.previous and year <= self.previous.year:
            raise forms.ValidationError(
                "A new review must come after the %(year)s one it starts from.",
                code="order",
                params={"year": self.previous.year},
            )
        return year


class ReopenForm(XmlSafeForm, forms.Form):
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


class TargetsForm(forms.Form):
    """Every target of a review (or of one theme) on one page: a level and the version opened, per objective."""

    def __init__(self, data=None, *, assessments, last_targets, levels, fill=None):
        super().__init__(data)
        self.assessments, self.last_targets = assessments, last_targets
        self.filled = 0  # how many targets the page's "Fill in" changed, not saved until the form is
        for assessment in assessments:
            last = last_targets.get(assessment.objective_id)
            initial = fill(assessment, last) if fill else assessment.target
            self.filled += initial != assessment.target
            self.fields[f"target_{assessment.pk}"] = forms.TypedChoiceField(
                choices=levels.choices(empty="No target"),
                coerce=int,
                empty_value=None,
                required=False,
                initial=initial,
                label=f"Target for #{assessment.objective.number} {assessment.objective.title}",
            )
            self.fields[f"version_{assessment.pk}"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=assessment.version
            )
        style(self, small=True)

    @property
    def is_out_of_date(self):
        """Return whether the page posted lacks a row the review has now (an objective added since)."""
        return any(self[name].errors for name in self.fields if name.startswith("version_"))

    def rows(self):
        """Return (assessment, last year's target, its target field, its version field), in the page's order."""
        last = self.last_targets
        return [
            (a, last.get(a.objective_id), self[f"target_{a.pk}"], self[f"version_{a.pk}"]) for a in self.assessments
        ]

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
        themes = review.framework.themes.filter(key_areas__objectives__assessments__review=review).distinct()
        self.themes = {theme.slug: theme for theme in themes}  # those with an objective in the review
        self.fields["theme"].choices = [("", "All themes"), *((slug, t.name) for slug, t in self.themes.items())]
        self.fields["fill"].choices = [
            ("", "The targets as they are"),
            ("last", "Last year's targets"),
            *((str(number), f"{levels.label(number)} for every objective") for number in levels),
        ]
        style(self)

    def clean_theme(self):
        return self.themes.get(self.cleaned_data["theme"])

    def assessments(self):
        """Return the assessments on the page, in scorecard order: not those marked not applicable, which have no
        target."""
        assessments = Assessment.objects.for_review(self.review).filter(not_applicable=False).in_scorecard_order()
        if self.cleaned_data["theme"]:
            assessments = assessments.filter(objective__key_area__theme=self.cleaned_data["theme"])
        return list(assessments)

    def last_targets(self):
        """Return {objective id: its target} in last year's review (the one before this), {} if there is none."""
        previous = self.review.previous()
        return dict(previous.assessments.values_list("objective_id", "target")) if previous else {}

    def filler(self):
        """Return the function giving an assessment's pre-filled target from it and last year's target, or None to
        show the targets as they are."""
        fill = self.cleaned_data["fill"]
        if fill == "last":
            return lambda assessment, last: last
        if fill:
            return lambda assessment, last: int(fill)
        return None
