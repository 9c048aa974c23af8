"""A signed-off review is final in the database too: a trigger refuses any change to an assessment of a published
review, as the level triggers of 0002 refuse a score that is no level. Comments and actions have a length limit,
and history keeps change reasons of any length.

PostgreSQL refuses inserts, updates and deletes. SQLite refuses inserts and updates: Django empties an SQLite
database table by table, assessments before reviews (`flush`, between tests), which a delete trigger would stop;
the app takes an assessment out of a review only while the review is locked as a draft.

Adding the constraints rebuilds the assessment table on SQLite, which drops its triggers: the level triggers are
made again after them.
"""

import importlib

import django.db.models.functions.text
import django.db.models.lookups
from django.db import migrations, models

MESSAGE = "the review is published: its assessments cannot change until a manager reopens it"
PUBLISHED = "EXISTS (SELECT 1 FROM objectives_review r WHERE r.id = {row}.review_id AND r.status = 'published')"

SQLITE_TRIGGERS = {"INSERT": PUBLISHED.format(row="NEW"), "UPDATE": f"{PUBLISHED.format(row='OLD')} OR {PUBLISHED.format(row='NEW')}"}
SQLITE_TRIGGER = """
CREATE TRIGGER objectives_assessment_published_{event} BEFORE {event} ON objectives_assessment
FOR EACH ROW WHEN {condition}
BEGIN SELECT RAISE(ABORT, '{message}'); END;
"""

# NEW is null in a DELETE trigger and OLD in an INSERT one: each is looked at only where it is set.
POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION objectives_assessment_refuse_published() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        IF {PUBLISHED.format(row="OLD")} THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        IF {PUBLISHED.format(row="NEW")} THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END IF;
    RETURN OLD;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER objectives_assessment_published BEFORE INSERT OR UPDATE OR DELETE ON objectives_assessment
FOR EACH ROW EXECUTE FUNCTION objectives_assessment_refuse_published();
"""


def level_triggers():
    return importlib.import_module("objectives.migrations.0002_level_triggers")


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        level_triggers().drop_triggers(apps, schema_editor)
        level_triggers().create_triggers(apps, schema_editor)
        for event, condition in SQLITE_TRIGGERS.items():
            schema_editor.execute(SQLITE_TRIGGER.format(event=event, condition=condition, message=MESSAGE))
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION)
    else:
        raise NotImplementedError(f"no triggers for {vendor}: only SQLite and PostgreSQL are supported")


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for event in SQLITE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS objectives_assessment_published_{event}")
    elif vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS objectives_assessment_published ON objectives_assessment")
        schema_editor.execute("DROP FUNCTION IF EXISTS objectives_assessment_refuse_published()")


class Migration(migrations.Migration):
    dependencies = [("objectives", "0003_roles")]

    operations = [
        migrations.AlterField(
            model_name="assessment",
            name="actions",
            field=models.TextField(blank=True, help_text="What will be done. Blank lines separate paragraphs.", max_length=4000),
        ),
        migrations.AlterField(
            model_name="assessment",
            name="comments",
            field=models.TextField(blank=True, help_text="What has been done. Blank lines separate paragraphs.", max_length=4000),
        ),
        migrations.AlterField(
            model_name="historicalassessment",
            name="actions",
            field=models.TextField(blank=True, help_text="What will be done. Blank lines separate paragraphs.", max_length=4000),
        ),
        migrations.AlterField(
            model_name="historicalassessment",
            name="comments",
            field=models.TextField(blank=True, help_text="What has been done. Blank lines separate paragraphs.", max_length=4000),
        ),
        migrations.AlterField(model_name="historicalassessment", name="history_change_reason", field=models.TextField(null=True)),
        migrations.AlterField(model_name="historicalreview", name="history_change_reason", field=models.TextField(null=True)),
        migrations.AddConstraint(
            model_name="assessment",
            constraint=models.CheckConstraint(
                condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length("comments"), 4000), name="comments_within_limit"
            ),
        ),
        migrations.AddConstraint(
            model_name="assessment",
            constraint=models.CheckConstraint(
                condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length("actions"), 4000), name="actions_within_limit"
            ),
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
