"""The committee pack's one description: what it says, in what order, which both renderers draw.

`review_pack(review, earlier=..., theme=None)` returns a `Pack`: a cover with its document-control rows, then
sections in a committee paper's order, each a heading and its blocks (paragraphs, tables, charts, and the sentence
that stands for a chart left out). `templates/reports/pdf/pack.html` draws it for WeasyPrint and `reports/docx.py`
writes it with python-docx; neither decides anything about the contents, so the two cannot drift apart.

The sections are made by `reports/pack_sections.py`, one function each, in the order of `SECTIONS`.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import dateformat, timezone

from objectives.models import person
from objectives.text import BULLET, NUMBERED, paragraphs


@dataclass
class Para:
    """A paragraph: `style` is body, label (a bold lead-in such as "Comments:"), note (why a chart is left out),
    bullet or number (an item of a list)."""

    text: str
    style: str = "body"
    kind = "para"


@dataclass
class Column:
    heading: str
    width: int  # per cent of the table's width; a table's columns add up to 100
    numeric: bool = False


@dataclass
class Table:
    """A table whose header row repeats on every page it spans; `first_column_heads` marks each row's first cell
    as the row's header. A cell is a list of Paras (a plain string is one)."""

    name: str  # what it is, also its CSS class: scorecard, action-plan, below-target, figures, control
    columns: list
    rows: list
    first_column_heads: bool = False
    kind = "table"

    def cells(self):
        """Return the rows, each cell as (its Paras, its Column)."""
        return [
            [
                (cell if isinstance(cell, list) else [Para(str(cell))], column)
                for cell, column in zip(row, self.columns, strict=True)
            ]
            for row in self.rows
        ]


@dataclass
class Figure:
    """A chart: its SVG (for the PDF, and made into a PNG for Word), its title and its description in words."""

    chart: object
    kind = "figure"

    @property
    def title(self):
        return self.chart.title

    @property
    def description(self):
        return self.chart.description


@dataclass
class Section:
    heading: str
    level: int = 1  # 1: a part of the paper (Heading 1 in Word, h2 in the PDF); 2: within a part
    blocks: list = field(default_factory=list)
    name: str = ""  # what it is, also its CSS class: summary, scorecard, action-plan, evidence, below-target
    new_page: bool = False  # start on a new page (the summary, after the cover)


@dataclass
class Pack:
    title: str  # the document's title: "Procurement scorecard 2021: Medway Council"
    heading: str  # the cover's: "Procurement Strategy Objectives 2021"
    subject: str
    keywords: str
    council: str
    framework: str
    control: list  # the cover's document-control rows: (label, value)
    draft: bool
    sections: list
    language: str = "en-GB"

    def headings(self):
        """Return every (level, heading) in reading order: the table of contents."""
        return [(section.level, section.heading) for section in self.sections]

    def column_widths(self):
        """Return the widths (per cent) its tables' columns take, each once: the PDF gives each a class."""
        tables = [block for section in self.sections for block in section.blocks if block.kind == "table"]
        return sorted({column.width for table in tables for column in table.columns})


def text_paras(text, *, empty=""):
    """Return stored comments or actions as Paras: its paragraphs, and its lists' items as bullets or numbers."""
    found = []
    for block in paragraphs(text):
        lines = block.split("\n")
        if all(BULLET.match(line) for line in lines):
            found += [Para(BULLET.sub("", line).strip(), "bullet") for line in lines]
        elif all(NUMBERED.match(line) for line in lines):  # its numbers are its own words: kept
            found += [Para(line.strip(), "number") for line in lines]
        else:
            found.append(Para("\n".join(line.strip() for line in lines)))
    return found or ([Para(empty, "muted")] if empty else [])


def long_date(day):
    return dateformat.format(day, "j F Y")


def short_date(day):
    return dateformat.format(day, "j M Y")


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


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
            ("Signed off on", long_date(timezone.localdate(review.published_at))),
        ]
    else:
        rows += [("Status", "DRAFT: not signed off"), ("Signed off by", "Not yet"), ("Signed off on", "Not yet")]
    rows += [("Generated on", long_date(as_at or timezone.localdate())), ("Version", str(version(review)))]
    return rows


def review_pack(review, *, earlier, theme=None):
    """Return the committee pack of a review (or of one of its themes), compared with `earlier[0]` if any.

    earlier: the reviews it may compare with, newest first (`comparable_reviews`): those its reader may see.
    """
    from reports import pack_sections

    content = pack_sections.Content.gather(review, earlier=earlier, theme=theme)
    scope = f"{review.year}, {theme.name}" if theme else str(review.year)
    sections = [section for make in pack_sections.SECTIONS for section in make(content)]
    return Pack(
        title=f"Procurement scorecard {scope}: {settings.COUNCIL_NAME}",
        heading=f"Procurement Strategy Objectives {scope}",
        subject=f"{review.framework.title}: {settings.COUNCIL_NAME}'s maturity scorecard for {scope}",
        keywords=f"procurement, National Procurement Strategy, {review.framework.name}, {review.year}",
        council=settings.COUNCIL_NAME,
        framework=review.framework.title,
        control=control_rows(review, theme=theme, as_at=content.today),
        draft=not review.is_published,
        sections=sections,
    )


def action_plan_pack(review):
    """Return the action plan as a paper of its own, "as at" today: for the progress reports between reviews."""
    from reports import pack_sections

    today = timezone.localdate()
    sections = pack_sections.action_plan_sections(review, today=today, new_page=True)
    title = f"Procurement action plan {review.year}, as at {long_date(today)}: {settings.COUNCIL_NAME}"
    return Pack(
        title=title,
        heading=f"Procurement Strategy action plan {review.year}",
        subject=f"{review.framework.title}: {settings.COUNCIL_NAME}'s action plan of the {review.year} review",
        keywords=f"procurement, action plan, {review.framework.name}, {review.year}",
        council=settings.COUNCIL_NAME,
        framework=review.framework.title,
        control=[*control_rows(review, as_at=today)[:-2], ("As at", long_date(today))],
        draft=not review.is_published,
        sections=sections,
    )
