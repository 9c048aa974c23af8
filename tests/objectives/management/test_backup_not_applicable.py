"""A backup carries each framework's "Not applicable" and each assessment's mark and reason, in its history too."""

import pytest
from django.core.management import call_command

from objectives.models import Assessment, Framework
from objectives.roles import ensure_roles
from tests.factories import make_not_applicable_review

# Emptying the database (flush) must commit, so this runs outside the usual test transaction.
pytestmark = pytest.mark.django_db(transaction=True)


def state():
    return {
        "frameworks": list(Framework.objects.values_list("name", "allows_not_applicable")),
        "assessments": list(
            Assessment.objects.order_by("pk").values_list("pk", "score", "not_applicable", "not_applicable_reason")
        ),
        "history": list(
            Assessment.history.order_by("history_id").values_list("id", "not_applicable", "not_applicable_reason")
        ),
    }


def test_backup_and_restore_keep_not_applicable_and_its_reason(manager, tmp_path):
    make_not_applicable_review(year=2022, previous_year=2021, by=manager)
    before = state()
    marked = [row for row in before["assessments"] if row[2]]
    assert [row[3] for row in marked] == ["No contracts then.", "The council lets no concession contracts."]
    assert before["frameworks"] == [("Readiness", True)]
    path = tmp_path / "backup.xml"
    call_command("backup_scorecard", str(path))
    call_command("flush", interactive=False, verbosity=0)
    ensure_roles()
    assert not Assessment.objects.exists()
    call_command("restore_scorecard", str(path))
    assert state() == before
