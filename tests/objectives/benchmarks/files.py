"""Benchmark returns and aggregates for tests: a small framework of one key area and three objectives, and returns
of councils scoring it."""

import json

from objectives.benchmarks.returns import council_id
from tests.factories import make_framework, make_key_area, make_objective, make_theme


def small_framework(slug="small-fw"):
    framework = make_framework(name="Small framework", slug=slug)
    framework.version = "1"
    framework.save()
    area = make_key_area(theme=make_theme(framework=framework, name="Leading"), name="Engaging councillors")
    for number in (1, 2, 3):
        make_objective(key_area=area, number=number, title=f"Objective {number}")
    return framework


def a_return(council, scores, *, year=2022, slug="small-fw", version="1", area="leading/engaging-councillors"):
    """Return the bytes of a council's JSON return scoring objectives 1, 2, 3 as `scores` (None: not scored)."""
    scored = [s for s in scores if s is not None]
    rows = [
        {
            "item_kind": "key_area",
            "item": area,
            "name": "Engaging councillors",
            "score": round(sum(scored) / len(scored), 2) if scored else None,
            "target": None,
            "objectives": 3,
            "scored": len(scored),
            "evidenced": 0,
            "not_applicable": 0,
        }
    ]
    rows += [
        {"item_kind": "objective", "item": str(n), "name": f"Objective {n}", "score": s, "target": 3}
        | {"objectives": 1, "scored": int(s is not None), "evidenced": 0, "not_applicable": 0}
        for n, s in zip((1, 2, 3), scores, strict=True)
    ]
    data = {
        "kind": "benchmark-return",
        "format_version": 1,
        "council": council_id(council),
        "council_name": None,
        "peer_group": {"council_type": "unitary", "region": None, "spend_band": None},
        "framework": {"slug": slug, "name": "Small framework", "version": version},
        "year": year,
        "levels": {"lowest": 1, "highest": 5},
        "rows": rows,
    }
    return json.dumps(data).encode()


# Six councils: objective 1 scored by all six, 2 by five, 3 by four (too few to show).
SIX = {
    "Adur": (1, 1, 2),
    "Bexley": (2, 2, None),
    "Crawley": (2, 3, 3),
    "Dover": (3, 4, 4),
    "Epsom": (5, 5, None),
    "Fareham": (5, None, 1),
}


def six_returns(**kwargs):
    return [(f"{name.lower()}.json", a_return(name, scores, **kwargs)) for name, scores in SIX.items()]
