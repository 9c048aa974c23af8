"""The scorecard's data: a framework's catalogue (`catalogue`), and each year's review of it (`reviews`)."""

from objectives.models.catalogue import Framework, KeyArea, LevelDescription, MaturityLevel, Objective, Theme
from objectives.models.reviews import REASON_LIMIT, TEXT_LIMIT, Assessment, Review, SignedOff

__all__ = [
    "REASON_LIMIT",
    "TEXT_LIMIT",
    "Assessment",
    "Framework",
    "KeyArea",
    "LevelDescription",
    "MaturityLevel",
    "Objective",
    "Review",
    "SignedOff",
    "Theme",
]
