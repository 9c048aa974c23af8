"""/benchmarks/: a set imported from several councils' returns or an aggregate file, previewed, then confirmed;
every refusal says where, and writes nothing; the same files twice change nothing."""

import json
import re

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from objectives.benchmarks.returns import as_csv
from objectives.models import BenchmarkItem, BenchmarkSet
from tests.objectives.benchmarks.files import a_return, six_returns, small_framework

PATHS = ["/benchmarks/", "/benchmarks/uploads/some-key/"]


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    settings.SCORECARD_IMPORT_DIR = tmp_path / "uploads"
    return settings.SCORECARD_IMPORT_DIR


@pytest.fixture
def framework(db):
    return small_framework()


def upload(client, files, source="South East group", as_at="2026-11-30"):
    data = {"files": [SimpleUploadedFile(name, content) for name, content in files], "source": source, "as_at": as_at}
    return client.post("/benchmarks/", data)


def confirm(client, preview):
    page = client.get(preview["Location"]).content.decode()
    fingerprint = re.search(r'name="fingerprint" value="([0-9a-f]+)"', page).group(1)
    return client.post(preview["Location"], {"fingerprint": fingerprint})


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_six_returns_are_previewed_then_imported_as_their_distribution(client, manager, framework):
    client.force_login(manager)
    response = upload(client, six_returns())
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Nothing has changed yet" in page and "South East group" in page
    assert "too few councils to show" in page  # objective 3: four councils
    assert BenchmarkSet.objects.count() == 0
    done = confirm(client, response)
    assert done["Location"] == "/benchmarks/"
    benchmark_set = BenchmarkSet.objects.get()
    assert (benchmark_set.framework, benchmark_set.year, benchmark_set.councils) == (framework, 2022, 6)
    assert str(benchmark_set.as_at) == "2026-11-30"
    items = {(i.kind, i.item): i for i in benchmark_set.items.all()}
    one = items["objective", "1"]
    assert (one.count, one.minimum, one.lower_quartile, one.median, one.upper_quartile, one.maximum) == (
        6,
        1,
        2,
        2.5,
        4.5,
        5,
    )
    three = items["objective", "3"]
    assert (three.count, three.median, three.minimum) == (4, None, None)
    area = items["key_area", "leading/engaging-councillors"]
    # The councils' key-area means: 1.33, 2, 2.67, 3.67, 5, 3: sorted 1.33 2 2.67 3 3.67 5; positions 1.25, 2.5, 3.75.
    assert (area.count, area.minimum, area.median, area.maximum) == (6, 1.33, 2.835, 5)
    assert area.lower_quartile == pytest.approx(2 + 0.25 * 0.67)
    assert area.upper_quartile == pytest.approx(3 + 0.75 * 0.67)
    assert "South East group" in client.get("/benchmarks/").content.decode()


def test_the_same_returns_twice_change_nothing(client, manager, framework):
    client.force_login(manager)
    confirm(client, upload(client, six_returns()))
    before = list(BenchmarkItem.objects.values_list("pk", "median"))
    again = upload(client, list(reversed(six_returns())))
    assert "Nothing to import" in client.get(again["Location"]).content.decode()
    response = client.post(again["Location"], {"fingerprint": "0" * 64})
    assert any("Nothing changed" in m for m in messages_of(response))
    assert list(BenchmarkItem.objects.values_list("pk", "median")) == before
    assert BenchmarkSet.objects.count() == 1


def test_new_figures_for_the_same_set_replace_its_items(client, manager, framework):
    client.force_login(manager)
    confirm(client, upload(client, six_returns()))
    more = [*six_returns(), ("gosport.json", a_return("Gosport", (4, 4, 4)))]
    page = client.get(upload(client, more)["Location"]).content.decode()
    assert "This replaces the figures of" in page
    confirm(client, upload(client, more))
    assert BenchmarkSet.objects.get().councils == 7
    assert BenchmarkItem.objects.get(kind="objective", item="3").median == 3  # 1 2 3 4 4: five councils now


def test_an_aggregate_file_imports_as_the_returns_would(client, manager, framework, tmp_path):
    paths = []
    for name, data in six_returns():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    output = tmp_path / "aggregate.json"
    call_command("aggregate_returns", *paths, f"--output={output}", "--source=South East group", "--as-at=2026-11-30")
    client.force_login(manager)
    confirm(client, upload(client, [("aggregate.json", output.read_bytes())], source="", as_at=""))
    assert BenchmarkSet.objects.get().source == "South East group"
    assert BenchmarkItem.objects.get(kind="objective", item="1").upper_quartile == 4.5
    again = upload(client, six_returns())  # the same figures from the returns themselves: nothing new
    assert "Nothing to import" in client.get(again["Location"]).content.decode()


def test_a_csv_return_reads_as_its_json(client, manager, framework):
    files = six_returns()
    name, data = files[0]
    files[0] = ("adur.csv", as_csv(json.loads(data)))
    client.force_login(manager)
    confirm(client, upload(client, files))
    assert BenchmarkItem.objects.get(kind="objective", item="1").minimum == 1


def aggregate_of(**changes):
    item = {
        "item_kind": "objective",
        "item": "1",
        "name": "Objective 1",
        "count": 6,
        "minimum": 1,
        "lower_quartile": 2,
        "median": 2.5,
        "upper_quartile": 4.5,
        "maximum": 5,
    } | changes
    content = {
        "kind": "benchmark-aggregate",
        "format_version": 1,
        "source": "A group",
        "as_at": "2026-11-30",
        "framework": {"slug": "small-fw", "name": "Small framework", "version": "1"},
        "year": 2022,
        "councils": 6,
        "items": [item],
    }
    return ("agg.json", json.dumps(content).encode())


def replaced(index, data):
    files = six_returns()
    files[index] = (files[index][0], data)
    return files


def bad_score():
    content = json.loads(a_return("Bexley", (2, 2, None)))
    content["rows"][1]["score"] = "two"
    return json.dumps(content).encode()


REFUSALS = {
    "not JSON": (replaced(1, b'{"kind": "benchmark-return",'), "bexley.json, line 1, column 29: not JSON"),
    "NUL bytes": (replaced(1, b"{\x00}"), "bexley.json: holds NUL bytes"),
    "not UTF-8": (replaced(1, b"kind,\xff\xfe"), "bexley.json, byte 6: not UTF-8"),
    "not a return": (replaced(1, b'{"kind": "framework"}'), "bexley.json, kind: 'framework'"),
    "a later format": (
        replaced(1, a_return("Bexley", (2, 2, None)).replace(b'"format_version": 1', b'"format_version": 2')),
        "bexley.json, format_version: 2 is not a version this reads",
    ),
    "a score not a number": (replaced(1, bad_score()), "bexley.json, rows[1].score: 'two' is not a number"),
    "a score above the levels": (
        replaced(1, a_return("Bexley", (2, 9, None))),
        "bexley.json, rows[2]: a score outside Small framework's levels (1 to 5)",
    ),
    "an objective not in the framework": (
        replaced(1, a_return("Bexley", (2, 2, None)).replace(b'"item": "3"', b'"item": "99"')),
        "bexley.json, rows[3]: objective 99 is not in Small framework",
    ),
    "the same council twice": (replaced(1, a_return("Adur", (2, 2, None))), "bexley.json, council: the same council"),
    "two years": (replaced(1, a_return("Bexley", (2, 2, None), year=2021)), "bexley.json, year: 2021, but adur.json"),
    "two framework versions": (
        replaced(1, a_return("Bexley", (2, 2, None), version="2")),
        "bexley.json, framework: small-fw 2, but adur.json is of small-fw 1",
    ),
    "a framework not in the catalogue": (
        [(n, d.replace(b"small-fw", b"other-fw")) for n, d in six_returns()],
        "framework: 'other-fw' is not in the catalogue",
    ),
    "an aggregate with returns": ([*six_returns(), aggregate_of()], "agg.json: an aggregate file is imported alone"),
    "figures of too few councils": ([aggregate_of(count=4)], "agg.json, items[0]: 4 councils are too few to show"),
    "figures that fall": ([aggregate_of(median=5, upper_quartile=4)], "agg.json, items[0]: the figures must rise"),
    "some figures only": ([aggregate_of(median=None)], "agg.json, items[0]: give all five figures, or none"),
}


@pytest.mark.parametrize("case", REFUSALS)
def test_each_refusal_says_where_and_writes_nothing(client, manager, framework, case, upload_dir):
    files, message = REFUSALS[case]
    client.force_login(manager)
    response = upload(client, files)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was imported" in page
    problems = re.search(r'id="file-problems">(.*?)</div>', page, re.S).group(1)
    assert message.replace("'", "&#x27;") in problems
    assert BenchmarkSet.objects.count() == 0
    assert not upload_dir.exists() or not list(upload_dir.glob("*.upload"))  # nothing kept to confirm


def test_returns_need_a_source_and_a_date(client, manager, framework):
    client.force_login(manager)
    page = upload(client, six_returns(), source=" ", as_at="").content.decode()
    assert "Source: say who gathered these returns" in page and "As at: give the date" in page
    assert BenchmarkSet.objects.count() == 0


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    for path in PATHS:
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (302, f"/login/?next={path}")


@pytest.mark.parametrize("persona", ["outsider", "committee_member", "officer"])
def test_only_managers_and_staff_import_sets(client, persona, request, framework):
    client.force_login(request.getfixturevalue(persona))
    for path in PATHS:
        assert client.get(path).status_code == 403
    assert upload(client, six_returns()).status_code == 403
    assert BenchmarkSet.objects.count() == 0


@pytest.mark.parametrize("persona", ["manager", "staff"])
def test_managers_and_staff_import_sets(client, persona, request, framework):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/benchmarks/").status_code == 200
    assert client.get("/benchmarks/uploads/not-a-key/").status_code == 404
    confirm(client, upload(client, six_returns()))
    assert BenchmarkSet.objects.count() == 1
