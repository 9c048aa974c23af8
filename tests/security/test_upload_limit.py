from django.core.files.uploadedfile import SimpleUploadedFile


def test_a_request_body_over_the_upload_limit_is_refused_before_it_is_read(client, officer, settings):
    client.force_login(officer)
    big = SimpleUploadedFile("scores.csv", b"x" * (settings.SCORECARD_IMPORT_MAX_BYTES + 100 * 1024), "text/csv")
    response = client.post("/imports/", {"file": big})
    assert response.status_code == 413
    assert "files of up to 5 MB are accepted" in response.content.decode()


def test_an_ordinary_post_passes(client, officer):
    client.force_login(officer)
    assert client.post("/logout/").status_code == 302
