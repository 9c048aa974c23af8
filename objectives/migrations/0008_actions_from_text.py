"""Each assessment's "Action(s)" text becomes its actions: one planned action per paragraph or list item, every word
kept in order, raised in the assessment's review. The roles get their permissions on actions.

The splitting is `objectives.text.items`, copied here: a migration must not change when the app's code does.
"""

import importlib
import re

from django.db import migrations

BULLET = re.compile(r"^\s*[-*•]\s+")
NUMBERED = re.compile(r"^\s*\d+[.)]\s+")


def items(text):
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    found = []
    for block in (b.strip("\n") for b in re.split(r"\n\s*\n", text) if b.strip()):
        lines = block.split("\n")
        marker = next((p for p in (BULLET, NUMBERED) if all(p.match(line) for line in lines)), None)
        if marker:
            found += [marker.sub("", line).strip() for line in lines]
        else:
            found.append("\n".join(line.strip() for line in lines))
    return found


def actions_from_text(apps, schema_editor):
    Assessment = apps.get_model("objectives", "Assessment")  # noqa: N806
    Action = apps.get_model("objectives", "Action")  # noqa: N806
    HistoricalAction = apps.get_model("objectives", "HistoricalAction")  # noqa: N806
    copied = [f.attname for f in HistoricalAction._meta.concrete_fields if not f.attname.startswith("history_")]
    for assessment in Assessment.objects.exclude(actions="").select_related("review").order_by("pk"):
        for position, text in enumerate(items(assessment.actions), start=1):
            # Raised when the review was started, so that a published review's actions count as agreed at sign-off.
            action = Action.objects.create(
                objective_id=assessment.objective_id,
                raised_in_id=assessment.review_id,
                text=text,
                position=position,
                created_at=assessment.review.created_at,
            )
            action.reviews.add(assessment.review_id)
            HistoricalAction.objects.create(
                **{name: getattr(action, name) for name in copied},
                history_date=assessment.review.created_at,
                history_type="+",
                history_change_reason="From the assessment's Action(s) text",
            )


def update_roles(apps, schema_editor):
    importlib.import_module("objectives.migrations.0003_roles").create_roles(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("objectives", "0007_actions")]

    operations = [
        migrations.RunPython(actions_from_text, migrations.RunPython.noop),
        migrations.RunPython(update_roles, migrations.RunPython.noop),
    ]
