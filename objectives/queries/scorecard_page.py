"""The scorecard's grouping, as the committee document has it: section, then key area, then objective.

`review_scorecard(review)` gives the sections, as the report prints them; `scorecard_page(...)` adds what the
scorecard page shows beside them: last year's score and the change, the draft's progress, and its filters.
"""

from collections import Counter
from dataclasses import dataclass, field
from itertools import groupby

from objectives.models import Assessment, Review
from objectives.queries.action_plan import attach_actions
from objectives.queries.evidence import attach_evidence_counts
from objectives.rules.scoring import Change, change_since, is_below_target


@dataclass
class KeyAreaGroup:
    key_area: object
    assessments: list = field(default_factory=list)


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
    """How many objectives are scored, of how many: of the whole review, and of each theme."""

    scored: int
    total: int
    themes: list = field(default_factory=list)  # (theme name, scored, total), in the framework's order


@dataclass
class ScorecardPage:
    sections: list
    progress: Progress
    previous: Review | None  # the review compared with: the latest earlier one the reader may see
    shown: int
    total: int


def label_levels(assessments, levels):
    """Give each assessment the names of its score and target levels (`levels`: a framework's Levels)."""
    for assessment in assessments:
        assessment.score_name = levels.get(assessment.score, "")
        assessment.target_name = levels.get(assessment.target, "")
    return assessments


def sections(assessments):
    """Group assessments, already in scorecard order, into Continued and New sections by key area."""
    titles = {Assessment.Origin.CONTINUED: "Continued Objectives", Assessment.Origin.NEW: "New Objectives"}
    result = []
    for origin, in_section in groupby(assessments, key=lambda a: a.origin):
        section = Section(origin=origin, title=titles[origin])
        for key_area, in_area in groupby(in_section, key=lambda a: a.objective.key_area):
            section.groups.append(KeyAreaGroup(key_area=key_area, assessments=list(in_area)))
        result.append(section)
    return result


def scorecard_assessments(review, levels):
    """Return the review's assessments in scorecard order, labelled with their levels' names."""
    return label_levels(attach_actions(Assessment.objects.for_review(review).in_scorecard_order()), levels)


def review_scorecard(review):
    """Return the review's assessments in scorecard order, labelled with level names, grouped in sections."""
    return sections(scorecard_assessments(review, review.framework.levels_by_number()))


def compare_with_previous(assessments, previous, levels):
    """Give each assessment `previous_score` (its score in `previous`, or None), its level's name, and `change`."""
    earlier = {}
    if previous is not None:
        earlier = dict(Assessment.objects.filter(review=previous).values_list("objective_id", "score"))
    for assessment in assessments:
        assessment.previous_score = earlier.get(assessment.objective_id)
        assessment.previous_name = levels.get(assessment.previous_score, "")
        assessment.change = change_since(assessment.score, assessment.previous_score, compared=previous is not None)
    return assessments


def progress(assessments):
    by_theme = Counter((a.objective.key_area.theme, a.score is not None) for a in assessments)
    themes = sorted({a.objective.key_area.theme for a in assessments}, key=lambda theme: (theme.position, theme.name))
    return Progress(
        scored=sum(1 for a in assessments if a.score is not None),
        total=len(assessments),
        themes=[
            (theme.name, by_theme[theme, True], by_theme[theme, True] + by_theme[theme, False]) for theme in themes
        ],
    )


def matches(assessment, filters):
    """Return whether an assessment is shown under the scorecard's filters (a ScorecardFilterForm's cleaned data)."""
    objective = assessment.objective
    if filters.get("theme") and objective.key_area.theme_id != filters["theme"].pk:
        return False
    if filters.get("key_area") and objective.key_area_id != filters["key_area"].pk:
        return False
    if filters.get("below_target") and not is_below_target(assessment.score, assessment.target):
        return False
    if filters.get("not_scored") and assessment.score is not None:
        return False
    if filters.get("changed") and assessment.change not in (Change.UP, Change.DOWN, Change.NEW):
        return False
    words = filters.get("q", "").casefold().split()
    text = f"{objective.title}\n{assessment.comments}\n{assessment.actions}".casefold()
    return all(word in text for word in words)


def filtered_assessments(review, *, user, filters):
    """Return the review compared with (the latest earlier one the reader may see), every assessment compared with
    it, in scorecard order, and those that pass the filters."""
    previous = Review.objects.visible_to(user).earlier_than(review).first()
    levels = review.framework.levels_by_number()
    assessments = compare_with_previous(scorecard_assessments(review, levels), previous, levels)
    return previous, assessments, [a for a in assessments if matches(a, filters)]


def scorecard_page(review, *, user, filters):
    """Return the scorecard page's sections (the assessments that pass the filters), progress and comparison."""
    previous, assessments, shown = filtered_assessments(review, user=user, filters=filters)
    attach_evidence_counts(shown)
    return ScorecardPage(sections(shown), progress(assessments), previous, len(shown), len(assessments))


def next_after(assessment, *, user, filters):
    """Return the assessment after this one in scorecard order that passes the filters; None after the last.

    This one need not pass them any more: once scored, it is no longer "not scored".
    """
    _previous, assessments, shown = filtered_assessments(assessment.review, user=user, filters=filters)
    position = {a.pk: index for index, a in enumerate(assessments)}
    return next((a for a in shown if position[a.pk] > position[assessment.pk]), None)
