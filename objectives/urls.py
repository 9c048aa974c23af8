from django.contrib.auth import views as auth_views
from django.urls import path

from objectives import views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", views.healthz, name="healthz"),
    path("reviews/", views.review_list, name="review_list"),
    path("reviews/<int:year>/", views.review_detail, name="review_detail"),
]
