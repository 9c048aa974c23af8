"""The pack's "Where we stand": the review's scores in the benchmark set's spread, in a published review's pack only
(a draft's scores are not yet the council's to compare), as the dashboard shows them to the procurement team."""

from django.utils.formats import date_format

from objectives.queries.benchmarks import benchmark_for
from reports.benchmarks import comparison
from reports.charts.benchmark import benchmark_chart, standing_table
from reports.pack_content import Column, Figure, Para, Section, Table

WIDTHS = [24, 8, 8, 8, 8, 8, 8, 8, 20]


def _table(name, standings, first):
    data = standing_table(standings, first)
    columns = [
        Column(heading, width, 0 < i < 8) for i, (heading, width) in enumerate(zip(data.columns, WIDTHS, strict=True))
    ]
    return Table(name, columns, data.rows, first_column_heads=True)


def where_we_stand(content):
    """The comparison with the benchmark set, for a published review with a set of its framework; nothing otherwise."""
    if not content.review.is_published:
        return []
    compared = comparison(content.figures, benchmark_for(content.review))
    if compared is None:
        return []
    found = compared.set
    intro = Para(
        f"Against {found.source}: {found.councils} councils' {found.framework.name} {found.year} scores, as at "
        f"{date_format(found.as_at)}. Each score is placed in the councils' spread, never ranked; one scored by too "
        "few councils reads so."
    )
    blocks = [intro, *([Para(compared.derived_note, "note")] if compared.derived_from else [])]
    if compared.key_areas:
        blocks += [Figure(benchmark_chart(compared, levels=content.levels, chart_id="pack-benchmark"))]
        blocks += [_table("benchmark", compared.key_areas, "Key area")]
    if compared.objectives:
        blocks += [Para("Each objective", "label"), _table("benchmark", compared.objectives, "Objective")]
    return [Section("Where we stand", blocks=blocks, name="benchmark")]
