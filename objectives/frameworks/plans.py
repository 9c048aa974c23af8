"""What loading a file would do: its changes, one line each, or the problems that refuse it (`services.frameworks`)."""

import hashlib
from collections import Counter
from dataclasses import dataclass, field

VERBS = ("adds", "changes", "removes")


@dataclass(frozen=True)
class Change:
    verb: str  # one of VERBS
    what: str  # 'objective #3 "Councillor development"'
    details: tuple[str, ...] = ()  # 'title: "A" → "B"'

    def __str__(self):
        return f"{self.verb} {self.what}" + (f": {'; '.join(self.details)}" if self.details else "")


@dataclass
class Plan:
    """A file planned against the catalogue as it is: its changes, or the problems that refuse it.

    `write` makes the changes; `services.frameworks.load` calls it in the transaction that planned them.
    """

    content: object  # the FrameworkFile or MappingFile read
    changes: list[Change] = field(default_factory=list)
    problems: list = field(default_factory=list)
    write: object = None

    def counts(self):
        counted = Counter(change.verb for change in self.changes)
        return {verb: counted[verb] for verb in VERBS}

    def summary(self):
        """Return one line: "framework NPS 2018 (nps-2018), version 2018: adds 34, changes 2"."""
        if not self.changes:
            return f"{self.content}: no changes, the catalogue holds it already"
        return f"{self.content}: " + ", ".join(f"{verb} {count}" for verb, count in self.counts().items() if count)

    @property
    def fingerprint(self):
        """What a preview showed: the file read and the changes it would make then, so that a confirmation loads
        nothing other than what was seen."""
        seen = repr(self.content) + "\n".join(map(str, self.changes)) + "\n".join(map(str, self.problems))
        return hashlib.sha256(seen.encode()).hexdigest()


class Refused(Exception):
    """The file was not loaded, for these problems (each with its place); nothing was written."""

    def __init__(self, problems):
        self.problems = tuple(problems)
        super().__init__("\n".join(map(str, self.problems)))


class Stale(Exception):
    """The catalogue changed since the preview, so the file would now do other than what was seen: nothing was
    written. `plan` is what it would do now."""

    def __init__(self, plan):
        self.plan = plan
        super().__init__(plan.summary())
