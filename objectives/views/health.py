"""The load balancers' page."""

from django.db import DatabaseError, connection, transaction
from django.http import HttpResponse


@transaction.non_atomic_requests  # it writes nothing, and must answer itself when the database does not
def healthz(request):
    """Answer a load balancer: 200 when the database answers, 503 when it does not; nothing else."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
