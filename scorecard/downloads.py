"""A file the app makes for one reader (a report, an export): always a download, never kept by a shared cache."""

import io

from django.http import FileResponse


def download_name(*parts, extension):
    """Name a download for what it is, its parts joined by hyphens: ("procurement-scorecard", 2021, "enablers")
    and "pdf" make procurement-scorecard-2021-enablers.pdf; a part that is None or "" is left out."""
    return "-".join(str(part) for part in parts if part not in (None, "")) + f".{extension}"


def private_download(data, *, filename, content_type):
    """Return the bytes (or an open file) as an attachment named `filename`, with Cache-Control: private, no-store.

    Never shown inline, and `nosniff`, so that the browser takes the content type given, whatever the bytes say.
    """
    data = io.BytesIO(data) if isinstance(data, bytes) else data
    response = FileResponse(data, as_attachment=True, filename=filename, content_type=content_type)
    response["Cache-Control"] = "private, no-store"  # a council's papers stay out of shared caches
    response["X-Content-Type-Options"] = "nosniff"
    return response
