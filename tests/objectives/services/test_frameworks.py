"""Loading framework files: what a load adds and changes, the database's refusals (each with its place, nothing
written), the same file twice writing nothing, and a new version beside a published review's framework."""

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from objectives.frameworks.plans import Refused, Stale
from objectives.frameworks.reading import read
from objectives.models import Framework, KeyArea, LevelDescription, MaturityLevel, Objective, Theme
from objectives.services.frameworks import load, load_file, plan
from tests.factories import make_assessment, make_review
from tests.objectives.frameworks.files import as_bytes, shipped, small
from tests.seed import NPS_FILE


def content_of(value):
    return read(as_bytes(value)).content


def catalogue():
    """Everything the catalogue holds, as values, to show that a refused load wrote nothing."""
    models = (Framework, MaturityLevel, Theme, KeyArea, Objective, LevelDescription)
    return {model.__name__: sorted(map(repr, model.objects.values())) for model in models}


def history_rows():
    return sum(model.objects.count() for model in apps.get_models() if model.__name__.startswith("Historical"))


def writes(queries):
    return [q["sql"] for q in queries if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]


def refusal(value):
    with pytest.raises(Refused) as refused:
        load_file(as_bytes(value))
    return [str(problem) for problem in refused.value.problems]


def test_the_same_file_twice_writes_nothing_not_even_history(seed_review):
    before = catalogue(), history_rows()
    with CaptureQueriesContext(connection) as queries:
        planned = load_file(NPS_FILE.read_bytes())
    assert planned.changes == []
    assert (
        planned.summary() == "framework NPS 2018 (nps-2018), version 2018: no changes, the catalogue holds it already"
    )
    assert writes(queries.captured_queries) == []
    assert (catalogue(), history_rows()) == before


def test_a_new_framework_is_added_whole_with_a_line_for_each_part(db):
    planned = load_file(as_bytes(small()))
    assert planned.summary() == "framework Small framework (small), version 1: adds 12"
    assert [str(change) for change in planned.changes[:3]] == [
        "adds the framework Small framework (small), version 1",
        "adds level 1 Low",
        "adds level 2 Middle",
    ]
    framework = Framework.objects.get(slug="small")
    assert framework.allows_not_applicable and framework.title == "A small framework for tests"
    assert [(t.name, t.slug, t.position) for t in framework.themes.all()] == [
        ("First theme", "first-theme", 1),
        ("Second theme", "second-theme", 2),
    ]
    assert list(KeyArea.objects.filter(theme__framework=framework).values_list("slug", "position")) == [
        ("alpha-area", 1),
        ("beta-area", 2),
        ("gamma-area", 1),
    ]
    assert framework.objectives.get(number=3).key_area.name == "Gamma area"


def test_a_draft_only_framework_changes_in_place_and_an_unassessed_objective_is_dropped(db):
    load_file(as_bytes(small()))
    framework = Framework.objects.get(slug="small")
    one = framework.objectives.get(number=1)
    assessment = make_assessment(review=make_review(framework=framework, year=2022), objective=one, score=2)
    changed = small(version="2")
    changed["levels"][1]["name"] = "Medium"
    first, second = changed["themes"]
    first["name"], second["name"] = second["name"], first["name"]  # swapped: the slugs keep them apart
    first["slug"], second["slug"] = "first-theme", "second-theme"
    first["key_areas"] = [{"name": "Alpha area"}]  # Beta area goes, with its one objective (no assessment)
    second["key_areas"].append({"name": "Delta area"})
    changed["objectives"] = [
        {"number": 1, "key_area": "alpha-area", "title": "One, renamed", "description": "The first."},
        {"number": 3, "key_area": "alpha-area", "title": "Three", "description": "The third."},
        {"number": 4, "reference": "X-4", "key_area": "delta-area", "title": "Four", "description": "New."},
    ]
    planned = load_file(as_bytes(changed))
    assert [str(change) for change in planned.changes] == [
        'changes the framework Small framework: version: "1" → "2"',
        'changes level 2: name: "Middle" → "Medium"',
        'changes the theme "First theme": name: "First theme" → "Second theme"',
        'changes the theme "Second theme": name: "Second theme" → "First theme"',
        'adds the key area "Delta area" (theme "First theme")',
        'removes the key area "Beta area" (theme "First theme")',
        'changes objective #1: title: "One" → "One, renamed"',
        'changes objective #3: key area: "Gamma area" → "Alpha area"',
        'adds objective #4 (X-4) "Four"',
        'removes objective #2 "Two"',
    ]
    assert list(framework.levels.values_list("name", flat=True)) == ["Low", "Medium", "High"]
    assert list(framework.themes.values_list("slug", "name")) == [
        ("first-theme", "Second theme"),
        ("second-theme", "First theme"),
    ]
    assert not framework.objectives.filter(number=2).exists()
    assert framework.objectives.get(number=3).key_area.slug == "alpha-area"
    assert framework.objectives.get(number=4).reference == "X-4"
    assessment.refresh_from_db()
    assert (assessment.objective.title, assessment.score) == ("One, renamed", 2)


def test_a_theme_or_key_area_replaced_by_another_of_its_name_is_replaced(db):
    load_file(as_bytes(small()))
    changed = small()
    changed["themes"][0]["key_areas"][1] = {"name": "Beta area", "slug": "beta-two"}
    changed["themes"][1] = {"name": "Second theme", "slug": "second", "key_areas": [{"name": "Gamma area"}]}
    changed["objectives"][1]["key_area"] = "beta-two"
    planned = load_file(as_bytes(changed))
    assert planned.counts() == {"adds": 2, "changes": 2, "removes": 2}
    framework = Framework.objects.get(slug="small")
    assert list(framework.themes.values_list("slug", flat=True)) == ["first-theme", "second"]
    assert framework.objectives.get(number=2).key_area.slug == "beta-two"
    assert framework.objectives.get(number=3).key_area.theme.slug == "second"


def test_changing_the_framework_a_published_review_was_scored_under_is_refused_saying_how(seed_review):
    changed = shipped(NPS_FILE)
    changed["objectives"][2]["title"] = "Policy and scope"
    changed["version"] = "2018.1"
    before = catalogue()
    assert refusal(changed) == [
        "slug: NPS 2018 is the framework the 2021 review was scored under, and a published review keeps it as it "
        'was signed off, but this file would change it (changes the framework NPS 2018: version: "2018" → '
        '"2018.1"; changes objective #31: title: "Policy and scope (social value)" → "Policy and scope"). A new '
        'version must be a new framework: give the file a new slug and name, and "supersedes": "nps-2018".'
    ]
    assert catalogue() == before


def test_a_new_version_loads_beside_the_published_reviews_framework_which_keeps_its_own(seed_review):
    newer = shipped(NPS_FILE)
    newer.update(name="NPS 2018 (council copy)", slug="nps-2018-council", version="2018.1", supersedes="nps-2018")
    newer["objectives"][2]["title"] = "Policy and scope"
    newer["objectives"].append({"number": 12, "key_area": "enablers", "title": "Twelve", "description": "New."})
    planned = load_file(as_bytes(newer))
    assert str(planned.changes[0]) == (
        "adds the framework NPS 2018 (council copy) (nps-2018-council), version 2018.1, superseding nps-2018"
    )
    copy = Framework.objects.get(slug="nps-2018-council")
    assert copy.supersedes == seed_review.framework
    assert copy.objectives.count() == 14 and copy.objectives.get(number=31).title == "Policy and scope"
    original = Framework.objects.get(slug="nps-2018")
    assert original.version == "2018" and original.objectives.count() == 13
    assert original.objectives.get(number=31).title == "Policy and scope (social value)"
    assert seed_review.assessments.get(objective__number=31).objective.framework == original


def test_dropping_an_assessed_objective_or_a_level_in_use_is_refused_with_every_problem_at_once(db):
    load_file(as_bytes(small()))
    framework = Framework.objects.get(slug="small")
    review = make_review(framework=framework, year=2023)
    make_assessment(review=review, objective=framework.objectives.get(number=2), score=3)
    Framework.objects.create(name="Other", slug="other", title="Another framework")
    changed = small(name="Other", allows_not_applicable=False)
    changed["levels"] = changed["levels"][:2]
    changed["objectives"] = changed["objectives"][:1] + changed["objectives"][2:]
    before = catalogue()
    assert refusal(changed) == [
        'name: "Other" is the name of the framework other: each has a name of its own',
        "levels: level 3 High is not in the file, but assessments in the 2023 review are scored or aimed at it",
        "objectives: objective #2 is not in the file, but it is assessed in the 2023 review: an objective with "
        "assessments or actions cannot be dropped (keep it in the file)",
    ]
    assert catalogue() == before


def test_not_applicable_cannot_be_turned_off_while_an_assessment_is_marked_so(db):
    load_file(as_bytes(small()))
    framework = Framework.objects.get(slug="small")
    marked = make_assessment(review=make_review(framework=framework), objective=framework.objectives.get(number=1))
    marked.not_applicable, marked.not_applicable_reason = True, "No such contracts."
    marked.save()
    assert refusal(small(allows_not_applicable=False)) == [
        "allows_not_applicable: is false, but assessments in the 2021 review are marked not applicable (1): "
        "keep it true"
    ]


def test_a_version_of_an_unknown_framework_is_refused(db):
    assert refusal(small(supersedes="nps-2022")) == [
        'supersedes: no framework "nps-2022" is loaded: load its file first'
    ]


def test_what_each_level_means_is_loaded_and_kept_in_step_with_the_file(db):
    described = small()
    described["themes"][0]["key_areas"][0]["level_descriptions"] = [
        {"level": 1, "description": "Little is done.", "source": "Toolkit, p. 3"},
        {"level": 3, "description": "All is done.", "source": "Toolkit, p. 3"},
    ]
    described["objectives"][0]["level_descriptions"] = [
        {"level": 3, "description": "Objective one fully met.", "source": "Toolkit, p. 9"}
    ]
    load_file(as_bytes(described))
    one = Objective.objects.get(framework__slug="small", number=1)
    assert LevelDescription.for_objective(one) == {1: "Little is done.", 3: "Objective one fully met."}
    assert load_file(as_bytes(described)).changes == []
    described["themes"][0]["key_areas"][0]["level_descriptions"] = [
        {"level": 1, "description": "Little or nothing is done.", "source": "Toolkit, p. 3"}
    ]
    planned = load_file(as_bytes(described))
    assert [str(change) for change in planned.changes] == [
        'changes what level 1 means for the key area "Alpha area": description: "Little is done." → '
        '"Little or nothing is done."',
        'removes what level 3 means for the key area "Alpha area"',
    ]
    assert LevelDescription.for_objective(one) == {1: "Little or nothing is done.", 3: "Objective one fully met."}


def test_a_load_confirmed_from_a_stale_preview_writes_nothing(db):
    previewed = plan(content_of(small()))
    Framework.objects.create(name="Small framework", slug="small-other", title="Taken meanwhile")
    with pytest.raises(Stale) as stale:
        load(content_of(small()), fingerprint=previewed.fingerprint)
    assert [str(problem) for problem in stale.value.plan.problems] == [
        'name: "Small framework" is the name of the framework small-other: each has a name of its own'
    ]
    assert not Framework.objects.filter(slug="small").exists()
