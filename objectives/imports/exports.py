"""A review's assessments as a spreadsheet file (CSV, XLSX or JSON) that imports back with no changes; its XLSX
has a second sheet, "Actions", with every field of every action on the review, which is the action plan's export,
and a third, "Own scores", with each person's own score of each objective beside the agreed score (the import
reads the first sheet only: an agreed score is the scorecard's "score").

CSV and XLSX cells are escaped as `objectives.imports.formulas` says, so that none runs as a formula, and the
import reads them back; JSON is not opened by spreadsheets and is written as it is.
"""

import io
from dataclasses import dataclass

import tablib
from import_export.formats import base_formats
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from objectives.imports.formulas import escaped
from objectives.imports.resources import AssessmentResource
from objectives.models import Action, Assessment, OwnScore
from objectives.queries.action_plan import attach_actions
from scorecard.downloads import download_name


class EscapedFormulae:
    """Make a django-import-export format escape its cells before writing them."""

    def export_data(self, dataset, **kwargs):
        return super().export_data(escaped(dataset), **kwargs)


class EscapedCSV(EscapedFormulae, base_formats.CSV):
    pass


class EscapedXLSX(EscapedFormulae, base_formats.XLSX):
    pass


class ScorecardXLSX(base_formats.XLSX):
    """XLSX as officers read it: a bold, frozen header; text wrapped in columns a screen wide at most; escaped."""

    WIDTHS = {"year": 8, "objective": 10, "title": 32, "key area": 26, "continued or new": 16}
    TEXT_WIDTH = 70

    def export_data(self, dataset, *, more=(), **kwargs):
        """Return the workbook's bytes: `dataset` on the first sheet, and each dataset of `more` after it."""
        book = Workbook(write_only=True)
        for each in (dataset, *more):
            self._write_sheet(book, escaped(each))
        stream = io.BytesIO()
        book.save(stream)
        return stream.getvalue()

    def _write_sheet(self, book, dataset):
        sheet = book.create_sheet(dataset.title or "Scorecard")
        sheet.freeze_panes = "A2"
        for index, header in enumerate(dataset.headers, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = self.WIDTHS.get(header, self.TEXT_WIDTH)
        bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
        sheet.append([self._cell(sheet, header, font=bold) for header in dataset.headers])
        for row in dataset:
            sheet.append(
                [self._cell(sheet, value, alignment=wrap) if isinstance(value, str) else value for value in row]
            )

    @staticmethod
    def _cell(sheet, value, **style):
        cell = WriteOnlyCell(sheet, value=value)
        for name, setting in style.items():
            setattr(cell, name, setting)
        return cell


@dataclass
class ExportFormat:
    format_class: type
    content_type: str
    encoding: str | None = None


FORMATS = {
    "xlsx": ExportFormat(ScorecardXLSX, ScorecardXLSX.CONTENT_TYPE),
    # Excel reads a CSV as UTF-8 only when it begins with a byte order mark.
    "csv": ExportFormat(EscapedCSV, "text/csv; charset=utf-8", encoding="utf-8-sig"),
    "json": ExportFormat(base_formats.JSON, "application/json", encoding="utf-8"),
}


def export_review(review, file_format):
    """Return (bytes, content type, file name) of the review's assessments in scorecard order (and its actions)."""
    assessments = attach_actions(
        Assessment.objects.for_review(review).in_scorecard_order().select_related("review__framework")
    )
    dataset = AssessmentResource().export(queryset=assessments)
    dataset.title = f"{review.year} scorecard"
    more = {"more": [plan_dataset(review), own_scores_dataset(review)]} if file_format == "xlsx" else {}
    return _encoded(
        FORMATS[file_format], dataset, download_name("scorecard", *review.name_parts, extension=file_format), **more
    )


def _encoded(chosen, dataset, filename, **options):
    data = chosen.format_class().export_data(dataset, **options)
    if chosen.encoding:
        data = data.encode(chosen.encoding)
    return data, chosen.content_type, filename


PLAN_FORMATS = {name: FORMATS[name] for name in ("xlsx", "csv")}
ACTION_HEADERS = [
    "id",
    "objective",
    "title",
    "action",
    "lead",
    "owner",
    "lead councillor",
    "due date",
    "original due date",
    "status",
    "done on",
    "why dropped",
    "raised in",
    "raised after sign-off",
    "latest note",
    "rag",
]


def _date(value):
    return value.isoformat() if value else ""


def _row(action):
    return [
        action.pk,
        action.objective.number,
        action.objective.title,
        action.text,
        action.lead,
        action.owner.username if action.owner else "",
        action.lead_councillor,
        _date(action.due_date),
        _date(action.original_due_date),
        action.get_status_display(),
        _date(action.done_on),
        action.dropped_reason,
        action.raised_in.year,
        "yes" if action.raised_after_sign_off else "no",
        _date(action.last_note_on),
        action.rag_now.label,
    ]


def plan_dataset(review):
    """Return the review's actions as a tablib Dataset titled "Actions"."""
    rows = [_row(action) for action in Action.objects.for_plan(review)]
    return tablib.Dataset(*rows, headers=ACTION_HEADERS, title="Actions")


def export_plan(review, file_format):
    """Return (bytes, content type, file name) of the review's action plan, its RAG as at today: the export's
    "Actions" sheet alone."""
    return _encoded(
        PLAN_FORMATS[file_format],
        plan_dataset(review),
        download_name("action-plan", *review.name_parts, extension=file_format),
    )


OWN_SCORE_HEADERS = ["objective", "title", "scorer", "own score", "why", "recorded", "agreed score", "why agreed"]


def own_scores_dataset(review):
    """Return the review's own scores, by objective and when recorded, as a tablib Dataset titled "Own scores"."""
    own_scores = (
        OwnScore.objects.filter(assessment__review=review)
        .select_related("assessment__objective", "assessment__agreement", "scorer")
        .order_by("assessment__objective__number", "recorded_at", "pk")
    )
    rows = []
    for own in own_scores:
        assessment = own.assessment
        agreement = getattr(assessment, "agreement", None)
        rows.append(
            [
                assessment.objective.number,
                assessment.objective.title,
                own.scorer.username,
                own.score,
                own.rationale,
                own.recorded_at.date().isoformat(),
                assessment.score if assessment.score is not None else "",
                agreement.rationale if agreement else "",
            ]
        )
    return tablib.Dataset(*rows, headers=OWN_SCORE_HEADERS, title="Own scores")
