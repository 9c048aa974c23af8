"""A file the app makes for one reader (a report, an export): always a download, never kept by a shared cache."""

import io

from django.http import FileResponse


def private_download(data, *, filename, content_type):
    """Return the bytes as an attachment named `filename`, with Cache-Control: private, no-store."""
    response = FileResponse(io.BytesIO(data), as_attachment=True, filename=filename, content_type=content_type)
    response["Cache-Control"] = "private, no-store"  # a council's papers stay out of shared caches
    return response
