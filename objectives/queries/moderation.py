"""What pages and papers read of own and agreed scores: the own scores a reader may see on an objective's page,
each assessment's spread for the scorecard, and the objectives waiting to be agreed."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef

from objectives.models import Agreement, Assessment, Moderation, OwnScore, Review
from objectives.rules.spread import spread_of


@dataclass
class OwnScores:
    """The own scores of one objective as one reader may see them."""

    rows: list = field(default_factory=list)  # the OwnScores shown, by when they were recorded
    shown: bool = True  # False: blind, and the reader has not recorded their own yet
    named: bool = True  # whether the reader sees who gave each
    count: int = 0  # how many there are, shown or not
    mine: OwnScore | None = None
    spread: object = None  # rules.spread.Spread, or None with no own score
    agreement: Agreement | None = None


def own_scores_for(assessment, user):
    """Return the assessment's own scores as `user` may see them: a moderator always; an officer once they have
    recorded their own, or at once if the review is open; anyone else (committee members) without names unless the
    review's rules name the scorers."""
    own = list(OwnScore.objects.filter(assessment=assessment).select_related("scorer"))
    mine = next((o for o in own if o.scorer_id == user.pk), None)
    if user.has_perm("objectives.moderate_assessment"):
        shown, named = True, True
    elif user.has_perm("objectives.change_assessment"):
        shown, named = (mine is not None or not _blind_to(user, assessment.review)), True
    else:
        shown, named = True, Moderation.of(assessment.review).pack_names_scorers
    return OwnScores(
        rows=own if shown else [],
        shown=shown,
        named=named,
        count=len(own),
        mine=mine,
        spread=spread_of(own) if shown else None,
        agreement=Agreement.objects.filter(assessment=assessment).select_related("agreed_by").first(),
    )


@dataclass(frozen=True)
class _Level:
    score: int
    scorer: object = None  # the scorecard names no one


def spreads(review, *, user=None):
    """Return each of the review's assessments' Spread (by assessment id), for those with own scores, without who
    gave them (the scorecard shows the range and the flag): one query of three numbers a row.

    Given `user`, leave out what blind scoring hides from them: the spread of an objective an officer has not
    recorded their own score of (`own_scores_for` says the same on the objective's page)."""
    by_assessment, mine = defaultdict(list), set()
    rows = OwnScore.objects.filter(assessment__review=review).values_list("assessment_id", "score", "scorer_id")
    for pk, score, scorer_id in rows:
        by_assessment[pk].append(_Level(score))
        if user is not None and scorer_id == user.pk:
            mine.add(pk)
    if user is not None and _blind_to(user, review):
        by_assessment = {pk: levels for pk, levels in by_assessment.items() if pk in mine}
    return {pk: spread_of(levels) for pk, levels in by_assessment.items()}


def _blind_to(user, review):
    """Return whether blind scoring hides others' own scores from this user: an officer in a blind review."""
    if user.has_perm("objectives.moderate_assessment") or not user.has_perm("objectives.change_assessment"):
        return False
    return Moderation.of(review).blind


def waiting_to_be_agreed(assessments):
    """Return those of the assessments (a QuerySet) with own scores but no agreed score: what sign-off waits for."""
    return assessments.filter(
        Exists(OwnScore.objects.filter(assessment=OuterRef("pk"))), score__isnull=True, not_applicable=False
    )


@dataclass
class ToAgree:
    assessment: Assessment
    spread: object  # rules.spread.Spread


def to_agree():
    """Return every draft's objectives waiting to be agreed, with their spreads, for a manager's My work: the
    flagged first, then by review and number. Two queries, however many."""
    waiting = waiting_to_be_agreed(Assessment.objects.filter(review__status=Review.Status.DRAFT))
    own = defaultdict(list)
    for row in OwnScore.objects.filter(assessment__in=waiting.values("pk")).select_related("scorer"):
        own[row.assessment_id].append(row)
    waiting = list(
        waiting.select_related("review__framework", "objective").order_by(
            "-review__year", "review__framework__name", "objective__number"
        )
    )
    rows = [ToAgree(assessment, spread_of(own[assessment.pk])) for assessment in waiting]
    return sorted(rows, key=lambda row: not row.spread.flagged)


@dataclass
class AgreedRow:
    assessment: Assessment
    spread: object  # rules.spread.Spread
    agreement: Agreement | None


@dataclass
class Agreed:
    """How a review's scores were agreed, for its pack: the objectives with own scores, in number order."""

    rows: list
    named: bool  # whether the pack names who gave each own score (`Moderation.pack_names_scorers`)


def how_agreed(review, *, theme=None):
    """Return the review's objectives with own scores (of one theme, if given), their spreads and agreements: two
    queries, however many."""
    own = defaultdict(list)
    rows = OwnScore.objects.filter(assessment__review=review).select_related("scorer", "assessment__agreement")
    if theme is not None:
        rows = rows.filter(assessment__objective__key_area__theme=theme)
    assessments = {}
    for row in rows.select_related("assessment__objective").order_by("recorded_at", "pk"):
        own[row.assessment_id].append(row)
        assessments[row.assessment_id] = row.assessment
    ordered = sorted(assessments.values(), key=lambda a: a.objective.number)
    return Agreed(
        rows=[AgreedRow(a, spread_of(own[a.pk]), getattr(a, "agreement", None)) for a in ordered],
        named=Moderation.of(review).pack_names_scorers,
    )


def flagged(review, *, user, theme=None):
    """Return the review's flagged objectives (of one theme, if given), by number, each (objective, Spread), for the
    theme dashboard: one query, without who gave which; none that blind scoring hides from `user` (`spreads`)."""
    rows = OwnScore.objects.filter(assessment__review=review)
    if theme is not None:
        rows = rows.filter(assessment__objective__key_area__theme=theme)
    levels, objectives, mine = defaultdict(list), {}, set()
    for row in rows.select_related("assessment__objective"):
        objective = row.assessment.objective
        objectives[objective.number] = objective
        levels[objective.number].append(_Level(row.score))
        if row.scorer_id == user.pk:
            mine.add(objective.number)
    if levels and _blind_to(user, review):
        levels = {number: scores for number, scores in levels.items() if number in mine}
    found = [(objectives[number], spread_of(scores)) for number, scores in sorted(levels.items())]
    return [(objective, spread) for objective, spread in found if spread.flagged]
