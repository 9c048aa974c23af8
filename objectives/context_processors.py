from django.conf import settings
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

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
