from django.urls import path

from objectives import import_views

urlpatterns = [
    path("imports/", import_views.import_upload, name="import_upload"),
    path("imports/<str:key>/", import_views.import_preview, name="import_preview"),
    path("reviews/<int:year>/export/", import_views.review_export, name="review_export"),
]
