from django.urls import path

from signin import views

app_name = "signin"
urlpatterns = [
    path("oidc/start/", views.start, name="start"),
    path("oidc/callback/", views.callback, name="callback"),
    path("oidc/no-role/", views.no_role, name="no_role"),
]
