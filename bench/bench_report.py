"""Benchmark the committee report: generation time on the demo data and on a large council, a cached download,
and the overhead of our full path (queries, templates, charts, WeasyPrint) over WeasyPrint alone on the same HTML.

It also times WeasyPrint alone on a 13-row tagged table, the yardstick the report's issue gives (about 0.15 s), so
that the demo's time can be read as a multiple of it on a machine whose speed varies from one run to the next.

Run by `make bench` (DJANGO_DEBUG=0), in a throwaway database (bench/councils.py).
"""

import gc
import io
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


def yardstick_html():
    """A 13-row tagged table, with nothing of ours: what WeasyPrint alone takes for a small table."""
    rows = "".join(
        f"<tr><td>{i}</td><td>Objective {i}</td><td>The extent to which the council does thing {i}.</td>"
        "<td>3 Mature</td></tr>"
        for i in range(1, 14)
    )
    return (
        '<html lang="en"><head><title>Yardstick</title></head><body><table><thead><tr><th>#</th><th>Objective</th>'
        f"<th>Description</th><th>Score</th></tr></thead><tbody>{rows}</tbody></table></body></html>"
    )


def main():
    from bench.councils import bench_councils

    with bench_councils() as (demo, large):
        from django.contrib.auth.models import User
        from django.core.cache import cache
        from django.test import Client
        from pypdf import PdfReader
        from weasyprint import HTML

        from reports.pdf import html_to_pdf
        from reports.report import report_html, report_pdf

        manager = User.objects.get(username="bench-manager")
        client = Client(HTTP_HOST="localhost")
        client.force_login(manager)
        print("Committee report (PDF), median times")
        results = {}
        # The benchmark's own set-up (two councils, thousands of rows) is not the report's garbage: without this,
        # every full collection during a render would walk it, which a server process does not hold.
        gc.collect()
        gc.freeze()
        yardstick = yardstick_html()
        HTML(string=yardstick).write_pdf(pdf_variant="pdf/ua-1")
        yardstick_s = median_seconds(lambda: HTML(string=yardstick).write_pdf(pdf_variant="pdf/ua-1"), 11)
        print(f"  yardstick: WeasyPrint alone on a 13-row tagged table {yardstick_s:6.3f} s")
        for name, review, runs in (("demo", demo, 11), ("large", large, 3)):
            html = report_html(review, user=manager)
            html_to_pdf(html)  # warm fonts and imports

            def full_path(review=review):
                cache.clear()
                return report_pdf(review, user=manager)

            full = median_seconds(full_path, runs)
            floor = median_seconds(lambda html=html: html_to_pdf(html), runs)
            pages = len(PdfReader(io.BytesIO(full_path())).pages)
            results[name] = (full, floor)
            print(
                f"  {name:<6} {review.assessments.count():4d} objectives: full path {full:6.3f} s "
                f"({full / yardstick_s:.1f} x the yardstick), WeasyPrint alone {floor:6.3f} s, "
                f"overhead ratio {full / floor:.3f} ({pages} pages)"
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
