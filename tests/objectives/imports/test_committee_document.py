"""The committee document importer, against the Medway 2021 seed and against bad input."""

import pytest
from django.core.management import CommandError, call_command

from objectives.imports import committee_document
from objectives.imports.apply import import_document
from objectives.models import Assessment, Objective, Review
from tests.factories import actions_text
from tests.seed import EXPECTED, SEED, seed_data, seed_paragraphs, sentences


def import_seed(framework, *, user=None):
    return import_document(SEED.read_bytes(), SEED.name, framework=framework, user=user)


def test_the_seed_imports_every_objective_with_its_key_area_origin_and_score(nps):
    result = import_seed(nps)
    assert result.new_reviews == result.reviews and result.reviews[0].year == 2021
    assessments = {
        a.objective.number: a
        for a in Assessment.objects.filter(review__year=2021).select_related("objective__key_area")
    }
    assert set(assessments) == set(EXPECTED)
    for number, (key_area, origin, score) in EXPECTED.items():
        assessment = assessments[number]
        assert (assessment.objective.key_area.name, assessment.origin, assessment.score) == (
            key_area,
            origin,
            score,
        )


def test_the_seed_keeps_every_sentence_of_comments_and_actions_in_its_own_field(nps):
    import_seed(nps)
    assessments = {a.objective.number: a for a in Assessment.objects.select_related("objective")}
    for number, (title, description, paragraphs) in seed_paragraphs().items():
        assessment = assessments[number]
        assert (assessment.objective.title, assessment.objective.description) == (title, description)
        for field, paragraph in paragraphs:
            stored = actions_text(assessment) if field == "actions" else assessment.comments
            for sentence in sentences(paragraph):
                assert sentence in stored, f"#{number} {field} lacks {sentence!r}"
        assert "Comments:" not in assessment.comments and "Action" not in actions_text(assessment)[:7]


def test_paragraphs_stay_paragraphs_and_labels_are_dropped(nps):
    import_seed(nps)
    seven = Assessment.objects.get(objective__number=7)
    assert seven.comments.startswith("As with Councillor development,")
    assert "interactions.\n\nWhilst training has not been created" in seven.comments
    assert (
        actions_text(seven)
        == "Category Management to create and distribute a procurement related development programme."
    )
    combined = Assessment.objects.get(objective__number=57)
    assert combined.comments.startswith("To fully address this point")
    assert actions_text(combined) == ""


def test_importing_the_same_file_twice_changes_nothing(nps):
    import_seed(nps)
    before = (
        list(Assessment.objects.order_by("pk").values()),
        Assessment.history.count(),
        Review.history.count(),
        Objective.objects.count(),
    )
    again = import_seed(nps)
    assert not again.has_changes and again.counts["unchanged"] == 13
    after = (
        list(Assessment.objects.order_by("pk").values()),
        Assessment.history.count(),
        Review.history.count(),
        Objective.objects.count(),
    )
    assert after == before


def test_the_management_command_imports_and_reports(nps, capsys):
    call_command("import_scorecard", str(SEED))
    assert "13 assessments created" in capsys.readouterr().out
    assert Assessment.objects.filter(review__year=2021).count() == 13


def test_the_commands_history_rows_name_the_file(nps):
    call_command("import_scorecard", str(SEED))
    reasons = set(Assessment.history.values_list("history_change_reason", flat=True))
    assert reasons == {"Imported from medway-2021.txt"}
    assert Review.history.get().history_change_reason == "Imported from medway-2021.txt"


def test_a_published_review_refuses_an_import_that_would_change_it(seed_review, tmp_path):
    changed = SEED.read_text(encoding="utf-8").replace(
        "\t2\t<p>Comments: Whilst no formal", "\t3\t<p>Comments: Whilst no formal"
    )
    path = tmp_path / "changed.txt"
    path.write_text(changed, encoding="utf-8")
    with pytest.raises(CommandError, match="published and read-only"):
        call_command("import_scorecard", str(path))
    assert Assessment.objects.get(objective__number=3).score == 2
    call_command("import_scorecard", str(SEED))  # no change: accepted


def test_an_objective_unknown_to_the_catalogue_is_added_under_its_heading(nps, tmp_path):
    text = SEED.read_text(encoding="utf-8").replace(
        "57\tExploring digital technology",
        "58\tDigital procurement\tThe extent to which x.\t1\t<p>Comments: y</p>\n57\tExploring digital technology",
    )
    path = tmp_path / "more.txt"
    path.write_text(text, encoding="utf-8")
    call_command("import_scorecard", str(path))
    added = Objective.objects.get(number=58)
    assert (added.title, added.key_area.name) == ("Digital procurement", "Enablers")


def seed_lines():
    return SEED.read_text(encoding="utf-8").splitlines()


def line_of(fragment):
    return next(n for n, line in enumerate(seed_lines(), start=1) if fragment in line)


def replace_line(number, new):
    lines = seed_lines()
    lines[number - 1] = new
    return "\n".join(lines)


def row3(**cells):
    values = {
        "number": "3",
        "title": "Councillor Development",
        "description": "The extent to which x.",
        "score": "2",
        "comments": "<p>Comments: c</p>",
    }
    values.update(cells)
    return "\t".join(values.values())


BAD = {
    "empty": (lambda: "", "bad.txt is empty"),
    "blank": (lambda: "\n\n   \n", "bad.txt is empty"),
    "score_7": (
        lambda: replace_line(line_of("3\tCouncillor"), row3(score="7")),
        "line {n}, column score: 7 is not a level of NPS 2018",
    ),
    "score_x": (
        lambda: replace_line(line_of("3\tCouncillor"), row3(score="x")),
        "line {n}, column score: 'x' is not a level of NPS 2018",
    ),
    "score_2_5": (
        lambda: replace_line(line_of("3\tCouncillor"), row3(score="2.5")),
        "line {n}, column score: 2.5 is not a level of NPS 2018",
    ),
    "missing_cell": (
        lambda: replace_line(line_of("3\tCouncillor"), "3\tCouncillor Development\tThe extent to which x.\t2"),
        "line {n}: expected 5 cells separated by tabs, found 4 (missing: Comments and Action(s))",
    ),
    "empty_title": (
        lambda: replace_line(line_of("3\tCouncillor"), row3(title="")),
        "line {n}: the Objective cell is empty",
    ),
    "two_key_areas": (
        lambda: replace_line(line_of("57\tExploring"), row3(number="40")),
        "line {n}: objective #40 is under the key area 'Enablers', but line",
    ),
    "unknown_heading": (
        lambda: replace_line(line_of("Engaging Senior Managers"), "Engaging astronauts\t\t\t\t"),
        "line {n}, column key area: 'Engaging astronauts' is not a key area of NPS 2018",
    ),
    "unplaceable_line": (
        lambda: replace_line(line_of("Engaging Senior Managers"), "Some\tstray\tcells"),
        "line {n}: cannot place 'Some stray cells'",
    ),
    "row_before_section": (
        lambda: replace_line(line_of("Continued Objectives"), row3()),
        "line {n}: objective row before any section",
    ),
    "wrong_key_area": (
        lambda: replace_line(line_of("3\tCouncillor"), row3(number="57")).replace(
            seed_lines()[line_of("57\tExploring") - 1], ""
        ),
        "line {n}, column key area: objective #57 is in the key area 'Enablers', not 'Engaging Councillors'",
    ),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_input_names_the_line_and_writes_nothing(nps, tmp_path, case):
    make_text, expected = BAD[case]
    marker = {
        "score_7": "3\tCouncillor",
        "score_x": "3\tCouncillor",
        "score_2_5": "3\tCouncillor",
        "missing_cell": "3\tCouncillor",
        "empty_title": "3\tCouncillor",
        "two_key_areas": "57\tExploring",
        "unknown_heading": "7\tSenior",  # the row under the heading
        "unplaceable_line": "Engaging Senior Managers",
        "row_before_section": "Continued Objectives",
        "wrong_key_area": "3\tCouncillor",
    }.get(case)
    expected = expected.format(n=line_of(marker) if marker else "")
    path = tmp_path / "bad.txt"
    path.write_text(make_text(), encoding="utf-8")
    objectives_before = Objective.objects.count()
    with pytest.raises(CommandError) as raised:
        call_command("import_scorecard", str(path))
    assert "nothing was imported" in str(raised.value)
    assert expected in str(raised.value)
    assert "bad.txt" in str(raised.value)
    assert not Review.objects.exists() and not Assessment.objects.exists()
    assert Objective.objects.count() == objectives_before


def test_a_binary_file_is_refused(nps, tmp_path):
    path = tmp_path / "scorecard.xlsx"
    path.write_bytes(b"PK\x03\x04\x00\x00binary\x00")
    with pytest.raises(CommandError, match="binary"):
        call_command("import_scorecard", str(path))
    assert not Review.objects.exists()


def test_a_windows_1252_file_is_read(nps, tmp_path):
    path = tmp_path / "cp1252.txt"
    path.write_bytes(SEED.read_text(encoding="utf-8").replace("it's impact", "it’s impact").encode("cp1252"))
    call_command("import_scorecard", str(path))
    assert "it’s impact" in Assessment.objects.get(objective__number=40).comments


def test_every_problem_is_listed_at_once(nps, tmp_path):
    lines = seed_lines()
    lines[line_of("3\tCouncillor") - 1] = row3(score="9")
    lines[line_of("7\tSenior") - 1] = "7\tSenior managers development\tx\tfour\t<p>c</p>"
    path = tmp_path / "two.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        call_command("import_scorecard", str(path))
    assert f"line {line_of('3' + chr(9) + 'Councillor')}, column score: 9 is not a level" in str(raised.value)
    assert f"line {line_of('7' + chr(9) + 'Senior')}, column score: 'four' is not a level" in str(raised.value)


def test_the_parser_reads_the_seed_as_the_tests_data_says():
    """tests/data/medway-2021.json, which the factories write for other tests, is what the document says."""
    table = committee_document.read(SEED.read_bytes(), SEED.name)
    read = [dict(zip(committee_document.HEADERS, row.cells, strict=True)) for row in table.rows]
    objectives = [
        {
            "number": row["objective"],
            "key_area": row["key area"],
            "origin": row["continued or new"],
            "title": row["title"],
            "description": row["description"],
            "score": int(row["score"]),
            "comments": row["comments"],
            "actions": row["actions"],
        }
        for row in read
    ]
    assert {read[0]["year"]} == {row["year"] for row in read}
    assert {"year": read[0]["year"], "objectives": objectives} == seed_data()
