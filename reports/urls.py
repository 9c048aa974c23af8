from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("reviews/<review:key>/dashboard/", views.dashboard, name="dashboard"),
    path("reviews/<review:key>/report.pdf", views.report, name="report"),
    path("reviews/<review:key>/report.docx", views.report, {"extension": "docx"}, name="report_docx"),
    path("reviews/<review:key>/actions/report.pdf", views.action_plan_report, name="action_plan_report"),
    path(
        "reviews/<review:key>/actions/report.docx",
        views.action_plan_report,
        {"extension": "docx"},
        name="action_plan_report_docx",
    ),
]
