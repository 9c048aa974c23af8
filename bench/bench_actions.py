"""Benchmark the action plan page's server time, and the dashboard with its actions: the demo data against a
large council (200 objectives, 10 reviews, three actions an objective a review with progress notes, the open ones
carried forward).

Run by `make bench` (DJANGO_DEBUG=0), on the throwaway database of `bench.councils`. It prints the median time of
each request through Django's test client, its queries, and whether the large council's plan makes the same number
of queries as the demo's and stays within the budget.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
BUDGET_MS = 100


def main():
    from bench.bench_dashboard import run_cases
    from bench.councils import bench_councils

    with bench_councils() as (demo, large):
        cases = [
            (f"plan, demo data: {demo.actions.count()} actions", f"/reviews/{demo.year}/actions/"),
            (f"plan, large council: {large.actions.count()} actions", f"/reviews/{large.year}/actions/"),
            ("plan, large council, sorted by due date", f"/reviews/{large.year}/actions/?sort=due"),
            ("plan, large council, red only", f"/reviews/{large.year}/actions/?rag=red"),
            ("dashboard, demo data", f"/reviews/{demo.year}/dashboard/"),
            ("dashboard, large council", f"/reviews/{large.year}/dashboard/"),
        ]
        results = run_cases("Action plans", cases)
        (demo_ms, demo_queries), (large_ms, large_queries) = results[:2]
        print(f"  ratio large council / demo data (plan): {large_ms / demo_ms:.1f}x")
        verdict = "within" if large_ms < BUDGET_MS else "OVER"
        print(
            f"  large council's plan {verdict} the {BUDGET_MS} ms budget; queries {large_queries}, demo {demo_queries}"
        )
        if large_queries != demo_queries:
            sys.exit("The large council's action plan makes more queries than the demo's: some query grows with size.")


if __name__ == "__main__":
    main()
