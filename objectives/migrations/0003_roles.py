"""Create the three roles of DESIGN.md as groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

READ = [
    "view_framework",
    "view_maturitylevel",
    "view_theme",
    "view_keyarea",
    "view_objective",
    "view_review",
    "view_assessment",
]
OFFICER = READ + ["view_draft_review", "add_assessment", "change_assessment"]
MANAGER = OFFICER + ["add_review", "change_review", "publish_review", "delete_assessment", "set_target"]
ROLES = {"Procurement officer": OFFICER, "Manager": MANAGER, "Committee member": READ}


def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(content_type__app_label="objectives", codename__in=codenames)
        missing = set(codenames) - set(permissions.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"permissions not found for {name}: {sorted(missing)}")
        group.permissions.set(permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("objectives", "0002_level_triggers"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
