"""The assessments' Action(s) text becomes actions, every word kept: the splitting, and migration 0008 itself."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from objectives.rules.text import items
from tests.seed import seed_data

MIGRATION = importlib.import_module("objectives.migrations.0008_actions_from_text")


def words(text):
    return text.split()


@pytest.mark.parametrize("split", [items, MIGRATION.items], ids=["objectives.rules.text", "migration 0008"])
def test_the_seeds_actions_keep_every_word_in_order(split):
    for row in seed_data()["objectives"]:
        found = split(row["actions"])
        assert [word for action in found for word in words(action)] == words(row["actions"]), row["number"]
        assert all(found)


@pytest.mark.parametrize("split", [items, MIGRATION.items], ids=["objectives.rules.text", "migration 0008"])
def test_paragraphs_and_list_items_are_one_action_each(split):
    text = "First, over\ntwo lines.\r\n\r\n- one\n- two\n\n1. three\n2) four\n\n- a list\nthat is not"
    assert split(text) == ["First, over\ntwo lines.", "one", "two", "three", "four", "- a list\nthat is not"]
    assert split("") == [] and split("  \n\n ") == []


@pytest.mark.django_db(transaction=True)
def test_migration_0008_makes_an_action_of_each_paragraph():
    executor = MigrationExecutor(connection)
    before, after = [("objectives", "0007_actions")], [("objectives", "0008_actions_from_text")]
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    framework = apps.get_model("objectives", "Framework").objects.create(name="F", title="F")
    apps.get_model("objectives", "MaturityLevel").objects.create(framework=framework, number=1, name="One")
    theme = apps.get_model("objectives", "Theme").objects.create(framework=framework, name="T", slug="t")
    area = apps.get_model("objectives", "KeyArea").objects.create(theme=theme, name="K", slug="k")
    objective = apps.get_model("objectives", "Objective").objects.create(
        framework=framework, key_area=area, number=3, title="O", description="D"
    )
    review = apps.get_model("objectives", "Review").objects.create(framework=framework, year=2021)
    apps.get_model("objectives", "Assessment").objects.create(
        review=review, objective=objective, actions="Train members.\n\n- Write a policy\n- Report yearly"
    )
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    apps = executor.loader.project_state(after).apps
    actions = apps.get_model("objectives", "Action").objects.order_by("position")
    assert [(a.text, a.position, a.status, a.raised_in_id) for a in actions] == [
        ("Train members.", 1, "planned", review.id),
        ("Write a policy", 2, "planned", review.id),
        ("Report yearly", 3, "planned", review.id),
    ]
    assert all(list(a.reviews.values_list("id", flat=True)) == [review.id] for a in actions)
    assert apps.get_model("objectives", "HistoricalAction").objects.filter(history_type="+").count() == 3
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes("objectives"))
