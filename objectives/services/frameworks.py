"""Load framework and mapping files into the catalogue (fixtures/README.md): plan what a file adds, changes and
removes against the catalogue as it is, or what the database refuses, and write it all in one transaction.

A framework is the file's slug: loading it again changes what differs and nothing else (the same file twice writes
nothing). A framework that a published review was scored under is never changed: its next version is a framework of
its own, with its own slug and name, that `supersedes` it.
"""

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, Q

from objectives.frameworks.plans import Change, Plan, Refused, Stale
from objectives.frameworks.reading import read
from objectives.frameworks.specs import Problem
from objectives.models import (
    Action,
    Assessment,
    Framework,
    KeyArea,
    LevelDescription,
    MaturityLevel,
    Objective,
    Review,
    Theme,
)
from objectives.rules.levels import level_label
from objectives.services.mappings import plan_mapping

FRAMEWORK_FIELDS = ("name", "version", "title", "publisher", "allows_not_applicable")
SHOWN_CHANGES = 3  # of a published framework's, named in the refusal


def plan(content, *, lock=False):
    """Return what loading the file's content would do, writing nothing; `lock` holds the rows it read until the
    transaction ends (`load` plans and writes in one)."""
    if content.kind == "mapping":
        return plan_mapping(content, lock=lock)
    return FrameworkPlanner(content, lock=lock).plan()


def load(content, *, fingerprint=None):
    """Plan the file and, unless something refuses it (Refused, with every problem), write it; return the plan.

    With the `fingerprint` of a preview, raise Stale, writing nothing, if the plan is no longer the one previewed.
    """
    try:
        with transaction.atomic():
            planned = plan(content, lock=True)
            if fingerprint is not None and planned.fingerprint != fingerprint:
                raise Stale(planned)
            if planned.problems:
                raise Refused(planned.problems)
            planned.write()
    except (IntegrityError, ProtectedError):  # another load or an edit between the plan and the write: nothing written
        raise Refused([Problem("file", "the catalogue changed while the file loaded: load it again")]) from None
    return planned


def load_file(data):
    """Read a file's bytes and load them, as `load`; a file that does not read is Refused with its problems."""
    result = read(data)
    if result.problems:
        raise Refused(result.problems)
    return load(result.content)


def _short(value, limit=80):
    text = str(value)
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def _differences(row, wanted):
    """Return, for each field whose value differs from the wanted one, 'field: "old" → "new"'."""
    details = []
    for name, value in wanted.items():
        old = getattr(row, name)
        if old != value:
            quoted = isinstance(value, str)
            details.append(
                f'{name}: "{_short(old)}" → "{_short(value)}"' if quoted else f"{name}: {_short(old)} → {_short(value)}"
            )
    return tuple(details)


def _update(rows, unique):
    """Save each (row, values): those whose `unique` fields change pass through a name of their own first, so that
    two rows may swap names in one load."""
    moving = [row for row, values in rows if any(getattr(row, name) != values.get(name) for name in unique)]
    for row in moving:
        for name in unique:
            setattr(row, name, f"~{row.pk}~")
        row.save(update_fields=list(unique))
    for row, values in rows:
        for name, value in values.items():
            setattr(row, name, value)
        row.save(update_fields=list(values))


def _years(years):
    years = sorted(set(years))
    return f"the {years[0]} review" if len(years) == 1 else f"the {', '.join(map(str, years))} reviews"


class FrameworkPlanner:
    """A framework file against the catalogue: each part of it (levels, themes, key areas, objectives, what levels
    mean) as rows to add, rows to change (with the values) and rows to remove."""

    def __init__(self, spec, *, lock):
        self.spec, self.lock = spec, lock
        self.changes, self.problems = [], []
        frameworks = Framework.objects.select_related("supersedes")
        self.framework = (frameworks.select_for_update(of=("self",)) if lock else frameworks).filter(slug=spec.slug)
        self.framework = self.framework.first()
        self.earlier = spec.supersedes and Framework.objects.filter(slug=spec.supersedes).first()

    def plan(self):
        self.check_framework()
        self.plan_levels()
        self.plan_themes()
        self.plan_key_areas()
        self.plan_objectives()
        self.plan_descriptions()
        self.check_published()
        return Plan(self.spec, self.changes, self.problems, write=self.write)

    def add(self, verb, what, details=()):
        self.changes.append(Change(verb, what, tuple(details)))

    def problem(self, place, message):
        self.problems.append(Problem(place, message))

    def check_framework(self):
        spec = self.spec
        taken = Framework.objects.filter(name=spec.name).exclude(slug=spec.slug).first()
        if taken:
            self.problem("name", f'"{spec.name}" is the name of the framework {taken.slug}: each has a name of its own')
        if spec.supersedes and not self.earlier:
            self.problem("supersedes", f'no framework "{spec.supersedes}" is loaded: load its file first')
        self.framework_values = {name: getattr(spec, name) for name in FRAMEWORK_FIELDS}
        self.framework_changed = False
        if self.framework is None:
            self.add("adds", f"the {spec}" + (f", superseding {spec.supersedes}" if spec.supersedes else ""))
            return
        details = list(_differences(self.framework, self.framework_values))
        was = self.framework.supersedes.slug if self.framework.supersedes_id else None
        if was != spec.supersedes:
            details.append(f"supersedes: {was or 'none'} → {spec.supersedes or 'none'}")
        if details:
            self.framework_changed = True
            self.add("changes", f"the framework {self.framework.name}", details)
        if self.framework.allows_not_applicable and not spec.allows_not_applicable:
            marked = Assessment.objects.filter(review__framework=self.framework, not_applicable=True)
            if years := list(marked.values_list("review__year", flat=True)):
                self.problem(
                    "allows_not_applicable",
                    f"is false, but assessments in {_years(years)} are marked not applicable ({len(years)}): "
                    "keep it true",
                )

    def existing(self, queryset):
        return list(queryset) if self.framework else []

    def plan_levels(self):
        rows = {level.number: level for level in self.existing(MaturityLevel.objects.filter(framework=self.framework))}
        self.levels_added = [level for level in self.spec.levels if level.number not in rows]
        self.levels_renamed = [
            (rows[level.number], {"name": level.name})
            for level in self.spec.levels
            if level.number in rows and rows[level.number].name != level.name
        ]
        kept = {level.number for level in self.spec.levels}
        self.levels_removed = [row for number, row in rows.items() if number not in kept]
        for level in self.levels_added:
            self.add("adds", f"level {level_label(level.number, level.name)}")
        for row, values in self.levels_renamed:
            self.add("changes", f"level {row.number}", _differences(row, values))
        for row in self.levels_removed:
            self.add("removes", f"level {row}")
        if self.levels_removed:
            numbers = [row.number for row in self.levels_removed]
            used = Assessment.objects.filter(review__framework=self.framework).filter(
                Q(score__in=numbers) | Q(target__in=numbers)
            )
            for row in self.levels_removed:
                years = [
                    year
                    for year, *levels in used.values_list("review__year", "score", "target")
                    if row.number in levels
                ]
                if years:
                    self.problem(
                        "levels",
                        f"level {row} is not in the file, but assessments in {_years(years)} are scored or aimed at it",
                    )

    def plan_themes(self):
        rows = {theme.slug: theme for theme in self.existing(Theme.objects.filter(framework=self.framework))}
        self.themes_added, self.themes_changed = [], []
        for theme in self.spec.themes:
            values = {"name": theme.name, "slug": theme.slug, "position": theme.position}
            if theme.slug not in rows:
                self.themes_added.append(theme)
                self.add("adds", f'the theme "{theme.name}"')
            elif details := _differences(rows[theme.slug], values):
                self.themes_changed.append((rows[theme.slug], values))
                self.add("changes", f'the theme "{rows[theme.slug].name}"', details)
        kept = {theme.slug for theme in self.spec.themes}
        self.themes_removed = [row for slug, row in rows.items() if slug not in kept]
        for row in self.themes_removed:
            self.add("removes", f'the theme "{row.name}"')

    def plan_key_areas(self):
        rows = self.existing(KeyArea.objects.filter(theme__framework=self.framework).select_related("theme"))
        self.key_area_rows = {}  # the file's key area slug -> the row it is
        self.key_areas_added, self.key_areas_changed = [], []
        for theme in self.spec.themes:
            for key_area in theme.key_areas:
                # A slug is the file's key area, preferring the row in the same theme (a catalogue made by hand may
                # repeat a slug in two themes, as the database allows).
                candidates = [
                    row for row in rows if row.slug == key_area.slug and row not in self.key_area_rows.values()
                ]
                candidates.sort(key=lambda row: row.theme.slug != theme.slug)
                values = {"name": key_area.name, "slug": key_area.slug, "position": key_area.position}
                if not candidates:
                    self.key_areas_added.append((theme.slug, key_area))
                    self.add("adds", f'the key area "{key_area.name}" (theme "{theme.name}")')
                    continue
                row = self.key_area_rows[key_area.slug] = candidates[0]
                details = _differences(row, values)
                if row.theme.slug != theme.slug:
                    details += (f'theme: "{row.theme.name}" → "{theme.name}"',)
                if details:
                    self.key_areas_changed.append((row, theme.slug, values))
                    self.add("changes", f'the key area "{row.name}"', details)
        self.key_areas_removed = [row for row in rows if row not in self.key_area_rows.values()]
        for row in self.key_areas_removed:
            self.add("removes", f'the key area "{row.name}" (theme "{row.theme.name}")')

    def plan_objectives(self):
        rows = self.existing(Objective.objects.filter(framework=self.framework).select_related("key_area"))
        rows = {row.number: row for row in rows}
        names = {key_area.slug: key_area.name for key_area in self.spec.key_areas}
        self.objectives_added, self.objectives_changed = [], []
        for objective in self.spec.objectives:
            row = rows.get(objective.number)
            if row is None:
                self.objectives_added.append(objective)
                self.add("adds", f'{objective} "{_short(objective.title)}"')
                continue
            values = {"reference": objective.reference, "title": objective.title, "description": objective.description}
            details = _differences(row, values)
            if self.key_area_rows.get(objective.key_area) != row.key_area:
                details += (f'key area: "{row.key_area.name}" → "{names[objective.key_area]}"',)
            if details:
                self.objectives_changed.append((row, objective))
                self.add("changes", str(objective), details)
        kept = {objective.number for objective in self.spec.objectives}
        self.objectives_removed = [row for number, row in rows.items() if number not in kept]
        for row in self.objectives_removed:
            self.add("removes", f'objective #{row.number} "{_short(row.title)}"')
        self.check_removed_objectives()

    def check_removed_objectives(self):
        removed = self.objectives_removed
        assessed = Assessment.objects.filter(objective__in=removed).values_list("objective__number", "review__year")
        actions = set(Action.objects.filter(objective__in=removed).values_list("objective__number", flat=True))
        for row in removed:
            years = [year for number, year in assessed if number == row.number]
            if years or row.number in actions:
                by = f"it is assessed in {_years(years)}" if years else "actions are raised on it"
                self.problem(
                    "objectives",
                    f"objective #{row.number} is not in the file, but {by}: an objective with assessments or "
                    "actions cannot be dropped (keep it in the file)",
                )

    def plan_descriptions(self):
        """What each level means, keyed by ("key area", slug, level) or ("objective", number, level)."""
        rows = LevelDescription.objects.filter(key_area__theme__framework=self.framework)
        rows = self.existing(rows.select_related("level", "key_area", "objective"))
        slugs = {row.pk: slug for slug, row in self.key_area_rows.items()}
        existing = {}
        for row in rows:  # a description of a key area the file drops is keyed by its row, to be removed with it
            key_area = slugs.get(row.key_area_id, row.key_area_id)
            owner = ("objective", row.objective.number) if row.objective_id else ("key area", key_area)
            existing[(*owner, row.level.number)] = row
        names = {key_area.slug: f'the key area "{key_area.name}"' for key_area in self.spec.key_areas}
        wanted = {}
        for key_area in self.spec.key_areas:
            wanted.update({("key area", key_area.slug, d.level): (d, key_area.slug) for d in key_area.descriptions})
        for objective in self.spec.objectives:
            wanted.update(
                {("objective", objective.number, d.level): (d, objective.key_area) for d in objective.descriptions}
            )
        self.descriptions_added, self.descriptions_changed = [], []
        for key, (description, key_area) in wanted.items():
            what = f"what level {key[2]} means for " + (
                f"objective #{key[1]}" if key[0] == "objective" else names[key[1]]
            )
            row = existing.get(key)
            if row is None:
                self.descriptions_added.append((key, description, key_area))
                self.add("adds", what)
                continue
            details = _differences(row, {"description": description.description, "source": description.source})
            if details or slugs.get(row.key_area_id) != key_area:
                self.descriptions_changed.append((row, description, key_area))
                self.add("changes", what, details or ("its objective's key area",))
        self.descriptions_removed = [row for key, row in existing.items() if key not in wanted]
        for row in self.descriptions_removed:
            owner = f"objective #{row.objective.number}" if row.objective_id else f'the key area "{row.key_area.name}"'
            self.add("removes", f"what level {row.level.number} means for {owner}")

    def check_published(self):
        if not (self.framework and self.changes):
            return
        reviews = Review.objects.filter(framework=self.framework)
        statuses = list((reviews.select_for_update() if self.lock else reviews).values_list("year", "status"))
        years = [year for year, status in statuses if status == Review.Status.PUBLISHED]
        if years:
            shown = "; ".join(map(str, self.changes[:SHOWN_CHANGES]))
            more = len(self.changes) - SHOWN_CHANGES
            self.problem(
                "slug",
                f"{self.framework.name} is the framework {_years(years)} {'was' if len(years) == 1 else 'were'} "
                "scored under, and a published review "
                f"keeps it as it was signed off, but this file would change it ({shown}"
                f"{f', and {more} more' if more > 0 else ''}). A new version must be a new framework: give the file "
                f'a new slug and name, and "supersedes": "{self.framework.slug}".',
            )

    def write(self):
        spec, framework = self.spec, self.framework
        if framework is None:
            framework = Framework.objects.create(
                slug=spec.slug, supersedes=self.earlier or None, **self.framework_values
            )
        elif self.framework_changed:
            _update([(framework, {**self.framework_values, "supersedes": self.earlier or None})], ())
        # What the file drops goes first, freeing its names and numbers; LevelDescription and Mapping rows cascade.
        # Key areas and themes keep their objectives until those have moved, so they give up their names meanwhile.
        _update([(row, {}) for row in [*self.key_areas_removed, *self.themes_removed]], ("name", "slug"))
        LevelDescription.objects.filter(pk__in=[row.pk for row in self.descriptions_removed]).delete()
        Objective.objects.filter(pk__in=[row.pk for row in self.objectives_removed]).delete()
        MaturityLevel.objects.filter(pk__in=[row.pk for row in self.levels_removed]).delete()
        _update(self.levels_renamed, ("name",))
        for level in self.levels_added:
            MaturityLevel.objects.create(framework=framework, number=level.number, name=level.name)
        _update(self.themes_changed, ("name", "slug"))
        themes = {row.slug: row for row in Theme.objects.filter(framework=framework)}
        for theme in self.themes_added:
            themes[theme.slug] = Theme.objects.create(
                framework=framework, name=theme.name, slug=theme.slug, position=theme.position
            )
        _update(
            [(row, {**values, "theme": themes[theme]}) for row, theme, values in self.key_areas_changed],
            ("name", "slug"),
        )
        key_areas = dict(self.key_area_rows)
        for theme, key_area in self.key_areas_added:
            key_areas[key_area.slug] = KeyArea.objects.create(
                theme=themes[theme], name=key_area.name, slug=key_area.slug, position=key_area.position
            )
        self.write_objectives(framework, key_areas)
        KeyArea.objects.filter(pk__in=[row.pk for row in self.key_areas_removed]).delete()
        Theme.objects.filter(pk__in=[row.pk for row in self.themes_removed]).delete()
        self.write_descriptions(framework, key_areas)
        return framework

    def write_objectives(self, framework, key_areas):
        def values(objective):
            return {
                "key_area": key_areas[objective.key_area],
                "reference": objective.reference,
                "title": objective.title,
                "description": objective.description,
            }

        _update([(row, values(objective)) for row, objective in self.objectives_changed], ())
        Objective.objects.bulk_create(
            Objective(framework=framework, number=objective.number, **values(objective))
            for objective in self.objectives_added
        )

    def write_descriptions(self, framework, key_areas):
        levels = {row.number: row for row in MaturityLevel.objects.filter(framework=framework)}
        objectives = {row.number: row for row in Objective.objects.filter(framework=framework)}
        _update(
            [
                (row, {"description": d.description, "source": d.source, "key_area": key_areas[key_area]})
                for row, d, key_area in self.descriptions_changed
            ],
            (),
        )
        LevelDescription.objects.bulk_create(
            LevelDescription(
                level=levels[d.level],
                key_area=key_areas[key_area],
                objective=objectives[key[1]] if key[0] == "objective" else None,
                description=d.description,
                source=d.source,
            )
            for key, d, key_area in self.descriptions_added
        )
