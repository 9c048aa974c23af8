"""The one place that calls WeasyPrint: HTML in, tagged PDF bytes out.

Static files (the print stylesheet, fonts) are read from disk through the staticfiles finders; nothing is fetched
over the network, not even from this server.
"""

import mimetypes

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Relative URLs in the report resolve against this made-up origin, which only our fetcher answers.
BASE_URL = "https://report.invalid/"


class StaticFileFetcher(URLFetcher):
    """Answer the report's /static/ URLs from disk; refuse every other URL."""

    def fetch(self, url, headers=None):
        prefix = BASE_URL.rstrip("/") + settings.STATIC_URL
        if not url.startswith(prefix):
            raise ValueError(f"the report may only use static files, not {url}")
        path = finders.find(url.removeprefix(prefix).split("?")[0])
        if not path:
            raise ValueError(f"no static file at {url}")
        with open(path, "rb") as file:
            body = file.read()
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


def html_to_pdf(html):
    """Render final HTML to a tagged, accessible PDF (PDF/UA-1); its title comes from <title>."""
    fonts = FontConfiguration()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFileFetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1", font_config=fonts)
