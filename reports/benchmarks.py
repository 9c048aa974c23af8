"""Where the council stands: each key area's and objective's score against a benchmark set's distribution, in
words ("above the median", "in the lowest quarter"), never a rank. A cell of too few councils shows no figure."""

from dataclasses import dataclass

from objectives.benchmarks.aggregate import min_councils

TOO_FEW = "too few councils to show"


@dataclass
class Standing:
    kind: str  # "key_area" or "objective"
    name: str
    score: float | None  # the council's: a key area's mean, an objective's agreed score
    count: int  # councils in the set that scored it; 0 when the set lacks it
    figures: tuple | None  # (minimum, lower quartile, median, upper quartile, maximum); None: not shown

    @property
    def words(self):
        return position_words(self.score, self.figures)


def position_words(score, figures):
    """Return where a score falls in the distribution, in words: a quarter or a side of the median."""
    if figures is None:
        return TOO_FEW
    if score is None:
        return "not scored"
    _low, lower, median, upper, _high = figures
    if score < lower:
        return "in the lowest quarter"
    if score > upper:
        return "in the highest quarter"
    if score > median:
        return "above the median"
    if score < median:
        return "below the median"
    return "at the median"


@dataclass
class Comparison:
    set: object  # the BenchmarkSet
    key_areas: list[Standing]
    objectives: list[Standing]
    derived_from: str = ""  # the framework whose set it is, read through the mappings; "" for the review's own

    @property
    def derived_note(self):
        if not self.derived_from:
            return ""
        return (
            f"Derived: the set is of {self.derived_from}, read through the mapping to this framework; an objective or "
            "key area that no mapping makes the same reads as too few councils."
        )

    @property
    def shown(self):
        return [s for s in self.key_areas if s.figures is not None]


def _standing(kind, name, score, item):
    if item is None or item.count < min_councils() or item.median is None:
        return Standing(kind, name, score, item.count if item else 0, None)
    figures = (item.minimum, item.lower_quartile, item.median, item.upper_quartile, item.maximum)
    return Standing(kind, name, score, item.count, figures)


def comparison(figures, benchmark):
    """Return the Comparison of the review's figures with the Benchmark (`objectives.queries.benchmarks`), or None."""
    if benchmark is None:
        return None
    items = benchmark.items
    areas, objectives = [], []
    for theme in figures.themes:
        for area in theme.subgroups:
            item = items.get(("key_area", f"{theme.slug}/{area.slug}"))
            areas.append(_standing("key_area", area.name, area.mean, item))
            for objective in area.applicable:
                item = items.get(("objective", str(objective.number)))
                name = f"#{objective.number} {objective.title}"
                objectives.append(_standing("objective", name, objective.score, item))
    return Comparison(benchmark.set, areas, objectives, benchmark.derived_from)
