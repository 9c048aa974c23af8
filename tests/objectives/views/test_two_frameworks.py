"""Two reviews of one year, of two frameworks: each its own pages, sign-off, export and pack; old URLs as before."""

import csv
import io
import re

import pytest

from objectives.models import Assessment, Review
from objectives.services.reviews import start_first_review
from tests.factories import make_framework, make_key_area, make_objective, make_theme
from tests.tools import pdf_pages

READINESS_LEVELS = ["Not started", "In progress", "In place", "Evidenced"]
BASE = "/reviews/pa2023-readiness/2021/"


@pytest.fixture
def readiness(db):
    """A small readiness framework: two duties in one key area, "Not applicable" allowed."""
    framework = make_framework(name="Procurement Act 2023 readiness", slug="pa2023-readiness", levels=READINESS_LEVELS)
    area = make_key_area(theme=make_theme(framework=framework, name="Planning"), name="Planning duties")
    make_objective(key_area=area, number=1, title="Procurement objectives published")
    make_objective(key_area=area, number=2, title="Regard to the NPPS recorded")
    return framework


@pytest.fixture
def both(seed_review, readiness, manager):
    """The seed's NPS 2018 review of 2021 (published) and a readiness review of 2021 (a draft)."""
    return seed_review, start_first_review(framework=readiness, year=2021, by=manager)


def test_two_reviews_of_one_year_live_side_by_side(both, readiness):
    nps_review, ready = both
    assert ready.year == nps_review.year == 2021 and ready.framework != nps_review.framework
    assert ready.assessments.count() == 2 and nps_review.assessments.count() == 13
    assert {a.origin for a in ready.assessments.all()} == {Assessment.Origin.NEW}


def test_each_review_is_signed_off_on_its_own(client, both, manager):
    nps_review, ready = both
    client.force_login(manager)
    response = client.post(f"{BASE}publish/", follow=True)
    assert "The 2021 Procurement Act 2023 readiness review is published" in response.content.decode()
    ready.refresh_from_db()
    assert ready.is_published
    client.post("/reviews/2021/reopen/", {"reason": "A score was wrong."})
    nps_review.refresh_from_db(), ready.refresh_from_db()
    assert not nps_review.is_published and ready.is_published


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/reviews/2021/", "Procurement Strategy Objectives 2021"),
        ("/reviews/2021/objectives/3/", "#3"),
        ("/reviews/2021/dashboard/", "2021"),
        ("/reviews/2021/actions/", "Action plan 2021"),
        ("/reviews/2021/evidence/", "Evidence 2021"),
        ("/reviews/nps-2018/2021/", "Procurement Strategy Objectives 2021"),
    ],
)
def test_the_urls_of_today_answer_as_before(client, both, manager, path, words):
    client.force_login(manager)
    html = client.get(path).content.decode()
    assert words in html and "Regard to the NPPS" not in html


def test_the_other_frameworks_pages_link_within_it(client, both, manager):
    client.force_login(manager)
    html = client.get(BASE).content.decode()
    assert '<h1 class="h2 mb-0">Procurement Act 2023 readiness 2021</h1>' in html
    assert "Regard to the NPPS recorded" in html and "Engaging councillors" not in html
    links = set(re.findall(r'href="(/reviews/[^"?#]*)', html)) - {"/reviews/", "/reviews/new/"}
    assert links and all(link.startswith(BASE) for link in links), links
    detail = client.get(f"{BASE}objectives/2/")
    assert detail.status_code == 200 and "Regard to the NPPS recorded" in detail.content.decode()
    assert client.get(f"{BASE}objectives/3/").status_code == 404  # NPS 2018's #3 is not a duty of this framework


def test_unknown_frameworks_and_years_are_not_found(client, both, manager):
    client.force_login(manager)
    for path in ("/reviews/no-such-framework/2021/", "/reviews/pa2023-readiness/2020/", "/reviews/new/2021/"):
        assert client.get(path).status_code == 404, path


def test_the_review_list_shows_every_frameworks_reviews(client, both, manager, committee_member):
    client.force_login(manager)
    html = client.get("/reviews/").content.decode()
    assert f'href="{BASE}"' in html and 'href="/reviews/2021/"' in html
    assert "Procurement Act 2023 readiness" in html and "NPS 2018" in html
    client.force_login(committee_member)  # the readiness review is a draft: not theirs to see
    html = client.get("/reviews/").content.decode()
    assert 'href="/reviews/2021/"' in html and BASE not in html
    assert client.get(BASE).status_code == 404


def test_the_new_review_page_asks_which_framework(client, seed_review, readiness, manager):
    client.force_login(manager)
    html = client.get("/reviews/new/").content.decode()
    assert "Which framework" in html
    assert 'href="/reviews/new/?framework=nps-2018"' in html
    assert 'href="/reviews/new/?framework=pa2023-readiness"' in html
    html = client.get("/reviews/new/?framework=pa2023-readiness").content.decode()
    assert "first review of Procurement Act 2023 readiness" in html and "Start the first" in html
    response = client.post("/reviews/new/", {"framework": "pa2023-readiness", "year": 2022})
    assert response.status_code == 302 and response["Location"] == "/reviews/pa2023-readiness/2022/"
    review = Review.objects.get(framework=readiness, year=2022)
    assert review.assessments.count() == 2 and not review.is_published
    # and NPS 2018's next review starts from its own latest, in the same year as the readiness review
    response = client.post("/reviews/new/", {"framework": "nps-2018", "year": 2022})
    assert response["Location"] == "/reviews/2022/"
    assert Review.objects.get(framework=seed_review.framework, year=2022).assessments.count() == 13


def test_a_frameworks_second_review_of_a_year_is_refused(client, both, manager):
    client.force_login(manager)
    response = client.post("/reviews/new/", {"framework": "pa2023-readiness", "year": 2021})
    assert "There is a 2021 review of this framework already." in response.content.decode()
    assert Review.objects.filter(year=2021).count() == 2


@pytest.mark.parametrize(
    ("url", "statuses"),
    [
        ("/reviews/new/?framework=pa2023-readiness", [302, 403, 403, 403, 200, 200]),
        (BASE, [302, 403, 404, 200, 200, 200]),
        (f"{BASE}objectives/1/edit/", [302, 403, 404, 200, 200, 200]),
        (f"{BASE}publish/", [302, 403, 404, 403, 200, 200]),
        (f"{BASE}dashboard/", [302, 403, 404, 200, 200, 200]),
    ],
)
def test_the_permission_ladder_of_the_other_frameworks_pages(client, request, both, url, statuses):
    personas = ["anonymous", "outsider", "committee_member", "officer", "manager", "staff"]
    for persona, expected in zip(personas, statuses, strict=True):
        client.logout()
        if persona != "anonymous":
            client.force_login(request.getfixturevalue(persona))
        assert client.get(url).status_code == expected, f"{persona} GET {url}"


def test_the_export_names_its_framework_and_imports_back_into_it(client, both, officer):
    nps_review, ready = both
    client.force_login(officer)
    response = client.get(f"{BASE}export/", {"format": "csv"})
    assert "scorecard-pa2023-readiness-2021.csv" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert {row["framework"] for row in rows} == {"Procurement Act 2023 readiness"}
    rows[0]["score"] = "In progress"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader(), writer.writerows(rows)
    upload = io.BytesIO(out.getvalue().encode())
    upload.name = "readiness.csv"
    preview = client.post("/imports/", {"file": upload}, follow=True)
    html = preview.content.decode()
    fingerprint = re.search(r'name="fingerprint" value="([^"]+)"', html).group(1)
    client.post(preview.redirect_chain[-1][0], {"fingerprint": fingerprint})
    assert ready.assessments.get(objective__number=1).score == 2
    assert not nps_review.assessments.filter(objective__number=1).exists()


def test_the_pack_names_its_framework_on_its_cover(client, both, manager, tmp_path):
    client.force_login(manager)
    response = client.get(f"{BASE}report.pdf")
    assert "procurement-scorecard-pa2023-readiness-2021.pdf" in response["Content-Disposition"]
    (tmp_path / "pack.pdf").write_bytes(b"".join(response.streaming_content))
    cover = pdf_pages(tmp_path / "pack.pdf")[0]
    assert "Procurement Act 2023 readiness 2021" in cover and "Procurement Act 2023 readiness (title)" in cover
