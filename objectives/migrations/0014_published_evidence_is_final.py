"""A signed-off review's evidence is final in the database too, as its assessments are (0004): a trigger refuses a
change to an evidence item of a published review, whatever writes it (an SQL UPDATE as much as the app).

PostgreSQL refuses inserts, updates and deletes; SQLite inserts and updates (as 0004, since `flush` empties tables
one by one). The app writes evidence only under the review's lock, as a draft (`services.evidence`).
"""

from django.db import migrations

MESSAGE = "the review is published: its evidence cannot change until a manager reopens it"
PUBLISHED = (
    "EXISTS (SELECT 1 FROM objectives_assessment a JOIN objectives_review r ON r.id = a.review_id WHERE a.id = {row}.assessment_id AND r.status = 'published')"
)
SQLITE_TRIGGERS = {
    "INSERT": PUBLISHED.format(row="NEW"),
    "UPDATE": f"{PUBLISHED.format(row='OLD')} OR {PUBLISHED.format(row='NEW')}",
}
SQLITE_TRIGGER = """
CREATE TRIGGER objectives_evidence_published_{event} BEFORE {event} ON objectives_evidence
FOR EACH ROW WHEN {condition}
BEGIN SELECT RAISE(ABORT, '{message}'); END;
"""
POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION objectives_evidence_refuse_published() RETURNS trigger AS $$
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
CREATE TRIGGER objectives_evidence_published BEFORE INSERT OR UPDATE OR DELETE ON objectives_evidence
FOR EACH ROW EXECUTE FUNCTION objectives_evidence_refuse_published();
"""


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
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
            schema_editor.execute(f"DROP TRIGGER IF EXISTS objectives_evidence_published_{event}")
    elif vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS objectives_evidence_published ON objectives_evidence")
        schema_editor.execute("DROP FUNCTION IF EXISTS objectives_evidence_refuse_published()")


class Migration(migrations.Migration):
    dependencies = [("objectives", "0013_reminders_once_and_alone")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
