"""Who may see and do what: helpers every view calls, raising Http404 or PermissionDenied."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from objectives.models import Action, Evidence, Review, SignedOff


def visible_review_or_404(user, key):
    """Return the review a URL names (a `ReviewKey`) if this user may see it; a hidden draft is a 404, as if absent.

    A signed-in user with no role sees no review at all (403).
    """
    require_perm(user, "objectives.view_review")
    return get_object_or_404(
        Review.objects.visible_to(user).select_related("framework", "published_by"),
        framework__slug=key.framework_slug,
        year=key.year,
    )


def require_perm(user, *perms):
    """Raise PermissionDenied (403) unless the user has every one of these permissions."""
    if not user.has_perms(perms):
        raise PermissionDenied


def can_edit(user, review):
    """Return whether this user may change the review's assessments now (drafts only)."""
    return not review.is_published and user.has_perm("objectives.change_assessment")


def editable_review_or_404(user, key, *perms):
    """Return the review if this user may change it now: 404 if hidden, 403 if not allowed or published."""
    review = visible_review_or_404(user, key)
    require_perm(user, *perms)
    if review.is_published:
        raise SignedOff(review)
    return review


def visible_action_or_404(user, pk):
    """Return the action if this user may see a review it is on; otherwise 404, as for a hidden draft."""
    require_perm(user, "objectives.view_action")
    visible = Action.objects.filter(reviews__in=Review.objects.visible_to(user)).values("pk")
    return get_object_or_404(
        Action.objects.with_last_note()
        .select_related("objective__key_area__theme", "raised_in", "owner")
        .prefetch_related("reviews"),
        pk=pk,
        pk__in=visible,
    )


def latest_review_of(user, action):
    """Return the latest review the action is on that this user may see (its reviews prefetched): the one its pages
    lead back to, as a carried action's objective is read in this year's review, not the year it was raised."""
    drafts = user.has_perm("objectives.view_draft_review")
    return max((r for r in action.reviews.all() if drafts or r.is_published), key=lambda r: r.year)


def visible_evidence_or_404(user, pk):
    """Return the evidence item if this user may see its review (committee members: published ones); else 404.

    A withdrawn item stays in the procurement team's record; for those who see no drafts it is gone (404).
    """
    require_perm(user, "objectives.view_evidence")
    items = Evidence.objects if user.has_perm("objectives.view_draft_review") else Evidence.objects.current()
    return get_object_or_404(
        items.select_related(
            "assessment__objective__key_area__theme",
            "assessment__review__framework",
            "file",
            "owner",
            "added_by",
            "withdrawn_by",
            "carried_from__assessment__review",
        ),
        pk=pk,
        assessment__review__in=Review.objects.visible_to(user),
    )
