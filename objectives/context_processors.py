from django.conf import settings
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from objectives.models import Review
from objectives.queries.my_work import attention_count


def council(request):
    """Give every template the council's name."""
    return {"council_name": settings.COUNCIL_NAME}


def my_work(request):
    """Give the navigation how many items need the signed-in officer or manager: counted only if a page shows it."""
    user = getattr(request, "user", None)

    def count():
        if user is None or not user.is_authenticated or not user.has_perm("objectives.change_assessment"):
            return 0
        return attention_count(user, today=timezone.localdate())

    return {"my_work_count": SimpleLazyObject(count)}


def latest_review(request):
    """Give the navigation the latest review this user may see, the main framework's first (its "Action plan" link,
    on a page that shows no review of its own): looked up only if a page asks."""
    user = getattr(request, "user", None)

    def latest():
        if user is None or not user.is_authenticated or not user.has_perm("objectives.view_review"):
            return None
        main = ExpressionWrapper(Q(framework__slug=settings.SCORECARD_MAIN_FRAMEWORK), output_field=BooleanField())
        return (
            Review.objects.visible_to(user).select_related("framework").alias(main=main).order_by("-main", "-year")
        ).first()

    return {"latest_review": SimpleLazyObject(latest)}
