"""The one reader of framework and mapping files (fixtures/README.md): bytes in, the file's content or every problem
found, each with its place, out. It reads no database and raises nothing: what the database must agree to (an
objective with assessments kept, a published review's framework left as it was) is `services.frameworks`'s to check.
"""

import json
import re
from collections import Counter

from django.utils.text import slugify

from objectives.converters import RESERVED_SLUGS, SLUG
from objectives.frameworks.specs import (
    FORMAT_VERSION,
    DescriptionSpec,
    EndSpec,
    FrameworkFile,
    KeyAreaSpec,
    LevelSpec,
    MappingFile,
    ObjectiveSpec,
    Problem,
    Read,
    ThemeSpec,
    TieSpec,
)
from objectives.models import Mapping
from objectives.rules.text import NOT_XML

SLUG_PATTERN = re.compile(rf"{SLUG}\Z")  # as URLs name a framework (objectives.converters)
SLUG_RULE = 'lowercase letters and digits, starting with a letter, words joined by one hyphen (e.g. "nps-2018")'
# The formats nest seven deep (a level description of a key area of a theme); a deeper file is refused before the
# parser, which recurses once per bracket, meets it.
MAX_DEPTH = 16
TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
MAX_NUMBER = 32767  # the largest level or objective number the database keeps
TEXT_LIMIT = 10_000  # a description's length, far over any framework's
LIMITS = {"name": 100, "framework slug": 60, "slug": 100, "version": 30, "title": 200, "publisher": 200}
MISSING = object()

FRAMEWORK_FIELDS = (
    "kind",
    "format_version",
    "name",
    "slug",
    "version",
    "title",
    "publisher",
    "supersedes",
    "allows_not_applicable",
    "levels",
    "themes",
    "objectives",
)
MAPPING_FIELDS = ("kind", "format_version", "from", "to", "mappings")
OBJECTIVE_FIELDS = ("number", "reference", "key_area", "title", "description", "level_descriptions")


def read(data):
    """Return the file's content (a FrameworkFile or a MappingFile) or, if it has any, every problem found."""
    reader = Reader()
    value = reader.parse(data)
    content = None if value is MISSING else reader.content(value)
    if reader.problems:
        return Read(None, tuple(reader.problems))
    return Read(content)


class JsonObject(dict):
    """A JSON object, remembering the keys it was given more than once (the parser keeps only the last)."""

    def __init__(self, pairs):
        super().__init__(pairs)
        self.repeated = sorted(key for key, count in Counter(key for key, _ in pairs).items() if count > 1)


class LongNumber(str):
    """A JSON number too long to be a level or an objective's (and too long for Python to read as one)."""


def kind_of(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, LongNumber):
        return f"a number of {len(value):,} digits"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "an object"


def line_and_column(text, index):
    line, column = text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)
    return f"line {line}, column {column}"


def shown_key(key):
    """A field's name as a place shows it: no character a page or a PDF cannot hold, and not endless."""
    key = NOT_XML.sub("\N{REPLACEMENT CHARACTER}", key)
    return key if len(key) <= 40 else f"{key[:39]}…"


class Fields:
    """One JSON object's fields, read with their places; each problem goes to the reader's list."""

    def __init__(self, reader, value, place, known):
        self.reader, self.place = reader, place
        self.value = value if isinstance(value, dict) else None
        if self.value is None:
            reader.problem(place, f"must be an object {{...}}, not {kind_of(value)}")
            return
        for key in getattr(value, "repeated", ()):
            reader.problem(self.at(key), "given twice in one object")
        for key in value:
            if key not in known:
                reader.problem(self.at(key), f"unknown field: the fields here are {', '.join(known)}")

    def at(self, key):
        return f"{self.place}.{shown_key(key)}" if self.place else shown_key(key)

    def get(self, key, required):
        if self.value is None or (self.value.get(key) is None and not required):
            return MISSING  # optional fields may be left out or null
        if key not in self.value:
            self.reader.problem(self.at(key), "missing")
            return MISSING
        return self.value[key]

    def text(self, key, *, limit, required=True):
        """Return the text, stripped; "" for an optional field left out; None where there is a problem."""
        value = self.get(key, required)
        if value is MISSING:
            return None if required else ""
        if not isinstance(value, str):
            return self.reader.problem(self.at(key), f"must be text, not {kind_of(value)}")
        value = value.strip()
        if required and not value:
            return self.reader.problem(self.at(key), "must not be blank")
        if bad := NOT_XML.search(value):
            return self.reader.problem(self.at(key), f"holds a control character (U+{ord(bad[0]):04X})")
        if len(value) > limit:
            return self.reader.problem(self.at(key), f"is {len(value):,} characters long: at most {limit:,}")
        return value

    def slug(self, key, *, limit, required=True, derive=False, name=None, reserved=frozenset()):
        """Return the slug given, or if `derive` and none is given, the one made from `name` (None if it has none)."""
        if derive and self.value is not None and self.value.get(key) is None:
            if name is None:
                return None  # the name's problem is told
            made = slugify(name)
            if SLUG_PATTERN.match(made) and len(made) <= limit:
                return made
            return self.reader.problem(self.at(key), f"missing, and the name makes none: give a slug of {SLUG_RULE}")
        value = self.text(key, limit=limit, required=required)
        if not value:
            return value
        if not SLUG_PATTERN.match(value):
            return self.reader.problem(self.at(key), f"must be {SLUG_RULE}")
        if value in reserved:
            return self.reader.problem(self.at(key), f'"{value}" is reserved: the address /reviews/{value}/ is a page')
        return value

    def number(self, key):
        value = self.get(key, True)
        if value is MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            return self.reader.problem(self.at(key), f"must be a whole number, not {kind_of(value)}")
        if not 1 <= value <= MAX_NUMBER:
            return self.reader.problem(self.at(key), f"must be between 1 and {MAX_NUMBER}, not {value}")
        return value

    def boolean(self, key):
        value = self.get(key, True)
        if value is MISSING:
            return None
        if not isinstance(value, bool):
            return self.reader.problem(self.at(key), f"must be true or false, not {kind_of(value)}")
        return value

    def items(self, key, *, required=True, at_least=1):
        """Return the list's items with their places ("levels[2]"): [] where there is a problem."""
        value = self.get(key, required)
        if value is MISSING:
            return []
        if not isinstance(value, list):
            self.reader.problem(self.at(key), f"must be a list [...], not {kind_of(value)}")
            return []
        if len(value) < at_least:
            self.reader.problem(self.at(key), f"must list at least {at_least}")
        return [(f"{self.at(key)}[{index}]", item) for index, item in enumerate(value)]


class Reader:
    def __init__(self):
        self.problems = []

    def problem(self, place, message):
        """Record a problem; return None, the value of a field that has one."""
        self.problems.append(Problem(place, message))

    def parse(self, data):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            prefix = data[: error.start].decode("utf-8-sig", "replace")
            self.problem(line_and_column(prefix, len(prefix)), "the file is not UTF-8 text")
            return MISSING
        depth = 0
        for token in TOKEN.finditer(text):
            if token[0] in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    self.problem(line_and_column(text, token.start()), f"nested more than {MAX_DEPTH} deep")
                    return MISSING
            elif token[0] in "]}":
                depth -= 1
        try:
            return json.loads(text, object_pairs_hook=JsonObject, parse_constant=self.constant, parse_int=self.integer)
        except json.JSONDecodeError as error:
            self.problem(f"line {error.lineno}, column {error.colno}", f"not JSON: {error.msg}")
        except ValueError as error:
            self.problem("file", str(error))
        return MISSING

    @staticmethod
    def constant(name):
        raise ValueError(f"{name} is not a number JSON allows")

    @staticmethod
    def integer(digits):
        return int(digits) if len(digits) <= 18 else LongNumber(digits)

    def content(self, value):
        if not isinstance(value, dict):
            return self.problem("file", f"must be one JSON object {{...}}, not {kind_of(value)}")
        kind = value.get("kind", MISSING)
        if kind is MISSING:
            return self.problem("kind", 'missing: "framework" or "mapping"')
        if kind not in ("framework", "mapping"):
            return self.problem("kind", f'must be "framework" or "mapping", not {kind_of(kind)}')
        fields = Fields(self, value, "", FRAMEWORK_FIELDS if kind == "framework" else MAPPING_FIELDS)
        version = fields.get("format_version", True)
        if version is not MISSING and (type(version) is not int or version != FORMAT_VERSION):
            self.problem("format_version", f"must be {FORMAT_VERSION}, the version this reads, not {kind_of(version)}")
        return self.framework(fields) if kind == "framework" else self.mapping(fields)

    def framework(self, fields):
        name = fields.text("name", limit=LIMITS["name"])
        slug = fields.slug("slug", limit=LIMITS["framework slug"], reserved=RESERVED_SLUGS)
        supersedes = fields.slug("supersedes", limit=LIMITS["framework slug"], required=False)
        if supersedes and supersedes == slug:
            self.problem("supersedes", "names this framework itself")
        header = {
            "name": name,
            "slug": slug,
            "version": fields.text("version", limit=LIMITS["version"]),
            "title": fields.text("title", limit=LIMITS["title"]),
            "publisher": fields.text("publisher", limit=LIMITS["publisher"], required=False),
            "supersedes": supersedes or None,
            "allows_not_applicable": fields.boolean("allows_not_applicable"),
        }
        levels = self.levels(fields)
        numbers = {level.number for level in levels}
        themes = self.themes(fields, numbers)
        key_areas = {key_area.slug for theme in themes for key_area in theme.key_areas}
        objectives = self.objectives(fields, key_areas, numbers)
        return FrameworkFile(**header, levels=levels, themes=themes, objectives=objectives)

    def levels(self, fields):
        levels, numbers, names = [], {}, {}
        for place, item in fields.items("levels"):
            level = Fields(self, item, place, ("number", "name"))
            number, name = level.number("number"), level.text("name", limit=50)
            self.once(numbers, number, f"{place}.number", f"level {number}", place)
            self.once(names, name and name.casefold(), f"{place}.name", f'the level name "{name}"', place)
            levels.append(LevelSpec(number, name, place))
        return tuple(levels)

    def once(self, seen, key, place, what, where):
        """Refuse a key already seen (a number or a name given twice), saying where it was first; return whether."""
        if key is None:
            return False
        if key in seen:
            self.problem(place, f"{what} is given twice: also at {seen[key]}")
            return True
        seen[key] = where
        return False

    def themes(self, fields, levels):
        themes, seen, key_area_seen = [], {}, {}
        for position, (place, item) in enumerate(fields.items("themes"), start=1):
            theme = Fields(self, item, place, ("name", "slug", "key_areas"))
            name = theme.text("name", limit=LIMITS["name"])
            slug = theme.slug("slug", limit=LIMITS["slug"], derive=True, name=name)
            self.named_once(seen, name, slug, place, "theme")
            key_areas = []
            for key_position, (key_place, key_item) in enumerate(theme.items("key_areas"), start=1):
                key_area = Fields(self, key_item, key_place, ("name", "slug", "level_descriptions"))
                key_name = key_area.text("name", limit=LIMITS["name"])
                key_slug = key_area.slug("slug", limit=LIMITS["slug"], derive=True, name=key_name)
                self.named_once(key_area_seen, key_name, key_slug, key_place, "key area")
                descriptions = self.descriptions(key_area, levels)
                key_areas.append(KeyAreaSpec(key_name, key_slug, key_position, descriptions, key_place))
            themes.append(ThemeSpec(name, slug, position, tuple(key_areas), place))
        return tuple(themes)

    def named_once(self, seen, name, slug, place, kind):
        """Refuse a theme or key area given twice: its name, or else its slug (often made from the name)."""
        named = f'the {kind} "{name}"'
        if not self.once(seen, name and ("name", name.casefold()), f"{place}.name", named, place):
            self.once(seen, slug and ("slug", slug), f"{place}.slug", f'the {kind} slug "{slug}"', place)

    def descriptions(self, fields, levels):
        descriptions, seen = [], {}
        for place, item in fields.items("level_descriptions", required=False, at_least=0):
            description = Fields(self, item, place, ("level", "description", "source"))
            level = description.number("level")
            if level is not None and level not in levels:
                self.problem(f"{place}.level", f"names level {level}, which is not in levels")
            self.once(seen, level, f"{place}.level", f"level {level}", place)
            text = description.text("description", limit=TEXT_LIMIT)
            source = description.text("source", limit=300)
            descriptions.append(DescriptionSpec(level, text, source, place))
        return tuple(descriptions)

    def objectives(self, fields, key_areas, levels):
        objectives, numbers, references = [], {}, {}
        for place, item in fields.items("objectives"):
            number = item.get("number") if isinstance(item, dict) else None
            if isinstance(number, int) and not isinstance(number, bool) and 1 <= number <= MAX_NUMBER:
                place = f"{place} (number {number})"
            objective = Fields(self, item, place, OBJECTIVE_FIELDS)
            number = objective.number("number")
            self.once(numbers, number, f"{place}.number", f"number {number}", place)
            reference = objective.text("reference", limit=20, required=False)
            self.once(references, reference or None, f"{place}.reference", f'the reference "{reference}"', place)
            key_area = objective.slug("key_area", limit=LIMITS["slug"])
            if key_area and key_area not in key_areas:
                self.problem(f"{place}.key_area", f'names "{key_area}", which is no key area of the themes')
            title = objective.text("title", limit=200)
            description = objective.text("description", limit=TEXT_LIMIT)
            descriptions = self.descriptions(objective, levels)
            objectives.append(ObjectiveSpec(number, reference, key_area, title, description, descriptions, place))
        return tuple(objectives)

    def mapping(self, fields):
        start = fields.slug("from", limit=LIMITS["framework slug"])
        end = fields.slug("to", limit=LIMITS["framework slug"])
        if start and start == end:
            self.problem("to", "is the framework the mapping is from: a mapping ties two frameworks")
        ties, seen = [], {}
        relations = Mapping.Relation.values
        for place, item in fields.items("mappings", at_least=0):
            tie = Fields(self, item, place, ("from", "to", "relation"))
            ends = self.end(tie, "from"), self.end(tie, "to")
            relation = tie.text("relation", limit=20)
            if relation and relation not in relations:
                self.problem(f"{place}.relation", f'must be one of {", ".join(relations)}, not "{relation}"')
            if None not in ends:
                self.once(seen, ends, place, f"{ends[0]} to {ends[1]}", place)
            ties.append(TieSpec(*ends, relation, place))
        return MappingFile(start, end, tuple(ties))

    def end(self, tie, key):
        value = tie.get(key, True)
        if value is MISSING:
            return None
        end = Fields(self, value, tie.at(key), ("objective", "key_area"))
        if end.value is None:
            return None
        if ("objective" in end.value) == ("key_area" in end.value):
            return self.problem(end.place, 'must name an "objective" (its number) or a "key_area" (its slug): one')
        if "objective" in end.value:
            number = end.number("objective")
            return None if number is None else EndSpec(number, None)
        slug = end.text("key_area", limit=2 * LIMITS["slug"] + 1)
        if slug and not all(SLUG_PATTERN.match(part) for part in slug.split("/", 1)):
            return self.problem(end.at("key_area"), f'must be a slug ({SLUG_RULE}) or "theme-slug/key-area-slug"')
        return None if not slug else EndSpec(None, slug)
