"""A synthetic large council for the benchmarks: every objective scored in every year, with comments, and three
actions raised on each objective in each review, with progress notes; a few stay open and are carried forward.

    review = build_large_council()   # 200 objectives in 10 key areas (5 themes), 10 yearly reviews, published

Its years (2011-2020 by default) stay clear of the demo's 2021, so that both fit in one benchmark database.
"""

import random
from datetime import date

from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils import timezone

from objectives.models import (
    Action,
    Assessment,
    Framework,
    KeyArea,
    MaturityLevel,
    Objective,
    ProgressNote,
    Review,
    Theme,
)

LEVELS = ["Minimum", "Developing", "Mature", "Leader", "Innovator"]
WORDS = [
    "contract",
    "supplier",
    "social",
    "value",
    "councillor",
    "market",
    "risk",
    "partnership",
    "category",
    "spend",
    "assurance",
    "training",
    "innovation",
    "carbon",
    "workforce",
    "tender",
    "framework",
    "evaluation",
    "relationship",
    "performance",
    "engagement",
]


def _sentence(rng, words=18):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def build_large_council(
    *, objectives=200, key_areas=10, themes=5, reviews=10, first_year=2011, seed=2018, name=None, slug=None
):
    """Create the council and return its latest review; the same arguments always make the same data.

    Its framework is "Large framework <first year>" (slug large-<first year>) unless `name` and `slug` say otherwise:
    its reviews' pages are at `review.get_absolute_url()`, /reviews/<slug>/<year>/."""
    rng = random.Random(seed)
    with transaction.atomic():
        user, _ = User.objects.get_or_create(username="bench-manager")
        user.groups.add(Group.objects.get(name="Manager"))
        framework = Framework.objects.create(
            name=name or f"Large framework {first_year}",
            slug=slug or f"large-{first_year}",
            title="A synthetic framework",
        )
        MaturityLevel.objects.bulk_create(
            MaturityLevel(framework=framework, number=n, name=name) for n, name in enumerate(LEVELS, start=1)
        )
        theme_list = [
            Theme.objects.create(framework=framework, name=f"Theme {t + 1}", slug=f"theme-{t + 1}", position=t)
            for t in range(themes)
        ]
        areas = [
            KeyArea.objects.create(
                theme=theme_list[a * themes // key_areas],
                name=f"Key area {a + 1}: {' '.join(rng.sample(WORDS, 3))}",
                slug=f"key-area-{a + 1}",
                position=a,
            )
            for a in range(key_areas)
        ]
        catalogue = Objective.objects.bulk_create(
            Objective(
                framework=framework,
                key_area=areas[n * key_areas // objectives],
                number=n + 1,
                title=f"{' '.join(rng.sample(WORDS, 3)).capitalize()} {n + 1}",
                description=f"The extent to which {_sentence(rng, 12).lower()}",
            )
            for n in range(objectives)
        )
        latest, carried = None, []
        for r in range(reviews):
            latest = Review.objects.create(framework=framework, year=first_year + r)
            Assessment.objects.bulk_create(
                Assessment(
                    review=latest,
                    objective=objective,
                    # Maturity creeps up over the years, unevenly.
                    score=min(5, max(1, 1 + r * 4 // reviews + rng.choice((-1, 0, 0, 1)))),
                    target=min(5, 2 + r // 3 + rng.choice((0, 1))),
                    origin=Assessment.Origin.CONTINUED if r else Assessment.Origin.NEW,
                    comments="\n\n".join(_sentence(rng) for _ in range(3)),
                )
                for objective in catalogue
            )
            carried = _raise_actions(rng, latest, catalogue, user, carried, last=r == reviews - 1)
            # Signed off once its assessments are in: the database refuses assessments in a published review.
            Review.objects.filter(pk=latest.pk).update(
                status=Review.Status.PUBLISHED, published_at=timezone.now(), published_by=user
            )
            latest.refresh_from_db()
    return latest


ACTIONS_PER_OBJECTIVE = 3


def _raise_actions(rng, review, catalogue, user, carried, *, last):
    """Raise three actions on each objective in `review`, add the open ones of earlier reviews to it, and give
    each a progress note; return the actions left open, to carry into the next review."""
    statuses = ["planned", "in_progress"] if last else ["done"] * 15 + ["dropped"] * 2 + ["in_progress"]
    actions = Action.objects.bulk_create(
        Action(
            raised_in=review,
            objective=objective,
            text=_sentence(rng, 14),
            lead=rng.choice(["Category Management", "Commissioning", "Legal", "Finance"]),
            owner=user,
            due_date=date(review.year + 1, rng.randint(1, 12), 1),
            status=(status := rng.choice(statuses)),
            done_on=date(review.year + 1, 6, 1) if status == "done" else None,
            dropped_reason="Superseded." if status == "dropped" else "",
            position=position,
        )
        for objective in catalogue
        for position in range(1, ACTIONS_PER_OBJECTIVE + 1)
    )
    on_review = actions + carried
    Action.reviews.through.objects.bulk_create(
        Action.reviews.through(action_id=action.pk, review_id=review.pk) for action in on_review
    )
    ProgressNote.objects.bulk_create(
        ProgressNote(action=action, on=date(review.year, 11, 1), text=_sentence(rng, 12), author=user)
        for action in actions
    )
    return [action for action in on_review if action.status in ("planned", "in_progress")]
