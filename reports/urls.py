from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("reviews/<int:year>/dashboard/", views.dashboard, name="dashboard"),
    path("reviews/<int:year>/report.pdf", views.report, name="report"),
    path("reviews/<int:year>/report.docx", views.report, {"extension": "docx"}, name="report_docx"),
    path("reviews/<int:year>/actions/report.pdf", views.action_plan_report, name="action_plan_report"),
    path(
        "reviews/<int:year>/actions/report.docx",
        views.action_plan_report,
        {"extension": "docx"},
        name="action_plan_report_docx",
    ),
]
