"""Import a benchmark set: from several councils' returns (aggregated on the way in) or from one aggregate file.

`plan(read, source=..., as_at=...)` says what would be written, or every problem; `load(planned, by=user)` writes
it, whole or not at all. A set is one (framework, year, source, as-at date): the same figures again change nothing,
new figures for the same set replace its items.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction

from objectives.benchmarks.aggregate import aggregate, consistency_problems, fingerprint, min_councils
from objectives.benchmarks.reading import FIGURES
from objectives.models import BenchmarkItem, BenchmarkSet, Framework, KeyArea, Objective

NEW, UNCHANGED, REPLACE = "new", "unchanged", "replace"


@dataclass
class Plan:
    content: dict | None = None  # the aggregate file's shape (objectives/benchmarks/README.md)
    framework: Framework | None = None
    problems: list[str] = field(default_factory=list)
    existing: BenchmarkSet | None = None
    fingerprint: str = ""

    @property
    def action(self):
        if self.existing is None:
            return NEW
        return UNCHANGED if self.existing.fingerprint == self.fingerprint else REPLACE


def _content(read, source, as_at, problems):
    if not read.returns and not read.aggregates:
        problems.append("No file: upload several councils' returns, or one aggregate file.")
        return None
    if read.aggregates and (read.returns or len(read.aggregates) > 1):
        names = ", ".join(a.name for a in read.aggregates)
        problems.append(f"{names}: an aggregate file is imported alone, not with returns or another aggregate.")
        return None
    if read.aggregates:
        found = read.aggregates[0]
        return {
            "source": found.source,
            "as_at": found.as_at.isoformat() if found.as_at else None,
            "framework": found.framework,
            "year": found.year,
            "councils": found.councils,
            "items": found.items,
        }
    if not source:
        problems.append("Source: say who gathered these returns, e.g. North West procurement group.")
    if as_at is None:
        problems.append("As at: give the date of these returns.")
    problems += consistency_problems(read.returns)
    if problems:
        return None
    return aggregate(read.returns, source=source, as_at=as_at)


def _catalogue_problems(content, framework, read):
    """Return the problems of the figures against the framework: unknown items, scores outside its levels."""
    problems = []
    levels = [level.number for level in framework.levels.all()]
    lowest, highest = min(levels, default=0), max(levels, default=0)
    objectives = {str(n) for n in Objective.objects.filter(framework=framework).values_list("number", flat=True)}
    area_slugs = KeyArea.objects.filter(theme__framework=framework).values_list("theme__slug", "slug")
    areas = {f"{theme}/{area}" for theme, area in area_slugs}
    known = {"objective": objectives, "key_area": areas}
    places = [(r.name, "rows", r.rows) for r in read.returns] or [(a.name, "items", a.items) for a in read.aggregates]
    for name, what, rows in places:
        for index, row in enumerate(rows):
            place = f"{name}, {what}[{index}]"
            if row["item_kind"] in known and row["item"] not in known[row["item_kind"]]:
                problems.append(f"{place}: {row['item_kind'].replace('_', ' ')} {row['item']} is not in {framework}.")
            values = [row.get("score")] + [row.get(f) for f in FIGURES]
            if any(v is not None and not lowest <= v <= highest for v in values):
                problems.append(f"{place}: a score outside {framework}'s levels ({lowest} to {highest}).")
            figures = [row.get(f) for f in FIGURES]
            if what == "items":
                problems += _aggregate_row_problems(place, row, figures, content)
    return problems


def _aggregate_row_problems(place, row, figures, content):
    shown = [v for v in figures if v is not None]
    if shown and len(shown) < len(FIGURES):
        return [f"{place}: give all five figures, or none for a cell of too few councils."]
    if shown and row["count"] < min_councils():
        fewest = min_councils()
        return [f"{place}: {row['count']} councils are too few to show (fewer than {fewest}); leave out its figures."]
    if shown and shown != sorted(shown):
        return [f"{place}: the figures must rise from minimum to maximum."]
    if content.get("councils") is not None and row["count"] is not None and row["count"] > content["councils"]:
        return [f"{place}: count {row['count']} is more than the set's {content['councils']} councils."]
    return []


def plan(read, *, source="", as_at=None):
    """Return the Plan of importing what `read` (objectives.benchmarks.reading.Read) holds, refused or not."""
    planned = Plan(problems=list(read.problems))
    if planned.problems:
        return planned
    planned.content = content = _content(read, source.strip(), as_at, planned.problems)
    if content is None:
        return planned
    planned.framework = Framework.objects.filter(slug=content["framework"]["slug"]).first()
    if planned.framework is None:
        planned.problems.append(f"framework: {content['framework']['slug']!r} is not in the catalogue; load it first.")
        return planned
    planned.problems += _catalogue_problems(content, planned.framework, read)
    if planned.problems:
        planned.content = None
        return planned
    planned.fingerprint = fingerprint(content)
    planned.existing = BenchmarkSet.objects.filter(
        framework=planned.framework, year=content["year"], source=content["source"], as_at=content["as_at"]
    ).first()
    return planned


@transaction.atomic
def load(planned, *, by):
    """Write the planned set (its items replaced when the figures changed); return it, or None if nothing changed."""
    if planned.problems:
        raise ValueError("a refused plan cannot be loaded")
    if planned.action == UNCHANGED:
        return None
    content = planned.content
    as_at = datetime.date.fromisoformat(content["as_at"])
    fields = {"councils": content["councils"], "fingerprint": planned.fingerprint, "imported_by": by}
    benchmark_set, _ = BenchmarkSet.objects.update_or_create(
        framework=planned.framework,
        year=content["year"],
        source=content["source"],
        as_at=as_at,
        defaults=fields,
    )
    benchmark_set.items.all().delete()
    BenchmarkItem.objects.bulk_create(
        BenchmarkItem(
            set=benchmark_set,
            kind=item["item_kind"],
            item=item["item"],
            name=item["name"],
            count=item["count"],
            **{figure: item[figure] for figure in FIGURES},
        )
        for item in content["items"]
    )
    return benchmark_set
