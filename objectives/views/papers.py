"""The front sheet of a review's committee paper and its key messages: a manager's page, for a draft."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from objectives.forms.papers import FrontSheetForm
from objectives.models import FrontSheet
from objectives.queries.key_messages import proposed_for
from objectives.rules.scoring import reviews_to_compare
from objectives.services.papers import save_front_sheet
from objectives.views.access import editable_review_or_404


@login_required
@require_http_methods(["GET", "POST"])
def front_sheet(request, key):
    """Set the front sheet (report to, meeting, author, purpose, recommendations, implications...) and edit the key
    messages the pack proposes; sign-off freezes both, so a published review's is read in its pack."""
    review = editable_review_or_404(request.user, key, "objectives.publish_review")
    # As the committee will read it: compared with the latest earlier published review.
    proposed = proposed_for(review, earlier=reviews_to_compare(review, published_only=True), today=timezone.localdate())
    form = FrontSheetForm(request.POST or None, instance=FrontSheet.for_review(review), proposed=proposed)
    if form.is_valid():
        save_front_sheet(review=review, fields=form.fields_to_save(), by=request.user)
        messages.success(request, f"The {review.label} paper's front sheet and key messages are saved.")
        return redirect("objectives:front_sheet", review)
    context = {"review": review, "form": form, "proposed": proposed, "nav": "reviews"}
    return render(request, "objectives/front_sheet.html", context)
