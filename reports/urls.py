urlpatterns: list = [
    # /reviews/<year>/dashboard/ and /reviews/<year>/report.pdf
]
