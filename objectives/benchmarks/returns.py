"""The benchmark return of a published review: its scores, targets and evidence per objective and key area, with
the peer-group keys the council gives, and nothing of a person (format: objectives/benchmarks/README.md).

    data = review_return(review, name_us=False)
    as_json(data), as_csv(data)
"""

import csv
import hashlib
import hmac
import io
import json

from django.conf import settings

from objectives.imports.formulas import escape_formula
from objectives.models import Evidence
from objectives.queries.figures import review_figures

RETURN_KIND = "benchmark-return"
FORMAT_VERSION = 1
PEER_KEYS = {
    "council_type": "SCORECARD_PEER_COUNCIL_TYPE",
    "region": "SCORECARD_PEER_REGION",
    "spend_band": "SCORECARD_PEER_SPEND_BAND",
}
# The CSV's columns: every row carries the return's own fields, so that one row read alone says what it is.
HEAD = ("kind", "format_version", "council", "council_name", *PEER_KEYS, "framework", "framework_name")
HEAD += ("framework_version", "year")
ROW = ("item_kind", "item", "name", "score", "target", "objectives", "scored", "evidenced", "not_applicable")
COLUMNS = HEAD + ROW


class DraftHasNoReturn(Exception):
    """Only a published review's agreed scores are benchmarked."""


def council_id(name=None, *, salt=None):
    """Return the council's pseudonym: an HMAC-SHA-256 of its name, keyed by SCORECARD_BENCHMARK_SALT.

    The same council and salt always give the same id, so that a set holds one return per council; with no salt set,
    the key is derived from DJANGO_SECRET_KEY. Only a keyed hash hides a name from a list of England's councils.
    """
    name = settings.COUNCIL_NAME if name is None else name
    salt = settings.SCORECARD_BENCHMARK_SALT if salt is None else salt
    key = (salt or f"benchmark-return:{settings.SECRET_KEY}").encode()
    return "c-" + hmac.new(key, name.strip().casefold().encode(), hashlib.sha256).hexdigest()[:32]


def _rounded(value):
    return None if value is None else round(value, 2)


def review_return(review, *, name_us=False):
    """Return the review's benchmark return as a dict (the JSON), in four queries; refuse a draft."""
    if not review.is_published:
        raise DraftHasNoReturn(review)
    figures = review_figures(review)
    evidenced = set(
        Evidence.objects.current()
        .filter(assessment__review=review)
        .values_list("assessment__objective__number", flat=True)
        .distinct()
    )
    rows = []
    for area in figures.key_areas:
        theme_slug = next(t.slug for t in figures.themes if area in t.subgroups)
        backed = [o for o in area.scored if o.number in evidenced]
        rows.append(
            {
                "item_kind": "key_area",
                "item": f"{theme_slug}/{area.slug}",
                "name": area.name,
                "score": _rounded(area.mean),
                "target": _rounded(area.mean_target),
                "objectives": area.count,
                "scored": len(area.scored),
                "evidenced": len(backed),
                "not_applicable": len(area.not_applicable),
            }
        )
        for objective in area.objectives:
            scored = objective.score is not None
            rows.append(
                {
                    "item_kind": "objective",
                    "item": str(objective.number),
                    "name": objective.title,
                    "score": objective.score,
                    "target": objective.target,
                    "objectives": 0 if objective.not_applicable else 1,
                    "scored": int(scored),
                    "evidenced": int(scored and objective.number in evidenced),
                    "not_applicable": int(objective.not_applicable),
                }
            )
    framework = review.framework
    return {
        "kind": RETURN_KIND,
        "format_version": FORMAT_VERSION,
        "council": council_id(),
        "council_name": settings.COUNCIL_NAME if name_us else None,
        "peer_group": {key: getattr(settings, setting) or None for key, setting in PEER_KEYS.items()},
        "framework": {"slug": framework.slug, "name": framework.name, "version": framework.version},
        "year": review.year,
        "levels": {"lowest": min(figures.levels, default=None), "highest": figures.levels.top},
        "rows": rows,
    }


def as_json(data):
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()


def as_csv(data):
    """Return the same rows as CSV (UTF-8 with a byte-order mark, as Excel reads it), each with the return's fields."""
    head = {
        "kind": data["kind"],
        "format_version": data["format_version"],
        "council": data["council"],
        "council_name": data["council_name"] or "",
        **{key: value or "" for key, value in data["peer_group"].items()},
        "framework": data["framework"]["slug"],
        "framework_name": data["framework"]["name"],
        "framework_version": data["framework"]["version"],
        "year": data["year"],
    }
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in data["rows"]:
        values = {**head, **row}
        writer.writerow([escape_formula("" if values[c] is None else values[c]) for c in COLUMNS])
    return out.getvalue().encode("utf-8-sig")
