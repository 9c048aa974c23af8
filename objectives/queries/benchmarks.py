"""The benchmark set a review is compared with: the latest imported for its framework, with its items, in two
queries whatever their number (one when there is none)."""

from django.db.models import Case, IntegerField, Prefetch, Value, When

from objectives.models import BenchmarkItem, BenchmarkSet


def benchmark_set_for(review):
    """Return the set of the review's framework to compare it with: of the review's year if there is one, else the
    latest as at; with its items prefetched; or None."""
    same_year = Case(When(year=review.year, then=Value(0)), default=Value(1), output_field=IntegerField())
    return (
        BenchmarkSet.objects.filter(framework_id=review.framework_id)
        .select_related("framework")
        .annotate(other_year=same_year)
        .order_by("other_year", "-as_at", "-pk")
        .prefetch_related(Prefetch("items", queryset=BenchmarkItem.objects.order_by("pk")))
        .first()
    )
