"""Benchmark the action plan page's server time, and the dashboard with its actions: the demo data against a
large council (200 objectives, 10 reviews, three actions an objective a review with progress notes, the open ones
carried forward).

Run by `make bench` (DJANGO_DEBUG=0), on the throwaway database of `bench.councils`. It prints the median time of
each request through Django's test client, its queries, and whether the large council's plan and dashboard make the
same number of queries as the demo's and stay within the budget. The plan's page lists 100 actions at a time (the
counts by RAG are of all of them), and the dashboard the ten longest overdue.
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
            (f"plan, demo data: {demo.actions.count()} actions", f"{demo.get_absolute_url()}actions/"),
            (f"plan, large council: {large.actions.count()} actions", f"{large.get_absolute_url()}actions/"),
            ("plan, large council, sorted by due date", f"{large.get_absolute_url()}actions/?sort=due"),
            ("plan, large council, red only", f"{large.get_absolute_url()}actions/?rag=red"),
            ("plan, large council, its last page", f"{large.get_absolute_url()}actions/?page=999"),
            ("dashboard, demo data", f"{demo.get_absolute_url()}dashboard/"),
            ("dashboard, large council", f"{large.get_absolute_url()}dashboard/"),
        ]
        results = run_cases("Action plans", cases)
        (demo_ms, demo_queries), (large_ms, large_queries) = results[:2]
        print(f"  ratio large council / demo data (plan): {large_ms / demo_ms:.1f}x")
        verdict = "within" if large_ms < BUDGET_MS else "OVER"
        print(
            f"  large council's plan {verdict} the {BUDGET_MS} ms budget; queries {large_queries}, demo {demo_queries}"
        )
        dashboard_ms, dashboard_queries = results[-1]
        verdict = "within" if dashboard_ms < BUDGET_MS else "OVER"
        print(f"  large council's dashboard with its actions {verdict} the {BUDGET_MS} ms budget")
        if large_queries != demo_queries or dashboard_queries != results[-2][1]:
            sys.exit("The large council's plan or dashboard makes more queries than the demo's: some query grows.")


if __name__ == "__main__":
    main()
