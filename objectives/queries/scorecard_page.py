"""The scorecard's grouping, as the committee document has it: section, then key area, then objective.

`review_scorecard(review)` gives the sections of assessments, as the report prints them; `scorecard_page(...)` gives
them as ScorecardRows, with what the page shows beside each (last year's score and the change, its evidence), the
draft's progress, and its filters.
"""

from collections import Counter
from dataclasses import dataclass, field

from objectives.models import Assessment, Evidence, Review
from objectives.queries.action_plan import attach_actions
from objectives.queries.moderation import spreads
from objectives.rules.scoring import Change, by_key_area, change_since, is_below_target, runs
from objectives.rules.spread import Spread


@dataclass
class KeyAreaGroup:
    key_area: object
    assessments: list = field(default_factory=list)  # Assessments for the pack; ScorecardRows on the page


@dataclass
class ScorecardRow:
    """An assessment as the scorecard page shows it, beside the review compared with and its evidence."""

    assessment: Assessment
    previous_score: int | None = None  # its score in the review compared with
    change: Change | None = None
    previous_not_applicable: bool = False  # marked not applicable in the review compared with
    evidence_count: int = 0  # its current evidence items
    evidence_due: int = 0  # of those, the ones past their review-by date
    spread: Spread | None = None  # its own scores' range, None with none

    @property
    def origin(self):
        return self.assessment.origin

    @property
    def objective(self):
        return self.assessment.objective


@dataclass
class Section:
    origin: str
    title: str
    groups: list = field(default_factory=list)

    @property
    def count(self):
        return sum(len(group.assessments) for group in self.groups)


@dataclass
class Progress:
    """How many objectives are done, of how many: of the whole review, and of each theme.

    An objective marked not applicable is done (it waits for no score), so it counts in `done` and `total` alike.
    """

    scored: int
    total: int
    themes: list = field(default_factory=list)  # (theme name, done, total), in the framework's order
    not_applicable: int = 0

    @property
    def done(self):
        return self.scored + self.not_applicable


@dataclass
class ScorecardPage:
    sections: list
    progress: Progress
    previous: Review | None  # the review compared with: the latest earlier one the reader may see
    shown: int
    total: int


def sections(assessments):
    """Group assessments (or ScorecardRows), already in scorecard order, into Continued and New sections by key
    area."""
    titles = {Assessment.Origin.CONTINUED: "Continued Objectives", Assessment.Origin.NEW: "New Objectives"}
    result = []
    for origin, in_section in runs(assessments, key=lambda a: a.origin):
        groups = [KeyAreaGroup(key_area, in_area) for key_area, in_area in runs(in_section, by_key_area)]
        result.append(Section(origin=origin, title=titles[origin], groups=groups))
    return result


def scorecard_assessments(review):
    """Return the review's assessments in scorecard order, with their "Action(s)"."""
    return attach_actions(Assessment.objects.for_review(review).in_scorecard_order())


def review_scorecard(review):
    """Return the review's assessments in scorecard order, grouped in sections."""
    return sections(scorecard_assessments(review))


def compared_rows(assessments, previous):
    """Return a ScorecardRow per assessment, with its score in `previous` (None for no review compared with)."""
    earlier = {}
    if previous is not None:
        found = Assessment.objects.filter(review=previous).values_list("objective_id", "score", "not_applicable")
        earlier = {objective_id: (score, marked) for objective_id, score, marked in found}
    rows = []
    for assessment in assessments:
        before, marked = earlier.get(assessment.objective_id, (None, False))
        change = change_since(assessment.score, before, compared=previous is not None)
        rows.append(ScorecardRow(assessment, before, change, previous_not_applicable=marked))
    return rows


def progress(rows):
    assessments = [row.assessment for row in rows]
    by_theme = Counter((a.objective.key_area.theme, a.is_done) for a in assessments)
    themes = sorted({a.objective.key_area.theme for a in assessments}, key=lambda theme: (theme.position, theme.name))
    return Progress(
        scored=sum(1 for a in assessments if a.score is not None),
        total=len(assessments),
        themes=[
            (theme.name, by_theme[theme, True], by_theme[theme, True] + by_theme[theme, False]) for theme in themes
        ],
        not_applicable=sum(1 for a in assessments if a.not_applicable),
    )


def matches(row, filters):
    """Return whether a row is shown under the scorecard's filters (a ScorecardFilterForm's cleaned data)."""
    assessment, objective = row.assessment, row.objective
    if filters.get("theme") and objective.key_area.theme_id != filters["theme"].pk:
        return False
    if filters.get("key_area") and objective.key_area_id != filters["key_area"].pk:
        return False
    if filters.get("below_target") and not is_below_target(assessment.score, assessment.target):
        return False
    if filters.get("not_scored") and assessment.is_done:
        return False
    if filters.get("changed") and row.change not in (Change.UP, Change.DOWN, Change.NEW):
        return False
    if filters.get("flagged") and not (row.spread and row.spread.flagged):
        return False
    words = filters.get("q", "").casefold().split()
    text = (
        f"{objective.title}\n{assessment.comments}\n{assessment.actions}\n{assessment.not_applicable_reason}".casefold()
    )
    return all(word in text for word in words)


def filtered_rows(review, *, user, filters):
    """Return the review compared with (the latest earlier one the reader may see), a row for every assessment, in
    scorecard order, and the rows that pass the filters."""
    previous = Review.objects.visible_to(user).earlier_than(review).first()
    rows = compared_rows(scorecard_assessments(review), previous)
    by_assessment = spreads(review, user=user)
    for row in rows:
        row.spread = by_assessment.get(row.assessment.pk)
    return previous, rows, [row for row in rows if matches(row, filters)]


def scorecard_page(review, *, user, filters):
    """Return the scorecard page's sections (the rows that pass the filters), progress and comparison."""
    previous, rows, shown = filtered_rows(review, user=user, filters=filters)
    counts = Evidence.objects.counts_by_assessment([row.assessment.pk for row in shown])
    for row in shown:
        row.evidence_count, row.evidence_due = counts.get(row.assessment.pk, (0, 0))
    return ScorecardPage(sections(shown), progress(rows), previous, len(shown), len(rows))


def next_after(assessment, *, user, filters):
    """Return the assessment after this one in scorecard order that passes the filters; None after the last.

    This one need not pass them any more: once scored, it is no longer "not scored".
    """
    _previous, rows, shown = filtered_rows(assessment.review, user=user, filters=filters)
    position = {row.assessment.pk: index for index, row in enumerate(rows)}
    return next((row.assessment for row in shown if position[row.assessment.pk] > position[assessment.pk]), None)
