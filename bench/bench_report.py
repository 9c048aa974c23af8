"""Benchmark the committee report: generation time on the demo data and on a large council, a cached download,
and the overhead of our full path (queries, templates, charts, WeasyPrint) over WeasyPrint alone on the same HTML.

It also times WeasyPrint alone on a 13-row tagged table, the yardstick the report's issue gives ("about 0.15 s
here"), so that the demo's time can be read as a multiple of it on a machine whose speed varies from one run, and one
day, to the next. The issue does not say which table, so there are two: thirteen rows of short cells and no
stylesheet, and the seed's thirteen objectives (long comments and all) as one table in the report's stylesheet.

WeasyPrint alone is timed through the same calls as the full path, with the HTML made beforehand: on CPython 3.11
the same render takes up to a sixth longer or shorter depending only on how deep the stack stands when it starts
(python/cpython#142183 maps frame chunks in and out as calls cross their edges), which is no work of ours.

The report is the committee pack's PDF (`reports/pack.py`). The Word pack, and the seed's pack timed side by side
with the report of the commit before it, are in bench/bench_pack.py.

Run by `make bench` (DJANGO_DEBUG=0), in a throwaway database (bench/councils.py).
"""

import gc
import io
import re
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGETS = {"demo": 0.5, "cached_ms": 50, "overhead": 1.1}
ISSUE_YARDSTICK = 0.15  # seconds: what the issue saw WeasyPrint take alone on "a 13-row tagged table"


def median_seconds(function, runs):
    return interleaved([function], runs)[0]


def interleaved(functions, runs):
    """Return each function's median seconds, the functions taking turns: this machine's speed drifts within a run.

    Each time includes collecting the function's own cyclic garbage, and none of the function before it. A render
    leaves about 0.4 s of garbage on the large council, which Python collects during whatever runs next.
    """
    samples = [[] for _ in functions]
    for _ in range(runs):
        for function, taken in zip(functions, samples, strict=True):
            gc.collect()
            start = time.perf_counter()
            function()
            gc.collect()
            taken.append(time.perf_counter() - start)
    return [statistics.median(taken) for taken in samples]


def without_summary(html):
    """Return the report's HTML less its summary (figures and charts): the cover, the objectives and the appendix."""
    start = html.index('<section class="summary')
    end = html.index('<section class="scorecard')
    return html[:start] + html[end:]


def seed_table_html(html):
    """Return the report's objectives (all its scorecard tables' rows) as one table, and nothing else."""
    head = html[: html.index("<body")]
    tables = re.findall(r'<table class="scorecard">.*?</table>', html, flags=re.DOTALL)
    thead = re.search(r"<thead>.*?</thead>", tables[0], flags=re.DOTALL).group(0)
    rows = "".join(re.search(r"<tbody>(.*?)</tbody>", table, flags=re.DOTALL).group(1) for table in tables)
    return f'{head}<body><table class="scorecard">{thead}<tbody>{rows}</tbody></table></body></html>'


def yardstick_html():
    """A 13-row tagged table of short cells, with nothing of ours: what WeasyPrint alone takes for a small table."""
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

        from objectives.rules.scoring import reviews_to_compare
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

        def render_yardstick():
            return HTML(string=yardstick).write_pdf(pdf_variant="pdf/ua-1")

        render_yardstick()  # warm WeasyPrint's default fonts

        for name, review, runs in (("demo", demo, 11), ("large", large, 3)):
            earlier = reviews_to_compare(review, user=manager)
            html = report_html(review, earlier=earlier)
            html_to_pdf(html)  # warm fonts and imports

            def full_path(review=review):
                cache.clear()
                return report_pdf(review, earlier=reviews_to_compare(review, user=manager))

            def weasyprint_alone(review=review, html=html, earlier=earlier):
                """The full path with our part done beforehand, so that the render starts as deep in the stack."""
                cache.clear()
                with mock.patch("reports.report.report_html", return_value=html):
                    return report_pdf(review, earlier=earlier)

            def ours(review=review):
                """Our part of the full path: queries, templates, charts and the cache, all but the render."""
                cache.clear()
                return report_html(review, earlier=reviews_to_compare(review, user=manager))

            # Taking turns, so that a drift in this machine's speed weighs on each alike.
            compared = [full_path, weasyprint_alone]
            if name == "demo":
                seed_table, tables = seed_table_html(html), without_summary(html)
                compared += [
                    render_yardstick,
                    lambda seed_table=seed_table: html_to_pdf(seed_table),
                    lambda tables=tables: html_to_pdf(tables),
                ]
            full, floor, *demo_only = interleaved(compared, runs)
            ours_s = median_seconds(ours, 11)
            pages = len(PdfReader(io.BytesIO(full_path())).pages)
            # A render varies by a tenth or more from one run to the next here, more than our part weighs: the
            # overhead is also given by parts, our part measured on its own over the render measured on its own.
            by_parts = (floor + ours_s) / floor
            results[name] = (full, floor, by_parts)
            if demo_only:
                yardstick_s, seed_table_s, tables_s = demo_only
                seed_rows = seed_table.count("<tr") - 1
                print(
                    f"  yardsticks, WeasyPrint alone on a 13-row tagged table: of short cells {yardstick_s:6.3f} s; "
                    f"the seed's {seed_rows} objectives, in the report's stylesheet {seed_table_s:6.3f} s"
                )
            print(
                f"  {name:<6} {review.assessments.count():4d} objectives ({pages} pages): full path {full:6.3f} s"
                + (
                    f" ({full / yardstick_s:.1f} x the short table, {full / seed_table_s:.1f} x the seed's)"
                    if demo_only
                    else ""
                )
                + f"; WeasyPrint alone {floor:6.3f} s; full path / WeasyPrint alone {full / floor:.3f}"
            )
            print(
                f"         our part alone (queries, templates, charts) {ours_s:6.3f} s: "
                f"overhead ratio by parts {by_parts:.3f}"
            )
            if demo_only:
                print(
                    f"         without its summary (cover, objectives' tables, appendix): WeasyPrint alone "
                    f"{tables_s:6.3f} s ({tables_s / yardstick_s:.1f} x the short table)"
                )
        url = f"{demo.get_absolute_url()}report.pdf"
        client.get(url)
        cached_ms = median_seconds(lambda: client.get(url), 30) * 1000
        large_url = f"{large.get_absolute_url()}report.pdf"
        client.get(large_url)
        cached_large_ms = median_seconds(lambda: client.get(large_url), 5) * 1000
        print(f"  cached download, whole request: demo {cached_ms:.1f} ms, large council {cached_large_ms:.1f} ms")
        demo_full, (large_full, large_floor, large_by_parts) = results["demo"][0], results["large"]
        large_ratio = large_full / large_floor
        # The issue set 0.5 s where its 13-row table took 0.15 s: the demo at that speed, under either reading.
        print(
            f"  the demo where a 13-row tagged table takes {ISSUE_YARDSTICK} s: "
            f"{demo_full / seed_table_s * ISSUE_YARDSTICK:.2f} s if it is the seed's objectives, "
            f"{demo_full / yardstick_s * ISSUE_YARDSTICK:.2f} s if it is the table of short cells"
        )
        print(
            f"  targets on this machine: demo under {TARGETS['demo']} s: "
            f"{'yes' if demo_full < TARGETS['demo'] else 'NO'}; "
            f"cached under {TARGETS['cached_ms']} ms: {'yes' if cached_ms < TARGETS['cached_ms'] else 'NO'}; "
            f"large-council overhead at most {TARGETS['overhead']}: "
            f"{'yes' if large_ratio <= TARGETS['overhead'] else 'NO'} "
            f"({large_ratio:.3f}; by parts {large_by_parts:.3f})"
        )


if __name__ == "__main__":
    main()
