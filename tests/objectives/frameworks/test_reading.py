"""The one reader of framework and mapping files: the shipped files, every refusal with its place, and a fuzz."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from objectives.frameworks.reading import read
from objectives.frameworks.specs import FrameworkFile, MappingFile, Problem
from tests.objectives.frameworks.files import MAPPING_FILE, PA_FILE, as_bytes, shipped, small
from tests.seed import NPS_FILE


def problems_of(content):
    result = read(content if isinstance(content, bytes) else as_bytes(content))
    assert result.content is None
    return [str(problem) for problem in result.problems]


def test_the_shipped_nps_file_reads_as_todays_catalogue():
    nps = read(NPS_FILE.read_bytes()).content
    assert isinstance(nps, FrameworkFile)
    assert (nps.name, nps.slug, nps.version, nps.allows_not_applicable) == ("NPS 2018", "nps-2018", "2018", False)
    assert [level.name for level in nps.levels] == ["Minimum", "Developing", "Mature", "Leader", "Innovator"]
    assert [theme.name for theme in nps.themes] == [
        "Showing leadership",
        "Behaving commercially",
        "Achieving community benefits",
        "Enablers",
    ]
    assert len(nps.key_areas) == 11
    assert [o.number for o in nps.objectives] == [3, 7, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 57]


def test_the_shipped_readiness_file_has_a_duty_per_objective_with_its_section_grouped_as_the_note():
    pa = read(PA_FILE.read_bytes()).content
    assert (pa.slug, pa.allows_not_applicable) == ("pa2023-readiness", True)
    assert [(level.number, level.name) for level in pa.levels] == [
        (1, "Not started"),
        (2, "In progress"),
        (3, "In place"),
        (4, "Evidenced"),
    ]
    assert [theme.name for theme in pa.themes] == [
        "Planning",
        "Procuring",
        "Contract management",
        "Transparency",
        "Governance",
    ]
    assert [[key_area.name for key_area in theme.key_areas] for theme in pa.themes] == [[t.name] for t in pa.themes]
    assert [o.reference for o in pa.objectives] == [f"PA-{n:02}" for n in range(1, 19)]
    by_reference = {o.reference: o for o in pa.objectives}
    assert by_reference["PA-09"].key_area == "contract-management"
    assert by_reference["PA-09"].description == "Procurement Act 2023, s.52."
    assert by_reference["PA-06"].description == "Procurement Act 2023, s.26-29, 57-60, 62."
    # The note marks PA-05's section unconfirmed: the duty is kept, its section left out.
    assert by_reference["PA-05"].title == "Lots considered for each contract, with the reasons recorded when not used"
    assert by_reference["PA-05"].description == "Procurement Act 2023."
    assert {o.key_area for o in pa.objectives if o.number in (16, 17)} == {"governance"}


def test_the_shipped_mapping_reads_with_a_tie_per_duty_and_key_area():
    mapping = read(MAPPING_FILE.read_bytes()).content
    assert isinstance(mapping, MappingFile)
    assert (mapping.start, mapping.end) == ("pa2023-readiness", "nps-2018")
    ties = {(tie.start.objective, tie.end.key_area) for tie in mapping.ties}
    assert len(ties) == len(mapping.ties) == 14
    assert {tie.relation for tie in mapping.ties} == {"related"}
    governance = {key_area for number, key_area in ties if number in (16, 17)}
    assert {"engaging-councillors", "engaging-senior-managers"} <= governance


def test_a_file_that_is_not_json_is_refused_at_its_line_and_column():
    assert problems_of(b'{\n  "kind": "framework",\n  "name": "X",,\n}') == [
        "line 3, column 15: not JSON: Expecting property name enclosed in double quotes"
    ]


def test_a_file_that_is_not_utf8_or_too_deep_or_not_an_object_is_refused():
    assert problems_of(b'{"kind": "fr\xe9"}') == ["line 1, column 13: the file is not UTF-8 text"]
    assert problems_of(b"[" * 40) == ["line 1, column 17: nested more than 16 deep"]
    assert problems_of(b"[1, 2]") == ["file: must be one JSON object {...}, not a list"]
    assert problems_of(b'{"kind": "framework", "format_version": NaN}') == ["file: NaN is not a number JSON allows"]
    assert problems_of({"kind": "catalogue"}) == ['kind: must be "framework" or "mapping", not text']


def test_every_missing_or_ill_typed_field_is_named_at_once():
    content = small(title=12, allows_not_applicable="yes")
    del content["version"]
    content["levels"][1] = {"number": "two", "name": "Middle"}
    content["objectives"][2]["title"] = ""
    del content["objectives"][0]["description"]
    assert problems_of(content) == [
        "version: missing",
        "title: must be text, not the number 12",
        "allows_not_applicable: must be true or false, not text",
        "levels[1].number: must be a whole number, not text",
        "objectives[0] (number 1).description: missing",
        "objectives[2] (number 3).title: must not be blank",
    ]


def test_a_level_named_twice_or_numbered_twice_is_refused_with_both_places():
    content = small()
    content["levels"] += [{"number": 2, "name": "Top"}, {"number": 4, "name": "low"}]
    assert problems_of(content) == [
        "levels[3].number: level 2 is given twice: also at levels[1]",
        'levels[4].name: the level name "low" is given twice: also at levels[0]',
    ]


def test_a_repeated_objective_number_theme_or_key_area_is_refused():
    content = small()
    content["objectives"].append({"number": 2, "key_area": "alpha-area", "title": "Again", "description": "Twice."})
    content["themes"].append({"name": "first theme", "key_areas": [{"name": "Beta area", "slug": "delta"}]})
    assert problems_of(content) == [
        'themes[2].name: the theme "first theme" is given twice: also at themes[0]',
        'themes[2].key_areas[0].name: the key area "Beta area" is given twice: also at themes[0].key_areas[1]',
        "objectives[3] (number 2).number: number 2 is given twice: also at objectives[1] (number 2)",
    ]


def test_an_objective_of_no_key_area_and_a_description_of_no_level_are_refused():
    content = small()
    content["objectives"][0]["key_area"] = "omega"
    content["themes"][0]["key_areas"][0]["level_descriptions"] = [
        {"level": 2, "description": "Middling.", "source": "p. 4"},
        {"level": 7, "description": "Beyond.", "source": "p. 4"},
        {"level": 2, "description": "Again.", "source": "p. 5"},
    ]
    assert problems_of(content) == [
        "themes[0].key_areas[0].level_descriptions[1].level: names level 7, which is not in levels",
        "themes[0].key_areas[0].level_descriptions[2].level: level 2 is given twice: "
        "also at themes[0].key_areas[0].level_descriptions[0]",
        'objectives[0] (number 1).key_area: names "omega", which is no key area of the themes',
    ]


def test_a_reserved_or_ill_formed_slug_is_refused():
    rule = 'lowercase letters and digits, starting with a letter, words joined by one hyphen (e.g. "nps-2018")'
    assert problems_of(small(slug="new")) == ['slug: "new" is reserved: the address /reviews/new/ is a page']
    for slug in ("NPS-2018", "2018-nps", "nps_2018", "nps--2018", "nps-"):
        assert problems_of(small(slug=slug)) == [f"slug: must be {rule}"]
    content = small()
    content["themes"][1]["name"] = "2nd theme"
    assert problems_of(content) == [f"themes[1].slug: missing, and the name makes none: give a slug of {rule}"]


def test_unknown_and_repeated_fields_are_refused():
    text = as_bytes(small(levls=[])).replace(b'"version": "1"', b'"version": "1", "version": "2"')
    assert problems_of(text) == [
        "version: given twice in one object",
        "levls: unknown field: the fields here are kind, format_version, name, slug, version, title, publisher, "
        "supersedes, allows_not_applicable, levels, themes, objectives",
    ]
    assert problems_of(small(format_version=2)) == [
        "format_version: must be 1, the version this reads, not the number 2"
    ]
    assert problems_of(small(**{"\ud800" + "x" * 50: 1})) == [
        "\ufffd" + "x" * 38 + "…: unknown field: the fields here are kind, format_version, name, slug, version, "
        "title, publisher, supersedes, allows_not_applicable, levels, themes, objectives"
    ]


def test_the_mapping_files_refusals_have_their_places():
    content = {
        "kind": "mapping",
        "format_version": 1,
        "from": "pa2023-readiness",
        "to": "pa2023-readiness",
        "mappings": [
            {"from": {"objective": 9}, "to": {"key_area": "managing-risk"}, "relation": "related"},
            {"from": {"objective": 9, "key_area": "x"}, "to": {"key_area": "Risk"}, "relation": "similar"},
            {"from": {"objective": 9}, "to": {"key_area": "managing-risk"}, "relation": "same"},
        ],
    }
    assert problems_of(content) == [
        "to: is the framework the mapping is from: a mapping ties two frameworks",
        'mappings[1].from: must name an "objective" (its number) or a "key_area" (its slug): one',
        "mappings[1].to.key_area: must be a slug (lowercase letters and digits, starting with a letter, words joined "
        'by one hyphen (e.g. "nps-2018")) or "theme-slug/key-area-slug"',
        'mappings[1].relation: must be one of same, part_of, related, not "similar"',
        "mappings[2]: objective #9 to key area managing-risk is given twice: also at mappings[0]",
    ]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**20), 10**20) | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)


def paths(value, path=()):
    """Every place in a JSON value, as the keys and indexes that reach it."""
    yield path
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        yield from paths(child, (*path, key))


def replaced(value, path, new):
    if not path:
        return new
    value = json.loads(json.dumps(value))
    parent = value
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = new
    return value


@settings(max_examples=50)
@given(data=st.binary(max_size=200))
def test_any_bytes_give_problems_or_content_never_an_exception(data):
    result = read(data)
    assert (result.content is None) == bool(result.problems)
    assert all(isinstance(problem, Problem) and problem.place for problem in result.problems)


@settings(max_examples=50)
@given(data=st.data())
def test_a_shipped_file_with_any_part_replaced_gives_problems_or_content_never_an_exception(data):
    original = shipped(data.draw(st.sampled_from([NPS_FILE, PA_FILE, MAPPING_FILE])))
    path = data.draw(st.sampled_from(list(paths(original))))
    result = read(as_bytes(replaced(original, path, data.draw(JSON))))
    assert (result.content is None) == bool(result.problems)
    assert all(isinstance(problem, Problem) and problem.place for problem in result.problems)
    "\n".join(map(str, result.problems)).encode()  # a page can show every problem: no lone surrogate
