"""Applying an import: all of it or nothing, exactly as previewed, with the importer as the author in history."""

import pytest

from objectives.imports import apply as pipeline
from objectives.models import Assessment
from tests.factories import actions_text, make_objective
from tests.objectives.imports.files import assessment, csv_bytes, database_state, table_of

HEADERS = ["year", "objective", "score", "target", "comments"]


def table(rows, name="scores.csv"):
    return table_of(csv_bytes(rows, headers=HEADERS), name)


def apply(rows, user):
    planned = pipeline.preview(table(rows), user=user)
    return pipeline.apply(table(rows), user=user, fingerprint=planned.fingerprint)


def test_changes_and_new_rows_are_written_with_the_importer_as_author(draft_review, manager):
    objective = make_objective(key_area=assessment(3).objective.key_area, number=4)
    before = assessment(3)
    applied = apply([[2021, 3, "3", "4", "Done."], [2021, objective.number, "Developing", "", "Started."]], manager)
    assert applied.counts == {"error": 0, "new": 1, "changed": 1, "unchanged": 0}

    changed = assessment(3)
    assert (changed.score, changed.target, changed.comments, changed.version) == (3, 4, "Done.", before.version + 1)
    assert actions_text(changed) == actions_text(before) and changed.origin == before.origin  # not in the file
    assert changed.updated_at > before.updated_at
    record = changed.history.first()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "~",
        manager,
        "Imported from scores.csv",
    )
    assert (record.score, record.version) == (3, before.version + 1)

    created = assessment(4)
    assert (created.score, created.origin, created.comments, created.version) == (2, "new", "Started.", 1)
    assert [(r.history_type, r.history_user, r.history_change_reason) for r in created.history.all()] == [
        ("+", manager, "Imported from scores.csv")
    ]


def test_importing_the_same_file_again_changes_nothing(draft_review, manager):
    rows = [[2021, 3, "3", "4", "Done."]]
    apply(rows, manager)
    before = database_state()
    with pytest.raises(pipeline.NotApplied) as raised:
        apply(rows, manager)
    assert not raised.value.stale and raised.value.preview.counts["unchanged"] == 1
    assert database_state() == before


def test_an_error_in_the_last_row_leaves_the_database_untouched(draft_review, manager):
    rows = [[2021, number, "4", "5", f"Imported {number}"] for number in (3, 7, 31, 32, 33)]
    rows.append([2021, 57, "Excellent", "", ""])
    before = database_state()
    planned = pipeline.preview(table(rows), user=manager)
    assert planned.counts == {"error": 1, "new": 0, "changed": 5, "unchanged": 0}
    with pytest.raises(pipeline.NotApplied):
        pipeline.apply(table(rows), user=manager, fingerprint=planned.fingerprint)
    assert database_state() == before


def test_a_failure_while_writing_rolls_back_what_was_already_written(draft_review, manager, monkeypatch):
    objective = make_objective(key_area=assessment(3).objective.key_area, number=4)
    rows = [[2021, objective.number, "2", "", "New row, written first"], [2021, 3, "3", "", "Changed row"]]
    before = database_state()

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(pipeline, "bulk_update_with_history", fail)
    with pytest.raises(RuntimeError):
        apply(rows, manager)
    assert database_state() == before
    assert not Assessment.objects.filter(objective=objective).exists()


def test_a_confirmation_after_someone_saved_is_refused_as_stale(draft_review, officer):
    rows = [[2021, 3, "3", "", "Mine"]]
    planned = pipeline.preview(table(rows), user=officer)
    someone = assessment(3)
    someone.comments = "Theirs"
    someone.save()
    before = database_state()
    with pytest.raises(pipeline.NotApplied) as raised:
        pipeline.apply(table(rows), user=officer, fingerprint=planned.fingerprint)
    assert raised.value.stale
    assert raised.value.preview.rows[0].changes[1].old == "Theirs"
    assert database_state() == before


def test_a_review_published_since_the_preview_is_not_changed(draft_review, manager):
    rows = [[2021, 3, "3", "", ""]]
    planned = pipeline.preview(table(rows), user=manager)
    draft_review.publish(by=manager)
    with pytest.raises(pipeline.NotApplied):
        pipeline.apply(table(rows), user=manager, fingerprint=planned.fingerprint)
    assert assessment(3).score == 2


def test_a_file_name_of_200_characters_is_kept_whole_in_the_history(draft_review, manager):
    name = "scores-" + "x" * 189 + ".csv"
    rows = [[2021, 3, "3", "", ""]]
    planned = pipeline.preview(table(rows, name), user=manager)
    pipeline.apply(table(rows, name), user=manager, fingerprint=planned.fingerprint)
    reason = assessment(3).history.first().history_change_reason
    assert len(name) == 200 and reason == f"Imported from {name}"  # the reason's column is text
