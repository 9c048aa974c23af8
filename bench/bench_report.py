"""Benchmark the committee report: generation time on the demo data and on a large council, a cached download,
and the overhead of our full path (queries, templates, charts, WeasyPrint) over WeasyPrint alone on the same HTML.

Run by `make bench` (DJANGO_DEBUG=0), in a throwaway database (bench/councils.py).
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGETS = {"demo": 0.5, "cached_ms": 50, "overhead": 1.1}


def median_seconds(function, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    from bench.councils import bench_councils

    with bench_councils() as (demo, large):
        from django.contrib.auth.models import User
        from django.core.cache import cache
        from django.test import Client

        from reports.pdf import html_to_pdf
        from reports.report import report_html, report_pdf

        manager = User.objects.get(username="bench-manager")
        client = Client(HTTP_HOST="localhost")
        client.force_login(manager)
        print("Committee report (PDF), median times")
        results = {}
        for name, review, runs in (("demo", demo, 7), ("large", large, 3)):
            html = report_html(review, user=manager)
            html_to_pdf(html)  # warm fonts and imports

            def full_path(review=review):
                cache.clear()
                return report_pdf(review, user=manager)

            full = median_seconds(full_path, runs)
            floor = median_seconds(lambda html=html: html_to_pdf(html), runs)
            pages = full_path().count(b"/Type /Page\n")
            results[name] = (full, floor)
            print(
                f"  {name:<6} {review.assessments.count():4d} objectives: full path {full:6.3f} s, "
                f"WeasyPrint alone {floor:6.3f} s, overhead ratio {full / floor:.3f}"
                + (f" ({pages} pages)" if pages else "")
            )
        url = f"/reviews/{demo.year}/report.pdf"
        client.get(url)
        cached_ms = median_seconds(lambda: client.get(url), 30) * 1000
        large_url = f"/reviews/{large.year}/report.pdf"
        client.get(large_url)
        cached_large_ms = median_seconds(lambda: client.get(large_url), 5) * 1000
        print(f"  cached download, whole request: demo {cached_ms:.1f} ms, large council {cached_large_ms:.1f} ms")
        demo_full, large_ratio = results["demo"][0], results["large"][0] / results["large"][1]
        print(
            f"  targets: demo under {TARGETS['demo']} s: {'yes' if demo_full < TARGETS['demo'] else 'NO'}; "
            f"cached under {TARGETS['cached_ms']} ms: {'yes' if cached_ms < TARGETS['cached_ms'] else 'NO'}; "
            f"large-council overhead at most {TARGETS['overhead']}: "
            f"{'yes' if large_ratio <= TARGETS['overhead'] else 'NO'}"
        )


if __name__ == "__main__":
    main()
