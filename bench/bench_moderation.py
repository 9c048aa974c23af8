"""Benchmark own scores: the large council's scorecard with no own score, then with five own scores per objective
(some far apart, flagged), must make the same number of queries, and should stay under 100 ms.

Run by `make bench` (DJANGO_DEBUG=0), in the throwaway database of `bench.councils`. It prints the scorecard's
median server time and queries without own scores and with them, the flagged filter's, and the pack's; it exits
non-zero if the scorecard's or the pack's number of queries differs, which would mean a query per objective or per
own score.
"""

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

VOICES = 5
PAGES = [("scorecard", "", 20), ("flagged only", "?flagged=on", 20), ("pack (PDF)", "report.pdf", 3)]
# With no own score, the flagged filter shows no row, and the scorecard then asks for no row's evidence: one query
# fewer that has nothing to do with own scores.
COMPARED = ("scorecard", "pack (PDF)")


def measure(client, review):
    from bench.bench_dashboard import timed

    return {name: timed(client, f"{review.get_absolute_url()}{path}", runs=runs) for name, path, runs in PAGES}


def add_own_scores(review):
    """Give every objective of the (draft) review five own scores, by five officers, a third of them far apart."""
    from django.contrib.auth.models import Group, User

    from objectives.models import OwnScore

    rng = random.Random(24)
    group = Group.objects.get(name="Procurement officer")
    officers = []
    for n in range(VOICES):
        officer, _ = User.objects.get_or_create(username=f"bench-officer-{n}")
        officer.groups.add(group)
        officers.append(officer)
    rows = []
    for assessment in review.assessments.all():
        base = rng.randint(1, 4)
        spread = 3 if rng.random() < 1 / 3 else 1
        for officer in officers:
            score = min(5, base + rng.randint(0, spread))
            rows.append(OwnScore(assessment=assessment, scorer=officer, score=score, rationale="Why, in a line."))
    OwnScore.objects.bulk_create(rows)
    return len(rows)


def main():
    from bench.councils import bench_councils

    with bench_councils() as (_demo, large):
        from django.contrib.auth.models import User
        from django.test import Client

        manager = User.objects.get(username="bench-manager")
        if large.is_published:
            large.reopen(by=manager, reason="The bench adds own scores")
        client = Client(HTTP_HOST="localhost")
        client.force_login(manager)
        count = large.assessments.count()
        print(f"Own scores: the large council's latest review, {count} objectives")
        before = measure(client, large)
        added = add_own_scores(large)
        after = measure(client, large)
        failed = []
        for name, _path, _runs in PAGES:
            (ms_0, q_0), (ms_5, q_5) = before[name], after[name]
            print(
                f"  {name:<13} no own score {ms_0:8.1f} ms {q_0:3d} queries | {VOICES} per objective ({added} in all): "
                f"{ms_5:8.1f} ms {q_5:3d} queries (x{ms_5 / ms_0:.2f})"
            )
            if name in COMPARED and q_0 != q_5:
                failed.append(name)
        if failed:
            sys.exit(f"With own scores, {', '.join(failed)} made a different number of queries.")
        ms = after["scorecard"][0]
        print(f"  the same number of queries with own scores as with none; the scorecard's median {ms:.1f} ms")


if __name__ == "__main__":
    main()
