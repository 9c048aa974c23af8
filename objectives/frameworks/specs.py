"""What a framework file and a mapping file say, once read (`reading.read`): plain values, each with its place in the
file, so that a problem found later against the database (`services.frameworks`) can still say where it is."""

from dataclasses import dataclass

FORMAT_VERSION = 1  # the one version of the two formats this reader knows (fixtures/README.md)


@dataclass(frozen=True)
class Problem:
    """Why a file is refused, and where: "levels[2].name", "objectives[5] (number 12)", "line 3, column 14"."""

    place: str
    message: str

    def __str__(self):
        return f"{self.place}: {self.message}"


@dataclass(frozen=True)
class LevelSpec:
    number: int
    name: str
    place: str


@dataclass(frozen=True)
class DescriptionSpec:
    """What a level means in a key area, or for one objective: the framework's words and where it says them."""

    level: int
    description: str
    source: str
    place: str


@dataclass(frozen=True)
class KeyAreaSpec:
    name: str
    slug: str
    position: int
    descriptions: tuple[DescriptionSpec, ...]
    place: str


@dataclass(frozen=True)
class ThemeSpec:
    name: str
    slug: str
    position: int
    key_areas: tuple[KeyAreaSpec, ...]
    place: str


@dataclass(frozen=True)
class ObjectiveSpec:
    number: int
    reference: str
    key_area: str  # the slug of its key area, among the file's
    title: str
    description: str
    descriptions: tuple[DescriptionSpec, ...]
    place: str

    def __str__(self):
        return f"objective #{self.number}" + (f" ({self.reference})" if self.reference else "")


@dataclass(frozen=True)
class FrameworkFile:
    name: str
    slug: str
    version: str
    title: str
    publisher: str
    supersedes: str | None
    allows_not_applicable: bool
    levels: tuple[LevelSpec, ...]
    themes: tuple[ThemeSpec, ...]
    objectives: tuple[ObjectiveSpec, ...]

    kind = "framework"

    def __str__(self):
        return f"framework {self.name} ({self.slug}), version {self.version}"

    @property
    def key_areas(self):
        return tuple(key_area for theme in self.themes for key_area in theme.key_areas)


@dataclass(frozen=True)
class EndSpec:
    """One end of a mapping: an objective (by number) or a key area (by slug) of a framework."""

    objective: int | None
    key_area: str | None

    def __str__(self):
        return f"objective #{self.objective}" if self.objective is not None else f"key area {self.key_area}"


@dataclass(frozen=True)
class TieSpec:
    start: EndSpec
    end: EndSpec
    relation: str  # a value of Mapping.Relation
    place: str


@dataclass(frozen=True)
class MappingFile:
    start: str  # the slugs of the two frameworks, "from" and "to" in the file
    end: str
    ties: tuple[TieSpec, ...]

    kind = "mapping"

    def __str__(self):
        return f"mapping from {self.start} to {self.end}"


@dataclass(frozen=True)
class Read:
    """A file read: its content, or None and every problem found (never both)."""

    content: FrameworkFile | MappingFile | None
    problems: tuple[Problem, ...] = ()
