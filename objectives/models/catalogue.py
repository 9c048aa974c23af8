"""The catalogue: a framework's levels, themes, key areas and objectives, and what its levels mean."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from objectives.rules.levels import Levels, level_label


class FrameworkManager(models.Manager):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class Framework(models.Model):
    """One version of a framework: a new version is a new framework (its own slug), never an edit of one that a
    published review was scored under, so that review keeps reading as it was signed off."""

    name = models.CharField(max_length=100, unique=True, help_text='Short name, e.g. "NPS 2018".')
    slug = models.SlugField(
        max_length=60,
        unique=True,
        help_text="Names the framework in URLs, e.g. /reviews/pa2023-readiness/2022/; never changed once made.",
    )
    version = models.CharField(max_length=30, blank=True, help_text='The version of its file, e.g. "2018" or "1.0".')
    title = models.CharField(max_length=200, help_text="The framework's full published title.")
    publisher = models.CharField(max_length=200, blank=True)
    allows_not_applicable = models.BooleanField(
        "allows “Not applicable”",
        default=False,
        help_text="Whether an objective may be marked not applicable, with a reason, beside the levels.",
    )
    supersedes = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        help_text="The earlier version of the same framework, if this is a later one.",
    )

    objects = FrameworkManager()

    class Meta:
        ordering = ["name"]
        permissions = [("load_framework", "Can load framework and mapping files")]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name,)

    def levels_by_number(self):
        """Return the framework's levels (number -> name, labelled "3 Mature"), in one query."""
        return Levels(self.levels.values_list("number", "name"), framework=self.name)


class MaturityLevelManager(models.Manager):
    def get_by_natural_key(self, framework, number):
        return self.get(framework__name=framework, number=number)


class MaturityLevel(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="levels")
    number = models.PositiveSmallIntegerField(help_text="1 is the lowest level.")
    name = models.CharField(max_length=50, help_text='e.g. "Developing".')

    objects = MaturityLevelManager()

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="level_number_unique_in_framework"),
            models.UniqueConstraint(fields=["framework", "name"], name="level_name_unique_in_framework"),
            models.CheckConstraint(condition=Q(number__gte=1), name="level_number_positive"),
        ]

    def __str__(self):
        return level_label(self.number, self.name)

    def natural_key(self):
        return (*self.framework.natural_key(), self.number)

    natural_key.dependencies = ["objectives.framework"]


class ThemeManager(models.Manager):
    def get_by_natural_key(self, framework, slug):
        return self.get(framework__name=framework, slug=slug)


class Theme(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="themes")
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, help_text="Names the theme in URLs, e.g. ?theme=enablers.")
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in the framework.")

    objects = ThemeManager()

    class Meta:
        ordering = ["framework", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "slug"], name="theme_slug_unique_in_framework"),
            models.UniqueConstraint(fields=["framework", "name"], name="theme_name_unique_in_framework"),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (*self.framework.natural_key(), self.slug)

    natural_key.dependencies = ["objectives.framework"]


class KeyAreaManager(models.Manager):
    def get_by_natural_key(self, framework, theme, slug):
        return self.get(theme__framework__name=framework, theme__slug=theme, slug=slug)


class KeyArea(models.Model):
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="key_areas")
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order within the theme.")

    objects = KeyAreaManager()

    class Meta:
        ordering = ["theme__position", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "slug"], name="key_area_slug_unique_in_theme"),
            models.UniqueConstraint(fields=["theme", "name"], name="key_area_name_unique_in_theme"),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (*self.theme.natural_key(), self.slug)

    natural_key.dependencies = ["objectives.theme"]


class ObjectiveManager(models.Manager):
    def get_by_natural_key(self, framework, number):
        return self.get(framework__name=framework, number=number)


class Objective(models.Model):
    # The framework is stored as well as the key area so that the database can keep numbers unique in it.
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="objectives")
    key_area = models.ForeignKey(KeyArea, on_delete=models.PROTECT, related_name="objectives")
    number = models.PositiveSmallIntegerField(help_text="The objective's number in the framework, e.g. 31.")
    reference = models.CharField(
        max_length=20,
        blank=True,
        help_text='The framework\'s own name for it where it has one beside its number, e.g. "PA-09".',
    )
    title = models.CharField(max_length=200)
    description = models.TextField(help_text='What the objective measures: "The extent to which ...".')

    objects = ObjectiveManager()

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="objective_number_unique_in_framework"),
        ]

    def __str__(self):
        return f"#{self.number} {self.title}"

    def natural_key(self):
        return (*self.framework.natural_key(), self.number)

    natural_key.dependencies = ["objectives.framework", "objectives.keyarea"]

    def clean(self):
        if self.key_area_id and self.framework_id and self.key_area.theme.framework_id != self.framework_id:
            raise ValidationError({"key_area": "This key area belongs to another framework."}, code="framework")


class LevelDescription(models.Model):
    """What a maturity level means in one key area, or for one objective where the framework is that detailed.

    Only what a framework's publisher says belongs here: the catalogue invents none.
    """

    level = models.ForeignKey(MaturityLevel, on_delete=models.CASCADE, related_name="descriptions")
    key_area = models.ForeignKey(KeyArea, on_delete=models.CASCADE, related_name="level_descriptions")
    objective = models.ForeignKey(
        Objective,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="level_descriptions",
        help_text="Only where the framework describes the level for this objective alone.",
    )
    description = models.TextField(help_text="What a council does at this level, in the framework's words.")
    source = models.CharField(max_length=300, help_text="Where the framework says so: its document and page.")

    class Meta:
        ordering = ["key_area", "objective", "level__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "key_area"], condition=Q(objective__isnull=True), name="one_description_per_key_area"
            ),
            models.UniqueConstraint(
                fields=["level", "objective"],
                condition=Q(objective__isnull=False),
                name="one_description_per_objective",
            ),
        ]

    def __str__(self):
        return f"{self.level} in {self.objective or self.key_area}"

    @classmethod
    def for_objective(cls, objective):
        """Return {level number: description} for an objective: its own where given, else its key area's."""
        found = {}
        for description in (
            cls.objects.filter(key_area=objective.key_area_id)
            .filter(Q(objective__isnull=True) | Q(objective=objective))
            .select_related("level")
            .order_by("objective")
        ):
            if description.objective_id or description.level.number not in found:
                found[description.level.number] = description.description
        return found


class MappingQuerySet(models.QuerySet):
    def between(self, framework, other):
        """Return the mappings from one framework's objectives or key areas to the other's."""
        return self.filter(
            Q(from_objective__framework=framework) | Q(from_key_area__theme__framework=framework),
            Q(to_objective__framework=other) | Q(to_key_area__theme__framework=other),
        )


def _one_end(side):
    """The check that a mapping's end is an objective or a key area, not both and not neither."""
    objective, key_area = f"{side}_objective__isnull", f"{side}_key_area__isnull"
    return models.CheckConstraint(
        condition=Q(**{objective: False, key_area: True}) | Q(**{objective: True, key_area: False}),
        name=f"mapping_{side}_is_objective_or_key_area",
    )


class Mapping(models.Model):
    """What an objective or key area of one framework is to one of another's, as a mapping file says (a suggestion
    of who wrote the file, not the framework's): the same, part of it, or related.

    Loaded from mapping files (`manage.py load_framework`); the objective page lists an objective's mappings both ways,
    and those of its key area (`queries.mappings`).
    """

    class Relation(models.TextChoices):
        SAME = "same", "the same as"
        PART_OF = "part_of", "part of"
        RELATED = "related", "related to"

    from_objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, null=True, blank=True, related_name="mappings_from"
    )
    from_key_area = models.ForeignKey(
        KeyArea, on_delete=models.CASCADE, null=True, blank=True, related_name="mappings_from"
    )
    to_objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, null=True, blank=True, related_name="mappings_to"
    )
    to_key_area = models.ForeignKey(
        KeyArea, on_delete=models.CASCADE, null=True, blank=True, related_name="mappings_to"
    )
    relation = models.CharField(max_length=10, choices=Relation.choices)

    objects = MappingQuerySet.as_manager()

    class Meta:
        constraints = [
            _one_end("from"),
            _one_end("to"),
            models.CheckConstraint(
                condition=Q(relation__in=["same", "part_of", "related"]), name="mapping_relation_valid"
            ),
            # A NULL end is distinct from every other in a unique constraint: one constraint per kind of each end.
            *(
                models.UniqueConstraint(
                    fields=[f"from_{start}", f"to_{end}"],
                    condition=Q(**{f"from_{start}__isnull": False, f"to_{end}__isnull": False}),
                    name=f"one_mapping_{start}_to_{end}",
                )
                for start in ("objective", "key_area")
                for end in ("objective", "key_area")
            ),
        ]

    def __str__(self):
        return f"{self.start} {self.get_relation_display()} {self.end}"

    @property
    def start(self):
        return self.from_objective or self.from_key_area

    @property
    def end(self):
        return self.to_objective or self.to_key_area
