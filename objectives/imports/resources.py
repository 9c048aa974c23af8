"""django-import-export resources: the framework catalogue, and a review's assessments.

Rows name what they belong to by natural key, never by database id: a framework by its name, a key area by its
theme and name, a review by its year, an objective by its number. Headers are read in any case and spacing.
The catalogue imports through django-import-export's own workflow (the admin's import page); assessments import
through `objectives.imports.plan`, which uses these columns and widgets but not the library's row-by-row
workflow, whose per-row queries and copies (its issues #921 and #327) make a council's 10,000 rows slow.
"""

import functools

from import_export import fields, resources
from import_export.instance_loaders import ModelInstanceLoader

from objectives.imports.widgets import (
    CatalogueTextWidget,
    FrameworkMemberWidget,
    FrameworkWidget,
    KeyAreaWidget,
    LevelWidget,
    OriginWidget,
    ReasonWidget,
    TextWidget,
    WholeNumberWidget,
    normalise_header,
)
from objectives.models import TEXT_LIMIT, Assessment, LevelDescription, MaturityLevel, Objective
from objectives.rules.levels import NOT_APPLICABLE

ASSESSMENT_ALIASES = {
    "year": ("review year", "review"),
    "objective": ("objective number", "number", "#", "no", "no."),
    "title": ("objective title",),
    "score": ("level", "maturity level"),
    "target": ("target level", "target score"),
    "why not applicable": ("not applicable reason", "reason not applicable", "not applicable because"),
    "continued or new": ("continued/new", "continued / new", "origin", "section"),
    "comments": ("comment",),
    "actions": ("action", "action(s)"),
}


class AssessmentResource(resources.ModelResource):
    """A review's assessments, one row per objective; title and key area are there for people to read."""

    framework = fields.Field(attribute="review__framework__name", column_name="framework", widget=TextWidget(limit=100))
    year = fields.Field(attribute="review__year", column_name="year", widget=WholeNumberWidget("a year"))
    objective = fields.Field(
        attribute="objective__number", column_name="objective", widget=WholeNumberWidget("an objective number")
    )
    title = fields.Field(attribute="objective__title", column_name="title", readonly=True)
    key_area = fields.Field(attribute="objective__key_area__name", column_name="key area", readonly=True)
    # "Not applicable" in the score's cell marks it so (`plan.py`); the reason is in the last column.
    score = fields.Field(attribute="score", column_name="score", widget=LevelWidget(not_applicable=True))
    not_applicable_reason = fields.Field(
        attribute="not_applicable_reason", column_name="why not applicable", widget=ReasonWidget()
    )
    target = fields.Field(attribute="target", column_name="target", widget=LevelWidget())
    origin = fields.Field(attribute="origin", column_name="continued or new", widget=OriginWidget())
    comments = fields.Field(attribute="comments", column_name="comments", widget=TextWidget(limit=TEXT_LIMIT))
    actions = fields.Field(attribute="actions", column_name="actions", widget=TextWidget(limit=TEXT_LIMIT))

    class Meta:
        model = Assessment
        # The framework last: a file holds one framework's reviews, and the import reads it when it is there.
        fields = (
            "year",
            "objective",
            "title",
            "key_area",
            "score",
            "target",
            "origin",
            "comments",
            "actions",
            "not_applicable_reason",  # after the others: the columns before it are as they were before it
            "framework",
        )
        export_order = fields
        import_id_fields = ("year", "objective")

    @classmethod
    @functools.cache
    def column_names(cls):
        """Return every header a file may use, normalised, mapped to the resource field it fills."""
        names = {}
        for name, field in cls.fields.items():
            names[field.column_name] = name
            for alias in ASSESSMENT_ALIASES.get(field.column_name, ()):
                names[alias] = name
        return names

    def get_queryset(self):
        return Assessment.objects.select_related("review__framework", "objective__key_area")

    def dehydrate_score(self, assessment):
        """Write "Not applicable" in the score's cell of an objective marked so, as the pages show it."""
        return NOT_APPLICABLE if assessment.not_applicable else assessment.score

    def import_data(self, *args, **kwargs):
        raise NotImplementedError("assessments import through objectives.imports: plan, then apply")


class ObjectiveLoader(ModelInstanceLoader):
    """Find the objectives of the file with one query, by framework name and number."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.objectives = {(o.framework.name, o.number): o for o in Objective.objects.select_related("framework")}

    def get_instance(self, row):
        try:
            number = self.resource.fields["number"].clean(row)
        except ValueError:
            return None
        return self.objectives.get((str(row.get("framework") or ""), number))


class ObjectiveResource(resources.ModelResource):
    """The catalogue: each objective with its framework, theme and key area by name."""

    framework = fields.Field(attribute="framework", column_name="framework", widget=FrameworkWidget())
    number = fields.Field(attribute="number", column_name="number", widget=WholeNumberWidget("an objective number"))
    title = fields.Field(attribute="title", column_name="title", widget=CatalogueTextWidget())
    description = fields.Field(attribute="description", column_name="description", widget=CatalogueTextWidget())
    theme = fields.Field(attribute="key_area__theme__name", column_name="theme", readonly=True)
    key_area = fields.Field(attribute="key_area", column_name="key area", widget=KeyAreaWidget())

    class Meta:
        model = Objective
        fields = ("framework", "number", "title", "description", "theme", "key_area")
        export_order = ("framework", "number", "title", "description", "theme", "key_area")
        import_id_fields = ("framework", "number")
        instance_loader_class = ObjectiveLoader
        skip_unchanged = True
        report_skipped = True

    def get_queryset(self):
        return Objective.objects.select_related("framework", "key_area__theme")

    def before_import(self, dataset, **kwargs):
        """Read headers in any case and spacing ("Key_Area", " KEY AREA ") as the column names."""
        known = {normalise_header(field.column_name): field.column_name for field in self.fields.values()}
        dataset.headers = [known.get(normalise_header(header), header) for header in dataset.headers]


class LevelDescriptionResource(resources.ModelResource):
    """What each level means in a key area (or for one objective), with its source, as the framework words it."""

    framework = fields.Field(attribute="level__framework__name", column_name="framework", readonly=True)
    level = fields.Field(attribute="level", column_name="level", widget=FrameworkMemberWidget(MaturityLevel, "a level"))
    theme = fields.Field(attribute="key_area__theme__name", column_name="theme", readonly=True)
    key_area = fields.Field(attribute="key_area", column_name="key area", widget=KeyAreaWidget())
    objective = fields.Field(
        attribute="objective",
        column_name="objective",
        widget=FrameworkMemberWidget(Objective, "an objective", optional=True),
    )
    description = fields.Field(attribute="description", column_name="description", widget=CatalogueTextWidget())
    source = fields.Field(attribute="source", column_name="source", widget=CatalogueTextWidget())

    class Meta:
        model = LevelDescription
        fields = ("framework", "level", "theme", "key_area", "objective", "description", "source")
        export_order = fields
        import_id_fields = ("level", "key_area", "objective")
        skip_unchanged = True
        report_skipped = True

    def get_queryset(self):
        return LevelDescription.objects.select_related("level__framework", "key_area__theme", "objective")

    def before_import(self, dataset, **kwargs):
        ObjectiveResource.before_import(self, dataset, **kwargs)
