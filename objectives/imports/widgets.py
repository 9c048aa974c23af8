"""How an import reads a cell: headers, text, whole numbers, maturity levels, origins, frameworks and key areas.

Each widget's `clean` returns the value or raises ValueError with a reason that quotes the cell, so that an
error can name its row and column and say what is wrong.
"""

import re

from import_export import widgets

from objectives.imports.formulas import strip_controls, unescape_formula
from objectives.models import REASON_LIMIT, Assessment, Framework, KeyArea
from objectives.rules.levels import NOT_APPLICABLE
from objectives.rules.text import normalise, one_line

NUMBER = re.compile(r"-?\d+(\.\d+)?")
DIGITS = re.compile(r"[0-9]{1,18}")  # a whole number as Python reads it without a limit
LARGEST = 10**18


def normalise_header(value):
    """Return a header as compared: lower case, single spaces, underscores as spaces."""
    return " ".join(str(value if value is not None else "").replace("_", " ").split()).lower()


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
        # A number past 18 digits is no year or objective, and more than the database's integers hold.
        if isinstance(value, int) and abs(value) < LARGEST:
            return value
        if isinstance(value, float) and value.is_integer() and abs(value) < LARGEST:
            return int(value)
        text = str(value if value is not None else "").strip().lstrip("#").strip()
        if DIGITS.fullmatch(text):
            return int(text)
        try:
            number = float(text)
        except ValueError:
            number = None
        if number is not None and number.is_integer() and abs(number) < LARGEST:
            return int(number)
        if not text:
            raise ValueError(f"empty: every row needs {self.what}")
        raise ValueError(f"{describe(value)} is not {self.what}")

    def render(self, value, obj=None, **kwargs):
        return value


LEVEL_TEXT = re.compile(r"^(?P<number>[0-9]{1,9})(\.0+)?(\s*[-:–]?\s*(?P<name>\D.*))?$")


# How a score cell may say "Not applicable", in any case: as the export writes it, and as people abbreviate it.
NOT_APPLICABLE_WORDS = {NOT_APPLICABLE.casefold(), "n/a", "na"}


class LevelWidget(widgets.Widget):
    """A maturity level written as 3, "3", "3.0", "Mature" or "3 Mature"; blank for none.

    With `not_applicable` (the score), "Not applicable" (or "N/A") reads as NOT_APPLICABLE, which the plan accepts
    only where the review's framework allows it.
    """

    def __init__(self, *, not_applicable=False, **kwargs):
        self.not_applicable = not_applicable
        super().__init__(coerce_to_string=False, **kwargs)

    def clean(self, value, row=None, *, levels, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if (
            self.not_applicable
            and isinstance(value, str)
            and " ".join(value.split()).casefold() in NOT_APPLICABLE_WORDS
        ):
            return NOT_APPLICABLE
        number, name = None, None
        if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
            number = int(value)
        elif isinstance(value, str):
            text = " ".join(value.split())
            match = LEVEL_TEXT.match(text)
            if match:
                number, name = int(match["number"]), match["name"]
            else:
                number = levels.number_named(text)
        if number in levels and (name is None or levels.number_named(name) == number):
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
    """Plain text: paragraphs separated by blank lines; Windows line ends read as the others; at most `limit`."""

    def __init__(self, *, limit=None, **kwargs):
        self.limit = limit
        super().__init__(**kwargs)

    def clean(self, value, row=None, *, escaped=False, **kwargs):
        if value is None:
            return ""
        if not isinstance(value, str):
            value = describe(value)
        if escaped and value[:1] == "'":
            value = unescape_formula(value)
        text = normalise(strip_controls(value))
        if self.limit is not None and len(text) > self.limit:
            raise ValueError(f"the text has {len(text):,} characters: at most {self.limit:,} can be stored")
        return text


class ReasonWidget(TextWidget):
    """A short reason (why an objective does not apply): one line, at most REASON_LIMIT characters."""

    def __init__(self, **kwargs):
        super().__init__(limit=REASON_LIMIT, **kwargs)

    def clean(self, value, row=None, *, escaped=False, **kwargs):
        return one_line(super().clean(value, row, escaped=escaped, **kwargs))


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


class KeyAreaNames:
    """A framework's key areas, found by name in any case and spacing, and within a theme if one is given.

    The one matcher of key-area names: the plan checks a row's key area with it and places a new objective,
    and the catalogue's import finds a row's key area.
    """

    def __init__(self, framework, areas):
        self.framework = str(framework)
        self.by_name = {}
        for area in areas:
            self.by_name.setdefault(normalise_header(area.name), []).append(area)

    def named(self, name, *, theme=None):
        """Return the key areas of that name (and theme): none, one, or one per theme that has the name."""
        areas = self.by_name.get(normalise_header(name), [])
        if theme:
            areas = [area for area in areas if normalise_header(area.theme.name) == normalise_header(theme)]
        return areas

    def find(self, name, *, theme=None):
        """Return the one key area of that name (and theme); raise ValueError saying why there is not one."""
        areas = self.named(name, theme=theme)
        if len(areas) == 1:
            return areas[0]
        if areas:
            raise ValueError(f"{describe(name)} names several key areas of {self.framework}: give the theme")
        raise ValueError(self.unknown(name, theme=theme))

    def unknown(self, name, *, theme=None):
        where = f"the theme {theme!r} of {self.framework}" if theme else self.framework
        return f"{describe(name)} is not a key area of {where}"


class KeyAreaWidget(widgets.ForeignKeyWidget):
    """A key area named by its theme and name within the row's framework, all read in one query."""

    def __init__(self, **kwargs):
        super().__init__(KeyArea, **kwargs)
        self.frameworks = None

    def clean(self, value, row=None, **kwargs):
        if self.frameworks is None:
            areas = {}
            for area in KeyArea.objects.select_related("theme__framework"):
                areas.setdefault(area.theme.framework.name, []).append(area)
            self.frameworks = {name: KeyAreaNames(name, found) for name, found in areas.items()}
        framework = str(row.get("framework") or "")
        names = self.frameworks.get(framework) or KeyAreaNames(framework, [])
        return names.find(value, theme=row.get("theme"))

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class CatalogueTextWidget(TextWidget):
    def clean(self, value, row=None, file_name="", **kwargs):
        return super().clean(value, escaped=not str(file_name).lower().endswith(".json"))


class FrameworkMemberWidget(widgets.ForeignKeyWidget):
    """A level or an objective named by its number within the row's framework, all read in one query.

    Blank is none where `optional` (a level description of a whole key area names no objective).
    """

    def __init__(self, model, what, *, optional=False, **kwargs):
        super().__init__(model, **kwargs)
        self.what, self.optional, self.members = what, optional, None
        self.number = WholeNumberWidget(what)

    def clean(self, value, row=None, **kwargs):
        if self.optional and (value is None or not str(value).strip()):
            return None
        if self.members is None:
            found = self.model.objects.select_related("framework")
            self.members = {(member.framework.name, member.number): member for member in found}
        framework = str(row.get("framework") or "")
        member = self.members.get((framework, self.number.clean(value)))
        if member is None:
            raise ValueError(f"{describe(value)} is not {self.what} of {framework or 'the framework'}")
        return member

    def render(self, value, obj=None, **kwargs):
        return value.number if value else ""
