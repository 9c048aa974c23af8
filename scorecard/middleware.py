from django.conf import settings
from django.http import HttpResponse


class RequestSizeLimitMiddleware:
    """Refuse a request body larger than the largest upload allowed, before Django reads it (413)."""

    def __init__(self, get_response):
        self.get_response = get_response
        # The file itself, plus room for the form's other fields and the multipart boundaries.
        self.limit = settings.UPLOAD_MAX_BYTES + 64 * 1024

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > self.limit:
            megabytes = settings.UPLOAD_MAX_BYTES / (1024 * 1024)
            return HttpResponse(
                f"The upload is too large: files of up to {megabytes:g} MB are accepted.\n",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
