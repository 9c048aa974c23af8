urlpatterns: list = [
    # /imports/ and /reviews/<year>/export/
]
