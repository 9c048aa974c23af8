"""A small made-up council, scored over three years, whose figures are worked out by hand in the tests.

2021 (the review under test), with 2020 and 2019 scores, targets in 2021 only:

    theme                 key area               #  2019  2020  2021  target
    Showing leadership    Engaging councillors   1   1     2     3     4     below by 1, up
                                                 2   2     2     2     4     below by 2, same
                                                 3   -     3     ·     3     not scored now
                          Working with partners  4   4     5     4     4     at target (a tie), down
                                                 5   -     -     1     3     below by 2, new (origin new)
    Behaving commercially Managing risk          6   -     ·     3     -     no target, new (unscored in 2020)
                                                 7   3     4     5     2     above target, up

    (- not in that review, · in it but not scored)
"""

from types import SimpleNamespace

from tests.factories import make_assessment, make_framework, make_key_area, make_objective, make_review, make_theme

SCORES = {  # number: (2019, 2020, 2021, target); "-" means not assessed that year
    1: (1, 2, 3, 4),
    2: (2, 2, 2, 4),
    3: ("-", 3, None, 3),
    4: (4, 5, 4, 4),
    5: ("-", "-", 1, 3),
    6: ("-", None, 3, None),
    7: (3, 4, 5, 2),
}


def make_council(*, published_by=None, publish_2021=True):
    """Create the council above; 2019 and 2020 are published, 2021 too unless publish_2021 is False."""
    framework = make_framework()
    leadership = make_theme(framework=framework, name="Showing leadership", position=1)
    commercial = make_theme(framework=framework, name="Behaving commercially", position=2)
    make_theme(framework=framework, name="Achieving community benefits", position=3)  # nothing assessed in it
    areas = {
        "councillors": make_key_area(theme=leadership, name="Engaging councillors", position=1),
        "partners": make_key_area(theme=leadership, name="Working with partners", position=2),
        "risk": make_key_area(theme=commercial, name="Managing risk", position=1),
    }
    area_of = {1: "councillors", 2: "councillors", 3: "councillors", 4: "partners", 5: "partners"}
    objectives = {n: make_objective(key_area=areas[area_of.get(n, "risk")], number=n) for n in SCORES}
    reviews = {}
    for column, year in enumerate((2019, 2020, 2021)):
        reviews[year] = make_review(framework=framework, year=year)
        for number, scores in SCORES.items():
            if scores[column] == "-":
                continue
            earlier = [s for s in scores[:column] if s != "-"]
            make_assessment(
                review=reviews[year],
                objective=objectives[number],
                score=scores[column],
                target=scores[3] if year == 2021 else None,
                origin="continued" if earlier else "new",
                comments=f"Comments on #{number} in {year}.",
            )
        if published_by and (year < 2021 or publish_2021):
            reviews[year].publish(by=published_by)  # after its assessments: a published review takes no more
    return SimpleNamespace(framework=framework, themes=(leadership, commercial), reviews=reviews)
