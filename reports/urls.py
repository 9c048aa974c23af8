from django.urls import path

from reports import views

urlpatterns = [
    path("reviews/<int:year>/dashboard/", views.dashboard, name="dashboard"),
]
