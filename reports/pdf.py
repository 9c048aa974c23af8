"""The one place that calls WeasyPrint: HTML in, tagged PDF bytes out, with the report's print stylesheet.

Static files (the print stylesheet, its fonts) are read from disk through the staticfiles finders, and the charts
come inside the HTML as data: URLs; nothing is fetched over the network, not even from this server.
"""

import hashlib
import mimetypes

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Relative URLs in the report resolve against this made-up origin, which only our fetcher answers.
BASE_URL = "https://report.invalid/"
PRINT_STYLESHEET = "css/report.css"


class StaticFileFetcher(URLFetcher):
    """Answer the report's /static/ URLs from disk and its data: URLs (the charts); refuse every other URL."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
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


def stylesheet_digest():
    """Return the hash of the print stylesheet, which a cached report depends on as much as on its HTML."""
    with open(finders.find(PRINT_STYLESHEET), "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


def html_to_pdf(html):
    """Render final HTML to a tagged, accessible PDF (PDF/UA-1); its title comes from <title>."""
    fetcher, fonts = StaticFileFetcher(), FontConfiguration()
    stylesheet_url = BASE_URL.rstrip("/") + settings.STATIC_URL + PRINT_STYLESHEET
    stylesheet = CSS(url=stylesheet_url, url_fetcher=fetcher, font_config=fonts)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[stylesheet], pdf_variant="pdf/ua-1", font_config=fonts)
