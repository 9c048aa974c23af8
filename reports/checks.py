"""System checks (`manage.py check`, and every runserver or migrate) for what the committee report needs."""

from django.core import checks


@checks.register()
def harfbuzz_subset_installed(app_configs=None, **kwargs):
    """Warn when WeasyPrint falls back to fontTools to subset the report's fonts: a tenth slower, and deprecated."""
    from weasyprint.text import ffi

    if ffi.harfbuzz_subset is not None:
        return []
    return [
        checks.Warning(
            "HarfBuzz-Subset is not installed, so WeasyPrint subsets the report's fonts with fontTools, which "
            "makes every PDF report about a tenth slower.",
            hint="Install it with the system's package manager: on Debian, apt-get install libharfbuzz-subset0.",
            id="reports.W001",
        )
    ]
