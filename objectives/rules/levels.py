"""A framework's maturity levels as people read them: "3 Mature", in pages, forms, history, imports and reports."""

from collections.abc import Mapping

# What an objective marked not applicable shows instead of a level, everywhere: pages, packs, exports and history. A
# framework that allows it (`Framework.allows_not_applicable`) offers it beside its levels; it is no level, so it
# counts in no average, distribution or chart, and an objective marked so is done, not waiting for a score.
NOT_APPLICABLE = "Not applicable"


def level_label(number, name):
    """Return a level as it is written everywhere: "3 Mature"."""
    return f"{number} {name}"


class Levels(Mapping):
    """A framework's levels, number -> name, with the labels and choices made from them.

    Make one with `framework.levels_by_number()` (one query), then read it as often as needed.
    """

    def __init__(self, pairs, *, framework=""):
        self._names = dict(sorted(dict(pairs).items()))
        self._numbers = {name.casefold(): number for number, name in self._names.items()}
        self.framework = framework

    def __getitem__(self, number):
        return self._names[number]

    def __iter__(self):
        return iter(self._names)

    def __len__(self):
        return len(self._names)

    def __hash__(self):  # imports memoise a cell's reading per framework's levels
        return hash((self.framework, tuple(self._names.items())))

    def label(self, number):
        """Return "3 Mature" for a level of the framework, "" for None, and the bare number for any other."""
        if number is None:
            return ""
        if number not in self._names:
            return str(number)
        return level_label(number, self._names[number])

    def score_label(self, number, *, not_applicable=False, empty=""):
        """Return a score as the tables print it: "Not applicable" for an objective marked so, else its label, or
        `empty` for none."""
        if not_applicable:
            return NOT_APPLICABLE
        return self.label(number) or empty

    def choices(self, *, empty):
        """Return the levels as form choices ("3 Mature"), after a blank choice labelled `empty`."""
        return [("", empty)] + [(number, self.label(number)) for number in self]

    @property
    def top(self):
        """Return the highest level's number (5 for NPS 2018), or None for a framework with no levels yet."""
        return max(self._names, default=None)

    def number_named(self, name):
        """Return the number of the level with this name, in any case ("mature": 3), or None."""
        return self._numbers.get(name.casefold())

    def listing(self):
        """Return every level in one line: "1 Minimum, 2 Developing, ...", for messages."""
        return ", ".join(self.label(number) for number in self)

    @property
    def description(self):
        """Return the framework with its levels, as messages name them: "NPS 2018 (1 Minimum, ...)"."""
        return f"{self.framework} ({self.listing()})"
