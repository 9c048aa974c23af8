from django.urls import path

from objectives import action_views, assessment_views, evidence_views, mywork_views, views

app_name = "objectives"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("my-work/", mywork_views.my_work, name="my_work"),
    path("account/", mywork_views.account, name="account"),
    path("reviews/<int:year>/assign/", mywork_views.review_assign, name="review_assign"),
    path("reviews/", views.review_list, name="review_list"),
    path("reviews/new/", views.review_new, name="review_new"),
    path("reviews/<int:year>/", views.review_detail, name="review_detail"),
    path("reviews/<int:year>/publish/", views.review_publish, name="review_publish"),
    path("reviews/<int:year>/reopen/", views.review_reopen, name="review_reopen"),
    path("reviews/<int:year>/targets/", views.review_targets, name="review_targets"),
    path("reviews/<int:year>/objectives/add/", assessment_views.assessment_add, name="assessment_add"),
    path("reviews/<int:year>/objectives/<int:number>/", assessment_views.assessment_detail, name="assessment_detail"),
    path("reviews/<int:year>/objectives/<int:number>/edit/", assessment_views.assessment_edit, name="assessment_edit"),
    path(
        "reviews/<int:year>/objectives/<int:number>/remove/",
        assessment_views.assessment_remove,
        name="assessment_remove",
    ),
    path("reviews/<int:year>/actions/", action_views.plan, name="action_plan"),
    path("reviews/<int:year>/actions/export/", action_views.export, name="action_export"),
    path("reviews/<int:year>/objectives/<int:number>/actions/new/", action_views.new, name="action_new"),
    path("actions/<int:pk>/", action_views.detail, name="action_detail"),
    path("actions/<int:pk>/edit/", action_views.edit, name="action_edit"),
    path("actions/<int:pk>/progress/", action_views.progress, name="action_progress"),
    path("reviews/<int:year>/evidence/", evidence_views.review_list, name="review_evidence"),
    path("reviews/<int:year>/objectives/<int:number>/evidence/new/", evidence_views.new, name="evidence_new"),
    path("evidence/<int:pk>/", evidence_views.detail, name="evidence_detail"),
    path("evidence/<int:pk>/download/", evidence_views.download, name="evidence_download"),
    path("evidence/<int:pk>/edit/", evidence_views.edit, name="evidence_edit"),
    path("evidence/<int:pk>/confirm/", evidence_views.confirm, name="evidence_confirm"),
    path("evidence/<int:pk>/withdraw/", evidence_views.withdraw, name="evidence_withdraw"),
]
