"""Make the database refuse an assessment whose score or target is not a level of its review's framework.

A check constraint cannot look at other tables, so this is a trigger, in each database's own dialect. SQLite
drops a table's triggers when Django rebuilds the table to alter it: the invariant tests would then fail, and a
later migration must create them again.
"""

from django.db import migrations

LEVEL_OF_FRAMEWORK = """
    EXISTS (SELECT 1 FROM objectives_maturitylevel l JOIN objectives_review r ON r.framework_id = l.framework_id
            WHERE r.id = NEW.review_id AND l.number = NEW.{column})
"""
OBJECTIVE_IN_FRAMEWORK = """
    EXISTS (SELECT 1 FROM objectives_objective o JOIN objectives_review r ON r.framework_id = o.framework_id
            WHERE r.id = NEW.review_id AND o.id = NEW.objective_id)
"""
MESSAGE = "assessment score and target must be levels of the review's framework, and its objective in it"

SQLITE_TRIGGER = """
CREATE TRIGGER objectives_assessment_levels_{event} BEFORE {event} ON objectives_assessment
FOR EACH ROW WHEN (NEW.score IS NOT NULL AND NOT {score_ok})
               OR (NEW.target IS NOT NULL AND NOT {target_ok})
               OR NOT {objective_ok}
BEGIN SELECT RAISE(ABORT, '{message}'); END;
"""

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION objectives_assessment_check_levels() RETURNS trigger AS $$
BEGIN
    IF (NEW.score IS NOT NULL AND NOT {score_ok})
       OR (NEW.target IS NOT NULL AND NOT {target_ok})
       OR NOT {objective_ok} THEN
        RAISE EXCEPTION '{message}' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER objectives_assessment_levels BEFORE INSERT OR UPDATE ON objectives_assessment
FOR EACH ROW EXECUTE FUNCTION objectives_assessment_check_levels();
"""


def _parts():
    return {
        "score_ok": LEVEL_OF_FRAMEWORK.format(column="score"),
        "target_ok": LEVEL_OF_FRAMEWORK.format(column="target"),
        "objective_ok": OBJECTIVE_IN_FRAMEWORK,
        "message": MESSAGE.replace("'", "''"),
    }


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for event in ("INSERT", "UPDATE"):
            schema_editor.execute(SQLITE_TRIGGER.format(event=event, **_parts()))
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION.format(**_parts()))
    else:
        raise NotImplementedError(f"no level triggers for {vendor}: only SQLite and PostgreSQL are supported")


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for event in ("INSERT", "UPDATE"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS objectives_assessment_levels_{event}")
    elif vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS objectives_assessment_levels ON objectives_assessment")
        schema_editor.execute("DROP FUNCTION IF EXISTS objectives_assessment_check_levels()")


class Migration(migrations.Migration):
    dependencies = [("objectives", "0001_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
