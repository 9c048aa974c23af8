"""Own scores, agreements and a review's scoring rules (`models/moderation.py`); the moderate permission for
managers; and, as for assessments (0004) and evidence (0014), triggers that refuse a change to a published review's
own scores and agreements, whatever writes it.

PostgreSQL refuses inserts, updates and deletes; SQLite inserts and updates (as 0004, since `flush` empties tables
one by one). The app writes both only under the review's lock, as a draft (`services.moderation`).
"""

import importlib

import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

MESSAGE = "the review is published: its own and agreed scores cannot change until a manager reopens it"
PUBLISHED = (
    "EXISTS (SELECT 1 FROM objectives_assessment a JOIN objectives_review r ON r.id = a.review_id WHERE a.id = {row}.assessment_id AND r.status = 'published')"
)
TABLES = ("objectives_ownscore", "objectives_agreement")
SQLITE_TRIGGERS = {
    "INSERT": PUBLISHED.format(row="NEW"),
    "UPDATE": f"{PUBLISHED.format(row='OLD')} OR {PUBLISHED.format(row='NEW')}",
}
SQLITE_TRIGGER = """
CREATE TRIGGER {table}_published_{event} BEFORE {event} ON {table}
FOR EACH ROW WHEN {condition}
BEGIN SELECT RAISE(ABORT, '{message}'); END;
"""
POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION objectives_moderation_refuse_published() RETURNS trigger AS $$
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
"""
POSTGRES_TRIGGER = """
CREATE TRIGGER {table}_published BEFORE INSERT OR UPDATE OR DELETE ON {table}
FOR EACH ROW EXECUTE FUNCTION objectives_moderation_refuse_published();
"""


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for table in TABLES:
            for event, condition in SQLITE_TRIGGERS.items():
                schema_editor.execute(SQLITE_TRIGGER.format(table=table, event=event, condition=condition, message=MESSAGE))
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION)
        for table in TABLES:
            schema_editor.execute(POSTGRES_TRIGGER.format(table=table))
    else:
        raise NotImplementedError(f"no triggers for {vendor}: only SQLite and PostgreSQL are supported")


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "sqlite":
            for event in SQLITE_TRIGGERS:
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_published_{event}")
        elif vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_published ON {table}")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS objectives_moderation_refuse_published()")


def update_roles(apps, schema_editor):
    importlib.import_module("objectives.migrations.0003_roles").create_roles(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("objectives", "0018_framework_files_and_mappings"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalAgreement",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("agreed_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("rationale", models.TextField(blank=True, help_text="Why this score: required when it differs from an own score.", max_length=4000)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                ("history_type", models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1)),
                (
                    "agreed_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "assessment",
                    models.ForeignKey(
                        blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to="objectives.assessment"
                    ),
                ),
                ("history_user", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "verbose_name": "historical agreement",
                "verbose_name_plural": "historical agreements",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalModeration",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "blind",
                    models.BooleanField(
                        default=True,
                        help_text="An officer sees the others' own scores of an objective only once they have recorded their own. Managers always see them.",
                        verbose_name="blind scoring",
                    ),
                ),
                (
                    "single_voice_agrees",
                    models.BooleanField(
                        default=True,
                        help_text="Own scores that are all one level (one voice, or all alike) make it the agreed score, until a manager agrees one.",
                        verbose_name="one own score is agreed",
                    ),
                ),
                (
                    "pack_names_scorers",
                    models.BooleanField(
                        default=False,
                        help_text="Otherwise committee members read the agreed score and the spread, never who gave which own score.",
                        verbose_name="the pack names who gave each own score",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                ("history_type", models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1)),
                ("history_user", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                (
                    "review",
                    models.ForeignKey(
                        blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to="objectives.review"
                    ),
                ),
            ],
            options={
                "verbose_name": "historical moderation",
                "verbose_name_plural": "historical moderations",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalOwnScore",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("score", models.PositiveSmallIntegerField(help_text="A maturity level of the review's framework.", verbose_name="own score")),
                ("rationale", models.TextField(blank=True, help_text="Why this level, in the scorer's words.", max_length=4000, verbose_name="why")),
                ("recorded_at", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                ("history_type", models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1)),
                (
                    "assessment",
                    models.ForeignKey(
                        blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to="objectives.assessment"
                    ),
                ),
                ("history_user", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                (
                    "scorer",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Who gave it.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical own score",
                "verbose_name_plural": "historical own scores",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Moderation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "blind",
                    models.BooleanField(
                        default=True,
                        help_text="An officer sees the others' own scores of an objective only once they have recorded their own. Managers always see them.",
                        verbose_name="blind scoring",
                    ),
                ),
                (
                    "single_voice_agrees",
                    models.BooleanField(
                        default=True,
                        help_text="Own scores that are all one level (one voice, or all alike) make it the agreed score, until a manager agrees one.",
                        verbose_name="one own score is agreed",
                    ),
                ),
                (
                    "pack_names_scorers",
                    models.BooleanField(
                        default=False,
                        help_text="Otherwise committee members read the agreed score and the spread, never who gave which own score.",
                        verbose_name="the pack names who gave each own score",
                    ),
                ),
                ("review", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="moderation", to="objectives.review")),
            ],
        ),
        migrations.CreateModel(
            name="Agreement",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("agreed_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("rationale", models.TextField(blank=True, help_text="Why this score: required when it differs from an own score.", max_length=4000)),
                (
                    "agreed_by",
                    models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL),
                ),
                ("assessment", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="agreement", to="objectives.assessment")),
            ],
            options={
                "permissions": [("moderate_assessment", "Can agree an objective's score from its own scores")],
                "constraints": [
                    models.CheckConstraint(
                        condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length("rationale"), 4000),
                        name="agreement_rationale_within_limit",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="OwnScore",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("score", models.PositiveSmallIntegerField(help_text="A maturity level of the review's framework.", verbose_name="own score")),
                ("rationale", models.TextField(blank=True, help_text="Why this level, in the scorer's words.", max_length=4000, verbose_name="why")),
                ("recorded_at", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("assessment", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="own_scores", to="objectives.assessment")),
                (
                    "scorer",
                    models.ForeignKey(
                        help_text="Who gave it.", on_delete=django.db.models.deletion.PROTECT, related_name="own_scores", to=settings.AUTH_USER_MODEL
                    ),
                ),
            ],
            options={
                "ordering": ["assessment", "recorded_at", "pk"],
                "constraints": [
                    models.UniqueConstraint(fields=("assessment", "scorer"), name="one_own_score_per_person"),
                    models.CheckConstraint(condition=models.Q(("score__gte", 1)), name="own_score_positive"),
                    models.CheckConstraint(
                        condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length("rationale"), 4000),
                        name="own_score_rationale_within_limit",
                    ),
                ],
            },
        ),
        migrations.RunPython(create_triggers, drop_triggers),
        migrations.RunPython(update_roles, migrations.RunPython.noop),
    ]
