"""The benchmark set a review is compared with, and its items by this framework's keys: the latest set imported for
the review's framework, in two queries whatever their number (one when there is none); failing that, a set of an
earlier version of the framework (`Framework.supersedes`), its items read through the "same" mappings and labelled
derived (one query more)."""

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Prefetch, Q, Value, When

from objectives.models import BenchmarkItem, BenchmarkSet, Mapping


@dataclass
class Benchmark:
    set: BenchmarkSet
    items: dict  # (kind, this framework's item key) -> BenchmarkItem
    derived_from: str = ""  # the set's framework's name, when it is an earlier version's read through the mappings


def _versions(framework):
    """Return the framework's id and its earlier versions' ids, nearest first."""
    ids = [framework.pk]
    while framework.supersedes_id and framework.supersedes_id not in ids:
        framework = framework.supersedes
        ids.append(framework.pk)
    return ids


def benchmark_for(review):
    """Return the Benchmark to compare the review with, or None: a set of its own framework before an earlier
    version's, of the review's year before another, the latest as at first."""
    versions = _versions(review.framework)
    nearest = Case(
        *(When(framework_id=pk, then=Value(i)) for i, pk in enumerate(versions)), output_field=IntegerField()
    )
    same_year = Case(When(year=review.year, then=Value(0)), default=Value(1), output_field=IntegerField())
    found = (
        BenchmarkSet.objects.filter(framework_id__in=versions)
        .select_related("framework")
        .annotate(version=nearest, other_year=same_year)
        .order_by("version", "other_year", "-as_at", "-pk")
        .prefetch_related(Prefetch("items", queryset=BenchmarkItem.objects.order_by("pk")))
        .first()
    )
    if found is None:
        return None
    items = {(item.kind, item.item): item for item in found.items.all()}
    if found.framework_id == review.framework_id:
        return Benchmark(found, items)
    return Benchmark(found, _through_mappings(items, found.framework_id, review.framework_id), found.framework.name)


def _through_mappings(items, theirs, ours):
    """Return the set's items keyed by our objectives and key areas that a mapping makes "the same as" theirs."""
    mapped = {}
    pairs = Mapping.objects.filter(relation=Mapping.Relation.SAME).filter(
        Q(from_objective__framework=ours, to_objective__framework=theirs)
        | Q(from_objective__framework=theirs, to_objective__framework=ours)
        | Q(from_key_area__theme__framework=ours, to_key_area__theme__framework=theirs)
        | Q(from_key_area__theme__framework=theirs, to_key_area__theme__framework=ours)
    )
    rows = pairs.values_list(
        "from_objective__framework_id",
        "from_objective__number",
        "to_objective__number",
        "from_key_area__theme__framework_id",
        "from_key_area__theme__slug",
        "from_key_area__slug",
        "to_key_area__theme__slug",
        "to_key_area__slug",
    )
    for objective_from, number_from, number_to, area_from, theme_a, area_a, theme_b, area_b in rows:
        if number_from is not None and number_to is not None:
            mine, other = (number_from, number_to) if objective_from == ours else (number_to, number_from)
            if ("objective", str(other)) in items:
                mapped["objective", str(mine)] = items["objective", str(other)]
        elif area_a is not None and area_b is not None:
            a, b = f"{theme_a}/{area_a}", f"{theme_b}/{area_b}"
            mine, other = (a, b) if area_from == ours else (b, a)
            if ("key_area", other) in items:
                mapped["key_area", mine] = items["key_area", other]
    return mapped
