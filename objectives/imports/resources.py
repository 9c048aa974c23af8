"""django-import-export resources: the framework catalogue, and a review's assessments.

Rows name what they belong to by natural key, never by database id: a framework by its name, a key area by its
theme and name, a review by its year, an objective by its number. Headers are read in any case and spacing.
The catalogue imports through django-import-export's own workflow (the admin's import page); assessments import
through `objectives.spreadsheets`, which uses these columns and widgets but not the library's row-by-row
workflow, whose per-row queries and copies (its issues #921 and #327) make a council's 10,000 rows slow.
"""

import functools
import re

from import_export import fields, resources, widgets
from import_export.instance_loaders import ModelInstanceLoader

from objectives.imports.reading import unescape_formula
from objectives.models import Assessment, Framework, KeyArea, Objective

NUMBER = re.compile(r"-?\d+(\.\d+)?")


def normalise_header(value):
    """Return a header as compared: lower case, single spaces, underscores as spaces."""
    return " ".join(str(value if value is not None else "").replace("_", " ").split()).lower()


def normalise_text(value):
    """Return text as stored: Windows and old Mac line ends as newlines, no space around it."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.strip()


def describe(value):
    """Return a cell as an error message quotes it: text in quotes, numbers (even written as text) bare."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and not NUMBER.fullmatch(value.strip()):
        return repr(value)
    return str(value).strip()


class WholeNumberWidget(widgets.Widget):
    """A whole number written as 31, "31", "31.0" or "#31"."""

    def __init__(self, what, **kwargs):
        self.what = what
        super().__init__(coerce_to_string=False, **kwargs)

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            raise ValueError(f"{describe(value)} is not {self.what}")
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        text = str(value if value is not None else "").strip().lstrip("#").strip()
        if text.isdigit():
            return int(text)
        try:
            number = float(text)
        except ValueError:
            number = None
        if number is not None and number.is_integer():
            return int(number)
        if not text:
            raise ValueError(f"empty: every row needs {self.what}")
        raise ValueError(f"{describe(value)} is not {self.what}")

    def render(self, value, obj=None, **kwargs):
        return value


class Levels:
    """A framework's maturity levels, as an import reads them: by number or by name."""

    def __init__(self, framework, levels):
        self.framework = framework
        self.names = dict(levels)  # number -> name
        self.numbers = {name.lower(): number for number, name in self.names.items()}
        listing = ", ".join(f"{number} {name}" for number, name in sorted(self.names.items()))
        self.description = f"{framework} ({listing})"

    @classmethod
    def of(cls, framework):
        return cls(framework.name, framework.levels.values_list("number", "name"))

    def label(self, number):
        return "" if number is None else f"{number} {self.names.get(number, '')}".strip()


LEVEL_TEXT = re.compile(r"^(?P<number>\d+)(\.0+)?(\s*[-:–]?\s*(?P<name>\D.*))?$")


class LevelWidget(widgets.Widget):
    """A maturity level written as 3, "3", "3.0", "Mature" or "3 Mature"; blank for none."""

    def __init__(self, **kwargs):
        super().__init__(coerce_to_string=False, **kwargs)

    def clean(self, value, row=None, *, levels, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        number, name = None, None
        if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
            number = int(value)
        elif isinstance(value, str):
            text = " ".join(value.split())
            match = LEVEL_TEXT.match(text)
            if match:
                number, name = int(match["number"]), match["name"]
            else:
                number = levels.numbers.get(text.lower())
        if number in levels.names and (name is None or levels.numbers.get(name.lower()) == number):
            return number
        raise ValueError(f"{describe(value)} is not a level of {levels.description}")

    def render(self, value, obj=None, **kwargs):
        return value


class OriginWidget(widgets.Widget):
    """Continued from the previous review, or new in this one; blank leaves it as it is."""

    CHOICES = {"continued": Assessment.Origin.CONTINUED, "new": Assessment.Origin.NEW}

    def clean(self, value, row=None, **kwargs):
        text = normalise_header(value)
        text = re.sub(r"\s+objectives?$", "", text)
        if not text:
            return None
        if text in self.CHOICES:
            return self.CHOICES[text].value
        raise ValueError(f"{describe(value)} is neither 'continued' nor 'new'")


class TextWidget(widgets.Widget):
    """Plain text: paragraphs separated by blank lines; Windows line ends read as the others."""

    def clean(self, value, row=None, *, escaped=False, **kwargs):
        if value is None:
            return ""
        if not isinstance(value, str):
            value = describe(value)
        if escaped and value[:1] == "'":
            value = unescape_formula(value)
        return normalise_text(value)


ASSESSMENT_ALIASES = {
    "year": ("review year", "review"),
    "objective": ("objective number", "number", "#", "no", "no."),
    "title": ("objective title",),
    "score": ("level", "maturity level"),
    "target": ("target level", "target score"),
    "continued or new": ("continued/new", "continued / new", "origin", "section"),
    "comments": ("comment",),
    "actions": ("action", "action(s)"),
}


class AssessmentResource(resources.ModelResource):
    """A review's assessments, one row per objective; title and key area are there for people to read."""

    year = fields.Field(attribute="review__year", column_name="year", widget=WholeNumberWidget("a year"))
    objective = fields.Field(
        attribute="objective__number", column_name="objective", widget=WholeNumberWidget("an objective number")
    )
    title = fields.Field(attribute="objective__title", column_name="title", readonly=True)
    key_area = fields.Field(attribute="objective__key_area__name", column_name="key area", readonly=True)
    score = fields.Field(attribute="score", column_name="score", widget=LevelWidget())
    target = fields.Field(attribute="target", column_name="target", widget=LevelWidget())
    origin = fields.Field(attribute="origin", column_name="continued or new", widget=OriginWidget())
    comments = fields.Field(attribute="comments", column_name="comments", widget=TextWidget())
    actions = fields.Field(attribute="actions", column_name="actions", widget=TextWidget())

    class Meta:
        model = Assessment
        fields = ("year", "objective", "title", "key_area", "score", "target", "origin", "comments", "actions")
        export_order = ("year", "objective", "title", "key_area", "score", "target", "origin", "comments", "actions")
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
        return Assessment.objects.select_related("review", "objective__key_area")

    def import_data(self, *args, **kwargs):
        raise NotImplementedError("assessments import through objectives.spreadsheets: preview, then apply")


class FrameworkWidget(widgets.ForeignKeyWidget):
    """A framework named by its name, all read in one query."""

    def __init__(self, **kwargs):
        super().__init__(Framework, "name", **kwargs)
        self.frameworks = None

    def clean(self, value, row=None, **kwargs):
        if self.frameworks is None:
            self.frameworks = {framework.name: framework for framework in Framework.objects.all()}
        name = str(value if value is not None else "").strip()
        if name not in self.frameworks:
            known = ", ".join(sorted(self.frameworks)) or "none yet"
            raise ValueError(f"{describe(value)} is not a framework (frameworks: {known})")
        return self.frameworks[name]


class KeyAreaWidget(widgets.ForeignKeyWidget):
    """A key area named by its theme and name within the row's framework, all read in one query."""

    def __init__(self, **kwargs):
        super().__init__(KeyArea, **kwargs)
        self.areas = None

    def clean(self, value, row=None, **kwargs):
        if self.areas is None:
            self.areas = {}
            for area in KeyArea.objects.select_related("theme__framework"):
                key = (area.theme.framework.name, normalise_header(area.theme.name), normalise_header(area.name))
                self.areas[key] = area
        framework, theme, name = str(row.get("framework") or ""), row.get("theme"), normalise_header(value)
        matches = [
            area
            for (in_framework, in_theme, area_name), area in self.areas.items()
            if in_framework == framework and area_name == name and (not theme or in_theme == normalise_header(theme))
        ]
        if len(matches) == 1:
            return matches[0]
        where = f"the theme {theme!r} of {framework}" if theme else framework
        if not matches:
            raise ValueError(f"{describe(value)} is not a key area of {where}")
        raise ValueError(f"{describe(value)} names several key areas of {framework}: give the theme")

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


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


class CatalogueTextWidget(TextWidget):
    def clean(self, value, row=None, file_name="", **kwargs):
        return super().clean(value, escaped=not str(file_name).lower().endswith(".json"))


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
