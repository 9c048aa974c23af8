"""Benchmark the spreadsheet import: a large council's 10,000 assessment rows, as CSV and as XLSX; and files of
hostile shape, to show that an import's time and memory grow in proportion to the file.

A large council here has a framework of 200 objectives in 10 key areas and 50 years of reviews: one row per
objective per review. Each import is timed as the pages run it, preview (read the file, read it against the
database) and then apply (read, check again, write the assessments and their history), and compared with its
floor: reading the same file, and a plain `bulk_create` of its rows, which no import can go below.

It runs on a throwaway SQLite database in a temporary directory, whatever DATABASE_URL says, and never
touches db.sqlite3. Run it with `make bench`; times are the best of several runs. Each file of the hostile
table is read and previewed in a process of its own, so that its peak memory (the high-water mark of the
process's resident memory, less what it was before the file was read) is its own.
"""

import csv
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

WORKDIR = tempfile.TemporaryDirectory(prefix="bench-import-")
# A measuring process (--measure) uses the database its parent built.
os.environ["DATABASE_URL"] = os.environ.get("BENCH_IMPORT_DATABASE") or f"sqlite:///{WORKDIR.name}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scorecard.settings")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

import tablib  # noqa: E402
from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.hostile_files import SHAPES  # noqa: E402
from objectives.imports import apply as pipeline  # noqa: E402
from objectives.imports.exports import ScorecardXLSX  # noqa: E402
from objectives.imports.reading import read_upload as read_table  # noqa: E402
from objectives.imports.table import FileRefused  # noqa: E402
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
        )
        for cells in (row.cells for row in table.rows)
    )
    return table


def preview(data, name, user):
    return pipeline.preview(read_table(data, name), user=user)


def apply(data, name, user, fingerprint):
    return pipeline.apply(read_table(data, name), user=user, fingerprint=fingerprint)


def measure(label, data, name, user, runs):
    empty_the_reviews()
    fingerprint = pipeline.preview(read_table(data, name), user=user).fingerprint
    times, table = best_of(
        runs,
        floor=lambda: floor(data, name),
        read=lambda: read_table(data, name),
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
        f"{floor_time - times['read']:.2f}) | ratio {ratio:.2f} | {verdict} (< {BUDGET_SECONDS:.0f} s, "
        f"<= {BUDGET_RATIO:.0f}x)"
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


HOSTILE_SIZES = (1_250_000, 2_500_000, 5_000_000)  # bytes; 5 MB is the upload limit
MEMORY_BUDGET_MB = 300


def read_and_preview(data, name, user):
    try:
        planned = pipeline.preview(read_table(data, name), user=user)
    except FileRefused as refusal:
        return "refused: " + " ".join(refusal.reasons)
    return f"{len(planned.rows):,} rows, {planned.counts['error']:,} in error"


def peak_resident_mb():
    """Return this process's peak resident memory since it started (VmHWM). Not getrusage's ru_maxrss, which
    Linux keeps across execve: a process started by the bench would report the bench's own peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # elsewhere: kilobytes on Linux


def measure_one(path):
    """In a process of its own: read and preview the file, timed, then again under tracemalloc for its peak
    memory (which tracing would slow); print both, the process's peak resident memory before tracing (Django
    and all, which tracing would inflate) and the outcome as JSON."""
    data, name = Path(path).read_bytes(), Path(path).name
    user = User.objects.get(username="bench-manager")
    start = time.perf_counter()
    outcome = read_and_preview(data, name, user)
    seconds = time.perf_counter() - start
    process = peak_resident_mb()
    tracemalloc.start()
    read_and_preview(data, name, user)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(json.dumps({"seconds": seconds, "peak_mb": peak / 2**20, "process_mb": process, "outcome": outcome}))


def measured(data, name):
    path = Path(WORKDIR.name) / name
    path.write_bytes(data)
    environment = {**os.environ, "BENCH_IMPORT_DATABASE": os.environ["DATABASE_URL"]}
    done = subprocess.run(
        [sys.executable, __file__, "--measure", str(path)], env=environment, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.splitlines()[-1])


def measure_shapes(rows):
    """Print the time and peak memory of reading and previewing each file shape at three sizes, with ratios."""
    print(
        "  files of every shape, read and previewed, each in a process of its own "
        f"(sizes x{HOSTILE_SIZES[-1] // HOSTILE_SIZES[0]}):"
    )
    honest = [csv_bytes(rows[: len(rows) * part // 4]) for part in (1, 2, 4)]
    shapes = {"honest rows (CSV)": lambda size: (honest[HOSTILE_SIZES.index(size)], "honest.csv"), **SHAPES}
    for label, build in shapes.items():
        figures = [(len(data), measured(data, name)) for data, name in map(build, HOSTILE_SIZES)]
        (small, first), (large, last) = figures[0], figures[-1]
        sizes = " / ".join(
            f"{size / 1e6:.1f} MB {result['seconds']:.2f} s {result['peak_mb']:.1f} MB" for size, result in figures
        )
        within = last["seconds"] < BUDGET_SECONDS and last["process_mb"] < MEMORY_BUDGET_MB
        verdict = f"{'within budget' if within else 'OVER BUDGET'} (process {last['process_mb']:.0f} MB)"
        print(
            f"    {label:<34} {sizes} | x{large / small:.1f} the size: time x{last['seconds'] / first['seconds']:.1f}, "
            f"memory x{last['peak_mb'] / max(first['peak_mb'], 0.01):.1f} | {verdict} | {last['outcome'][:90]}"
        )


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
    empty_the_reviews()
    measure_shapes(rows)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        measure_one(sys.argv[2])
    else:
        main()
