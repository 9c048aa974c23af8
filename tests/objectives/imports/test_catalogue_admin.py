"""The catalogue's admin pages import and export objectives with their theme and key area, by name."""

import csv
import html
import io
import re

import pytest
import tablib
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from objectives.imports.resources import ObjectiveResource
from objectives.models import Objective
from tests.factories import make_user

HEADERS = ["framework", "number", "title", "description", "theme", "key area"]
FIELDS = ["framework", "number", "title", "description", "theme", "key_area"]


def catalogue_csv(rows, headers=HEADERS):
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow(headers)
    writer.writerows(rows)
    return stream.getvalue().encode("utf-8")


def export_form(format_index):
    data = {"format": format_index, "resource": 0}
    data.update({f"objectiveresource_{name}": "on" for name in FIELDS})
    return data


def admin_import(client, data, name="catalogue.csv"):
    """Upload through the admin's import page; return the dry run's page."""
    return client.post(
        "/admin/objectives/objective/import/",
        {"import_file": SimpleUploadedFile(name, data), "format": 0, "resource": 0},
    )


def confirm(client, dry_run):
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', dry_run.content.decode()))
    return client.post("/admin/objectives/objective/process_import/", {k: html.unescape(v) for k, v in fields.items()})


def test_the_catalogue_exports_with_theme_and_key_area_names(client, staff, nps):
    client.force_login(staff)
    response = client.post("/admin/objectives/objective/export/", export_form(0))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(rows[0]) == HEADERS
    first = next(row for row in rows if row["number"] == "3")
    assert (first["framework"], first["theme"], first["key area"]) == (
        "NPS 2018",
        "Showing leadership",
        "Engaging councillors",
    )


def test_an_export_escapes_formulas_and_imports_back_unchanged(client, staff, nps):
    Objective.objects.filter(number=3).update(description="=cmd|' /C calc'!A0")
    client.force_login(staff)
    exported = client.post("/admin/objectives/objective/export/", export_form(0)).content
    assert b"'=cmd|" in exported
    dry_run = admin_import(client, exported)
    assert dry_run.status_code == 200 and b"process_import" in dry_run.content
    confirm(client, dry_run)
    assert Objective.objects.get(number=3).description == "=cmd|' /C calc'!A0"


def test_an_import_adds_objectives_under_their_key_area(client, staff, nps):
    client.force_login(staff)
    data = catalogue_csv(
        [["NPS 2018", 58, "Digital procurement", "The extent to which ...", "Enablers", "enablers"]],
        headers=["Framework", "Number", "Title", "Description", "THEME", "Key_Area"],
    )
    dry_run = admin_import(client, data)
    assert b"Errors" not in dry_run.content
    assert not Objective.objects.filter(number=58).exists()
    confirm(client, dry_run)
    added = Objective.objects.get(number=58)
    assert (added.title, added.key_area.name, added.framework.name) == ("Digital procurement", "Enablers", "NPS 2018")


@pytest.mark.parametrize(
    "row, message",
    [
        (["NPS 2018", 58, "T", "D", "Enablers", "Cloud"], "&#x27;Cloud&#x27; is not a key area of the theme"),
        (["NPS 2099", 58, "T", "D", "Enablers", "Enablers"], "&#x27;NPS 2099&#x27; is not a framework"),
    ],
)
def test_an_unknown_key_area_or_framework_is_a_row_error(client, staff, nps, row, message):
    client.force_login(staff)
    dry_run = admin_import(client, catalogue_csv([row]))
    assert message in dry_run.content.decode()
    assert not Objective.objects.filter(number=58).exists()


def test_the_catalogue_import_reads_the_database_once_per_table_not_per_row(nps):
    dataset = tablib.Dataset(
        *[["NPS 2018", n, f"Objective {n}", "The extent to which ...", "Enablers", "Enablers"] for n in range(60, 90)],
        headers=HEADERS,
    )
    with CaptureQueriesContext(connection) as queries:
        result = ObjectiveResource().import_data(dataset, dry_run=True)
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["new"] == 30
    # The library wraps each row in a savepoint; beside those, the catalogue is read once per table.
    reads = [query["sql"] for query in queries if query["sql"].startswith("SELECT")]
    assert len(reads) == 3


def test_staff_who_may_only_view_objectives_can_export_but_not_import(client, nps):
    viewer = make_user(username="viewer", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_objective"))
    client.force_login(viewer)
    assert client.get("/admin/objectives/objective/export/").status_code == 200
    assert client.get("/admin/objectives/objective/import/").status_code == 403
