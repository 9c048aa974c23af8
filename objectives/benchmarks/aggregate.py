"""Councils' returns made into one aggregate: per objective and key area, the count of councils that scored it and
the minimum, quartiles, median and maximum of their scores.

Quartiles are Python's `statistics.quantiles(scores, n=4, method="inclusive")`: the sample treated as the whole
population, quartiles interpolated between the scores (the method of Excel's QUARTILE.INC and of NumPy's default).
A cell of fewer councils than SCORECARD_BENCHMARK_MIN_COUNCILS keeps its count and no figures: it is never shown.
"""

import hashlib
import json
from collections import defaultdict
from statistics import quantiles

from django.conf import settings

from objectives.benchmarks.reading import AGGREGATE_KIND, FIGURES
from objectives.benchmarks.returns import FORMAT_VERSION

METHOD = 'statistics.quantiles(n=4, method="inclusive")'


def min_councils():
    """Return the fewest councils a cell must have to be shown: the setting, never below five."""
    return max(5, settings.SCORECARD_BENCHMARK_MIN_COUNCILS)


def figures_of(scores):
    """Return {minimum, lower_quartile, median, upper_quartile, maximum} of the scores, to four places; or every
    figure None when they are too few councils to show."""
    if len(scores) < min_councils():
        return dict.fromkeys(FIGURES)
    lower, median, upper = quantiles(scores, n=4, method="inclusive")
    values = (min(scores), lower, median, upper, max(scores))
    return {figure: round(value, 4) for figure, value in zip(FIGURES, values, strict=True)}


def consistency_problems(returns):
    """Return the problems of returns read together: one framework version, one year, each council once."""
    problems, first, councils = [], returns[0] if returns else None, {}
    for read in returns:
        version, first_version = (
            (read.framework["slug"], read.framework["version"]),
            (
                first.framework["slug"],
                first.framework["version"],
            ),
        )
        if version != first_version:
            problems.append(
                f"{read.name}, framework: {read.framework['slug']} {read.framework['version']}, but "
                f"{first.name} is of {first.framework['slug']} {first.framework['version']}: a set is of one framework."
            )
        if read.year != first.year:
            problems.append(
                f"{read.name}, year: {read.year}, but {first.name} is of {first.year}: a set is one year's."
            )
        if read.council in councils:
            problems.append(f"{read.name}, council: the same council as {councils[read.council]}; one return each.")
        councils.setdefault(read.council, read.name)
    return problems


def aggregate(returns, *, source, as_at):
    """Return the aggregate file's content (a dict) of these returns, read together without a problem."""
    scores, names, order = defaultdict(list), {}, []
    for read in returns:
        for row in read.rows:
            key = (row["item_kind"], row["item"])
            if key not in names:
                order.append(key)
                names[key] = row["name"]
            if row["score"] is not None:
                scores[key].append(row["score"])
    first = returns[0]
    items = [
        {"item_kind": kind, "item": item, "name": names[kind, item], "count": len(scores[kind, item])}
        | figures_of(scores[kind, item])
        for kind, item in order
    ]
    return {
        "kind": AGGREGATE_KIND,
        "format_version": FORMAT_VERSION,
        "source": source,
        "as_at": as_at.isoformat(),
        "framework": first.framework,
        "year": first.year,
        "councils": len(returns),
        "method": METHOD,
        "items": items,
    }


def fingerprint(content):
    """Return the SHA-256 of what a set would hold: the same figures give the same fingerprint, whatever the file."""
    kept = {key: content[key] for key in ("source", "as_at", "framework", "year", "councils")}
    items = sorted(
        (item["item_kind"], item["item"], item["name"], item["count"], *(item[f] for f in FIGURES))
        for item in content["items"]
    )
    return hashlib.sha256(json.dumps([kept, items], sort_keys=True, default=str).encode()).hexdigest()
