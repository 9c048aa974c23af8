from django.urls import path

from objectives.benchmarks import views

app_name = "benchmarks"
urlpatterns = [
    path("reviews/<review:key>/benchmark-return/", views.benchmark_return, name="return"),
    path("benchmarks/", views.set_list, name="list"),
    path("benchmarks/uploads/<str:key>/", views.set_preview, name="preview"),
]
