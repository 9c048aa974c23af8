"""The scorecard's data: a framework's catalogue (`catalogue`), each year's review of it (`reviews`), and the
actions tracked through the year (`actions`), the evidence behind each score (`evidence`), own and agreed scores
(`moderation`), and people: assignments, profiles and sent reminders (`people`); and the benchmark sets other councils'
figures come in (`benchmarks`)."""

from objectives.models.actions import Action, ProgressNote
from objectives.models.benchmarks import BenchmarkItem, BenchmarkSet
from objectives.models.catalogue import (
    Framework,
    KeyArea,
    LevelDescription,
    Mapping,
    MaturityLevel,
    Objective,
    Theme,
)
from objectives.models.evidence import Evidence, StoredFile
from objectives.models.moderation import Agreement, Moderation, OwnScore
from objectives.models.papers import FrontSheet
from objectives.models.people import Assignment, Profile, RunLock, SentReminder, people_who_may, person
from objectives.models.public import PublicRelease
from objectives.models.reviews import REASON_LIMIT, TEXT_LIMIT, Assessment, NotAgreed, Review, SignedOff

__all__ = [
    "REASON_LIMIT",
    "TEXT_LIMIT",
    "Action",
    "Agreement",
    "Assessment",
    "Assignment",
    "BenchmarkItem",
    "BenchmarkSet",
    "Evidence",
    "Framework",
    "FrontSheet",
    "KeyArea",
    "LevelDescription",
    "Mapping",
    "MaturityLevel",
    "Moderation",
    "NotAgreed",
    "Objective",
    "OwnScore",
    "Profile",
    "PublicRelease",
    "ProgressNote",
    "Review",
    "RunLock",
    "SentReminder",
    "SignedOff",
    "StoredFile",
    "Theme",
    "people_who_may",
    "person",
]
