"""The assign page's form: the review's due date, then an officer per theme, per key area and per objective."""

from django import forms

from objectives.forms.fields import DATE, style
from objectives.models import Assessment, people_who_may, person
from objectives.rules.rag import due_soon_days
from objectives.rules.scoring import by_key_area, by_theme, runs

KEEP, NOBODY = "", "nobody"


class AssignForm(forms.Form):
    """The assign page: the review's due date, then a choice of officer per theme, per key area and per objective.

    A theme's or a key area's choice, if made, applies to each of its objectives; a key area's wins over its theme's.
    """

    due_by = forms.DateField(required=False, label="Due by", widget=DATE)

    def __init__(self, data=None, *, review):
        super().__init__(data, initial={"due_by": review.due_by})
        self.review = review
        days = due_soon_days()
        self.fields["due_by"].help_text = f"Officers are reminded from {days} days before it. Leave it empty for none."
        # By theme and key area alone (not continued / new first, as the committee's table is): each group once.
        self.assessments = list(
            Assessment.objects.for_review(review)
            .select_related("objective__key_area__theme", "assignment__officer")
            .order_by("objective__key_area__theme__position", "objective__key_area__position", "objective__number")
        )
        self.people = {str(u.pk): u for u in people_who_may("change_assessment")}
        for assessment in self.assessments:  # someone assigned who no longer scores stays a choice where they are
            if getattr(assessment, "assignment", None):
                self.people.setdefault(str(assessment.assignment.officer_id), assessment.assignment.officer)
        people = [(pk, person(u)) for pk, u in self.people.items()]
        # (theme, its field, [(key area, its field, [(assessment, its field)])]); the fields made in the page's order
        self.groups = [
            (
                theme,
                self._group_field("theme", theme, people),
                [
                    (
                        key_area,
                        # A key area named like its theme (Enablers) is offered once, as the theme.
                        None if key_area.name == theme.name else self._group_field("key_area", key_area, people),
                        [(assessment, self._objective_field(assessment, people)) for assessment in in_area],
                    )
                    for key_area, in_area in runs(in_theme, by_key_area)
                ],
            )
            for theme, in_theme in runs(self.assessments, by_theme)
        ]
        style(self, small=True)

    def _group_field(self, kind, group, people):
        name = f"{kind}_{group.pk}"
        self.fields[name] = forms.ChoiceField(
            required=False,
            label=f"Assign all of {group.name} to",
            choices=[(KEEP, "As chosen below"), (NOBODY, "Nobody"), *people],
        )
        return self[name]

    def _objective_field(self, assessment, people):
        name = f"objective_{assessment.pk}"
        assigned = getattr(assessment, "assignment", None)
        self.fields[name] = forms.ChoiceField(
            required=False,
            label=f"Officer for #{assessment.objective.number} {assessment.objective.title}",
            choices=[(NOBODY, "Nobody"), *people],
            initial=str(assigned.officer_id) if assigned else NOBODY,
        )
        return self[name]

    def officers(self):
        """Return {assessment id: officer or None} from the cleaned data, the group choices applied."""
        data, result = self.cleaned_data, {}
        for _theme, theme_field, areas in self.groups:
            for _key_area, area_field, rows in areas:
                for assessment, field in rows:
                    area_choice = data[area_field.name] if area_field else KEEP
                    chosen = area_choice or data[theme_field.name] or data[field.name] or NOBODY
                    result[assessment.pk] = None if chosen == NOBODY else self.people[chosen]
        return result
