"""The scorecard's data: a framework's catalogue (`catalogue`), each year's review of it (`reviews`), and the
actions tracked through the year (`actions`), and the evidence behind each score (`evidence`)."""

from objectives.models.actions import Action, ProgressNote
from objectives.models.catalogue import Framework, KeyArea, LevelDescription, MaturityLevel, Objective, Theme
from objectives.models.evidence import Evidence, StoredFile
from objectives.models.reviews import REASON_LIMIT, TEXT_LIMIT, Assessment, Review, SignedOff

__all__ = [
    "REASON_LIMIT",
    "TEXT_LIMIT",
    "Action",
    "Assessment",
    "Evidence",
    "Framework",
    "KeyArea",
    "LevelDescription",
    "MaturityLevel",
    "Objective",
    "ProgressNote",
    "Review",
    "SignedOff",
    "StoredFile",
    "Theme",
]
