"""The preview says of each row: new, changed (which fields, old and new), unchanged, or in error (where, why)."""

import pytest
from django.contrib.auth.models import Permission

from objectives.imports import apply as pipeline
from objectives.models import Assessment
from tests.factories import actions_text, make_objective, make_review, make_user
from tests.objectives.imports.files import csv_bytes, database_state, table_of

LEVELS = "NPS 2018 (1 Minimum, 2 Developing, 3 Mature, 4 Leader, 5 Innovator)"


def preview(rows, user, *, headers=None, name="scores.csv"):
    data = csv_bytes(rows, headers=headers) if headers else csv_bytes(rows)
    return pipeline.preview(table_of(data, name), user=user)


def seven():
    return Assessment.objects.get(objective__number=7)


def test_each_row_is_new_changed_unchanged_or_in_error(draft_review, manager):
    new_objective = make_objective(key_area=Assessment.objects.get(objective__number=3).objective.key_area, number=4)
    rows = [
        [2021, 3, "3", "", "continued", "Members trained.", ""],
        [2021, 7, "2", "", "continued", seven().comments, actions_text(seven())],
        [2021, new_objective.number, "1", "2", "new", "", ""],
        [2021, 31, "Excellent", "", "", "", ""],
    ]
    before = database_state()
    result = preview(rows, manager)
    assert database_state() == before
    assert [(row.where, row.status) for row in result.rows] == [
        ("row 2", "changed"),
        ("row 3", "unchanged"),
        ("row 4", "new"),
        ("row 5", "error"),
    ]
    assert result.counts == {"error": 1, "new": 1, "changed": 1, "unchanged": 1}
    changed = {
        change.field: (change.old_label or change.old, change.new_label or change.new)
        for change in result.rows[0].changes
    }
    assert changed["score"] == ("2 Developing", "3 Mature")
    assert changed["comments"][1] == "Members trained."
    assert changed["actions"][1] == "" and changed["actions"][0].startswith("Category Management")
    removed = next(change for change in result.rows[0].changes if change.field == "actions").actions
    assert [action.text for action in removed.removes] == [changed["actions"][0]] and not removed.adds
    assert "origin" not in changed  # continued already
    new = {change.field: change.new_label or change.new for change in result.rows[2].changes}
    assert new == {"score": "1 Minimum", "target": "2 Developing", "origin": "New"}
    assert result.errors == [f"row 5, column score: 'Excellent' is not a level of {LEVELS}"]
    assert not result.can_apply


@pytest.mark.parametrize(
    "row, error",
    [
        ([2021, 99, "2"], "row 2, column objective: #99 is not an objective of NPS 2018"),
        ([2021, "abc", "2"], "row 2, column objective: 'abc' is not an objective number"),
        ([2021, "", "2"], "row 2, column objective: empty: every row needs an objective number"),
        ([2030, 3, "2"], "row 2, column year: there is no 2030 review (reviews: 2021)"),
        ([2021, 3, "6"], f"row 2, column score: 6 is not a level of {LEVELS}"),
        ([2021, 3, "2.5"], f"row 2, column score: 2.5 is not a level of {LEVELS}"),
        ([2021, 3, "0"], f"row 2, column score: 0 is not a level of {LEVELS}"),
        ([2021, 3, "2", "9"], f"row 2, column target: 9 is not a level of {LEVELS}"),
        ([2021, 3, "2", "", "maybe"], "row 2, column continued or new: 'maybe' is neither 'continued' nor 'new'"),
    ],
)
def test_a_wrong_cell_is_an_error_that_names_row_column_and_reason(draft_review, manager, row, error):
    headers = ["year", "objective", "score", "target", "continued or new"][: len(row)]
    result = preview([row], manager, headers=headers)
    assert result.errors == [error]


def test_the_column_is_named_as_the_file_heads_it(draft_review, manager):
    result = preview([[2021, 3, "Excellent"]], manager, headers=["Year", "Objective", "Maturity Level"])
    assert result.errors == [f"row 2, column Maturity Level: 'Excellent' is not a level of {LEVELS}"]


def test_a_second_row_for_one_objective_is_an_error_that_names_the_first(draft_review, manager):
    rows = [[2021, 3, "3"], [2021, 7, "2"], [2021, "#3", "4"], [2021, 3, "5"]]
    result = preview(rows, manager, headers=["year", "objective", "score"])
    assert result.errors == [
        "row 4, column objective: objective #3 of 2021 is also on row 2",
        "row 5, column objective: objective #3 of 2021 is also on row 2",
    ]
    assert not result.can_apply


def test_a_published_review_refuses_changes_but_reads_unchanged_rows(seed_review, manager):
    unchanged = preview([[2021, 3, "2"]], manager, headers=["year", "objective", "score"])
    assert unchanged.counts["unchanged"] == 1 and unchanged.errors == [] and not unchanged.can_apply
    changed = preview([[2021, 3, "3"]], manager, headers=["year", "objective", "score"])
    assert changed.errors == [
        "row 2, column year: the 2021 review is published and read-only: a manager must reopen it first"
    ]


def test_only_managers_change_targets(draft_review, officer, manager):
    rows = [[2021, 3, "2", "4"]]
    headers = ["year", "objective", "score", "target"]
    assert preview(rows, officer, headers=headers).errors == [
        "row 2, column target: only a manager may set targets (this row changes it from none to 4 Leader)"
    ]
    assert preview(rows, manager, headers=headers).errors == []
    Assessment.objects.filter(objective__number=3).update(target=4)
    assert preview(rows, officer, headers=headers).errors == []  # the same target is no change


def test_a_new_assessment_needs_the_permission_to_add_one(draft_review):
    editor = make_user(username="editor")
    editor.user_permissions.set(Permission.objects.filter(codename="change_assessment"))
    objective = make_objective(key_area=Assessment.objects.first().objective.key_area, number=4)
    rows = [[2021, 3, "4"], [2021, objective.number, "2"]]
    result = preview(rows, editor, headers=["year", "objective", "score"])
    assert result.errors == ["row 3, column objective: you may not add objective #4 to the 2021 review"]


def test_a_key_area_that_differs_from_the_catalogue_is_an_error_and_titles_are_only_read(draft_review, manager):
    headers = ["year", "objective", "title", "key area", "score"]
    rows = [[2021, 3, "Anything", "engaging  COUNCILLORS", "2"], [2021, 7, "Senior", "Enablers", "2"]]
    result = preview(rows, manager, headers=headers)
    assert result.ignored == ["title"]
    assert result.errors == [
        "row 3, column key area: objective #7 is in the key area 'Engaging senior managers', not 'Enablers'"
    ]


def test_a_file_without_the_year_or_objective_column_is_refused_as_a_whole(draft_review, manager):
    result = preview([[3, "2"]], manager, headers=["number", "grade"])
    assert result.problems == ["the file has no year column (its first row names: 'number', 'grade')"]
    assert result.ignored == ["grade"] and result.rows == []


def test_two_columns_for_one_field_are_refused(draft_review, manager):
    result = preview([[2021, 3, "2", "3"]], manager, headers=["year", "objective", "score", "Level"])
    assert result.problems == ["the columns 'score' and 'Level' both give the score"]


def test_rows_of_several_reviews_are_read_together(draft_review, manager, nps):
    make_review(framework=nps, year=2022)
    result = preview([[2021, 3, "2"], [2022, 3, "3"]], manager, headers=["year", "objective", "score"])
    assert [review.year for review in result.reviews] == [2021, 2022]
    assert [row.status for row in result.rows] == ["unchanged", "new"]


def test_the_preview_reads_the_database_a_fixed_number_of_times(draft_review, manager, django_assert_num_queries):
    rows = [[2021, number, "3", "", "", f"Row {number}", ""] for number in (3, 7, 31, 32, 33, 34, 35, 36, 37, 38)]
    table = table_of(csv_bytes(rows), "many.csv")
    # the main framework, reviews, assessments, their actions, levels, objectives, years; user permissions (2)
    with django_assert_num_queries(9):
        result = pipeline.preview(table, user=manager)
    assert result.counts["changed"] == 10


def test_only_a_manager_may_add_an_objective_to_a_review_as_on_the_add_objective_page(draft_review, officer, manager):
    objective = make_objective(key_area=Assessment.objects.first().objective.key_area, number=4)
    rows = [[2021, objective.number, "2"]]
    officers = preview(rows, officer, headers=["year", "objective", "score"])
    assert officers.errors == ["row 2, column objective: you may not add objective #4 to the 2021 review"]
    managers = preview(rows, manager, headers=["year", "objective", "score"])
    assert managers.errors == [] and managers.counts["new"] == 1


def test_a_comment_longer_than_the_database_holds_is_a_row_error(draft_review, manager):
    result = preview([[2021, 3, "2", "x" * 4001]], manager, headers=["year", "objective", "score", "comments"])
    assert result.errors == ["row 2, column comments: the text has 4,001 characters: at most 4,000 can be stored"]
