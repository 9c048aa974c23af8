"""A manager makes a signed-off review public for residents, or withdraws it, from the review's page (POST)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from objectives.services.public import NotSignedOff, make_public, withdraw_public
from objectives.views.access import require_perm, visible_review_or_404


class MakePublicForm(forms.Form):
    include_comments = forms.BooleanField(label="Include each objective's comments", required=False)


@login_required
@require_POST
def review_make_public(request, key):
    review = visible_review_or_404(request.user, key)
    require_perm(request.user, "objectives.publish_public")
    form = MakePublicForm(request.POST)
    form.is_valid()  # one optional box: always valid
    try:
        make_public(review, by=request.user, include_comments=form.cleaned_data["include_comments"])
    except NotSignedOff as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"The {review.label} review is public: anyone can read it without signing in.")
    return redirect(review)


@login_required
@require_POST
def review_withdraw_public(request, key):
    review = visible_review_or_404(request.user, key)
    require_perm(request.user, "objectives.publish_public")
    if withdraw_public(review, by=request.user):
        messages.success(request, f"The {review.label} review is withdrawn from the public: its page says so.")
    else:
        messages.info(request, f"The {review.label} review was not public: nothing changed.")
    return redirect(review)
