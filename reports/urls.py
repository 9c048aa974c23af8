from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("reviews/<int:year>/dashboard/", views.dashboard, name="dashboard"),
    path("reviews/<int:year>/report.pdf", views.report, name="report"),
]
