"""The key messages the pack proposes from the figures: three to five sentences a manager edits before sign-off.

The average score and its change since the review compared with; objectives below target; overdue actions (and those
not yet planned); the biggest falls in score. A manager's own, saved on the front sheet, replace them; sign-off keeps
whichever the pack then had (`objectives.services.papers.freeze_key_messages`). The figures are read by
`objectives.queries.key_messages.proposed_for`; this module only words them.
"""

from objectives.rules import rag
from objectives.rules.scoring import Change

FALLS_NAMED = 2


def plural(count, word, words=None):
    return f"{count} {word if count == 1 else words or word + 's'}"


def propose(figures, actions, *, today):
    """Return the proposed key messages (3 to 5) of these ReviewFigures (`objectives.queries.figures`) and the
    review's actions, as at `today`."""
    overall, compare, levels = figures.overall, figures.compare_with, figures.levels
    year = figures.review.year
    found = []
    if overall.mean is None:
        found.append(f"No objective of the {year} review is scored yet.")
    elif compare and overall.previous_mean is not None:
        delta = overall.mean - overall.previous_mean
        moved = "unchanged" if abs(delta) < 0.005 else f"{'up' if delta > 0 else 'down'} {abs(delta):.2f}"
        found.append(
            f"The average score is {overall.mean:.2f} ({levels.label(1)} to {levels.label(levels.top)}), {moved} since "
            f"{compare.year} ({overall.previous_mean:.2f}); {plural(overall.changes.get(Change.UP, 0), 'objective')} "
            f"rose and {overall.changes.get(Change.DOWN, 0)} fell."
        )
    else:
        found.append(f"The average score is {overall.mean:.2f}; there is no earlier review to compare with.")
    below = overall.below_target
    if below:
        worst = below[0]
        found.append(
            f"{plural(len(below), 'objective')} of {overall.count} {'is' if len(below) == 1 else 'are'} below target; "
            f"the widest gap is #{worst.number} {worst.title} ({plural(worst.gap, 'level')})."
        )
    elif any(o.target for o in figures.objectives):
        found.append("Every objective with a target meets it.")
    else:
        found.append("No targets are set in this review.")
    keys = [action.rag(today=today).key for action in actions]
    overdue, not_planned = keys.count("red"), keys.count(rag.NOT_PLANNED.key)
    words = (
        f"{plural(overdue, 'action')} {'is' if overdue == 1 else 'are'} overdue" if overdue else "No action is overdue"
    )
    if not_planned:
        has = "has" if not_planned == 1 else "have"
        words += f"; {not_planned} of the {len(actions)} {has} no lead, owner or due date yet"
    found.append(words + ".")
    if compare:
        falls = sorted(
            (o for o in figures.objectives if o.change == Change.DOWN), key=lambda o: (o.score - o.previous, o.number)
        )
        if falls:
            named = "; ".join(
                f"#{o.number} {o.title}, {levels.label(o.previous)} to {levels.label(o.score)}"
                for o in falls[:FALLS_NAMED]
            )
            found.append(f"The biggest {'fall' if len(falls) == 1 else 'falls'} since {compare.year}: {named}.")
        else:
            found.append(f"No objective's score fell since {compare.year}.")
    return found[:5]
