"""The spread of an objective's own scores: the lowest and the highest and who gave them, and whether they differ
enough to flag (`SCORECARD_SPREAD_FLAG_LEVELS`, two levels by default); and when an agreed score needs its reason."""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Spread:
    voices: int  # how many own scores
    lowest: int
    highest: int
    lowest_by: tuple  # the scorers (users) who gave the lowest, in the order they recorded it
    highest_by: tuple

    @property
    def levels_apart(self):
        return self.highest - self.lowest

    @property
    def flagged(self):
        return self.levels_apart >= settings.SCORECARD_SPREAD_FLAG_LEVELS

    @property
    def unanimous(self):
        return self.lowest == self.highest


def spread_of(own_scores):
    """Return the Spread of own scores (anything with `score` and `scorer`), or None when there are none."""
    own_scores = list(own_scores)
    if not own_scores:
        return None
    lowest = min(own.score for own in own_scores)
    highest = max(own.score for own in own_scores)
    return Spread(
        voices=len(own_scores),
        lowest=lowest,
        highest=highest,
        lowest_by=tuple(own.scorer for own in own_scores if own.score == lowest),
        highest_by=tuple(own.scorer for own in own_scores if own.score == highest),
    )


def needs_rationale(score, own_scores):
    """Return whether an agreed score needs its reason written: it differs from at least one own score."""
    return any(own.score != score for own in own_scores)
