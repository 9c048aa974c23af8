from django.urls import path

from objectives.frameworks import views

app_name = "frameworks"
urlpatterns = [
    path("frameworks/", views.framework_list, name="list"),
    path("frameworks/uploads/<str:key>/", views.framework_preview, name="preview"),
]
