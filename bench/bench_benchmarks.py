"""Benchmark the benchmarks: 300 councils' returns (every English council, near enough) imported as a set, and the
large council's dashboard with that set beside it.

Run by `make bench` (DJANGO_DEBUG=0), in the throwaway database of `bench.councils`. It prints the import's time for
100, 200 and 300 returns (it should grow in line with them), and the dashboard's median time and queries without a
set and with one; it exits non-zero if the set costs more than its one query, whatever its size.
"""

import datetime
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def returns_of(review, count, *, seed=2025):
    """Return `count` councils' returns (name, bytes) of the review's framework: its own rows, scores shuffled."""
    from objectives.benchmarks.returns import as_json, council_id, review_return

    rng, mine = random.Random(seed), review_return(review)
    top = mine["levels"]["highest"]
    files = []
    for n in range(count):
        rows = [
            dict(row, score=rng.randint(1, top) if row["item_kind"] == "objective" else None) for row in mine["rows"]
        ]
        data = dict(mine, council=council_id(f"Council {n}"), rows=rows)
        files.append((f"council-{n}.json", as_json(data)))
    return files


def import_time(files, *, source):
    from objectives.benchmarks.reading import read_files
    from objectives.services.benchmarks import load, plan

    start = time.perf_counter()
    planned = plan(read_files(files), source=source, as_at=datetime.date(2026, 11, 30))
    assert not planned.problems, planned.problems[:3]
    load(planned, by=None)
    return (time.perf_counter() - start) * 1000


def main():
    from bench.councils import bench_councils

    with bench_councils() as (_demo, large):
        from django.contrib.auth.models import User
        from django.test import Client

        from bench.bench_dashboard import timed
        from objectives.models import BenchmarkSet, Review

        review = Review.objects.filter(framework=large.framework, status="published").order_by("-year").first()
        client = Client(HTTP_HOST="localhost")
        client.force_login(User.objects.get(username="bench-manager"))
        url = f"{review.get_absolute_url()}dashboard/"
        print(f"Benchmarks: the large council's {review.year} review, {review.assessments.count()} objectives")
        alone_ms, alone_q = timed(client, url)
        files = returns_of(review, 300)
        times = {count: import_time(files[:count], source=f"{count} councils") for count in (100, 200, 300)}
        per = {count: ms / count for count, ms in times.items()}
        print(
            "  import: "
            + ", ".join(f"{count} returns {ms:7.0f} ms ({per[count]:.2f} ms a return)" for count, ms in times.items())
        )
        BenchmarkSet.objects.exclude(source="300 councils").delete()
        with_ms, with_q = timed(client, url)
        assert b"300 councils" in client.get(url).content
        print(
            f"  dashboard: without a set {alone_ms:6.1f} ms {alone_q} queries | with 300 councils' set "
            f"{with_ms:6.1f} ms {with_q} queries"
        )
        if with_q != alone_q + 1:
            sys.exit(f"The dashboard made {with_q} queries with the set, not {alone_q} and the set's one.")
        if per[300] > 2 * per[100]:
            sys.exit("The import grew faster than its returns.")


if __name__ == "__main__":
    main()
