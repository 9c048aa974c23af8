from django.conf import settings


def council(request):
    """Give every template the council's name."""
    return {"council_name": settings.COUNCIL_NAME}
