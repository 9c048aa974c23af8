"""Where we stand: the dashboard places each key area's and objective's score in the benchmark set's spread, in
words and a box-and-whisker chart with its table, never a rank; for the procurement team only."""

import datetime
import io
import re

import pytest
from docx import Document
from docx.oxml.ns import qn

from objectives.models import BenchmarkItem, BenchmarkSet, Mapping
from reports.benchmarks import TOO_FEW, position_words
from tests.factories import make_assessment, make_framework, make_key_area, make_objective, make_review, make_theme
from tests.tools import pdf_text

URL = "/reviews/small-fw/2022/dashboard/"
FIGURES = (1, 2, 3, 4, 5)


def test_the_words_place_a_score_in_a_quarter_or_by_the_median():
    assert position_words(1.5, FIGURES) == "in the lowest quarter"
    assert position_words(2, FIGURES) == "below the median"
    assert position_words(3, FIGURES) == "at the median"
    assert position_words(3.5, FIGURES) == "above the median"
    assert position_words(4.5, FIGURES) == "in the highest quarter"
    assert position_words(None, FIGURES) == "not scored"
    assert position_words(4, None) == TOO_FEW


def council(*, manager, areas=1, objectives_per_area=2):
    framework = make_framework(name="Small framework", slug="small-fw")
    theme = make_theme(framework=framework, name="Leading")
    review = make_review(framework=framework, year=2022)
    number = 0
    for a in range(areas):
        area = make_key_area(theme=theme, name=f"Area {a}", position=a)
        for _ in range(objectives_per_area):
            number += 1
            objective = make_objective(key_area=area, number=number, title=f"Objective {number}")
            make_assessment(review=review, objective=objective, score=1 + number % 5, target=3)
    review.publish(by=manager)
    return framework, review


def make_set(framework, *, items, councils=6):
    benchmark_set = BenchmarkSet.objects.create(
        framework=framework, year=2022, source="South East group", as_at=datetime.date(2026, 11, 30), councils=councils
    )
    for kind, item, count, figures in items:
        BenchmarkItem.objects.create(
            set=benchmark_set,
            kind=kind,
            item=item,
            name=item,
            count=count,
            **dict(zip(BenchmarkItem.FIGURES, figures, strict=True)),
        )
    return benchmark_set


def full_set(framework, *, areas, objectives):
    items = [("key_area", f"leading/area-{a}", 6, (1, 1.5, 2.5, 3, 5)) for a in range(areas)]
    items += [("objective", str(n), 6, (1, 2, 3, 4, 5)) for n in range(1, objectives + 1)]
    return make_set(framework, items=items)


def test_the_dashboard_shows_where_we_stand_with_the_sets_source_size_and_date(client, manager):
    framework, review = council(manager=manager)  # Objective 1 scored 2, Objective 2 scored 3: Area 0's mean 2.5
    make_set(
        framework,
        items=[
            ("key_area", "leading/area-0", 6, (1, 1.5, 2, 2.25, 5)),  # 2.5 is above the upper quartile
            ("objective", "1", 6, (1, 2.5, 3, 4, 5)),  # 2 is in the lowest quarter
            ("objective", "2", 4, (None,) * 5),  # four councils: too few
        ],
    )
    client.force_login(manager)
    page = client.get(URL).content.decode()
    section = re.search(r'<section aria-labelledby="where-we-stand">(.*?)</section>', page, re.S).group(1)
    assert "South East group" in section and "6 councils" in section and "30 November 2026" in section
    chart = re.search(r'<figure class="chart" id="benchmark">(.*?)</figure>', section, re.S).group(1)
    assert "<svg" in chart
    table = re.search(
        r"<table><caption>Data of the chart: Our scores against the benchmark</caption>(.*?)</table>", chart
    )
    cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", table.group(1))
    assert cells[9:] == ["Area 0", "2.50", "6", "1.00", "1.50", "2.00", "2.25", "5.00", "in the highest quarter"]
    objectives = re.search(r'class="table-responsive benchmark-objectives"[^>]*>(.*?)</div>', section, re.S).group(1)
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th>(.*?)</tr>", objectives)
    assert rows[0][0] == "#1 Objective 1" and "in the lowest quarter" in rows[0][1]
    assert rows[1][0] == "#2 Objective 2" and TOO_FEW in rows[1][1]
    assert re.findall(r"<td>(.*?)</td>", rows[1][1]) == ["3.00", "", "", "", "", "", "", TOO_FEW]
    assert "rank" not in table.group(1).lower() and not re.search(r"\d(st|nd|rd|th)\b", section)  # never a rank


def test_a_cell_of_five_councils_is_shown_and_of_four_is_not(client, manager, settings):
    framework, review = council(manager=manager)
    make_set(
        framework,
        items=[("objective", "1", 5, (1, 2, 3, 4, 5)), ("objective", "2", 4, (1, 2, 3, 4, 5))],
    )
    client.force_login(manager)
    page = client.get(URL).content.decode()
    rows = dict(re.findall(r"<tr><th scope=\"row\">(#\d Objective \d)</th>(.*?)</tr>", page))
    assert "below the median" in rows["#1 Objective 1"]
    cells = re.findall(r"<td>(.*?)</td>", rows["#2 Objective 2"])
    assert cells == ["3.00", "", "", "", "", "", "", TOO_FEW]  # our score; of the set's, nothing
    settings.SCORECARD_BENCHMARK_MIN_COUNCILS = 6
    page = client.get(URL).content.decode()
    rows = dict(re.findall(r"<tr><th scope=\"row\">(#\d Objective \d)</th>(.*?)</tr>", page))
    assert TOO_FEW in rows["#1 Objective 1"]


def test_without_a_set_the_dashboard_says_so_and_offers_the_import_to_a_manager(client, manager, officer):
    council(manager=manager)
    client.force_login(manager)
    assert (
        'No benchmark set of Small framework is imported yet: <a href="/benchmarks/">'
        in client.get(URL).content.decode()
    )
    client.force_login(officer)
    page = client.get(URL).content.decode()
    assert "No benchmark set of Small framework is imported yet." in page and 'href="/benchmarks/"' not in page


def test_committee_members_see_no_comparison_on_the_dashboard(client, manager, committee_member):
    framework, _ = council(manager=manager)
    full_set(framework, areas=1, objectives=2)
    client.force_login(committee_member)
    page = client.get(URL).content.decode()
    assert client.get(URL).status_code == 200
    assert "Where we stand" not in page and "South East group" not in page


@pytest.mark.parametrize("size", [(1, 2), (4, 5)])
def test_the_set_costs_the_same_queries_whatever_its_size(client, manager, django_assert_num_queries, size):
    areas, per_area = size
    framework, _ = council(manager=manager, areas=areas, objectives_per_area=per_area)
    client.force_login(manager)
    client.get(URL)  # the session warmed, as below
    # as the dashboard without a set (tests/reports/test_dashboard.py: 16, one of which finds no set), and its items
    with django_assert_num_queries(16):
        client.get(URL)
    full_set(framework, areas=areas, objectives=areas * per_area)
    with django_assert_num_queries(17):
        response = client.get(URL)
    assert response.content.decode().count("South East group") >= 1


def word_text(content):
    document = Document(io.BytesIO(content))
    body = document.element.body
    return squash("\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))))


def squash(text):
    return re.sub(r"\s+", "", text)


@pytest.fixture
def pack_of(client, tmp_path):
    return lambda user, extension: read_pack(client, user, extension, tmp_path)


def read_pack(client, user, extension, folder):
    client.force_login(user)
    response = client.get(f"/reviews/small-fw/2022/report.{extension}")
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    return pdf_text(content, folder) if extension == "pdf" else word_text(content)


@pytest.mark.parametrize("extension", ["pdf", "docx"])
def test_committee_members_see_the_comparison_in_the_published_pack(manager, committee_member, extension, pack_of):
    framework, _ = council(manager=manager)  # Objective 1 scored 2, Objective 2 scored 3; Area 0's mean 2.5
    make_set(
        framework,
        items=[
            ("key_area", "leading/area-0", 6, (1, 1.5, 2, 2.25, 5)),
            ("objective", "1", 6, (1, 2.5, 3, 4, 5)),
            ("objective", "2", 4, (None,) * 5),
        ],
    )
    text = pack_of(committee_member, extension)
    assert squash("Where we stand") in text
    assert squash("Against South East group: 6 councils' Small framework 2022 scores, as at 30 November 2026") in text
    assert squash("in the highest quarter") in text  # Area 0
    assert squash("in the lowest quarter") in text  # Objective 1
    assert squash(TOO_FEW) in text  # Objective 2


@pytest.mark.parametrize("extension", ["pdf", "docx"])
def test_a_draft_pack_has_no_comparison(manager, extension, pack_of):
    framework, review = council(manager=manager)
    full_set(framework, areas=1, objectives=2)
    review.reopen(by=manager, reason="A score to correct.")
    assert squash("Where we stand") not in pack_of(manager, extension)


def test_a_pack_without_a_set_has_no_comparison(manager, pack_of):
    council(manager=manager)
    assert squash("Where we stand") not in pack_of(manager, "docx")


def test_a_set_of_an_earlier_version_is_read_through_the_mapping_and_labelled_derived(client, manager):
    older, _ = council(manager=manager)  # small-fw: Area 0 with objectives 1 and 2
    newer = make_framework(name="Small framework 2", slug="small-fw-2")
    newer.supersedes = older
    newer.save()
    area = make_key_area(theme=make_theme(framework=newer, name="Leading"), name="Area 0")
    review = make_review(framework=newer, year=2023)
    for number, score in ((11, 2), (12, 4)):
        objective = make_objective(key_area=area, number=number, title=f"Duty {number}")
        make_assessment(review=review, objective=objective, score=score, target=3)
    review.publish(by=manager)
    first_old = older.objectives.get(number=1)
    Mapping.objects.create(from_objective=newer.objectives.get(number=11), to_objective=first_old, relation="same")
    Mapping.objects.create(from_objective=newer.objectives.get(number=12), to_objective=first_old, relation="related")
    Mapping.objects.create(from_key_area=area, to_key_area=first_old.key_area, relation="same")
    make_set(
        older,
        items=[("key_area", "leading/area-0", 6, (1, 2, 2.5, 3.5, 5)), ("objective", "1", 6, (1, 2.5, 3, 4, 5))],
    )
    client.force_login(manager)
    page = client.get("/reviews/small-fw-2/2023/dashboard/").content.decode()
    assert "Derived: the set is of Small framework, read through the mapping to this framework" in page
    rows = dict(re.findall(r"<tr><th scope=\"row\">(#\d+ Duty \d+)</th>(.*?)</tr>", page))
    assert "in the lowest quarter" in rows["#11 Duty 11"]  # 2, against objective 1's spread
    assert TOO_FEW in rows["#12 Duty 12"]  # only "related": no figures borrowed
    chart = re.search(r'<figure class="chart" id="benchmark">(.*?)</figure>', page, re.S).group(1)
    assert "Area 0: above the median" in chart  # the mean 3 against 2.5
