"""Compare a table of assessments with the database: the reading that both the preview and the apply do.

It reads the reviews, levels, objectives and assessments the file names once each, then every row from
memory; equal cells are read once. Two options, which `manage.py import_scorecard` turns on and the web
import keeps off, let a committee document create the review of its year and add objectives the catalogue
does not know yet under their key area.
"""

import hashlib

from django.conf import settings

from objectives.imports.actions import plan_actions
from objectives.imports.formulas import strip_controls
from objectives.imports.preview import FIELDS, LABELS, LEVEL_FIELDS, PlannedRow, Preview, RowError
from objectives.imports.resources import AssessmentResource
from objectives.imports.widgets import KeyAreaNames, TextWidget, normalise_header
from objectives.models import Assessment, Framework, KeyArea, Objective, Review, SignedOff
from objectives.queries.action_plan import attach_actions
from objectives.rules.levels import NOT_APPLICABLE
from objectives.rules.text import normalise

REQUIRED = ("year", "objective")
NEW_OBJECTIVE_COLUMNS = ("title", "description")  # read only when adding objectives


def _same(old, new):
    """Return whether a stored value equals a value read from the file, comparing text as an import stores it."""
    return old == new or (isinstance(old, str) and normalise(strip_controls(old)) == new)


class _Column:
    """A known column of the table: where it is, and its cells read through the resource's widget.

    Equal cells of a year, objective, level or origin column are read once: a council's file repeats a few
    values thousands of times, and reading is most of an import's time after writing.
    """

    def __init__(self, name, index, header, widget, *, escaped):
        self.name, self.index, self.header, self.widget, self.escaped = name, index, header, widget, escaped
        self.memo = None if name in ("comments", "actions", *NEW_OBJECTIVE_COLUMNS) else {}

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

    def _clean(self, raw, levels):
        try:
            if levels is None:
                return self.widget.clean(raw, escaped=self.escaped), None
            return self.widget.clean(raw, levels=levels), None
        except ValueError as error:
            return None, str(error)


class Planner:
    """One reading of a table against the database, by a user (None: the command line, which may do all)."""

    def __init__(self, table, user, *, lock=False, framework=None, create_review=False, add_objectives=False):
        self.table, self.lock = table, lock
        self.framework, self.create_review, self.add_objectives = framework, create_review, add_objectives
        may = (lambda *perms: True) if user is None else user.has_perms
        # Adding an objective to a review is a manager's decision, as on the add-objective page.
        self.may_add = may(["objectives.add_assessment", "objectives.publish_review"])
        self.may_change = may(["objectives.change_assessment"])
        self.may_set_target = may(["objectives.set_target"])
        self.may_all = self.may_add and self.may_change and self.may_set_target

    def plan(self):
        result = self.result = Preview(table=self.table)
        self.columns = self._columns(result)
        self.key_area = self.columns.get("key_area")
        if not result.problems:
            self._load(result)
        if result.problems:
            return self._finish(result)
        self.year, self.objective = self.columns["year"], self.columns["objective"]
        self.value_columns = [
            (name, self.columns[name], name in LEVEL_FIELDS) for name in FIELDS if name in self.columns
        ]
        first_rows = {}
        for row in self.table.rows:
            planned = self._plan_row(row)
            result.rows.append(planned)
            if planned.objective is not None:
                first = first_rows.setdefault((planned.year, planned.objective.number), planned)
                if first is not planned:
                    message = f"objective #{planned.objective.number} of {planned.year} is also on {first.where}"
                    self._fail(planned, "objective", message)
        reviews = {row.review.year: row.review for row in result.rows if row.review}  # a new review has no pk
        result.reviews = [reviews[year] for year in sorted(reviews)]
        return self._finish(result)

    def _columns(self, result):
        """Map each known field to its column; note unknown and repeated columns, and missing ones."""
        names = AssessmentResource.column_names()
        fields = AssessmentResource().fields
        read = set(fields) - {"title"} | (set(NEW_OBJECTIVE_COLUMNS) if self.add_objectives else set())
        columns = {}
        for index, header in enumerate(self.table.headers):
            text = str(header if header is not None else f"column {index + 1}").strip()
            name = names.get(normalise_header(header)) or normalise_header(header)
            if name not in read:
                result.ignored.append(text)
            elif name in columns:
                label = LABELS.get(name, name).replace("_", " ")
                result.problems.append(f"the columns {columns[name].header!r} and {text!r} both give the {label}")
            else:
                widget = fields[name].widget if name in fields else TextWidget()
                columns[name] = _Column(name, index, text, widget, escaped=self.table.escaped)
        for name in REQUIRED:
            if name not in columns:
                found = ", ".join(repr(str(header)) for header in self.table.headers) or "none"
                result.problems.append(f"the file has no {name} column (its first row names: {found})")
        return columns

    def _load(self, result):
        """Read the reviews, levels, objectives and assessments the file names: one query each."""
        years = {self.columns["year"].read(row.cells)[0] for row in self.table.rows} - {None}
        framework = self._framework(result)
        reviews = Review.objects.filter(year__in=years, framework=framework).select_related("framework")
        if self.lock:
            reviews = reviews.select_for_update(of=("self",))
        self.reviews = {review.year: review for review in reviews}
        self.published = {review.id for review in self.reviews.values() if review.is_published}
        assessments = Assessment.objects.filter(review__in=[review.id for review in self.reviews.values()])
        if self.lock:
            assessments = assessments.select_for_update()
        if self.create_review:
            for year in sorted(years - set(self.reviews)):
                self.reviews[year] = Review(year=year, framework=framework)
                result.new_reviews.append(self.reviews[year])
        frameworks = {review.framework_id: review.framework for review in self.reviews.values()}
        self.levels = {pk: framework.levels_by_number() for pk, framework in frameworks.items()}
        self.objectives = {pk: {} for pk in frameworks}
        for objective in Objective.objects.filter(framework__in=frameworks).select_related("key_area"):
            self.objectives[objective.framework_id][objective.number] = objective
        self.assessments = {(a.review_id, a.objective_id): a for a in attach_actions(assessments)}
        known = Review.objects.filter(framework=framework).values_list("year", flat=True)
        self.known_years = ", ".join(str(year) for year in known) or "none"
        if self.key_area is not None or self.add_objectives:
            areas = {pk: [] for pk in frameworks}
            for area in KeyArea.objects.filter(theme__framework__in=frameworks).select_related("theme"):
                areas[area.theme.framework_id].append(area)
            self.key_areas = {pk: KeyAreaNames(frameworks[pk], found) for pk, found in areas.items()}

    def _framework(self, result):
        """Return the framework whose reviews the file holds: the one named to the command, else the one its
        framework column names (one per file), else the council's main framework."""
        if self.framework is not None:
            return self.framework
        column = self.columns.get("framework")
        names = {column.read(row.cells)[0] for row in self.table.rows} - {None, ""} if column else set()
        if len(names) > 1:
            result.problems.append(
                f"the {column.header!r} column names {len(names)} frameworks ({', '.join(sorted(names))}): a file "
                "holds the reviews of one framework"
            )
        if names:
            name = names.pop()
            found = Framework.objects.filter(name=name).first()
            if found is None:
                result.problems.append(f"there is no framework {name!r} (the {column.header!r} column)")
            return found
        return Framework.objects.filter(slug=settings.SCORECARD_MAIN_FRAMEWORK).first()

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
        if error:
            return self._fail(planned, "objective", error)
        objective = self.objectives[review.framework_id].get(number)
        if objective is None and self.add_objectives:
            objective = self._new_objective(planned, cells, number)
            if objective is None:
                return planned
        elif objective is None:
            return self._fail(planned, "objective", f"#{number} is not an objective of {review.framework}")
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
        self._plan_not_applicable(planned, current)
        fields = {name: value for name, value in values.items() if name != "actions"}
        if current is None:
            planned.changed = [
                name for name, value in fields.items() if value is not None and value != "" and value is not False
            ]
        else:
            planned.changed = [name for name, value in fields.items() if not _same(getattr(current, name), value)]
        if "actions" in values:
            planned.actions = plan_actions(current.action_list if current else [], values["actions"])
            if planned.actions:
                planned.changed.append("actions")
        if planned.status != "error":
            planned.status = "new" if current is None else "changed" if planned.changed else "unchanged"
        if (planned.changed or current is None) and (review.id in self.published or not self.may_all):
            self._check_allowed(planned)
        return planned

    def _plan_not_applicable(self, planned, current):
        """Read "Not applicable" in the score's cell as the mark, with no score; refuse it as the form does.

        The mark needs a framework that allows it and a reason (the row's, or the one stored), and takes the target
        away, as the form does: the one stored (or the row's, if the same) is cleared, another one given is refused.
        A score of a level takes the mark and its reason away; a reason given beside a level is refused, since it
        would say nothing.
        """
        values, review = planned.values, planned.review
        if values.get("score") == NOT_APPLICABLE:
            values["score"], values["not_applicable"] = None, True
        elif "score" in values and current is not None and current.not_applicable:
            values["not_applicable"] = False  # a level, or no score, in place of "Not applicable"
        marked = values.get("not_applicable", current.not_applicable if current else False)
        reason = values.get("not_applicable_reason", current.not_applicable_reason if current else "")
        if not marked:
            if values.get("not_applicable_reason"):
                self._fail(planned, "not_applicable_reason", "a reason is given, but the score is not 'Not applicable'")
            elif current is not None and current.not_applicable_reason:
                values["not_applicable_reason"] = ""
            return
        kept = current.target if current else None
        if values.get("target") is not None and values["target"] != kept:
            self._fail(planned, "target", "an objective marked 'Not applicable' has no target: leave the cell empty")
        elif kept is not None or "target" in values:
            values["target"] = None
        check = Assessment(not_applicable=True, not_applicable_reason=reason)
        for name, message in check.not_applicable_problems(review.framework, levels=planned.levels).items():
            self._fail(planned, "not_applicable_reason" if name == "not_applicable_reason" else "score", message)

    def _new_objective(self, planned, cells, number):
        """Plan an objective the catalogue does not know yet, under the key area the row names; None if it cannot be."""
        review = planned.review
        written = cells[self.key_area.index] if self.key_area else ""
        title = self.columns["title"].read(cells)[0] if "title" in self.columns else ""
        try:
            area = self.key_areas[review.framework_id].find(written or "")
        except ValueError as error:
            self._fail(planned, "key_area", f"#{number} is not an objective of {review.framework} yet, and {error}")
            return None
        if not title:
            self._fail(planned, "objective", f"#{number} is not an objective of {review.framework} yet: give its title")
            return None
        description = self.columns["description"].read(cells)[0] if "description" in self.columns else ""
        objective = Objective(
            framework=review.framework, key_area=area, number=number, title=title, description=description
        )
        self.objectives[review.framework_id][number] = objective
        self.result.new_objectives.append(objective)
        return objective

    def _check_key_area(self, planned, cells):
        written = cells[self.key_area.index]
        if written is None or not str(written).strip():
            return
        names = self.key_areas[planned.review.framework_id]
        areas = names.named(written)
        objective = planned.objective
        if not areas:
            self._fail(planned, "key_area", names.unknown(written))
        elif objective.key_area_id not in {area.id for area in areas}:
            message = f"objective #{objective.number} is in the key area {objective.key_area.name!r}, not {written!r}"
            self._fail(planned, "key_area", message)

    def _check_allowed(self, planned):
        review = planned.review
        if review.is_published:
            return self._fail(planned, "year", SignedOff(review).reason)
        if planned.assessment is None and not self.may_add:
            return self._fail(
                planned,
                "objective",
                f"you may not add objective #{planned.objective.number} to the {review.year} review",
            )
        if planned.assessment is not None and not self.may_change:
            return self._fail(planned, "objective", "you may not change assessments")
        # Marking an objective not applicable clears its target, which an officer may do, as on the form.
        if "target" in planned.changed and not self.may_set_target and not planned.values.get("not_applicable"):
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
