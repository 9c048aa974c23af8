"""What an import would do, row by row: the plan's result, which the preview page shows and apply writes.

Each row is new, changed (which fields, old and new), unchanged or in error, with its errors naming the row,
the column as the file heads it, and the reason.
"""

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from objectives.models import Assessment, Objective, Review
from objectives.rules.levels import Levels

# What an import reads and writes: the assessment's fields, and its actions as text (objectives.imports.actions).
FIELDS = (*Assessment.RECORDED_FIELDS, "actions")
LEVEL_FIELDS = ("score", "target")
LABELS = {
    "origin": "continued or new",
    "key_area": "key area",
    "not_applicable": "not applicable",
    "not_applicable_reason": "why not applicable",
}


@dataclass(slots=True)
class Change:
    field: str
    old: object
    new: object
    old_label: str = ""
    new_label: str = ""
    actions: object = None  # for the actions, their ActionChanges

    @property
    def is_actions(self):
        return self.field == "actions"

    @property
    def column(self):
        return LABELS.get(self.field, self.field)

    @property
    def is_text(self):
        return self.field in ("comments", "not_applicable_reason")


@dataclass(frozen=True, slots=True)
class RowError:
    where: str  # "row 7", "entry 3", "line 12"
    column: str  # the header as the file writes it
    message: str

    def __str__(self):
        return f"{self.where}, column {self.column}: {self.message}"


@dataclass(slots=True)
class PlannedRow:
    number: int
    label: str  # how the file numbers its rows: "row", "entry" or "line"
    status: str = "unchanged"  # "new", "changed", "unchanged" or "error"
    year: int | None = None
    review: Review | None = None
    objective: Objective | None = None
    assessment: Assessment | None = None  # the current one; None for a new row
    values: dict = field(default_factory=dict)  # field -> value, for each column the file has
    changed: list = field(default_factory=list)  # the fields whose value the row changes (or sets, if new)
    errors: list = field(default_factory=list)
    levels: Levels | None = None
    actions: object = None  # the ActionChanges of its actions, if the file has an actions column

    @property
    def where(self):
        return f"{self.label} {self.number}"

    @property
    def changes(self):
        """Return the row's changes with old and new values, levels labelled, for people to read."""
        changes = []
        for name in self.changed:
            old = getattr(self.assessment, name) if self.assessment else None
            change = Change(name, old, self.values[name])
            if name in LEVEL_FIELDS:
                change.old_label, change.new_label = self.levels.label(old), self.levels.label(change.new)
            elif name == "origin":
                change.old_label, change.new_label = (old or "").capitalize(), change.new.capitalize()
            elif name == "not_applicable":
                change.old_label, change.new_label = ("Yes" if old else "No"), ("Yes" if change.new else "No")
            elif name == "actions":
                change.actions = self.actions
            changes.append(change)
        return changes


@dataclass
class Preview:
    table: object
    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # about the whole file, such as a missing column
    ignored: list = field(default_factory=list)  # headers of columns an import does not read
    reviews: list = field(default_factory=list)
    new_reviews: list = field(default_factory=list)  # reviews the import creates (the command's option)
    new_objectives: list = field(default_factory=list)  # objectives it adds to the catalogue (likewise)
    fingerprint: str = ""

    @property
    def counts(self):
        counts = Counter(row.status for row in self.rows)
        return {status: counts[status] for status in ("error", "new", "changed", "unchanged")}

    @cached_property  # read after planning, by the fingerprint, the page and the command, often per page
    def errors(self):
        return self.problems + [str(error) for row in self.rows for error in row.errors]

    @property
    def has_changes(self):
        return any(row.status in ("new", "changed") for row in self.rows)

    @property
    def can_apply(self):
        return not self.errors and self.has_changes

    def by_status(self, status):
        return [row for row in self.rows if row.status == status]

    def summary(self):
        """Say what the import does: "2021 review (new): 13 assessments created, 0 updated, 0 unchanged; ..."."""
        counts = self.counts
        years = ", ".join(f"{review.year}{' (new)' if review in self.new_reviews else ''}" for review in self.reviews)
        return (
            f"{years} review: {counts['new']} assessments created, {counts['changed']} updated, "
            f"{counts['unchanged']} unchanged; {len(self.new_objectives)} objectives added to the catalogue"
        )
