"""Benchmark the theme dashboard's server time: the demo data against a large council.

Run by `make bench` (DJANGO_DEBUG=0). It builds a throwaway SQLite database in a temporary folder, never
db.sqlite3, and prints the median time of a dashboard request through Django's test client (the whole server
side: middleware, queries, figures, charts and template; no network), its queries, and the ratio between the
two councils.
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
RUNS = 30
BUDGET_MS = 100


def timed(client, url, runs=RUNS):
    """Return the median milliseconds of GET url and the number of queries it made."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):  # warm the template cache and the connection
        assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    queries = len(captured)  # now: the next request empties the connection's log
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    return statistics.median(times), queries


def run_cases(title, cases):
    """Sign in as the bench's manager, time each (name, url) case and print it; return [(median ms, queries)]."""
    import django
    from django.contrib.auth.models import User
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(username="bench-manager"))
    results = []
    print(f"{title}, server time: median of {RUNS} requests (DEBUG={django.conf.settings.DEBUG})")
    for name, url in cases:
        median, queries = timed(client, url)
        results.append((median, queries))
        print(f"  {name:<52} {median:7.1f} ms  {queries:2d} queries")
    return results


def main():
    from bench.councils import bench_councils

    with bench_councils() as (demo, large):
        cases = [
            (f"demo data: {demo.assessments.count()} objectives, 1 review", f"{demo.get_absolute_url()}dashboard/"),
            (
                f"large council: {large.assessments.count()} objectives, 10 reviews",
                f"{large.get_absolute_url()}dashboard/",
            ),
            ("large council, one theme", f"{large.get_absolute_url()}dashboard/?theme=theme-1"),
        ]
        results = run_cases("Theme dashboard", cases)
        (demo_ms, demo_queries), (large_ms, large_queries) = results[:2]
        print(f"  ratio large council / demo data: {large_ms / demo_ms:.1f}x")
        verdict = "within" if large_ms < BUDGET_MS else "OVER"
        print(f"  large council {verdict} the {BUDGET_MS} ms budget; queries {large_queries} vs demo {demo_queries}")
        if large_queries != demo_queries:
            sys.exit("The large council's dashboard makes more queries than the demo's: some query grows with size.")


if __name__ == "__main__":
    main()
