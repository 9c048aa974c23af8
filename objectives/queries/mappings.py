"""What the mappings tie an objective to in other frameworks, each with its latest score this reader may see.

A mapping names an objective or a key area at each end; an objective is tied by those naming it and those naming its
key area, in either direction. In three queries, however many mappings there are.
"""

from dataclasses import dataclass

from django.db.models import Q

from objectives.models import Assessment, Mapping, MaturityLevel, Review
from objectives.rules.levels import Levels

# The relation read from the other end's side: what the objective (or its key area) is to the other one.
FORWARD = {
    Mapping.Relation.SAME: "the same as",
    Mapping.Relation.PART_OF: "part of",
    Mapping.Relation.RELATED: "related to",
}
BACKWARD = {**FORWARD, Mapping.Relation.PART_OF: "includes"}


@dataclass
class Tie:
    """One thing in another framework that a mapping ties the objective to, and its latest visible score.

    `relation` reads as "<the objective, or its key area `via`> <relation> <the other>". For an objective, `score` is
    its score in `review` (None: not scored, or `not_applicable`); for a key area, `mean` is the mean of its objectives
    scored in `review` (`scored` of them), None if none is. `review` is None if no review this reader may see assesses
    it.
    """

    relation: str
    framework: object
    objective: object = None
    key_area: object = None
    via: object = None  # the objective's key area, where the mapping names it rather than the objective
    review: Review | None = None
    score: int | None = None
    not_applicable: bool = False
    mean: float | None = None
    scored: int = 0
    label: str = ""  # the score as people read it: "3 Mature", or "2.4 (mean of 5 scored)"

    @property
    def other(self):
        return self.objective or self.key_area


def ties_of(objective, *, user):
    """Return the objective's ties to other frameworks (`Tie`), in the order of those frameworks and their numbers."""
    key_area = objective.key_area_id
    mappings = Mapping.objects.filter(
        Q(from_objective=objective) | Q(to_objective=objective) | Q(from_key_area=key_area) | Q(to_key_area=key_area)
    ).select_related(
        "from_objective__framework",
        "to_objective__framework",
        "from_key_area__theme__framework",
        "to_key_area__theme__framework",
    )
    ties = []
    for mapping in mappings:
        forward = mapping.from_objective_id == objective.pk or mapping.from_key_area_id == key_area
        ours, other = (mapping.start, mapping.end) if forward else (mapping.end, mapping.start)
        framework = other.framework if hasattr(other, "number") else other.theme.framework
        if framework.pk == objective.framework_id:
            continue
        ties.append(
            Tie(
                relation=(FORWARD if forward else BACKWARD)[mapping.relation],
                framework=framework,
                objective=other if hasattr(other, "number") else None,
                key_area=None if hasattr(other, "number") else other,
                via=None if hasattr(ours, "number") else ours,
            )
        )
    _attach_scores(ties, user)
    return sorted(ties, key=lambda tie: (tie.framework.name, tie.via is not None, _order(tie)))


def _order(tie):
    return (0, tie.objective.number) if tie.objective else (1, tie.key_area.theme.position, tie.key_area.position)


def _attach_scores(ties, user):
    """Give each tie its latest visible review's score: one query for the assessments, one for the levels."""
    if not ties:
        return
    objectives = {tie.objective.pk for tie in ties if tie.objective}
    key_areas = {tie.key_area.pk for tie in ties if tie.key_area}
    assessments = (
        Assessment.objects.filter(review__in=Review.objects.visible_to(user))
        .filter(Q(objective__in=objectives) | Q(objective__key_area__in=key_areas))
        .select_related("review__framework", "objective")
        .order_by("-review__year")
    )
    latest_of_objective, latest_of_key_area = {}, {}
    for assessment in assessments:
        latest_of_objective.setdefault(assessment.objective_id, assessment)
        area = latest_of_key_area.setdefault(assessment.objective.key_area_id, [assessment.review, []])
        if assessment.review == area[0]:
            area[1].append(assessment)
    frameworks = {tie.framework.pk for tie in ties}
    levels = {}
    for number, name, framework in MaturityLevel.objects.filter(framework__in=frameworks).values_list(
        "number", "name", "framework"
    ):
        levels.setdefault(framework, []).append((number, name))
    for tie in ties:
        names = Levels(levels.get(tie.framework.pk, ()))
        if tie.objective and (assessment := latest_of_objective.get(tie.objective.pk)):
            tie.review, tie.score, tie.not_applicable = assessment.review, assessment.score, assessment.not_applicable
            tie.label = "not applicable" if tie.not_applicable else names.label(tie.score)
        elif tie.key_area and tie.key_area.pk in latest_of_key_area:
            tie.review, assessed = latest_of_key_area[tie.key_area.pk]
            scores = [a.score for a in assessed if a.score is not None and not a.not_applicable]
            tie.scored = len(scores)
            if scores:
                tie.mean = round(sum(scores) / len(scores), 1)
                tie.label = f"{tie.mean:g} (mean of {tie.scored} scored)"
