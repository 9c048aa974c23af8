"""What the papers print of each action beyond its own fields: its latest progress note, and its RAG as at the
previous paper, so that a committee sees what changed since it last read the plan."""

from django.db.models import Max
from django.utils import timezone

from objectives.models import Action, ProgressNote
from objectives.rules import rag


def latest_notes(actions):
    """Return {action id: its latest ProgressNote} for these actions, in one query."""
    found = {}
    for note in ProgressNote.objects.filter(action__in=[a.pk for a in actions]).order_by("action", "-on", "-pk"):
        found.setdefault(note.action_id, note)
    return found


def previous_paper(*reviews):
    """Return when the committee last had a paper of the plan: the sign-off of the first of `reviews` that is
    published (the pack: last year's; the action plan paper: its own review's, else the one before), or None."""
    for review in reviews:
        if review is not None and review.is_published:
            return review.published_at
    return None


def rags_as_at(actions, when):
    """Return {action id: its Rag as at `when` (a datetime)}, from each action's history; an action raised since is
    left out. Two queries, however many actions."""
    ids = [a.pk for a in actions]
    rows = Action.history.filter(id__in=ids, history_date__lte=when).order_by("id", "-history_date", "-history_id")
    latest = {}
    for row in rows.values("id", "history_type", "status", "due_date", "lead", "owner_id", "created_at"):
        latest.setdefault(row["id"], row)
    day = timezone.localdate(when)
    notes = dict(
        ProgressNote.objects.filter(action__in=ids, on__lte=day)
        .values("action")
        .annotate(last=Max("on"))
        .values_list("action", "last")
    )
    return {
        pk: Action.rag_of_row({**row, "last_note_on": notes.get(pk)}, today=day)
        for pk, row in latest.items()
        if row["history_type"] != "-"
    }


def since_words(now, then):
    """Return the change of an action's RAG since the previous paper in words and signs: "Same", "Was ◆ A" (its shape
    and letter, as the RAG column prints it), or "New" for an action raised since."""
    if then is None:
        return "New"
    if then.key == now.key:
        return "Same"
    return f"Was {then.icon} {then.letter}"


KEY_WORDS = " · ".join(f"{key.icon} {key.letter} {key.label}" for key, _ in rag.rule())
