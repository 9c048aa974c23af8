from django.urls import path

from objectives.imports import views

app_name = "imports"
urlpatterns = [
    path("imports/", views.import_upload, name="upload"),
    path("imports/<str:key>/", views.import_preview, name="preview"),
    path("reviews/<review:key>/export/", views.review_export, name="export"),
]
