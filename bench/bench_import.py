"""Benchmark the spreadsheet import: a large council's 10,000 assessment rows, as CSV and as XLSX.

A large council here has a framework of 200 objectives in 10 key areas and 50 years of reviews: one row per
objective per review. Each import is timed as the pages run it, preview (read the file, read it against the
database) and then apply (read, check again, write the assessments and their history), and compared with its
floor: reading the same file, and a plain `bulk_create` of its rows, which no import can go below.

It runs on a throwaway SQLite database in a temporary directory, whatever DATABASE_URL says, and never
touches db.sqlite3. Run it with `make bench`; times are the best of several runs.
"""

import csv
import io
import os
import sys
import tempfile
import time
from pathlib import Path

WORKDIR = tempfile.TemporaryDirectory(prefix="bench-import-")
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR.name}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scorecard.settings")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

import tablib  # noqa: E402
from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from objectives.imports import apply as spreadsheets  # noqa: E402
from objectives.imports.apply import read_table  # noqa: E402
from objectives.imports.exports import ScorecardXLSX  # noqa: E402
from objectives.models import Assessment, Framework, KeyArea, MaturityLevel, Objective, Review, Theme  # noqa: E402

OBJECTIVES, KEY_AREAS, REVIEWS, RUNS = 200, 10, 50, 5
BUDGET_SECONDS, BUDGET_RATIO = 5.0, 3.0
LEVELS = ["Minimum", "Developing", "Mature", "Leader", "Innovator"]
HEADERS = ["year", "objective", "title", "key area", "score", "target", "continued or new", "comments", "actions"]
COMMENTS = (
    "Category management reviewed the contracts register with service leads; three new frameworks were let.\n\n"
    "Spend analysis shows {n}% of spend now goes through approved routes."
)
ACTIONS = "Report progress to the procurement board each quarter; train {n} more contract managers."


def build_council():
    """Create the catalogue and 50 empty reviews; return the user who imports and the file's rows."""
    framework = Framework.objects.create(name="NPS 2018 (large council)", title="National Procurement Strategy")
    MaturityLevel.objects.bulk_create(
        MaturityLevel(framework=framework, number=number, name=name) for number, name in enumerate(LEVELS, 1)
    )
    themes = [Theme.objects.create(framework=framework, name=f"Theme {n}", slug=f"t-{n}", position=n) for n in range(4)]
    areas = [
        KeyArea.objects.create(theme=themes[n % 4], name=f"Key area {n}", slug=f"key-area-{n}", position=n)
        for n in range(KEY_AREAS)
    ]
    objectives = Objective.objects.bulk_create(
        Objective(
            framework=framework,
            key_area=areas[n * KEY_AREAS // OBJECTIVES],
            number=n + 1,
            title=f"Objective {n + 1}",
            description=f"The extent to which objective {n + 1} is met.",
        )
        for n in range(OBJECTIVES)
    )
    years = range(2026 - REVIEWS, 2026)
    Review.objects.bulk_create(Review(framework=framework, year=year) for year in years)
    rows = [
        [
            year,
            objective.number,
            objective.title,
            areas[(objective.number - 1) * KEY_AREAS // OBJECTIVES].name,
            (objective.number + year) % 5 + 1,
            4,
            "continued" if year % 2 else "new",
            COMMENTS.format(n=objective.number % 100),
            ACTIONS.format(n=year % 10),
        ]
        for year in years
        for objective in objectives
    ]
    user = User.objects.create_user(username="bench-manager")
    user.groups.add(Group.objects.get(name="Manager"))
    return user, rows


def csv_bytes(rows):
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return stream.getvalue().encode("utf-8")


def xlsx_bytes(rows):
    return ScorecardXLSX().export_data(tablib.Dataset(*rows, headers=HEADERS, title="Scorecard"))


def empty_the_reviews():
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM objectives_historicalassessment")
        cursor.execute("DELETE FROM objectives_assessment")


def best_of(runs, **functions):
    """Run each function in turn on empty reviews, `runs` times, interleaved so that a busy machine slows
    them alike; return each one's best time and the last result of the first."""
    times = {label: [] for label in functions}
    first = None
    for _ in range(runs):
        for label, function in functions.items():
            empty_the_reviews()
            start = time.perf_counter()
            result = function()
            times[label].append(time.perf_counter() - start)
            first = result if first is None else first
    return {label: min(values) for label, values in times.items()}, first


def floor(data, name):
    """Read the file, then create its rows with a plain bulk_create: what no import can go below."""
    table = read_table(data, name)
    reviews = dict(Review.objects.values_list("year", "pk"))
    objectives = dict(Objective.objects.values_list("number", "pk"))
    Assessment.objects.bulk_create(
        Assessment(
            review_id=reviews[int(cells[0])],
            objective_id=objectives[int(cells[1])],
            score=int(cells[4]),
            target=int(cells[5]),
            origin=cells[6],
            comments=cells[7],
            actions=cells[8],
        )
        for cells in (row.cells for row in table.rows)
    )
    return table


def paused(function, *args):
    with spreadsheets.paused_gc():
        return function(*args)


def preview(data, name, user):
    return spreadsheets.preview(read_table(data, name), user=user)


def apply(data, name, user, fingerprint):
    return spreadsheets.apply(read_table(data, name), user=user, fingerprint=fingerprint)


def measure(label, data, name, user, runs):
    empty_the_reviews()
    fingerprint = spreadsheets.preview(read_table(data, name), user=user).fingerprint
    times, table = best_of(
        runs,
        floor=lambda: floor(data, name),
        read=lambda: read_table(data, name),
        paused_floor=lambda: paused(floor, data, name),
        # The upload reads the file to check it, then the preview page reads it again and previews it.
        preview=lambda: (read_table(data, name), preview(data, name, user)),
        apply=lambda: apply(data, name, user, fingerprint),
    )
    assert Assessment.objects.count() == len(table.rows) == Assessment.history.count()
    total, floor_time = times["preview"] + times["apply"], times["floor"]
    ratio = total / floor_time
    verdict = "within budget" if (total < BUDGET_SECONDS and ratio <= BUDGET_RATIO) else "OVER BUDGET"
    print(
        f"  {label:<4} {len(data) / 1e6:.1f} MB: preview {times['preview']:.2f} s + apply {times['apply']:.2f} s = "
        f"{total:.2f} s | floor {floor_time:.2f} s (read {times['read']:.2f} + bulk_create "
        f"{floor_time - times['read']:.2f}) | ratio {ratio:.2f} ({total / times['paused_floor']:.2f} against a floor "
        f"that also pauses the GC) | {verdict} (< {BUDGET_SECONDS:.0f} s, <= {BUDGET_RATIO:.0f}x)"
    )


def measure_update(data, name, user, rows):
    """Time an import that changes every row of reviews that are full: bulk_update, with history."""
    empty_the_reviews()
    apply(data, name, user, preview(data, name, user).fingerprint)
    changed = [[*row[:4], row[4] % 5 + 1, *row[5:]] for row in rows]
    changed_data = csv_bytes(changed)
    planned = preview(changed_data, name, user)
    assert planned.counts["changed"] == len(rows), planned.counts
    start = time.perf_counter()
    planned = preview(changed_data, name, user)
    middle = time.perf_counter()
    with transaction.atomic():
        apply(changed_data, name, user, planned.fingerprint)
        transaction.set_rollback(True)
    end = time.perf_counter()
    print(
        f"  update: every one of {len(rows):,} scores changed (CSV): preview {middle - start:.2f} s + apply "
        f"{end - middle:.2f} s (for information: bulk_update has no floor here)"
    )


def count_queries(data, name, user):
    empty_the_reviews()
    with CaptureQueriesContext(connection) as previewed:
        planned = preview(data, name, user)
    with CaptureQueriesContext(connection) as applied:
        apply(data, name, user, planned.fingerprint)
    return len(previewed), len(applied)


def main():
    call_command("migrate", verbosity=0)
    with transaction.atomic():
        user, rows = build_council()
    print(
        f"bench_import: {len(rows):,} assessment rows ({REVIEWS} reviews x {OBJECTIVES} objectives in "
        f"{KEY_AREAS} key areas), {connection.vendor}, best of {RUNS} runs (XLSX: 2)"
    )
    files = {"CSV": (csv_bytes(rows), "large.csv"), "XLSX": (xlsx_bytes(rows), "large.xlsx")}
    for label, (data, name) in files.items():
        measure(label, data, name, user, RUNS if label == "CSV" else 2)
    measure_update(*files["CSV"], user, rows)
    previewed, applied = count_queries(*files["CSV"], user)
    print(f"  queries for {len(rows):,} new rows: preview {previewed}, apply {applied} (inserts of ~100 rows each)")


if __name__ == "__main__":
    main()
