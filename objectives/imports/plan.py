"""Read a table of assessments against the database: the reading that both the preview and the apply do.

It reads the reviews, levels, objectives and assessments the file names once each, then every row from
memory; equal cells are read once. Each row comes out new, changed, unchanged or in error, with its errors
naming the row, the column as the file heads it, and the reason.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from objectives.imports.resources import AssessmentResource, Levels, normalise_header, normalise_text
from objectives.models import Assessment, Objective, Review

FIELDS = ("score", "target", "origin", "comments", "actions")
LEVEL_FIELDS = ("score", "target")
REQUIRED = ("year", "objective")
LABELS = {"origin": "continued or new", "key_area": "key area"}


@dataclass(slots=True)
class Change:
    field: str
    old: object
    new: object
    old_label: str = ""
    new_label: str = ""

    @property
    def column(self):
        return LABELS.get(self.field, self.field)

    @property
    def is_text(self):
        return self.field in ("comments", "actions")


@dataclass(frozen=True)
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
            changes.append(change)
        return changes


@dataclass
class Preview:
    table: object
    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # about the whole file, such as a missing column
    ignored: list = field(default_factory=list)  # headers of columns an import does not read
    reviews: list = field(default_factory=list)
    fingerprint: str = ""

    @property
    def counts(self):
        counts = Counter(row.status for row in self.rows)
        return {status: counts[status] for status in ("error", "new", "changed", "unchanged")}

    @property
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


def _same(old, new):
    """Return whether a stored value equals a value read from the file, comparing text as an import stores it."""
    return old == new or (isinstance(old, str) and normalise_text(old) == new)


class _Column:
    """A known column of the table: where it is, and its cells read through the resource's widget.

    Equal cells of a year, objective, level or origin column are read once: a council's file repeats a few
    values thousands of times, and reading is most of an import's time after writing.
    """

    def __init__(self, name, index, header, widget, *, escaped):
        self.name, self.index, self.header, self.widget, self.escaped = name, index, header, widget, escaped
        self.memo = None if name in ("comments", "actions") else {}

    def read(self, cells, levels=None):
        """Return (value, error message or None) for this column's cell in a row."""
        raw = cells[self.index]
        if self.memo is None:
            return self._clean(raw, levels)
        try:
            return self.memo[raw, levels]
        except KeyError:
            result = self.memo[raw, levels] = self._clean(raw, levels)
            return result
        except TypeError:  # a JSON list or object in a cell: not a valid value, and not hashable
            return self._clean(raw, levels)

    def _clean(self, raw, levels):
        try:
            if levels is None:
                return self.widget.clean(raw, escaped=self.escaped), None
            return self.widget.clean(raw, levels=levels), None
        except ValueError as error:
            return None, str(error)


class Planner:
    """One reading of a table against the database."""

    def __init__(self, table, user, *, lock=False):
        self.table = table
        self.lock = lock
        self.may_add = user.has_perm("objectives.add_assessment")
        self.may_change = user.has_perm("objectives.change_assessment")
        self.may_set_target = user.has_perm("objectives.set_target")
        self.may_all = self.may_add and self.may_change and self.may_set_target

    def plan(self):
        result = Preview(table=self.table)
        self.columns = self._columns(result)
        if result.problems:
            return self._finish(result)
        self._load()
        self.year, self.objective = self.columns["year"], self.columns["objective"]
        self.key_area = self.columns.get("key_area")
        self.value_columns = [
            (name, self.columns[name], name in LEVEL_FIELDS) for name in FIELDS if name in self.columns
        ]
        by_key = {}
        for row in self.table.rows:
            planned = self._plan_row(row)
            result.rows.append(planned)
            if planned.objective is not None:
                by_key.setdefault((planned.review.id, planned.objective.id), []).append(planned)
        for rows in by_key.values():
            if len(rows) > 1:
                where = " and ".join(row.where for row in rows)
                for planned in rows:
                    message = f"objective #{planned.objective.number} of {planned.year} is on {where}"
                    self._fail(planned, "objective", message)
        result.reviews = sorted({row.review for row in result.rows if row.review}, key=lambda review: review.year)
        return self._finish(result)

    def _columns(self, result):
        """Map each known field to its column; note unknown and repeated columns, and missing ones."""
        names = AssessmentResource.column_names()
        fields = AssessmentResource().fields
        columns = {}
        for index, header in enumerate(self.table.headers):
            text = str(header if header is not None else f"column {index + 1}").strip()
            name = names.get(normalise_header(header))
            if name is None or name == "title":
                result.ignored.append(text)
            elif name in columns:
                label = LABELS.get(name, name).replace("_", " ")
                result.problems.append(f"the columns {columns[name].header!r} and {text!r} both give the {label}")
            else:
                columns[name] = _Column(name, index, text, fields[name].widget, escaped=self.table.escaped)
        for name in REQUIRED:
            if name not in columns:
                found = ", ".join(repr(str(header)) for header in self.table.headers) or "none"
                result.problems.append(f"the file has no {name} column (its first row names: {found})")
        return columns

    def _load(self):
        """Read the reviews, levels, objectives and assessments the file names: one query each."""
        years = {self.columns["year"].read(row.cells)[0] for row in self.table.rows} - {None}
        reviews = Review.objects.filter(year__in=years).select_related("framework")
        if self.lock:
            reviews = reviews.select_for_update(of=("self",))
        self.reviews = {review.year: review for review in reviews}
        self.published = {review.id for review in self.reviews.values() if review.is_published}
        assessments = Assessment.objects.filter(review__in=[review.id for review in self.reviews.values()])
        if self.lock:
            assessments = assessments.select_for_update()
        frameworks = {review.framework_id: review.framework for review in self.reviews.values()}
        self.levels = {pk: Levels.of(framework) for pk, framework in frameworks.items()}
        self.objectives = {pk: {} for pk in frameworks}
        self.key_areas = {}
        for objective in Objective.objects.filter(framework__in=frameworks).select_related("key_area"):
            self.objectives[objective.framework_id][objective.number] = objective
            self.key_areas[objective.id] = objective.key_area.name
        self.assessments = {(a.review_id, a.objective_id): a for a in assessments}
        self.known_years = ", ".join(str(year) for year in Review.objects.values_list("year", flat=True)) or "none"

    def _fail(self, planned, name, message):
        column = self.columns.get(name)
        planned.errors.append(RowError(planned.where, column.header if column else LABELS.get(name, name), message))
        planned.status = "error"
        return planned

    def _plan_row(self, row):
        cells = row.cells
        planned = PlannedRow(row.number, self.table.row_label)
        planned.year, error = self.year.read(cells)
        review = self.reviews.get(planned.year)
        if error or review is None:
            message = error or f"there is no {planned.year} review (reviews: {self.known_years})"
            return self._fail(planned, "year", message)
        planned.review = review
        number, error = self.objective.read(cells)
        objective = self.objectives[review.framework_id].get(number)
        if error or objective is None:
            return self._fail(planned, "objective", error or f"#{number} is not an objective of {review.framework}")
        planned.objective = objective
        if self.key_area is not None:
            self._check_key_area(planned, cells)
        planned.levels = levels = self.levels[review.framework_id]
        values = planned.values
        for name, column, by_level in self.value_columns:
            value, error = column.read(cells, levels) if by_level else column.read(cells)
            if error:
                self._fail(planned, name, error)
            elif value is not None or name != "origin":
                values[name] = value
        planned.assessment = current = self.assessments.get((review.id, objective.id))
        if current is None:
            planned.changed = [name for name, value in values.items() if value is not None and value != ""]
        else:
            planned.changed = [name for name, value in values.items() if not _same(getattr(current, name), value)]
        if planned.status != "error":
            planned.status = "new" if current is None else "changed" if planned.changed else "unchanged"
        if (planned.changed or current is None) and (review.id in self.published or not self.may_all):
            self._check_allowed(planned)
        return planned

    def _check_key_area(self, planned, cells):
        written = cells[self.key_area.index]
        name = self.key_areas[planned.objective.id]
        if written not in (None, "", name) and normalise_header(written) not in ("", normalise_header(name)):
            message = f"objective #{planned.objective.number} is in the key area {name!r}, not {written!r}"
            self._fail(planned, "key_area", message)

    def _check_allowed(self, planned):
        review = planned.review
        if review.is_published:
            message = f"the {review.year} review is published and read-only: a manager must reopen it first"
            return self._fail(planned, "year", message)
        if planned.assessment is None and not self.may_add:
            return self._fail(
                planned,
                "objective",
                f"you may not add objective #{planned.objective.number} to the {review.year} review",
            )
        if planned.assessment is not None and not self.may_change:
            return self._fail(planned, "objective", "you may not change assessments")
        if "target" in planned.changed and not self.may_set_target:
            target = next(change for change in planned.changes if change.field == "target")
            old, new = target.old_label or "none", target.new_label or "none"
            self._fail(planned, "target", f"only a manager may set targets (this row changes it from {old} to {new})")

    def _finish(self, result):
        """Fingerprint what the import would do, so that a confirmation applies exactly what was previewed.

        The file does not change between preview and confirmation (it is kept on the server), so the
        fingerprint covers what the database decides: each row's status, the fields it changes, their
        current values, and the levels that the file's scores name.
        """
        summary = []
        for row in result.rows:
            current, values = row.assessment, row.values
            changes = [
                (name, getattr(current, name) if current else None, values[name] if name in LEVEL_FIELDS else None)
                for name in row.changed
            ]
            summary.append((row.number, row.status, changes))
        result.fingerprint = hashlib.sha256(repr((summary, result.errors)).encode()).hexdigest()
        return result
