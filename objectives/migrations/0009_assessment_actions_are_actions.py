"""An assessment's "Action(s)" are its actions now (0008 made them from the text): the text field goes, and its limit.

Removing a field rebuilds the assessment table on SQLite, which drops its triggers: the level triggers (0002) and
the published-review triggers (0004) are made again after it, and after the field comes back on the way down.
"""

import importlib

from django.db import migrations


def recreate_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return  # PostgreSQL alters the table in place and keeps its triggers
    published = importlib.import_module("objectives.migrations.0004_published_reviews_are_final")
    published.drop_triggers(apps, schema_editor)
    published.create_triggers(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("objectives", "0008_actions_from_text")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, recreate_sqlite_triggers),
        migrations.RemoveConstraint(model_name="assessment", name="actions_within_limit"),
        migrations.RemoveField(model_name="assessment", name="actions"),
        migrations.RemoveField(model_name="historicalassessment", name="actions"),
        migrations.RunPython(recreate_sqlite_triggers, migrations.RunPython.noop),
    ]
