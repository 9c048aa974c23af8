"""Build the committee pack (`review_pack`) and the action plan paper (`action_plan_pack`) of a review.

The sections are made by `reports/pack_sections.py`, one function each, in the order of `SECTIONS`; the classes
they are made of are in `reports/pack_content.py`.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format

from objectives.models import FrontSheet, person
from objectives.rules.scoring import reviews_to_compare
from reports import pack_sections
from reports.action_papers import previous_paper
from reports.pack_content import Pack
from reports.pack_front import front_rows


def version(review):
    """Return the pack's version: how many times the review has been signed off (0 for a draft never signed)."""
    return review.history.filter(status="published").exclude(history_type="-").values("published_at").distinct().count()


def control_rows(review, *, theme=None, as_at=None):
    """Return the cover's document-control block: council, framework, year, status, sign-off, generated, version."""
    rows = [("Council", settings.COUNCIL_NAME), ("Framework", review.framework.title), ("Year", str(review.year))]
    if theme is not None:
        rows.append(("Theme", theme.name))
    if review.is_published:
        by = review.published_by
        rows += [
            ("Status", "Published"),
            ("Signed off by", person(by) or "Not recorded"),
            ("Signed off on", date_format(timezone.localdate(review.published_at))),
        ]
    else:
        rows += [("Status", "DRAFT: not signed off"), ("Signed off by", "Not yet"), ("Signed off on", "Not yet")]
    rows += [("Generated on", date_format(as_at or timezone.localdate())), ("Version", str(version(review)))]
    return rows


def heading_of(review, *, main="Procurement Strategy Objectives"):
    """The pack's heading before its year: the committee's words for the main framework, else the framework's name."""
    return main if review.is_of_main_framework else review.framework.name


def review_pack(review, *, earlier, theme=None):
    """Return the committee pack of a review (or of one of its themes), compared with `earlier[0]` if any.

    earlier: the reviews it may compare with, newest first (`reviews_to_compare`): those its reader may see.
    """
    content = pack_sections.Content.gather(review, earlier=earlier, theme=theme)
    scope = f"{review.year}, {theme.name}" if theme else str(review.year)
    sections = [section for make in pack_sections.SECTIONS for section in make(content)]
    return Pack(
        title=f"Procurement scorecard {scope}: {settings.COUNCIL_NAME}",
        heading=f"{heading_of(review)} {scope}",
        subject=f"{review.framework.title}: {settings.COUNCIL_NAME}'s maturity scorecard for {scope}",
        keywords=f"procurement, {heading_of(review, main='National Procurement Strategy')}, {review.framework.name}, "
        f"{review.year}",
        council=settings.COUNCIL_NAME,
        framework=review.framework.title,
        control=control_rows(review, theme=theme, as_at=content.today),
        draft=not review.is_published,
        sections=sections,
        front=front_rows(FrontSheet.for_review(review)),
    )


def action_plan_pack(review):
    """Return the action plan as a paper of its own, "as at" today: for the progress reports between reviews."""
    today = timezone.localdate()
    earlier = reviews_to_compare(review, published_only=True)
    previous = previous_paper(review, earlier[0] if earlier else None)
    sections = pack_sections.action_plan_sections(review, today=today, new_page=True, previous=previous)
    title = f"Procurement action plan {review.year}, as at {date_format(today)}: {settings.COUNCIL_NAME}"
    return Pack(
        title=title,
        heading=f"{heading_of(review, main='Procurement Strategy')} action plan {review.year}",
        subject=f"{review.framework.title}: {settings.COUNCIL_NAME}'s action plan of the {review.year} review",
        keywords=f"procurement, action plan, {review.framework.name}, {review.year}",
        council=settings.COUNCIL_NAME,
        framework=review.framework.title,
        control=[*control_rows(review, as_at=today)[:-2], ("As at", date_format(today))],
        draft=not review.is_published,
        sections=sections,
    )
