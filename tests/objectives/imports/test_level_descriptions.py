"""What each level means, imported into the catalogue through the admin, and shown on the edit form."""

import csv
import html
import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile

from objectives.models import LevelDescription

HEADERS = ["framework", "level", "theme", "key area", "objective", "description", "source"]


def descriptions_csv(rows):
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return stream.getvalue().encode("utf-8")


def admin_import(client, data):
    dry_run = client.post(
        "/admin/objectives/leveldescription/import/",
        {"import_file": SimpleUploadedFile("levels.csv", data), "format": 0, "resource": 0},
    )
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', dry_run.content.decode()))
    if "import_file_name" not in fields:
        return dry_run
    return client.post(
        "/admin/objectives/leveldescription/process_import/", {k: html.unescape(v) for k, v in fields.items()}
    )


ROWS = [
    ["NPS 2018", 1, "Showing leadership", "Engaging councillors", "", "Councillors are told of major buys.", "Test"],
    ["NPS 2018", "2", "", "engaging COUNCILLORS", "", "Councillors help set priorities.", "Test"],
    ["NPS 2018", 2, "Showing leadership", "Engaging councillors", "#3", "Some councillors are trained.", "Test"],
]


def test_level_descriptions_import_by_name_and_number_and_show_on_the_edit_form(client, staff, draft, officer):
    client.force_login(staff)
    assert admin_import(client, descriptions_csv(ROWS)).status_code == 302
    assert LevelDescription.objects.count() == 3
    assert LevelDescription.objects.get(objective__number=3).level.number == 2
    client.force_login(officer)
    page = client.get("/reviews/2022/objectives/3/edit/").content.decode()
    assert "Councillors are told of major buys." in page and "Some councillors are trained." in page
    assert "Councillors help set priorities." not in page  # #3's own description of level 2 stands instead


def test_the_same_file_twice_changes_nothing_and_a_bad_row_says_where(client, staff, nps):
    client.force_login(staff)
    admin_import(client, descriptions_csv(ROWS))
    admin_import(client, descriptions_csv(ROWS))
    assert LevelDescription.objects.count() == 3
    bad = admin_import(client, descriptions_csv([["NPS 2018", 9, "", "Engaging councillors", "", "x", "Test"]]))
    assert "9 is not a level of NPS 2018" in html.unescape(bad.content.decode())
    assert LevelDescription.objects.count() == 3
