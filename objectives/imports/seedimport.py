"""Write a parsed committee document into a year's review, all of it or nothing."""

from dataclasses import dataclass, field

from django.db import transaction

from objectives.imports.committee_document import SeedFormatError
from objectives.models import Assessment, Framework, KeyArea, Objective, Review

FIELDS = ("score", "origin", "comments", "actions")


@dataclass
class ImportResult:
    review: Review
    review_created: bool = False
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    new_objectives: list[int] = field(default_factory=list)

    @property
    def changed(self):
        return bool(self.review_created or self.created or self.updated or self.new_objectives)

    def summary(self):
        return (
            f"{self.review.year} review{' (new)' if self.review_created else ''}: "
            f"{len(self.created)} assessments created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged; {len(self.new_objectives)} objectives added to the catalogue"
        )


def resolve_score(value, levels):
    """Return the level number that a score cell names (a number or a level name), or None if blank.

    Raise ValueError with the reason when the cell names no level of the framework.
    """
    value = value.strip()
    if value == "":
        return None
    by_name = {name.lower(): number for number, name in levels.items()}
    try:
        number = float(value)
    except ValueError:
        if value.lower() in by_name:
            return by_name[value.lower()]
        raise ValueError(f"score {value!r} is not a number or a level name") from None
    if number != int(number) or int(number) not in levels:
        choices = ", ".join(f"{n} {name}" for n, name in sorted(levels.items()))
        raise ValueError(f"score {value} is not a level of the framework ({choices})")
    return int(number)


def import_scorecard(parsed, *, framework, year=None, user=None, source="the file"):
    """Create or update the review of the document's year from its rows; write nothing if any row is wrong."""
    year = year or parsed.year
    levels = dict(framework.levels.values_list("number", "name"))
    key_areas = {
        " ".join(area.name.lower().split()): area
        for area in KeyArea.objects.filter(theme__framework=framework).select_related("theme")
    }
    objectives = {o.number: o for o in Objective.objects.filter(framework=framework).select_related("key_area")}

    problems, planned = [], []
    for row in parsed.rows:
        area = key_areas.get(" ".join(row.key_area.lower().split()))
        if area is None:
            problems.append(
                f"line {row.key_area_line}: the heading {row.key_area!r} is not a key area of {framework.name}"
            )
            continue
        try:
            score = resolve_score(row.score, levels)
        except ValueError as error:
            problems.append(f"line {row.line}: {error}")
            continue
        objective = objectives.get(row.number)
        if objective and objective.key_area_id != area.pk:
            problems.append(
                f"line {row.line}: objective #{row.number} is in the key area {objective.key_area.name!r} "
                f"of {framework.name}, not {area.name!r}"
            )
            continue
        planned.append((row, area, objective, score))

    existing = Review.objects.filter(year=year).first()
    if existing and existing.framework_id != framework.pk:
        problems.append(f"the {year} review exists already, for another framework ({existing.framework})")
    if problems:
        raise SeedFormatError(problems, source=source)

    with transaction.atomic():
        review, review_created = Review.objects.get_or_create(year=year, defaults={"framework": framework})
        result = ImportResult(review=review, review_created=review_created)
        current = {a.objective_id: a for a in Assessment.objects.filter(review=review)}
        for row, area, objective, score in planned:
            if objective is None:
                objective = Objective.objects.create(
                    framework=framework,
                    key_area=area,
                    number=row.number,
                    title=row.title,
                    description=row.description,
                )
                result.new_objectives.append(row.number)
            values = {"score": score, "origin": row.origin, "comments": row.comments, "actions": row.actions}
            assessment = current.get(objective.pk)
            if assessment is None:
                assessment = Assessment(review=review, objective=objective, **values)
                result.created.append(row.number)
            elif any(getattr(assessment, name) != values[name] for name in FIELDS):
                for name, value in values.items():
                    setattr(assessment, name, value)
                assessment.version += 1
                result.updated.append(row.number)
            else:
                result.unchanged.append(row.number)
                continue
            assessment._history_user = user
            assessment._change_reason = f"Imported from {source}"
            assessment.save()
        if review.is_published and result.changed:
            raise SeedFormatError(
                [f"the {year} review is published and read-only: a manager must reopen it before an import"],
                source=source,
            )
    return result


def default_framework():
    """Return the only framework, or None when there are several to choose from."""
    frameworks = list(Framework.objects.all()[:2])
    return frameworks[0] if len(frameworks) == 1 else None
