"""The public pages of a signed-off review for residents (issue 26), and the same figures as CSV and JSON.

No sign-in, no session: these views never read `request.user` or the session, and render their templates without
the request, so that no context processor runs (the signed-in pages' navigation reads the user); a response sets no
cookie, is `Cache-Control: public` and has an ETag answered by 304. What they show is only what `PublicScorecard`
holds: agreed scores, targets, actions' words and RAG, and the comments if the manager chose so; never a person,
an email address, evidence, an own score or a history.
"""

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Max
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition, require_safe

from objectives.models import Action, Assessment, PublicRelease, Review
from objectives.queries.figures import review_figures
from objectives.rules.text import one_line
from reports.charts.selection import charts_for

# The shape of the JSON file; raised when a field changes meaning or goes, not when one is added.
FORMAT_VERSION = 1
MAX_AGE = 300  # seconds a browser or a CDN may keep a public page before asking again (with its ETag)
CSV_COLUMNS = [
    "theme",
    "key_area",
    "objective_number",
    "objective",
    "agreed_score",
    "agreed_level",
    "not_applicable",
    "target",
    "target_level",
    "previous_score",
    "actions",
    "comments",
]


@dataclass
class PublicAction:
    title: str
    rag: str  # in words: "Red", "Amber", "Green", "Not yet planned", "Done", "Dropped"


@dataclass
class PublicObjective:
    number: int
    title: str
    theme: str
    key_area: str
    score: int | None
    score_label: str
    not_applicable: bool
    target: int | None
    target_label: str
    previous: int | None
    actions: list[PublicAction] = field(default_factory=list)
    comments: str = ""


@dataclass
class PublicGroup:
    kind: str  # "theme" or "key_area"
    name: str
    mean: float | None
    mean_target: float | None
    previous_mean: float | None
    key_areas: list["PublicGroup"] = field(default_factory=list)


@dataclass
class PublicScorecard:
    review: Review
    release: PublicRelease
    previous: Review | None  # the latest earlier review of the framework that is public, compared with
    levels: list[tuple[int, str]]
    overall: PublicGroup
    themes: list[PublicGroup]
    objectives: list[PublicObjective]
    charts: list

    @property
    def council(self):
        return settings.COUNCIL_NAME


def _public_reviews():
    return Review.objects.filter(
        status=Review.Status.PUBLISHED, public_release__isnull=False, public_release__withdrawn_at__isnull=True
    ).select_related("framework", "public_release")


def _group(group, kind):
    return PublicGroup(
        kind=kind,
        name=group.name,
        mean=group.mean,
        mean_target=group.mean_target,
        previous_mean=group.previous_mean,
        key_areas=[_group(sub, "key_area") for sub in group.subgroups] if kind == "theme" else [],
    )


def public_scorecard(review):
    """Return the public figures of a review that is public (its release not withdrawn)."""
    release = review.public_release
    earlier = list(_public_reviews().filter(framework_id=review.framework_id, year__lt=review.year).order_by("-year"))
    previous = earlier[0] if earlier else None
    figures = review_figures(review, compare_with=previous, trend_reviews=earlier)
    levels = figures.levels
    today = timezone.localdate()
    actions = {}
    for action in Action.objects.filter(reviews=review).select_related("objective").order_by("position", "pk"):
        actions.setdefault(action.objective.number, []).append(
            PublicAction(title=one_line(action.text), rag=action.rag(today).label)
        )
    comments = {}
    if release.include_comments:
        comments = dict(
            Assessment.objects.filter(review=review).values_list("objective__number", "comments").order_by()
        )
    objectives = [
        PublicObjective(
            number=row.number,
            title=row.title,
            theme=row.theme,
            key_area=row.key_area,
            score=row.score,
            score_label=levels.score_label(row.score, not_applicable=row.not_applicable, empty="Not scored"),
            not_applicable=row.not_applicable,
            target=row.target,
            target_label=levels.label(row.target) or "None set",
            previous=row.previous,
            actions=actions.get(row.number, []),
            comments=comments.get(row.number, ""),
        )
        for row in figures.objectives
    ]
    return PublicScorecard(
        review=review,
        release=release,
        previous=previous,
        levels=list(levels.items()),
        overall=_group(figures.overall, "review"),
        themes=[_group(theme, "theme") for theme in figures.overall.subgroups],
        objectives=objectives,
        charts=[chart for chart in charts_for(figures) if chart.drawn],
    )


# --- views ------------------------------------------------------------------------------------------------------


def _page(template, context, *, status=200, cache=True, content_type=None):
    """Render without the request: no context processor runs, so nothing reads the user or the session."""
    response = HttpResponse(render_to_string(template, context), status=status, content_type=content_type)
    if cache:
        patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def _not_found():
    return _page("public/not_found.html", {"council": settings.COUNCIL_NAME}, status=404, cache=False)


def _lookup(key):
    """Return (review, None) if the review is public, else (None, the 404 or 410 response)."""
    review = (
        Review.objects.select_related("framework")
        .filter(framework__slug=key.framework_slug, year=key.year, status=Review.Status.PUBLISHED)
        .first()
    )
    release = PublicRelease.objects.filter(review=review).first() if review else None
    if release is None:
        # A withdrawal outlives a reopening: a reopened review once public says so, rather than vanishing.
        release = PublicRelease.objects.filter(
            review__framework__slug=key.framework_slug, review__year=key.year, withdrawn_at__isnull=False
        ).first()
        if release is None:
            return None, _not_found()
    if release.is_withdrawn:
        context = {"council": settings.COUNCIL_NAME, "release": release, "review": release.review}
        return None, _page("public/withdrawn.html", context, status=410, cache=False)
    review.public_release = release
    return review, None


def _etag(request, key, *_args):
    """The ETag of a public review's page and files: its review, its release, its actions and today's date (the
    actions' RAG moves with the date); None, so no 304, if it is not public."""
    review = Review.objects.filter(framework__slug=key.framework_slug, year=key.year).first()
    release = PublicRelease.objects.filter(review=review).first() if review else None
    if release is None:
        return None
    actions = Action.objects.filter(reviews=review).aggregate(latest=Max("updated_at"), count=Max("pk"))
    parts = [
        review.status,
        review.updated_at.isoformat(),
        release.updated_at.isoformat(),
        str(actions["latest"]),
        str(actions["count"]),
        str(timezone.localdate()),
        request.path,
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


@require_safe
def review_list(request):
    reviews = list(_public_reviews().order_by("-year", "framework__name"))
    context = {"council": settings.COUNCIL_NAME, "reviews": reviews}
    return _page("public/review_list.html", context)


@require_safe
@condition(etag_func=_etag)
def review_page(request, key):
    review, refusal = _lookup(key)
    if refusal:
        return refusal
    scorecard = public_scorecard(review)
    context = {
        "council": settings.COUNCIL_NAME,
        "scorecard": scorecard,
        "review": review,
        "release": scorecard.release,
        "csv_url": reverse("public:review_csv", args=[review]),
        "json_url": reverse("public:review_json", args=[review]),
    }
    return _page("public/review.html", context)


def csv_rows(scorecard):
    """The CSV's rows, one per objective, as strings (the header first)."""
    rows = [CSV_COLUMNS]
    for item in scorecard.objectives:
        rows.append(
            [
                item.theme,
                item.key_area,
                str(item.number),
                item.title,
                "" if item.score is None else str(item.score),
                item.score_label,
                "yes" if item.not_applicable else "no",
                "" if item.target is None else str(item.target),
                item.target_label,
                "" if item.previous is None else str(item.previous),
                "; ".join(f"{action.title} ({action.rag})" for action in item.actions),
                item.comments if scorecard.release.include_comments else "",
            ]
        )
    return rows


def _file_name(review, extension):
    return "-".join(["scorecard", *map(str, review.name_parts)]) + f".{extension}"


@require_safe
@condition(etag_func=_etag)
def review_csv(request, key):
    review, refusal = _lookup(key)
    if refusal:
        return refusal
    buffer = io.StringIO()
    # Cells that a spreadsheet would run as a formula are written with a leading apostrophe.
    writer = csv.writer(buffer)
    for row in csv_rows(public_scorecard(review)):
        writer.writerow([f"'{cell}" if cell[:1] in ("=", "+", "-", "@") else cell for cell in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(review, "csv")}"'
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def json_document(scorecard):
    review = scorecard.review

    def group(item):
        document = {
            "name": item.name,
            "mean_score": item.mean,
            "mean_target": item.mean_target,
            "previous_mean_score": item.previous_mean,
        }
        if item.kind == "theme":
            document["key_areas"] = [group(key_area) for key_area in item.key_areas]
        return document

    return {
        "format_version": FORMAT_VERSION,
        "council": scorecard.council,
        "framework": review.framework.name,
        "year": review.year,
        "signed_off_on": timezone.localtime(review.published_at).date().isoformat(),
        "compared_with_year": scorecard.previous.year if scorecard.previous else None,
        "includes_comments": scorecard.release.include_comments,
        "levels": [{"number": number, "name": name} for number, name in scorecard.levels],
        "mean_score": scorecard.overall.mean,
        "mean_target": scorecard.overall.mean_target,
        "themes": [group(theme) for theme in scorecard.themes],
        "objectives": [
            {
                "number": item.number,
                "title": item.title,
                "theme": item.theme,
                "key_area": item.key_area,
                "agreed_score": item.score,
                "not_applicable": item.not_applicable,
                "target": item.target,
                "previous_score": item.previous,
                "actions": [{"title": action.title, "rag": action.rag} for action in item.actions],
                **({"comments": item.comments} if scorecard.release.include_comments else {}),
            }
            for item in scorecard.objectives
        ],
    }


@require_safe
@condition(etag_func=_etag)
def review_json(request, key):
    review, refusal = _lookup(key)
    if refusal:
        return refusal
    body = json.dumps(json_document(public_scorecard(review)), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response
