from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("reports.urls")),
    path("", include("objectives.imports.urls")),
    path("", include("objectives.urls")),
]
