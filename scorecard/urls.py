from django.contrib import admin
from django.urls import include, path

from signin import views as signin_views

urlpatterns = [
    # The admin's "Log out" too ends a single sign-on at the provider.
    path("admin/logout/", signin_views.sign_out),
    path("admin/", admin.site.urls),
    path("login/", signin_views.SignInView.as_view(), name="login"),
    path("logout/", signin_views.sign_out, name="logout"),
    path("public/", include("reports.public_urls")),  # for residents: no sign-in, no session (issue 26)
    path("", include("signin.urls")),
    path("", include("reports.urls")),
    path("", include("objectives.imports.urls")),
    path("", include("objectives.frameworks.urls")),
    path("", include("objectives.benchmarks.urls")),
    path("", include("objectives.urls")),
]
