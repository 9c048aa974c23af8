"""Several frameworks a year: a framework has a slug (its name in URLs), a version and whether "Not applicable" may
be chosen; a review is unique by (framework, year), not by year; an assessment may be marked not applicable, with its
reason and no score.

SQLite rebuilds the assessment and review tables for these changes, which drops the assessment's triggers and breaks
the evidence's (they name the tables rebuilt): the triggers of 0002, 0004 and 0014 are dropped first and made again
after, on the way up and on the way down.
"""

import importlib

import django.db.models.deletion
from django.db import migrations, models
from django.utils.text import slugify

TRIGGERS = ("0004_published_reviews_are_final", "0014_published_evidence_is_final")


def drop_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return  # PostgreSQL alters the tables in place and keeps its triggers
    level_triggers = importlib.import_module("objectives.migrations.0002_level_triggers")
    level_triggers.drop_triggers(apps, schema_editor)
    for name in TRIGGERS:
        importlib.import_module(f"objectives.migrations.{name}").drop_triggers(apps, schema_editor)


def create_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for name in TRIGGERS:  # 0004's makes the level triggers of 0002 again too
        importlib.import_module(f"objectives.migrations.{name}").create_triggers(apps, schema_editor)


def name_slugs(apps, schema_editor):
    """Each framework's slug from its name: "NPS 2018" is nps-2018."""
    Framework = apps.get_model("objectives", "Framework")
    for framework in Framework.objects.all():
        framework.slug = slugify(framework.name)[:60]
        framework.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [("objectives", "0016_front_sheet")]

    operations = [
        migrations.RunPython(drop_sqlite_triggers, create_sqlite_triggers),
        migrations.AlterModelOptions(
            name="review",
            options={
                "ordering": ["-year", "framework__name"],
                "permissions": [("view_draft_review", "Can see draft reviews"), ("publish_review", "Can publish and reopen reviews")],
            },
        ),
        migrations.AddField(
            model_name="assessment",
            name="not_applicable",
            field=models.BooleanField(
                default=False,
                help_text="Marked as not applying to the council (only where the framework allows it): it has no score and counts in no average or chart.",
                verbose_name="not applicable",
            ),
        ),
        migrations.AddField(
            model_name="assessment",
            name="not_applicable_reason",
            field=models.CharField(blank=True, help_text="Why the objective does not apply.", max_length=500, verbose_name="why not applicable"),
        ),
        migrations.AddField(
            model_name="framework",
            name="allows_not_applicable",
            field=models.BooleanField(
                default=False,
                help_text="Whether an objective may be marked not applicable, with a reason, beside the levels.",
                verbose_name="allows “Not applicable”",
            ),
        ),
        migrations.AddField(
            model_name="framework",
            name="slug",
            field=models.SlugField(max_length=60, null=True, db_index=False),
        ),
        migrations.RunPython(name_slugs, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="framework",
            name="slug",
            field=models.SlugField(
                help_text="Names the framework in URLs, e.g. /reviews/pa2023-readiness/2022/; never changed once made.", max_length=60, unique=True
            ),
        ),
        migrations.AddField(
            model_name="framework",
            name="supersedes",
            field=models.ForeignKey(
                blank=True,
                help_text="The earlier version of the same framework, if this is a later one.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="superseded_by",
                to="objectives.framework",
            ),
        ),
        migrations.AddField(
            model_name="framework",
            name="version",
            field=models.CharField(blank=True, help_text='The version of its file, e.g. "2018" or "1.0".', max_length=30),
        ),
        migrations.AddField(
            model_name="historicalassessment",
            name="not_applicable",
            field=models.BooleanField(
                default=False,
                help_text="Marked as not applying to the council (only where the framework allows it): it has no score and counts in no average or chart.",
                verbose_name="not applicable",
            ),
        ),
        migrations.AddField(
            model_name="historicalassessment",
            name="not_applicable_reason",
            field=models.CharField(blank=True, help_text="Why the objective does not apply.", max_length=500, verbose_name="why not applicable"),
        ),
        migrations.AlterField(
            model_name="historicalreview",
            name="year",
            field=models.PositiveSmallIntegerField(help_text="The year assessed, e.g. 2021."),
        ),
        migrations.AlterField(
            model_name="review",
            name="year",
            field=models.PositiveSmallIntegerField(help_text="The year assessed, e.g. 2021."),
        ),
        migrations.AddConstraint(
            model_name="assessment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("not_applicable", False), models.Q(("score__isnull", True), models.Q(("not_applicable_reason", ""), _negated=True)), _connector="OR"
                ),
                name="not_applicable_has_reason_and_no_score",
            ),
        ),
        migrations.AddConstraint(
            model_name="review",
            constraint=models.UniqueConstraint(fields=("framework", "year"), name="one_review_per_framework_per_year"),
        ),
        migrations.RunPython(create_sqlite_triggers, drop_sqlite_triggers),
    ]
