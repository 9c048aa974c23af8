"""The frameworks page's rows: each framework with its counts and the reviews this reader may see, in four queries."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce

from objectives.models import Framework, KeyArea, Objective, Review, Theme


def _count(queryset, field):
    """A subquery counting the rows of `queryset` whose `field` is the framework, 0 for none."""
    counted = queryset.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def framework_rows(user):
    """Return every framework, with `level_count`, `theme_count`, `key_area_count`, `objective_count`, and
    `shown_reviews`: those this user may see, newest first."""
    return (
        Framework.objects.select_related("supersedes")
        .annotate(
            level_count=Count("levels", distinct=True),
            theme_count=_count(Theme.objects.all(), "framework"),
            key_area_count=_count(KeyArea.objects.all(), "theme__framework"),
            objective_count=_count(Objective.objects.all(), "framework"),
        )
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=Review.objects.visible_to(user).select_related("framework").order_by("-year"),
                to_attr="shown_reviews",
            )
        )
        .order_by("name")
    )
