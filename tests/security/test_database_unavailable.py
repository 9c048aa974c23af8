from django.db import OperationalError
from django.test import RequestFactory

from scorecard.middleware import DatabaseUnavailableMiddleware


def test_a_lost_database_gives_a_503_page_not_a_500():
    def view(request):
        raise OperationalError("server closed the connection unexpectedly")

    middleware = DatabaseUnavailableMiddleware(view)
    request = RequestFactory().post("/reviews/2022/objectives/3/edit/")
    response = middleware.process_exception(request, OperationalError("server closed the connection unexpectedly"))
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "Nothing you were saving has been written" in response.content.decode()


def test_other_errors_are_left_alone():
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    assert middleware.process_exception(RequestFactory().get("/"), ValueError("x")) is None
