"""A review's action plan as a spreadsheet (XLSX or CSV): one row an action, every field, in plan order.

Cells are escaped as the scorecard's export escapes them (`objectives.imports.formulas`), so none runs as a formula.
"""

import tablib

from objectives.action_plan import action_plan
from objectives.imports.exports import FORMATS as REVIEW_FORMATS

FORMATS = {name: REVIEW_FORMATS[name] for name in ("xlsx", "csv")}
HEADERS = [
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


def plan_dataset(review, *, today):
    """Return the review's actions as a tablib Dataset titled "Actions"."""
    plan = action_plan(review, {}, today=today)
    rows = [_row(a) for _, _, objectives in plan.groups for group in objectives for a in group.actions]
    return tablib.Dataset(*rows, headers=HEADERS, title="Actions")


def export_plan(review, file_format, *, today):
    """Return (bytes, content type, file name) of the review's action plan."""
    chosen = FORMATS[file_format]
    data = chosen.format_class().export_data(plan_dataset(review, today=today))
    if chosen.encoding:
        data = data.encode(chosen.encoding)
    return data, chosen.content_type, f"action-plan-{review.year}.{file_format}"
