import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)


class RequestSizeLimitMiddleware:
    """Refuse a request body larger than the largest upload allowed, before Django reads it (413)."""

    def __init__(self, get_response):
        self.get_response = get_response
        # The file itself, plus room for the form's other fields and the multipart boundaries.
        self.limit = settings.SCORECARD_IMPORT_MAX_BYTES + 64 * 1024

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > self.limit:
            megabytes = settings.SCORECARD_IMPORT_MAX_BYTES / (1024 * 1024)
            return HttpResponse(
                f"The upload is too large: files of up to {megabytes:g} MB are accepted.\n",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """Answer 503 with a page that says so, when the database cannot be reached, instead of a bare 500.

    The request's transaction is rolled back by then, so nothing is half-written; the next request reconnects.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("Database unavailable for %s %s: %s", request.method, request.path, exception)
        response = render(request, "503.html", status=503)
        response["Retry-After"] = "30"
        return response
