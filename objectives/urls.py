from django.urls import path

from objectives.views import actions, assessments, evidence, health, my_work, papers, planning, reviews

app_name = "objectives"
urlpatterns = [
    path("", reviews.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("my-work/", my_work.my_work, name="my_work"),
    path("account/", my_work.account, name="account"),
    path("reviews/<int:year>/assign/", my_work.review_assign, name="review_assign"),
    path("reviews/", reviews.review_list, name="review_list"),
    path("reviews/new/", reviews.review_new, name="review_new"),
    path("reviews/<int:year>/", reviews.review_detail, name="review_detail"),
    path("reviews/<int:year>/publish/", reviews.review_publish, name="review_publish"),
    path("reviews/<int:year>/reopen/", reviews.review_reopen, name="review_reopen"),
    path("reviews/<int:year>/targets/", reviews.review_targets, name="review_targets"),
    path("reviews/<int:year>/paper/", papers.front_sheet, name="front_sheet"),
    path("reviews/<int:year>/objectives/add/", assessments.assessment_add, name="assessment_add"),
    path("reviews/<int:year>/objectives/<int:number>/", assessments.assessment_detail, name="assessment_detail"),
    path("reviews/<int:year>/objectives/<int:number>/edit/", assessments.assessment_edit, name="assessment_edit"),
    path(
        "reviews/<int:year>/objectives/<int:number>/remove/",
        assessments.assessment_remove,
        name="assessment_remove",
    ),
    path("reviews/<int:year>/actions/", actions.plan, name="action_plan"),
    path("reviews/<int:year>/actions/export/", actions.export, name="action_export"),
    path("reviews/<int:year>/actions/planning/", planning.planning, name="action_planning"),
    path("reviews/<int:year>/objectives/<int:number>/actions/new/", actions.new, name="action_new"),
    path("actions/<int:pk>/", actions.detail, name="action_detail"),
    path("actions/<int:pk>/edit/", actions.edit, name="action_edit"),
    path("actions/<int:pk>/progress/", actions.progress, name="action_progress"),
    path("reviews/<int:year>/evidence/", evidence.review_list, name="review_evidence"),
    path("reviews/<int:year>/objectives/<int:number>/evidence/new/", evidence.new, name="evidence_new"),
    path("evidence/<int:pk>/", evidence.detail, name="evidence_detail"),
    path("evidence/<int:pk>/download/", evidence.download, name="evidence_download"),
    path("evidence/<int:pk>/edit/", evidence.edit, name="evidence_edit"),
    path("evidence/<int:pk>/confirm/", evidence.confirm, name="evidence_confirm"),
    path("evidence/<int:pk>/withdraw/", evidence.withdraw, name="evidence_withdraw"),
]
