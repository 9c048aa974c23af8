"""The pack's first parts: the front sheet of a committee report (its rows on the cover, then purpose,
recommendations, key messages, implications and background papers), and the exceptions that come before the tables.
"""

from django.utils.formats import date_format

from objectives.models import FrontSheet
from objectives.queries.readiness import below_target_without_action
from objectives.rules.key_messages import propose
from objectives.rules.scoring import Change, target_mark
from reports.pack_content import Column, Para, Section, Table, text_paras


def front_rows(sheet):
    """Return the front sheet's rows for the cover: report to, meeting date, agenda item, author, contact, class."""
    meeting = date_format(sheet.meeting_date) if sheet.meeting_date else "To be set"
    return [
        ("Report to", sheet.report_to),
        ("Meeting date", meeting),
        ("Agenda item", sheet.agenda_item or "To be set"),
        ("Report author", sheet.report_author),
        ("Contact officer", sheet.contact_officer or sheet.report_author),
        ("Classification", sheet.get_classification_display()),
    ]


def key_messages(content, sheet):
    """Return (the key messages, whether they are only proposed): the manager's, else those the figures propose."""
    saved = sheet.lines("key_messages")
    if saved:
        return saved, False
    return propose(content.figures, content.actions, today=content.today), True


def front_sheet(content):
    """Purpose, recommendations, key messages, implications, background papers: the pack of the whole review only."""
    if content.theme is not None:
        return []
    sheet = FrontSheet.for_review(content.review)
    messages, proposed = key_messages(content, sheet)
    found = [
        Section("Purpose", blocks=text_paras(sheet.purpose), name="front-sheet"),
        Section(
            "Recommendations",
            blocks=[Para(f"{n}. {line}", "number") for n, line in enumerate(sheet.lines("recommendations"), 1)],
            name="front-sheet",
        ),
    ]
    blocks = [Para(message, "bullet") for message in messages]
    if proposed:
        blocks.append(Para("Proposed from the figures; a manager edits them before sign-off.", "muted"))
    found.append(Section("Key messages", blocks=blocks, name="front-sheet"))
    rows = [
        ["Financial", text_paras(sheet.financial_implications)],
        ["Legal", text_paras(sheet.legal_implications)],
        ["Risk", text_paras(sheet.risk_implications)],
    ]
    table = Table("implications", [Column("Implications", 16), Column("What the report means", 84)], rows, True)
    found.append(Section("Implications", blocks=[table], name="front-sheet"))
    papers = [Para(line, "bullet") for line in sheet.lines("background_papers")] or [Para("None.")]
    found.append(Section("Background papers", blocks=papers, name="front-sheet"))
    return found


def exceptions(content):
    """What needs the committee first: red (overdue) actions, the biggest falls, below target with no open action."""
    levels, compare = content.levels, content.figures.compare_with
    intro = Para("What needs the committee's attention first; the full tables follow.", "muted")
    found = [Section("Exceptions", blocks=[intro], name="exceptions")]
    red = sorted((a for a in content.actions if a.rag_now.key == "red"), key=lambda a: (a.due_date, a.pk))
    if red:
        columns = [Column("Objective", 22), Column("Action", 46), Column("Lead", 16), Column("Overdue since", 16)]
        rows = [
            [
                f"#{a.objective.number} {a.objective.title}",
                text_paras(a.text),
                a.lead or "None set",
                f"{date_format(a.due_date, 'SHORT_DATE_FORMAT')} ({a.get_status_display().lower()})",
            ]
            for a in red
        ]
        blocks = [Table("exceptions", columns, rows)]
    else:
        blocks = [Para("No action is overdue.")]
    found.append(Section(f"Red and overdue actions ({len(red)})", 2, blocks, name="exceptions"))
    if compare is None:
        blocks = [Para("There is no earlier review to compare with.")]
        heading = "The biggest falls in score"
    else:
        falls = sorted(
            (o for o in content.figures.objectives if o.change == Change.DOWN),
            key=lambda o: (o.score - o.previous, o.number),
        )
        heading = f"The biggest falls in score since {compare.year} ({len(falls)})"
        blocks = [Para(f"No objective's score fell since {compare.year}.")]
        if falls:
            columns = [Column("#", 6, True), Column("Objective", 44), Column(f"{compare.year} Score", 18)]
            columns += [Column(f"{content.review.year} Score", 18), Column("Fall", 14)]
            rows = [
                [
                    o.number,
                    o.title,
                    levels.label(o.previous),
                    levels.label(o.score),
                    f"{Change.DOWN.symbol} {o.previous - o.score} level{'s' if o.previous - o.score != 1 else ''}",
                ]
                for o in falls
            ]
            blocks = [Table("exceptions", columns, rows)]
    found.append(Section(heading, 2, blocks, name="exceptions"))
    theme_numbers = {o.number for o in content.figures.objectives}
    gaps = [a for a in below_target_without_action(content.review) if a.objective.number in theme_numbers]
    if gaps:
        columns = [Column("#", 6, True), Column("Objective", 44), Column("Score", 18), Column("Target", 18)]
        columns.append(Column("Gap", 14))
        rows = [
            [
                a.objective.number,
                a.objective.title,
                levels.label(a.score),
                levels.label(a.target),
                " ".join(target_mark(a.score, a.target)),  # "✗ 1 level below", as the tables mark it
            ]
            for a in gaps
        ]
        blocks = [Table("exceptions", columns, rows)]
    else:
        blocks = [Para("Every objective below target has an open action.")]
    found.append(Section(f"Below target with no open action ({len(gaps)})", 2, blocks, name="exceptions"))
    return found
