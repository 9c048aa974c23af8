"""The one place that calls WeasyPrint: HTML in, tagged PDF bytes out, with the report's print stylesheet.

Static files (the print stylesheet, fonts) are read from disk through the staticfiles finders, and the charts come
inside the HTML as data: URLs; nothing is fetched over the network, not even from this server.

The stylesheet is parsed, and its four fonts loaded, once per thread rather than once per report: that was a tenth
to a fifth of the demo report's time. Once per thread, not per process, because the fonts' Pango objects are not
to be shared between threads rendering at once, and a lock would keep a small report waiting behind a large one.

WeasyPrint's layout recurses deeply, and CPython 3.11 and 3.12 keep their frames in 16 KiB chunks, mapping one in
when a call crosses into it and unmapping it when that call returns (python/cpython#142183, fixed for 3.13 and 3.14
in 2026). A render going back and forth across a chunk's edge mapped fresh memory in thousands of times: 8,000 page
faults on the demo instead of 7, and 5% to 15% of its time, more or less depending on how deep its caller stood. So
the render runs in a frame that reserves a 1 MiB chunk of its own, with 520 KiB of it free for the render's calls.

WeasyPrint makes hundreds of thousands of objects; with Python's default thresholds the cyclic garbage collector
ran 76 times during the demo report, which took 3% to 13% of its time (measured with gc.callbacks), the more so in
a process holding much else. A render raises the thresholds, then puts them back.
"""

import gc
import hashlib
import mimetypes
import os
import threading
from contextlib import contextmanager
from typing import NamedTuple

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Relative URLs in the report resolve against this made-up origin, which only our fetcher answers.
BASE_URL = "https://report.invalid/"
PRINT_STYLESHEET = "css/report.css"

RENDER_GC_THRESHOLDS = (100_000, 50, 100)  # Python's defaults are (700, 10, 10)
_gc_lock = threading.Lock()
_gc_state = {"renders": 0, "thresholds": None}  # renders under way in this process, and the thresholds before them


class PrintStyles(NamedTuple):
    fonts: FontConfiguration
    stylesheet: CSS
    digest: str  # of the stylesheet's text: a report made with another stylesheet is another report


_local = threading.local()  # .key: the stylesheet's path and modification time; .styles: its PrintStyles


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


def _print_styles():
    """Return the fonts and the parsed print stylesheet, parsed again only when the file changes (in development)."""
    path = finders.find(PRINT_STYLESHEET)
    key = (path, os.stat(path).st_mtime_ns)
    if getattr(_local, "key", None) != key:
        with open(path, "rb") as file:
            text = file.read()
        fonts = FontConfiguration()
        url = BASE_URL.rstrip("/") + settings.STATIC_URL + PRINT_STYLESHEET
        stylesheet = CSS(string=text.decode(), base_url=url, url_fetcher=StaticFileFetcher(), font_config=fonts)
        _local.key, _local.styles = key, PrintStyles(fonts, stylesheet, hashlib.sha256(text).hexdigest())
    return _local.styles


def stylesheet_digest():
    """Return the hash of the print stylesheet, which a cached report depends on as much as on its HTML."""
    return _print_styles().digest


@contextmanager
def fewer_collections():
    """Raise the collector's thresholds while any render is under way; the last to finish puts them back."""
    with _gc_lock:
        if _gc_state["renders"] == 0:
            _gc_state["thresholds"] = gc.get_threshold()
            gc.set_threshold(*RENDER_GC_THRESHOLDS)
        _gc_state["renders"] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_state["renders"] -= 1
            if _gc_state["renders"] == 0:
                gc.set_threshold(*_gc_state["thresholds"])


def with_stack_room(function, *args, **kwargs):
    """Call function(*args, **kwargs) where its calls do not cross from one chunk of CPython's frames to the next."""
    return function(*args, **kwargs)


# This frame claims 64,600 more stack slots than it uses, so CPython gives it a chunk of its own of 1 MiB (a chunk is
# the frame plus 1,000 slots, rounded up to 16 KiB times a power of two), and the calls made from it have the other
# 66,000 slots (520 KiB) to themselves. Claiming too many is safe: the slots are reserved, never read (only an
# exception passing through, which makes a frame object of that size, costs 520 KiB more, and only then).
STACK_ROOM_SLOTS = 64_600
with_stack_room.__code__ = with_stack_room.__code__.replace(
    co_stacksize=with_stack_room.__code__.co_stacksize + STACK_ROOM_SLOTS
)


def _render(html, fonts, stylesheet):
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFileFetcher())
    return document.write_pdf(stylesheets=[stylesheet], pdf_variant="pdf/ua-1", font_config=fonts)


def html_to_pdf(html):
    """Render final HTML to a tagged, accessible PDF (PDF/UA-1); its title comes from <title>."""
    fonts, stylesheet, _digest = _print_styles()
    with fewer_collections():
        return with_stack_room(_render, html, fonts, stylesheet)
