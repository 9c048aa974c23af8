from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.db.models import Avg, Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render

from objectives.access import visible_review_or_404
from objectives.models import Review
from objectives.scorecard import review_scorecard


@login_required
def home(request):
    review = Review.objects.visible_to(request.user).first()
    if review is None:
        return render(request, "objectives/review_list.html", {"reviews": []})
    return redirect(review)


@login_required
def review_list(request):
    reviews = (
        Review.objects.visible_to(request.user)
        .select_related("framework", "published_by")
        .annotate(
            objective_count=Count("assessments"),
            scored_count=Count("assessments", filter=Q(assessments__score__isnull=False)),
            mean_score=Avg("assessments__score"),
        )
    )
    return render(request, "objectives/review_list.html", {"reviews": reviews})


@login_required
def review_detail(request, year):
    review = visible_review_or_404(request.user, year)
    return render(
        request,
        "objectives/review_detail.html",
        {"review": review, "sections": review_scorecard(review)},
    )


def healthz(request):
    """Answer a load balancer: 200 when the database answers, 503 when it does not; nothing else."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
