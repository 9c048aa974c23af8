"""Create the three roles of DESIGN.md as groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from objectives.roles import ensure_roles


def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"), missing_ok=True)


class Migration(migrations.Migration):
    dependencies = [("objectives", "0002_level_triggers"), ("auth", "0012_alter_user_first_name_max_length"), ("contenttypes", "0002_remove_content_type_name")]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
