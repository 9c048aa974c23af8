"""The figures of a review, computed once for the dashboard and the committee report alike.

    earlier = reviews_to_compare(review, user=request.user)   # newest first (objectives.rules.scoring)
    figures = review_figures(review, compare_with=earlier[0] if earlier else None, trend_reviews=earlier)
    figures.overall.mean, figures.themes[0].below_target, figures.key_areas, figures.objectives ...

Everything comes from three queries, whatever the number of objectives, themes or reviews; the rest is
Python over plain dataclasses, so templates and charts never reach the database.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from statistics import fmean

from django.db.models import Q

from objectives.models import Assessment, Mapping, Review
from objectives.rules.levels import Levels
from objectives.rules.scoring import Change, change_since, gap, is_below_target


@dataclass
class ObjectiveFigures:
    """One objective in the review: its score, target and the scores of the other years."""

    number: int
    title: str
    key_area: str
    theme: str
    origin: str  # Assessment.Origin: "continued" or "new"
    score: int | None  # None: not yet scored
    target: int | None  # None: no target set
    previous: int | None = None  # its score in the review compared with; None if unscored or absent there
    history: dict[int, int | None] = field(default_factory=dict)  # year -> score, for each year it was assessed
    change: Change | None = None  # None when nothing is compared or it is not scored now
    not_applicable: bool = False  # marked not applicable: in no figure of its groups (score and target are None)
    not_applicable_reason: str = ""
    not_applicable_in: frozenset[int] = frozenset()  # the years of `history` in which it was marked not applicable
    compared_year: int | None = None  # the year of the review compared with, if any

    @property
    def previous_not_applicable(self):
        """Return whether it was marked not applicable in the review compared with (its `previous` is then None)."""
        return self.compared_year in self.not_applicable_in

    @property
    def gap(self):
        """Return how many levels the score is below the target (negative above it), or None."""
        return gap(self.score, self.target)

    @property
    def is_below_target(self):
        return is_below_target(self.score, self.target)


def _mean(values):
    values = [value for value in values if value is not None]
    return fmean(values) if values else None


@dataclass
class GroupFigures:
    """The figures of a set of objectives: the whole review, a theme or a key area.

    `subgroups` are a review's themes or a theme's key areas (a key area has none); `trend` maps each year of
    the comparison to the mean score that year of every objective of the group assessed in it.

    `objectives` lists every objective of the group, as its tables show them; one marked not applicable is in
    `not_applicable` and in no figure: not in `count` (the denominator of "scored, of how many"), nor the means,
    the levels, the targets or `not_scored`.
    """

    kind: str  # "review", "theme" or "key_area"
    name: str
    slug: str
    levels: Levels
    objectives: list[ObjectiveFigures]
    subgroups: list["GroupFigures"] = field(default_factory=list)
    trend: dict[int, float | None] = field(default_factory=dict)

    mean: float | None = field(init=False)  # of the scored objectives; None if none is scored
    mean_target: float | None = field(init=False)  # of the targets set
    previous_mean: float | None = field(init=False)  # of these objectives' scores in the review compared with
    level_counts: list[tuple[int, str, int]] = field(init=False)  # (number, name, count) of every level, lowest first
    scored: list[ObjectiveFigures] = field(init=False)
    not_scored: list[ObjectiveFigures] = field(init=False)  # of those that apply
    not_applicable: list[ObjectiveFigures] = field(init=False)
    applicable: list[ObjectiveFigures] = field(init=False)  # every objective but those marked not applicable
    at_or_above_target: list[ObjectiveFigures] = field(init=False)
    below_target: list[ObjectiveFigures] = field(init=False)  # worst gap first, then by number
    without_target: list[ObjectiveFigures] = field(init=False)  # scored, but no target set
    changes: dict[Change, int] = field(init=False)  # every Change, in the enum's order, with its count

    def __post_init__(self):
        self.not_applicable = [o for o in self.objectives if o.not_applicable]
        objectives = self.applicable = [o for o in self.objectives if not o.not_applicable]
        self.scored = [o for o in objectives if o.score is not None]
        self.not_scored = [o for o in objectives if o.score is None]
        self.mean = _mean(o.score for o in self.scored)
        self.mean_target = _mean(o.target for o in objectives)
        self.previous_mean = _mean(o.previous for o in objectives)
        by_level = defaultdict(int)
        for objective in self.scored:
            by_level[objective.score] += 1
        self.level_counts = [(number, name, by_level[number]) for number, name in self.levels.items()]
        with_target = [o for o in self.scored if o.target is not None]
        self.at_or_above_target = [o for o in with_target if not o.is_below_target]
        self.below_target = sorted((o for o in with_target if o.is_below_target), key=lambda o: (-o.gap, o.number))
        self.without_target = [o for o in self.scored if o.target is None]
        self.changes = dict.fromkeys(Change, 0)
        for objective in objectives:
            if objective.change:
                self.changes[objective.change] += 1

    @property
    def count(self):
        """Return how many objectives of the group apply: every figure's denominator."""
        return len(self.applicable)


@dataclass
class ReviewFigures:
    """A review's figures: `overall` is the whole review, or the theme asked for, with its subgroups."""

    review: Review
    compare_with: Review | None
    theme: object | None  # the Theme asked for, or None for the whole review
    levels: Levels
    years: list[int]  # the years of the trend and the heatmap, oldest first
    overall: GroupFigures
    # Years of the trend that are another framework's reviews (an earlier version), read through the mappings that
    # make an objective of it "the same as" one of this framework, and the names of the frameworks they come from.
    derived_years: frozenset[int] = frozenset()
    derived_from: tuple[str, ...] = ()

    @property
    def themes(self):
        return self.overall.subgroups if self.overall.kind == "review" else [self.overall]

    @property
    def key_areas(self):
        return [key_area for theme in self.themes for key_area in theme.subgroups]

    @property
    def objectives(self):
        return self.overall.objectives

    @property
    def max_level(self):
        return self.levels.top or 0


def review_figures(review, *, compare_with=None, theme=None, trend_reviews=()):
    """Return the ReviewFigures of a review, or of one theme of it, in three queries.

    compare_with: an earlier review whose scores give each objective's `previous` and `change`; None for no
    comparison (every `change` is then None). theme: a Theme of the review's framework, or None for all.
    trend_reviews: the other reviews whose scores make the trend and the heatmap (pass only those the reader
    may see); the review itself and compare_with are always among them. Reviews of an earlier version of the
    framework (`rules.scoring.earlier_versions`) join the trend alone, in years the framework has no review of its
    own, derived through "the same" mappings between objectives (two queries more, only when there are some).
    """
    levels = review.framework.levels_by_number()
    assessments = Assessment.objects.filter(review=review)
    own = [r for r in trend_reviews if r.framework_id == review.framework_id]
    reviews = {review.pk, *(r.pk for r in own)} | ({compare_with.pk} if compare_with else set())
    history = Assessment.objects.filter(review__in=reviews)
    if theme is not None:
        assessments = assessments.filter(objective__key_area__theme=theme)
        history = history.filter(objective__key_area__theme=theme)
    rows = assessments.order_by(
        "objective__key_area__theme__position",
        "objective__key_area__theme__name",
        "objective__key_area__position",
        "objective__key_area__name",
        "objective__number",
    ).values_list(
        "objective_id",
        "objective__number",
        "objective__title",
        "objective__key_area_id",
        "objective__key_area__name",
        "objective__key_area__slug",
        "objective__key_area__theme_id",
        "objective__key_area__theme__name",
        "objective__key_area__theme__slug",
        "origin",
        "score",
        "target",
        "not_applicable",
        "not_applicable_reason",
    )
    scores = history.order_by().values_list(
        "review__year",
        "objective_id",
        "objective__key_area_id",
        "objective__key_area__theme_id",
        "score",
        "not_applicable",
    )
    rows, scores = list(rows), list(scores)
    own_years = {year for year, *_ in scores} | {review.year}
    older = [r for r in trend_reviews if r.framework_id != review.framework_id and r.year not in own_years]
    derived = _derived_scores(review, older, rows) if older else []
    figures = _build(review, compare_with, theme, levels, rows, scores, derived)
    figures.derived_years = frozenset(year for year, *_ in derived)
    figures.derived_from = tuple(sorted({r.framework.name for r in older if r.year in figures.derived_years}))
    return figures


def _derived_scores(review, older, rows):
    """Return the earlier versions' scores as trend rows of this review's objectives: (year, objective id, key area
    id, theme id, score), for each objective that a mapping makes "the same as" one of the earlier framework's."""
    frameworks = {r.framework_id for r in older}
    ours = {objective_id: (area_id, theme_id) for objective_id, _, _, area_id, _, _, theme_id, *_ in rows}
    pairs = Mapping.objects.filter(relation=Mapping.Relation.SAME).filter(
        Q(from_objective__in=ours, to_objective__framework__in=frameworks)
        | Q(to_objective__in=ours, from_objective__framework__in=frameworks)
    )
    same = {}  # an earlier framework's objective id -> this review's objective id
    for start, end in pairs.values_list("from_objective_id", "to_objective_id"):
        if start in ours:
            same[end] = start
        else:
            same[start] = end
    if not same:
        return []
    found = Assessment.objects.filter(review__in=older, objective__in=same, not_applicable=False, score__isnull=False)
    derived = []
    for year, objective_id, score in found.order_by().values_list("review__year", "objective_id", "score"):
        area_id, theme_id = ours[same[objective_id]]
        derived.append((year, same[objective_id], area_id, theme_id, score))
    return derived


def _build(review, compare_with, theme, levels, rows, scores, derived=()):
    years = sorted({year for year, *_ in scores} | {year for year, *_ in derived} | {review.year})
    by_objective = defaultdict(dict)  # objective id -> year -> score
    by_group = defaultdict(list)  # (year, group key) -> scores, for the trend
    marked = defaultdict(set)  # objective id -> the years it was marked not applicable
    for year, objective_id, key_area_id, theme_id, score, not_applicable in scores:
        by_objective[objective_id][year] = score
        if not_applicable:
            marked[objective_id].add(year)
        for key in (("key_area", key_area_id), ("theme", theme_id), ("review", None)):
            by_group[year, key].append(score)
    for year, _objective_id, key_area_id, theme_id, score in derived:  # the trend's alone: no objective's history
        for key in (("key_area", key_area_id), ("theme", theme_id), ("review", None)):
            by_group[year, key].append(score)

    def trend(key):
        return {year: _mean(by_group.get((year, key), ())) for year in years}

    def group(kind, key, name, slug, objectives, subgroups=()):
        return GroupFigures(kind, name, slug, levels, objectives, list(subgroups), trend((kind, key)))

    themes = {}  # theme id -> (name, slug, {key area id: (name, slug, [objectives])}), in order
    for objective_id, number, title, area_id, area, area_slug, theme_id, theme_name, theme_slug, *rest in rows:
        origin, score, target, not_applicable, reason = rest
        history = by_objective.get(objective_id, {})
        previous = history.get(compare_with.year) if compare_with else None
        objective = ObjectiveFigures(
            number=number,
            title=title,
            key_area=area,
            theme=theme_name,
            origin=origin,
            score=score,
            target=target,
            previous=previous,
            history=history,
            change=change_since(score, previous, compared=compare_with is not None),
            not_applicable=not_applicable,
            not_applicable_reason=reason,
            not_applicable_in=frozenset(marked.get(objective_id, ())),
            compared_year=compare_with.year if compare_with else None,
        )
        areas = themes.setdefault(theme_id, (theme_name, theme_slug, {}))[2]
        areas.setdefault(area_id, (area, area_slug, []))[2].append(objective)

    theme_groups = []
    for theme_id, (theme_name, theme_slug, areas) in themes.items():
        area_groups = [group("key_area", a_id, name, slug, objs) for a_id, (name, slug, objs) in areas.items()]
        objectives = [o for area in area_groups for o in area.objectives]
        theme_groups.append(group("theme", theme_id, theme_name, theme_slug, objectives, area_groups))
    if theme is not None:
        overall = theme_groups[0] if theme_groups else group("theme", theme.pk, theme.name, theme.slug, [])
    else:
        objectives = [o for t in theme_groups for o in t.objectives]
        overall = group("review", None, f"{review.year} review", str(review.year), objectives, theme_groups)
    return ReviewFigures(review, compare_with, theme, levels, years, overall)
