"""The pack's evidence list: what evidence a review holds, never what a file says."""

from django.utils import timezone

from objectives.models import Evidence


def evidence_appendix(review, *, theme=None, today=None):
    """Return the report appendix's rows: each current item's objective, title, date, review-by date and kind.

    Never a file's content: the report says what evidence there is, and the pages hold it. `theme`: its only.
    """
    today = today or timezone.localdate()
    items = Evidence.objects.current().filter(assessment__review=review).for_list()
    if theme is not None:
        items = items.filter(assessment__objective__key_area__theme=theme)
    return [
        {
            "number": item.assessment.objective.number,
            "objective": item.assessment.objective.title,
            "title": item.title,
            "dated": item.dated,
            "review_by": item.review_by,
            "kind": item.kind,
            "due": item.is_due(today),
        }
        for item in items
    ]
