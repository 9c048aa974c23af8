import logging

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve

logger = logging.getLogger(__name__)

# The pages that take an evidence file, whose limit is SCORECARD_EVIDENCE_MAX_BYTES; every other request's body is
# limited to the largest spreadsheet import, SCORECARD_IMPORT_MAX_BYTES.
EVIDENCE_UPLOADS = {"objectives:evidence_new", "objectives:evidence_edit"}
ROOM = 64 * 1024  # the form's other fields and the multipart boundaries


def too_large(limit):
    return HttpResponse(
        f"The upload is too large: files of up to {limit / (1024 * 1024):g} MB are accepted.\n",
        status=413,
        content_type="text/plain; charset=utf-8",
    )


class FileSizeLimitHandler(FileUploadHandler):
    """Stop reading an upload the moment one file passes the limit, and mark the request to be refused (413)."""

    def __init__(self, request, limit):
        super().__init__(request)
        self.limit, self.received = limit, 0

    def new_file(self, *args, **kwargs):
        self.received = 0
        return super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None


class RequestSizeLimitMiddleware:
    """Refuse a request body larger than the largest upload allowed, before Django reads it (413).

    An evidence upload's body may carry a file up to SCORECARD_EVIDENCE_MAX_BYTES; as its body is read, the
    reading stops at the first byte over that limit, and the request is refused before any view sees it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def limit(self, request):
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return settings.SCORECARD_IMPORT_MAX_BYTES, False
        if match.view_name in EVIDENCE_UPLOADS:
            return settings.SCORECARD_EVIDENCE_MAX_BYTES, True
        return settings.SCORECARD_IMPORT_MAX_BYTES, False

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit, evidence = self.limit(request) if length else (settings.SCORECARD_IMPORT_MAX_BYTES, False)
        if length > limit + ROOM:
            return too_large(limit)
        if evidence and request.method == "POST":
            request.upload_handlers.insert(0, FileSizeLimitHandler(request, limit))
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        # Before the CSRF check reads the form: a body stopped at the limit is refused, not half-read as valid.
        if request.method == "POST" and any(isinstance(h, FileSizeLimitHandler) for h in request.upload_handlers):
            request.FILES  # noqa: B018 (reads the body through the handler above)
            if getattr(request, "upload_too_large", False):
                return too_large(settings.SCORECARD_EVIDENCE_MAX_BYTES)
        return None


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
