"""The committee pack's sections, one function each, in a committee paper's order (`SECTIONS`).

Each takes the `Content` gathered once and returns its Sections (see `reports/pack.py`).
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format

from objectives.models import Action, person
from objectives.queries.action_plan import rag_counts
from objectives.queries.figures import review_figures
from objectives.queries.moderation import how_agreed
from objectives.queries.scorecard_page import review_scorecard
from objectives.rules import rag
from objectives.rules.levels import Levels
from objectives.rules.scoring import by_theme, change_since, change_words, earlier_versions, runs, target_mark
from reports.action_papers import latest_notes, previous_paper, rags_as_at, since_words
from reports.charts.selection import summary_charts
from reports.evidence import evidence_appendix
from reports.pack_benchmark import where_we_stand
from reports.pack_content import Column, Figure, Para, Section, Table, text_paras
from reports.pack_front import exceptions, front_sheet


@dataclass
class Content:
    review: object
    theme: object
    figures: object
    scorecard: list  # objectives.queries.scorecard_page Sections
    actions: list  # the action plan's actions
    levels: Levels
    today: object
    previous_paper: object = None  # when the committee last had a paper of the plan (`action_papers.previous_paper`)
    agreed: object = None  # objectives.queries.moderation.Agreed: the own scores and agreements of the review

    @classmethod
    def gather(cls, review, *, earlier, theme=None):
        compare_with = earlier[0] if earlier else None
        older = earlier_versions(review, published_only=True)  # as the committee sees them
        figures = review_figures(review, compare_with=compare_with, theme=theme, trend_reviews=[*earlier, *older])
        scorecard = review_scorecard(review)
        if theme is not None:
            for section in scorecard:
                section.groups = [g for g in section.groups if g.key_area.theme_id == theme.pk]
            scorecard = [section for section in scorecard if section.groups]
        today = timezone.localdate()
        actions = list(Action.objects.for_plan(review).in_theme(theme))
        previous = previous_paper(compare_with)  # last year's pack
        agreed = how_agreed(review, theme=theme)
        return cls(review, theme, figures, scorecard, actions, figures.levels, today, previous, agreed)


def plural(count, word, words=None):
    return f"{count} {word if count == 1 else words or word + 's'}"


def mean(value):
    return f"{value:.2f}" if value is not None else "–"


def summary(content):
    """The one-page summary: the figures, the change since last year, below target, actions by RAG, two charts."""
    figures, review = content.figures, content.review
    overall, compare = figures.overall, figures.compare_with
    columns = [Column("Theme" if content.theme else f"The {review.year} review", 24), Column("Objectives", 10, True)]
    columns += [Column("Average score", 9, True)]
    if compare:
        columns += [Column(f"{compare.year} average", 9, True)]
    columns += [Column("Not scored", 9, True), Column("At or above target", 10, True), Column("Below target", 9, True)]
    marked = bool(overall.not_applicable)  # a column of its own only when an objective is marked not applicable
    if marked:
        columns.insert(-2, Column("Not applicable", 9, True))
    columns += [Column("No target", 8, True)]
    if compare:
        columns += [Column(f"Since {compare.year}", 12)]
    rows = []
    for group in [overall, *overall.subgroups]:
        row = [group.name, group.count, mean(group.mean)]
        if compare:
            row.append(mean(group.previous_mean))
        row += [len(group.not_scored), len(group.at_or_above_target), len(group.below_target)]
        if marked:
            row.insert(-2, len(group.not_applicable))
        row.append(len(group.without_target))
        if compare:
            row.append(" ".join(f"{c.symbol} {n} {c.value}" for c, n in group.changes.items() if n) or "–")
        rows.append(row)
    total = sum(columns_width.width for columns_width in columns)
    columns[0].width += 100 - total
    names = content.levels
    scale = f"the average of the scored objectives' levels ({names.label(1)} to {names.label(names.top)})"
    since = "There is no earlier review to compare with."
    if compare:
        since = f"Changes are since the {compare.year} review."
    levels = " · ".join(f"{number} {name}: {count}" for number, name, count in overall.level_counts)
    blocks = [
        Table("figures", columns, rows, first_column_heads=True),
        Para(f"Average score: {scale}. {since}", "muted"),
        Para(f"Objectives at each level: {levels} · Not scored: {len(overall.not_scored)}{marked_words(overall)}."),
        Para(below_target_sentence(content)),
        Para(rag_sentence(content)),
        *[Figure(c) if c.drawn else Para(c.text, "note") for c in summary_charts(figures)],
    ]
    heading = f"Summary: {content.theme.name}" if content.theme else "Summary"
    return [Section(heading, blocks=blocks, name="summary", new_page=True)]


def marked_words(group):
    """Return " · Not applicable: 1 (in no figure)" for a group with objectives marked so; "" for none."""
    if not group.not_applicable:
        return ""
    return f" · Not applicable: {len(group.not_applicable)} (in no figure)"


def below_target_sentence(content):
    below = content.figures.overall.below_target
    if below:
        worst = below[0]
        return (
            f"Below target: {plural(len(below), 'objective')}, the widest gap {plural(worst.gap, 'level')} "
            f"(#{worst.number} {worst.title}); the last section lists each with its gap and actions."
        )
    if not any(o.target for o in content.figures.objectives):
        return "Below target: none, as no targets are set in this review."
    return "Below target: none; every objective with a target meets it."


def rag_sentence(content):
    if not content.actions:
        return "Actions: none are on this review."
    counts = rag_counts(content.actions)
    listed = ", ".join(f"{key.label} {count}" for key, count in counts)
    return f"Actions by RAG as at {date_format(content.today)}: {listed} ({len(content.actions)} in all)."


def scorecard(content):
    """The seed's table: Continued / New, key area, objective, with last year's score beside the score and target."""
    review, compare = content.review, content.figures.compare_with
    previous = {o.number: o.previous for o in content.figures.objectives}
    marked_before = {o.number for o in content.figures.objectives if o.previous_not_applicable}
    # A level ("2 Developing") needs little width; the comments and actions, the most words, get what is left.
    columns = [Column("#", 4), Column("Objective", 13), Column("Description", 14)]
    if compare:
        columns.append(Column(f"{compare.year} Score", 10))
    columns += [Column(f"{review.year} Score", 10), Column("Target", 10)]
    columns.append(Column(f"{review.year} Comments and Action(s)", 100 - sum(c.width for c in columns)))
    found = []
    for part in content.scorecard:
        found.append(Section(part.title, name="scorecard"))  # it follows the exceptions on: no page wasted
        for group in part.groups:
            rows = []
            for a in group.assessments:
                row = [a.objective.number, a.objective.title, a.objective.description]
                if compare:
                    was = a.objective.number in marked_before
                    row.append(
                        content.levels.score_label(
                            previous.get(a.objective.number), not_applicable=was, empty="Not scored"
                        )
                    )
                row += score_cells(content, a, previous.get(a.objective.number), compared=bool(compare))
                words = []
                if a.not_applicable:
                    words += [Para("Not applicable:", "label"), Para(a.not_applicable_reason)]
                if a.comments:
                    words += [Para("Comments:", "label"), *text_paras(a.comments)]
                if a.actions:
                    words += [Para("Action(s):", "label"), *text_paras(a.actions)]
                row.append(words or [Para("None recorded", "muted")])
                rows.append(row)
            found.append(Section(group.key_area.name, 2, [Table("scorecard", columns, rows)], name="scorecard"))
    if not found:
        found.append(
            Section("Objectives", blocks=[Para("This review has no objectives yet.")], name="scorecard", new_page=True)
        )
    return found


def score_cells(content, assessment, previous, *, compared):
    """This year's score with its change since last year, and the target with the score against it: the marks the
    scorecard page shows, in the same words and signs."""
    levels = content.levels
    score = [Para(levels.score_label(assessment.score, not_applicable=assessment.not_applicable, empty="Not scored"))]
    change = change_since(assessment.score, previous, compared=compared)
    if change:
        score.append(Para(f"{change.symbol} {change_words(change, previous)}", "muted"))
    target = [Para("–" if assessment.not_applicable else levels.label(assessment.target) or "None set")]
    mark = target_mark(assessment.score, assessment.target)
    if mark:
        target.append(Para(" ".join(mark), "muted"))
    return [score, target]


def agreement(content):
    """How the scores were agreed: the number of own scores per objective, and the flagged ones (own scores far
    apart) with their lowest, highest and agreed score and why; who gave which own score only where the review's
    rules say the pack names them. None at all for a review with no own scores (one voice, entered as agreed)."""
    agreed, levels = content.agreed, content.levels
    if not agreed.rows:
        return []
    flag = settings.SCORECARD_SPREAD_FLAG_LEVELS
    voices = sum(row.spread.voices for row in agreed.rows)
    flagged = [row for row in agreed.rows if row.spread.flagged]
    were = "was" if len(flagged) == 1 else "were"
    intro = Para(
        f"Each officer or manager who scored an objective recorded their own score and why; a manager agreed the score "
        f"this pack shows. {plural(len(agreed.rows), 'objective')} had own scores ({plural(voices, 'own score')} in "
        f"all); {plural(len(flagged), 'objective')} {were} flagged, the own scores {plural(flag, 'level')} or more "
        "apart."
    )
    columns = [Column("#", 6), Column("Objective", 44), Column("Own scores", 14, True), Column("Agreed score", 36)]
    rows = [
        [row.assessment.objective.number, row.assessment.objective.title, row.spread.voices, _agreed(row, levels)]
        for row in agreed.rows
    ]
    found = [Section("How the scores were agreed", blocks=[intro, Table("agreement", columns, rows)], name="agreement")]
    if flagged:
        columns = [Column("#", 5), Column("Objective", 19), Column("Lowest", 14), Column("Highest", 14)]
        columns += [Column("Agreed", 13), Column("Why agreed", 35)]
        cells = [
            [
                row.assessment.objective.number,
                row.assessment.objective.title,
                _end(levels, row.spread.lowest, row.spread.lowest_by, named=agreed.named),
                _end(levels, row.spread.highest, row.spread.highest_by, named=agreed.named),
                _agreed(row, levels),
                text_paras(row.agreement.rationale if row.agreement else "", empty="None recorded"),
            ]
            for row in flagged
        ]
        found.append(Section("Flagged objectives", 2, [Table("agreement-flagged", columns, cells)], name="agreement"))
    return found


def _agreed(row, levels):
    if row.assessment.not_applicable:
        return "Not applicable"
    return levels.label(row.assessment.score) or "Not agreed"


def _end(levels, score, scorers, *, named):
    cell = [Para(levels.label(score))]
    if named:
        cell.append(Para(", ".join(person(who) for who in scorers), "muted"))
    return cell


def action_plan(content):
    return action_plan_sections(
        content.review, actions=content.actions, today=content.today, previous=content.previous_paper
    )


def rag_rule():
    return (
        f"RAG: {rag.RED[2]} R red is overdue; {rag.AMBER[2]} A amber is due within {rag.due_soon_days()} days and not "
        f"started, in progress with no progress note for {rag.stale_days()} days, or with no due date; "
        f"{rag.GREEN[2]} G green is on track; {rag.NOT_PLANNED.icon} N not yet planned is open with no lead, owner or "
        f"due date, a gap in the plan rather than a risk; {rag.DONE.icon} D done; {rag.DROPPED.icon} X dropped."
    )


def action_plan_sections(review, *, today, actions=None, new_page=False, previous=None):
    """The action plan as at `today`, red first in each theme: objective, action, lead and lead councillor, due date,
    the latest update, status, the RAG in a shaded cell with its shape and letter, and its change since the previous
    paper (`previous`, a datetime; no column without one)."""
    if actions is None:
        actions = list(Action.objects.for_plan(review))
    since = (
        f" Since: the RAG's change since the paper of {date_format(timezone.localtime(previous))}." if previous else ""
    )
    blocks = [Para(f"As at {date_format(today)}. {rag_rule()}{since}", "muted")]
    if not actions:
        blocks.append(Para("No actions are on this review."))
        return [Section("Action plan", blocks=blocks, name="action-plan", new_page=new_page)]
    counts = rag_counts(actions)
    blocks.append(Para(", ".join(f"{key.label}: {count}" for key, count in counts) + f" ({len(actions)} in all)."))
    # The lead wide enough for "Procurement" whole in Word's font as in the PDF's
    columns = [Column("Objective", 13), Column("Action", 25), Column("Lead", 14), Column("Due", 9)]
    columns += [Column("Latest update", 16 if previous else 23), Column("Status", 10), Column("RAG", 6)]
    if previous:
        columns.append(Column("Since", 7))
    notes = latest_notes(actions)
    then = rags_as_at(actions, previous) if previous else {}
    found = [Section("Action plan", blocks=blocks, name="action-plan", new_page=new_page)]
    # A table per theme, as the action plan page groups them: WeasyPrint is slow on one table of many pages.
    for theme, in_theme in runs(actions, by_theme):
        ordered = sorted(in_theme, key=lambda a: (a.rag_now.rank, a.objective.number, a.position, a.pk))
        rows = [action_row(action, notes.get(action.pk), then, with_since=bool(previous)) for action in ordered]
        found.append(Section(theme.name, 2, [Table("action-plan", columns, rows)], name="action-plan"))
    return found


def action_row(action, note, then, *, with_since):
    due = date_format(action.due_date, "SHORT_DATE_FORMAT") if action.due_date else "None set"
    if action.due_date and action.original_due_date:
        due += f" (revised, was {date_format(action.original_due_date, 'SHORT_DATE_FORMAT')})"
    status = action.get_status_display()
    if action.status == Action.Status.DONE and action.done_on:
        status += f" {date_format(action.done_on, 'SHORT_DATE_FORMAT')}"
    objective = f"#{action.objective.number} {action.objective.title}"
    lead = [Para(action.lead or "None set")]
    if action.lead_councillor:
        lead.append(Para(f"Councillor: {action.lead_councillor}", "muted"))
    update = [Para("None yet", "muted")]
    if note is not None:
        update = [Para(date_format(note.on, "SHORT_DATE_FORMAT"), "label"), *text_paras(note.text)]
    now = action.rag_now
    row = [
        objective,
        text_paras(action.text),
        lead,
        due,
        update,
        status,
        [Para(f"{now.icon} {now.letter}", "rag", now.key)],
    ]
    if with_since:
        row.append(since_words(now, then.get(action.pk)))
    return row


def evidence(content):
    """The evidence list: each current item's objective, title, date, review-by date and kind; never what a file
    says (the files and links are on the scorecard's pages)."""
    rows = evidence_appendix(content.review, theme=content.theme, today=content.today)
    if not rows:
        return [Section("Evidence", blocks=[Para("No evidence is recorded on this review.")], name="evidence")]
    intro = Para(
        f"The evidence recorded for each objective, as at {date_format(content.today)}; the files and links themselves "
        "are on the scorecard's pages.",
        "muted",
    )
    columns = [Column("#", 5, True), Column("Objective", 25), Column("Evidence", 34), Column("Dated", 12)]
    columns += [Column("Review by", 13), Column("Kind", 11)]
    cells = [
        [
            row["number"],
            row["objective"],
            row["title"],
            date_format(row["dated"], "SHORT_DATE_FORMAT"),
            _review_by(row),
            row["kind"],
        ]
        for row in rows
    ]
    return [Section("Evidence", blocks=[intro, Table("evidence", columns, cells)], name="evidence")]


def _review_by(row):
    if row["review_by"] is None:
        return "None set"
    return date_format(row["review_by"], "SHORT_DATE_FORMAT") + (" (due for review)" if row["due"] else "")


def below_target(content):
    """The objectives below target, worst gap first, with their actions in the widest column."""
    objectives = content.figures.overall.below_target
    if not objectives:
        has_targets = any(o.target for o in content.figures.objectives)
        why = "" if has_targets else ": no targets are set in this review"
        return [
            Section(
                "Objectives below target", blocks=[Para(f"No objective is below its target{why}.")], name="below-target"
            )
        ]
    actions = {a.objective.number: a.actions for s in content.scorecard for g in s.groups for a in g.assessments}
    columns = [Column("#", 5), Column("Objective", 19), Column("Key area", 15), Column("Score", 11)]
    columns += [Column("Target", 11), Column("Gap", 6, True), Column("Action(s)", 33)]
    rows = [
        [
            o.number,
            o.title,
            o.key_area,
            content.levels.label(o.score),
            content.levels.label(o.target),
            o.gap,
            text_paras(actions.get(o.number, ""), empty="None recorded"),
        ]
        for o in objectives
    ]
    intro = Para("Worst gap first: the gap is the number of levels between the score and the target.")
    table = Table("below-target", columns, rows)
    return [Section("Objectives below target", blocks=[intro, table], name="below-target")]


SECTIONS = [front_sheet, summary, exceptions, scorecard, agreement, action_plan, evidence, below_target, where_we_stand]
