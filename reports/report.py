"""The committee pack of a review as a PDF and as a Word document, and the action plan paper: both rendered from
one description (`reports/pack.py`), the PDF cached against what it says."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string

from reports.docx import pack_docx
from reports.pack import action_plan_pack, review_pack
from reports.pdf import html_to_pdf, stylesheet_digest
from scorecard.downloads import download_name

TEMPLATE = "reports/pdf/pack.html"


def filename(review, theme=None, *, extension="pdf"):
    """Name the pack for what it is: procurement-scorecard-2021.pdf, or ...-2021-enablers.docx."""
    return download_name("procurement-scorecard", *review.name_parts, theme and theme.slug, extension=extension)


def action_plan_filename(review, *, extension="pdf"):
    return download_name("procurement-action-plan", *review.name_parts, extension=extension)


def pack_html(pack):
    return render_to_string(TEMPLATE, {"pack": pack})


def report_html(review, *, earlier, theme=None):
    return pack_html(review_pack(review, earlier=earlier, theme=theme))


def pack_pdf(pack):
    """Return the pack's PDF, rendering it only when its HTML differs from every pack made before.

    The cache key is the hash of the final HTML and of the print stylesheet, so a pack is never stale: any edit
    changes the HTML.
    """
    html = pack_html(pack)
    key = "report-pdf:" + hashlib.sha256(f"{stylesheet_digest()}\n{html}".encode()).hexdigest()
    pdf = cache.get(key)
    if pdf is None:
        pdf = html_to_pdf(html)
        cache.set(key, pdf, timeout=settings.REPORT_CACHE_SECONDS)
    return pdf


def report_pdf(review, *, earlier, theme=None):
    return pack_pdf(review_pack(review, earlier=earlier, theme=theme))


def report_docx(review, *, earlier, theme=None):
    return pack_docx(review_pack(review, earlier=earlier, theme=theme))


def action_plan_pdf(review):
    return pack_pdf(action_plan_pack(review))


def action_plan_docx(review):
    return pack_docx(action_plan_pack(review))
