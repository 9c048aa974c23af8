"""Managers may add an objective that the catalogue lacks, from a review: give the roles their permissions again."""

import importlib

from django.db import migrations


def update_roles(apps, schema_editor):
    importlib.import_module("objectives.migrations.0003_roles").create_roles(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("objectives", "0005_level_descriptions")]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
