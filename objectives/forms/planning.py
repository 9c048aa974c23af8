"""The planning grid: the owner, lead and due date of many actions, one save (`services.actions.plan_actions`)."""

from django import forms

from objectives.forms.fields import DATE, OwnerChoiceField, XmlSafeForm, style
from objectives.models import Action, people_who_may
from objectives.models.actions import SHORT_LIMIT


class PlanningForm(XmlSafeForm, forms.Form):
    """A row per action: its owner, lead and due date as they are, and the version the page was opened on."""

    def __init__(self, data=None, *, actions):
        super().__init__(data)
        self.actions = actions
        # An owner who has left or changed role stays a choice on the rows of the actions they keep.
        owners = people_who_may("change_action", keeping={a.owner_id for a in actions if a.owner_id})
        for action in actions:
            name = f"#{action.objective.number}, action {action.pk}"
            self.fields[f"owner_{action.pk}"] = OwnerChoiceField(
                queryset=owners,
                required=False,
                empty_label="Nobody yet",
                initial=action.owner_id,
                label=f"Owner of {name}",
            )
            self.fields[f"lead_{action.pk}"] = forms.CharField(
                max_length=SHORT_LIMIT, required=False, initial=action.lead, label=f"Lead of {name}"
            )
            self.fields[f"due_{action.pk}"] = forms.DateField(
                required=False, widget=DATE, initial=action.due_date, label=f"Due date of {name}"
            )
            self.fields[f"version_{action.pk}"] = forms.IntegerField(widget=forms.HiddenInput, initial=action.version)
        style(self, small=True)
        for field in self.fields.values():  # the text and date boxes as small as the owner's select beside them
            if field.widget.attrs.get("class") == "form-control":
                field.widget.attrs["class"] = "form-control form-control-sm"

    @property
    def is_out_of_date(self):
        """Return whether the page posted lacks a row it has now (an action raised since it was opened)."""
        return any(self[name].errors for name in self.fields if name.startswith("version_"))

    def rows(self):
        """Return (action, owner field, lead field, due date field, version field), in the page's order."""
        return [
            (a, self[f"owner_{a.pk}"], self[f"lead_{a.pk}"], self[f"due_{a.pk}"], self[f"version_{a.pk}"])
            for a in self.actions
        ]

    def plans(self):
        """Return {action id: ({owner, lead, due_date}, the version opened)} from the cleaned data."""
        data = self.cleaned_data
        return {
            a.pk: (
                {"owner": data[f"owner_{a.pk}"], "lead": data[f"lead_{a.pk}"].strip(), "due_date": data[f"due_{a.pk}"]},
                data[f"version_{a.pk}"],
            )
            for a in self.actions
        }


def planning_rows(review, *, everything=False):
    """Return the review's open actions that lack an owner, a lead or a due date (all its open ones with
    `everything`), in the action plan's order: the grid's rows."""
    actions = Action.objects.for_plan(review).open()
    return list(actions if everything else actions.to_plan())
