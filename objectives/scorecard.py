"""The scorecard's grouping, as the committee document has it: section, then key area, then objective."""

from dataclasses import dataclass, field
from itertools import groupby

from objectives.models import Assessment


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


def review_scorecard(review):
    """Return the review's assessments in scorecard order, labelled with level names, grouped in sections."""
    levels = review.framework.levels_by_number()
    assessments = label_levels(list(Assessment.objects.for_review(review).in_scorecard_order()), levels)
    return sections(assessments)
