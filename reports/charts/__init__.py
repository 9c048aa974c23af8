"""The charts of the dashboard and the committee report, drawn on the server as SVG from `reports.figures`.

`selection.charts_for(figures, medium=...)` decides which charts a scope shows on screen or on paper; each other
module draws one kind of chart and returns a `chart.Chart`, built on the markup helpers of `svg`.
"""
