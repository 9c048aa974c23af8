from django.urls import path

from objectives.views import actions, assessments, evidence, health, moderation, my_work, papers, planning, reviews

app_name = "objectives"
urlpatterns = [
    path("", reviews.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("my-work/", my_work.my_work, name="my_work"),
    path("account/", my_work.account, name="account"),
    path("reviews/<review:key>/assign/", my_work.review_assign, name="review_assign"),
    path("reviews/", reviews.review_list, name="review_list"),
    path("reviews/new/", reviews.review_new, name="review_new"),
    path("reviews/<review:key>/", reviews.review_detail, name="review_detail"),
    path("reviews/<review:key>/publish/", reviews.review_publish, name="review_publish"),
    path("reviews/<review:key>/reopen/", reviews.review_reopen, name="review_reopen"),
    path("reviews/<review:key>/targets/", reviews.review_targets, name="review_targets"),
    path("reviews/<review:key>/paper/", papers.front_sheet, name="front_sheet"),
    path("reviews/<review:key>/objectives/add/", assessments.assessment_add, name="assessment_add"),
    path("reviews/<review:key>/objectives/<int:number>/", assessments.assessment_detail, name="assessment_detail"),
    path("reviews/<review:key>/objectives/<int:number>/edit/", assessments.assessment_edit, name="assessment_edit"),
    path("reviews/<review:key>/objectives/<int:number>/agree/", moderation.assessment_agree, name="assessment_agree"),
    path("reviews/<review:key>/scoring/", moderation.review_moderation, name="review_moderation"),
    path(
        "reviews/<review:key>/objectives/<int:number>/remove/",
        assessments.assessment_remove,
        name="assessment_remove",
    ),
    path("reviews/<review:key>/actions/", actions.plan, name="action_plan"),
    path("reviews/<review:key>/actions/export/", actions.export, name="action_export"),
    path("reviews/<review:key>/actions/planning/", planning.planning, name="action_planning"),
    path("reviews/<review:key>/objectives/<int:number>/actions/new/", actions.new, name="action_new"),
    path("actions/<int:pk>/", actions.detail, name="action_detail"),
    path("actions/<int:pk>/edit/", actions.edit, name="action_edit"),
    path("actions/<int:pk>/progress/", actions.progress, name="action_progress"),
    path("reviews/<review:key>/evidence/", evidence.review_list, name="review_evidence"),
    path("reviews/<review:key>/objectives/<int:number>/evidence/new/", evidence.new, name="evidence_new"),
    path("evidence/<int:pk>/", evidence.detail, name="evidence_detail"),
    path("evidence/<int:pk>/download/", evidence.download, name="evidence_download"),
    path("evidence/<int:pk>/edit/", evidence.edit, name="evidence_edit"),
    path("evidence/<int:pk>/confirm/", evidence.confirm, name="evidence_confirm"),
    path("evidence/<int:pk>/withdraw/", evidence.withdraw, name="evidence_withdraw"),
]
