"""Loading mapping files: the shipped mapping, its refusals with their places, and a changed file's changes."""

import copy

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from objectives.frameworks.plans import Refused
from objectives.models import KeyArea, Mapping, Objective
from objectives.services.frameworks import load_file
from tests.objectives.frameworks.files import MAPPING_FILE, PA_FILE, as_bytes, shipped


@pytest.fixture
def readiness(nps):
    load_file(PA_FILE.read_bytes())


def refusal(value):
    with pytest.raises(Refused) as refused:
        load_file(as_bytes(value))
    return [str(problem) for problem in refused.value.problems]


def test_the_shipped_mapping_ties_the_duties_to_the_nps_key_areas_they_bear_on(readiness):
    planned = load_file(MAPPING_FILE.read_bytes())
    assert planned.summary() == "mapping from pa2023-readiness to nps-2018: adds 14"
    assert (
        str(planned.changes[0])
        == 'adds objective #9 (PA-09) related to key area "Managing contracts and relationships"'
    )
    tied = {
        (m.from_objective.reference, m.to_key_area.name)
        for m in Mapping.objects.select_related("from_objective", "to_key_area")
    }
    assert {name for reference, name in tied if reference in ("PA-16", "PA-17")} == {
        "Managing strategic risk",
        "Engaging councillors",
        "Engaging senior managers",
    }
    assert ("PA-05", "Engaging local SMEs and micro-businesses") in tied
    assert set(Mapping.objects.values_list("relation", flat=True)) == {"related"}
    with CaptureQueriesContext(connection) as queries:
        assert load_file(MAPPING_FILE.read_bytes()).changes == []
    assert not [q for q in queries.captured_queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]


def test_a_mapping_of_frameworks_not_loaded_is_refused(nps):
    assert refusal(shipped(MAPPING_FILE)) == ['from: no framework "pa2023-readiness" is loaded: load its file first']


def test_a_mapping_naming_what_a_framework_lacks_is_refused_with_each_place(readiness):
    mapping = shipped(MAPPING_FILE)
    mapping["mappings"][1]["from"] = {"objective": 19}
    mapping["mappings"][2]["to"] = {"key_area": "engaging-local-smes"}
    before = Mapping.objects.count()
    assert refusal(mapping) == [
        "mappings[1].from.objective: pa2023-readiness has no objective 19",
        'mappings[2].to.key_area: nps-2018 has no key area "engaging-local-smes"',
    ]
    assert Mapping.objects.count() == before == 0


def test_a_changed_mapping_file_changes_its_own_mappings_and_leaves_the_other_directions(readiness):
    load_file(MAPPING_FILE.read_bytes())
    back = {
        "kind": "mapping",
        "format_version": 1,
        "from": "nps-2018",
        "to": "pa2023-readiness",
        "mappings": [{"from": {"objective": 31}, "to": {"objective": 2}, "relation": "part_of"}],
    }
    load_file(as_bytes(back))
    mapping = shipped(MAPPING_FILE)
    changed = copy.deepcopy(mapping)
    changed["mappings"][0]["relation"] = "same"
    del changed["mappings"][1]
    changed["mappings"].append(
        {"from": {"key_area": "planning/planning"}, "to": {"objective": 3}, "relation": "related"}
    )
    planned = load_file(as_bytes(changed))
    assert [str(change) for change in planned.changes] == [
        'adds key area "Planning" related to objective #3',
        'changes objective #9 (PA-09) to key area "Managing contracts and relationships": relation: related → same',
        'removes objective #12 (PA-12) related to key area "Managing contracts and relationships"',
    ]
    assert Mapping.objects.filter(from_key_area=KeyArea.objects.get(slug="planning"), to_objective__number=3).exists()
    assert Mapping.objects.get(from_objective=Objective.objects.get(number=31)).relation == "part_of"
    assert Mapping.objects.count() == 15
