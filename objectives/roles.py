"""The three roles of DESIGN.md, as Django groups and their permissions.

Migration 0003 creates them; `ensure_roles` is also for tests whose database is flushed between them.
"""

READ = [
    "view_framework",
    "view_maturitylevel",
    "view_theme",
    "view_keyarea",
    "view_objective",
    "view_review",
    "view_assessment",
    "view_action",
    "view_evidence",
]
OFFICER = READ + [
    "view_draft_review",
    "add_assessment",
    "change_assessment",
    "add_action",
    "change_action",
    "add_evidence",
    "change_evidence",  # and withdraw it: nothing is deleted
]
MANAGER = OFFICER + [
    "add_review",
    "change_review",
    "publish_review",
    "delete_assessment",
    "set_target",
    "add_objective",  # an objective the catalogue lacks, added from a review (the add-objective page)
    "assign_assessment",  # who scores which objective, and the review's due date (the assign page)
    "moderate_assessment",  # the agreed score from the own scores, and the review's scoring rules
    "load_framework",  # framework and mapping files, from the frameworks page (as `manage.py load_framework`)
    "download_benchmark_return",  # a published review's anonymised scores, from its dashboard
    "load_benchmark_set",  # other councils' figures, from the benchmarks page
    "publish_public",  # a signed-off review's public page for residents, and its withdrawal
]
ROLES = {"Procurement officer": OFFICER, "Manager": MANAGER, "Committee member": READ}


def ensure_roles(Group=None, Permission=None, *, missing_ok=False):  # noqa: N803 (model classes, possibly historical)
    """Create or update each role's group with exactly its permissions.

    A migration passes `missing_ok`: an early one runs before the models of later permissions exist, and the
    migration that adds them runs the roles again.
    """
    if Group is None:
        from django.contrib.auth.models import Group, Permission
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(content_type__app_label="objectives", codename__in=codenames)
        missing = set(codenames) - set(permissions.values_list("codename", flat=True))
        if missing and not missing_ok:
            raise RuntimeError(f"permissions not found for {name}: {sorted(missing)}")
        group.permissions.set(permissions)
