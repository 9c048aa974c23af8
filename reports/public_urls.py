"""The public pages for residents, under /public/: stable addresses, documented in README.md."""

from django.urls import path

from reports import public

app_name = "public"
urlpatterns = [
    path("", public.review_list, name="review_list"),
    path("<review:key>/", public.review_page, name="review"),
    path("<review:key>/scorecard.csv", public.review_csv, name="review_csv"),
    path("<review:key>/scorecard.json", public.review_json, name="review_json"),
]
