"""Benchmark the committee pack: the Word pack, and the seed's pack against the report it replaced.

1. The Word pack (`report_docx`: the pack's description, python-docx, and CairoSVG's PNGs of the charts) of the demo
   (Medway's 2021 seed) and of a 59-objective council (NPS 2018's size) with ten years of reviews.
2. Side by side in one run, the seed's PDF as `manage.py write_report 2021` writes it, from this tree and from the
   tree of commit 021127e (the last before the pack: its 14-page report, 11 pages before the action plan appendix):
   `git archive` extracts that commit into a temporary folder, and each tree's command runs in its own fresh
   process with its own throwaway SQLite database holding the seed, timed the same way, the two taking turns.
   The figure is the median seconds of a render with an empty cache (the command's whole work but the start-up).

Run by `make bench` (DJANGO_DEBUG=0), in throwaway databases (bench/councils.py).
"""

import gc
import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BEFORE = "021127e"  # the commit before the pack: today's report
RUNS = 7

# Run in a fresh process from a tree's own folder: import the seed into a throwaway database, then time
# `write_report 2021` with an empty cache each time; print the seconds and the pages as JSON.
TIMER = """
import json, os, statistics, sys, tempfile, time, warnings
from pathlib import Path
warnings.filterwarnings("ignore")
folder = tempfile.mkdtemp()
os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
os.environ["SCORECARD_CACHE_DIR"] = f"{folder}/cache"
os.environ["DJANGO_SETTINGS_MODULE"] = "scorecard.settings"
sys.path.insert(0, os.getcwd())
import django
django.setup()
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.management import call_command
from pypdf import PdfReader
from objectives.imports.apply import import_document
from objectives.models import Framework
call_command("migrate", verbosity=0)
if Path("fixtures/nps-2018.framework.json").exists():
    from objectives.services.frameworks import load_file
    load_file(Path("fixtures/nps-2018.framework.json").read_bytes())
else:  # a tree from before the framework files (the report before the pack)
    call_command("loaddata", "fixtures/nps2018.json", verbosity=0)
seed = Path("fixtures/medway-2021.txt")
review = import_document(seed.read_bytes(), seed.name, framework=Framework.objects.get(name="NPS 2018")).reviews[0]
review.publish(by=User.objects.create(username="bench-manager"))
out = Path(folder) / "pack.pdf"
taken = []
for run in range(int(sys.argv[1]) + 1):
    cache.clear()
    start = time.perf_counter()
    call_command("write_report", "2021", output=str(out), stdout=open(os.devnull, "w"))
    if run:  # the first warms fonts and imports
        taken.append(time.perf_counter() - start)
print(json.dumps({"seconds": statistics.median(taken), "pages": len(PdfReader(out).pages)}))
"""


def tree_of(commit, folder):
    """Extract `commit`'s files (not its .git) into `folder`, the same code as a checkout of it."""
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def time_write_report(tree, runs):
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SCORECARD_CACHE_DIR")}
    result = subprocess.run(
        [sys.executable, "-c", TIMER, str(runs)], cwd=tree, env=environment, capture_output=True, text=True
    )
    if result.returncode:
        raise SystemExit(f"write_report in {tree} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def side_by_side():
    with tempfile.TemporaryDirectory() as folder:
        before = tree_of(BEFORE, Path(folder) / "before")
        found = {"before": [], "now": []}
        for _ in range(2):  # taking turns, so that a drift in this machine's speed weighs on each alike
            for name, tree in (("before", before), ("now", ROOT)):
                found[name].append(time_write_report(tree, RUNS))
    return {name: (statistics.median(r["seconds"] for r in runs), runs[0]["pages"]) for name, runs in found.items()}


def word_timings():
    from bench.councils import bench_councils

    with bench_councils() as (demo, _large):
        from docx import Document

        from bench.large_council import build_large_council
        from objectives.rules.scoring import reviews_to_compare
        from reports.report import report_docx

        nps_sized = build_large_council(objectives=59, key_areas=11, themes=4, reviews=10, first_year=2001)
        found = {}
        for name, review, runs in (("demo", demo, 9), ("59 objectives, 10 years", nps_sized, 5)):
            earlier = reviews_to_compare(review, published_only=True)
            report_docx(review, earlier=earlier)  # warm imports
            taken = []
            for _ in range(runs):
                gc.collect()
                start = time.perf_counter()
                content = report_docx(review, earlier=earlier)
                taken.append(time.perf_counter() - start)
            document = Document(io.BytesIO(content))
            found[name] = (statistics.median(taken), len(content), len(document.tables), len(document.inline_shapes))
        return found


def main():
    print("Committee pack, median times")
    for name, (seconds, size, tables, pictures) in word_timings().items():
        print(f"  Word pack, {name:<24} {seconds:6.3f} s ({size / 1024:,.0f} KiB, {tables} tables, {pictures} charts)")
    results = side_by_side()
    (before, before_pages), (now, now_pages) = results["before"], results["now"]
    print(
        f"  the seed's PDF by write_report, side by side: {BEFORE} ({before_pages} pages) {before:6.3f} s; "
        f"the pack ({now_pages} pages) {now:6.3f} s; the pack / {BEFORE} {now / before:.2f}"
    )
    print(
        f"  target: the seed's pack renders in fewer seconds than {BEFORE}'s report: {'yes' if now < before else 'NO'}"
    )


if __name__ == "__main__":
    main()
