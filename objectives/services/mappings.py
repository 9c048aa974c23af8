"""Load a mapping file: the mappings from one framework to another are the file's, so loading it adds those it
lacks, changes a relation that differs and removes those it no longer lists; the same file twice writes nothing.

Mappings from the other framework back to the first are another file's, and stay.
"""

from objectives.frameworks.plans import Change, Plan
from objectives.frameworks.specs import Problem
from objectives.models import Framework, KeyArea, Mapping, Objective


def _name(end):
    if isinstance(end, Objective):
        return f"objective #{end.number}" + (f" ({end.reference})" if end.reference else "")
    return f'key area "{end.name}"'


def _key(start, end):
    """A mapping's ends as the database keeps them: (from objective, from key area, to objective, to key area)."""
    ends = []
    for row in (start, end):
        ends += [row.pk, None] if isinstance(row, Objective) else [None, row.pk]
    return tuple(ends)


class Ends:
    """A framework's objectives by number and key areas by slug (or "theme/slug"), to find a mapping's ends."""

    def __init__(self, framework):
        self.framework = framework
        self.objectives = {row.number: row for row in Objective.objects.filter(framework=framework)}
        self.key_areas = {}
        for row in KeyArea.objects.filter(theme__framework=framework).select_related("theme"):
            self.key_areas.setdefault(row.slug, []).append(row)
            self.key_areas[f"{row.theme.slug}/{row.slug}"] = [row]

    def find(self, end, place, problems):
        if end.objective is not None:
            row = self.objectives.get(end.objective)
            if row is None:
                problems.append(
                    Problem(f"{place}.objective", f"{self.framework.slug} has no objective {end.objective}")
                )
            return row
        rows = self.key_areas.get(end.key_area, [])
        if len(rows) == 1:
            return rows[0]
        if rows:
            message = f'names key areas of {len(rows)} themes: write "theme-slug/{end.key_area}"'
        else:
            message = f'{self.framework.slug} has no key area "{end.key_area}"'
        problems.append(Problem(f"{place}.key_area", message))
        return None


def plan_mapping(spec, *, lock=False):
    """Return what loading the mapping file would do (its plan's `write` makes it), or why it cannot."""
    problems = []
    frameworks = {row.slug: row for row in Framework.objects.filter(slug__in=[spec.start, spec.end])}
    for place, slug in (("from", spec.start), ("to", spec.end)):
        if slug not in frameworks:
            problems.append(Problem(place, f'no framework "{slug}" is loaded: load its file first'))
    if problems:
        return Plan(spec, problems=problems)
    starts, ends = Ends(frameworks[spec.start]), Ends(frameworks[spec.end])
    wanted = {}
    for tie in spec.ties:
        start = starts.find(tie.start, f"{tie.place}.from", problems)
        end = ends.find(tie.end, f"{tie.place}.to", problems)
        if start and end:
            wanted[_key(start, end)] = (start, end, tie.relation)
    existing = Mapping.objects.between(frameworks[spec.start], frameworks[spec.end])
    existing = existing.select_for_update(of=("self",)) if lock else existing
    rows = {
        (row.from_objective_id, row.from_key_area_id, row.to_objective_id, row.to_key_area_id): row
        for row in existing.select_related("from_objective", "from_key_area", "to_objective", "to_key_area")
    }
    added = [key for key in wanted if key not in rows]
    changed = [(rows[key], wanted[key][2]) for key in wanted if key in rows and rows[key].relation != wanted[key][2]]
    removed = [row for key, row in rows.items() if key not in wanted]
    labels = dict(Mapping.Relation.choices)
    changes = [
        Change("adds", f"{_name(start)} {labels[relation]} {_name(end)}")
        for start, end, relation in map(wanted.get, added)
    ]
    changes += [
        Change("changes", f"{_name(row.start)} to {_name(row.end)}", (f"relation: {row.relation} → {relation}",))
        for row, relation in changed
    ]
    changes += [
        Change("removes", f"{_name(row.start)} {row.get_relation_display()} {_name(row.end)}") for row in removed
    ]

    def write():
        Mapping.objects.filter(pk__in=[row.pk for row in removed]).delete()
        for row, relation in changed:
            row.relation = relation
            row.save(update_fields=["relation"])
        Mapping.objects.bulk_create(
            Mapping(
                from_objective_id=key[0],
                from_key_area_id=key[1],
                to_objective_id=key[2],
                to_key_area_id=key[3],
                relation=wanted[key][2],
            )
            for key in added
        )

    return Plan(spec, changes, problems, write=write)
