from django.urls import path

from objectives.imports import views

urlpatterns = [
    path("imports/", views.import_upload, name="import_upload"),
    path("imports/<str:key>/", views.import_preview, name="import_preview"),
    path("reviews/<int:year>/export/", views.review_export, name="review_export"),
]
