"""The charts of the dashboard and the committee report, drawn on the server as SVG from `objectives.queries.figures`.

`selection.charts_for(figures)` decides which charts a scope shows on screen, `summary_charts` the pack's two; each
other module draws one kind of chart and returns a `chart.Chart`, built on the markup helpers of `svg`.
"""
