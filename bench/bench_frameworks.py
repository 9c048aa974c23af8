"""Benchmark several frameworks a year: the large council's scorecard, dashboard and committee pack, with one
framework and then with a second one reviewed in the same ten years, must make the same number of queries.

Run by `make bench` (DJANGO_DEBUG=0), in the throwaway database of `bench.councils`. It prints each page's median
server time and queries with one framework, then with two (for both frameworks' reviews), and the ratios; it exits
non-zero if a page's queries differ, which would mean some query reads every framework's reviews.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PAGES = [("scorecard", "", 20), ("dashboard", "dashboard/", 20), ("pack (PDF)", "report.pdf", 3)]


def measure(client, review):
    """Return {page: (median ms, queries)} of the review's pages."""
    from bench.bench_dashboard import timed

    return {name: timed(client, f"{review.get_absolute_url()}{path}", runs=runs) for name, path, runs in PAGES}


def main():
    from bench.councils import bench_councils

    with bench_councils() as (_demo, large):  # Django is set up from here on
        from django.contrib.auth.models import User
        from django.test import Client

        from bench.large_council import build_large_council

        client = Client(HTTP_HOST="localhost")
        client.force_login(User.objects.get(username="bench-manager"))
        print(f"Several frameworks a year: the large council, {large.assessments.count()} objectives, 10 reviews")
        alone = measure(client, large)
        second = build_large_council(name="Second framework", slug="second-framework", seed=2023)
        assert second.year == large.year and second.framework != large.framework
        beside = measure(client, large)
        other = measure(client, second)
        failed = []
        for name, _path, _runs in PAGES:
            (ms_1, q_1), (ms_2, q_2), (ms_o, q_o) = alone[name], beside[name], other[name]
            print(
                f"  {name:<11} one framework {ms_1:8.1f} ms {q_1:3d} queries | two: {ms_2:8.1f} ms {q_2:3d} queries "
                f"(x{ms_2 / ms_1:.2f}) | the second's own {ms_o:8.1f} ms {q_o:3d} queries"
            )
            if not q_1 == q_2 == q_o:
                failed.append(name)
        if failed:
            sys.exit(f"With two frameworks a year, {', '.join(failed)} made a different number of queries.")
        print("  the same number of queries with two frameworks a year as with one, on every page")


if __name__ == "__main__":
    main()
