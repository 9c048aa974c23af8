"""A council's day under load: officers opening and saving assessments and downloading evidence, managers reading
dashboards, committee members downloading reports. Run by bench/loadtest.py (`make loadtest`), not on its own."""

import itertools
import os
import random
import re
import uuid

from locust import HttpUser, between, task

PASSWORD = os.environ.get("LOADTEST_PASSWORD", "")
ACK_LOG = os.environ.get("LOADTEST_ACK_LOG", "/dev/null")
DRAFT, PUBLISHED = os.environ.get("LOADTEST_DRAFT", "2022"), os.environ.get("LOADTEST_PUBLISHED", "2021")
NUMBERS = [int(n) for n in os.environ.get("LOADTEST_OBJECTIVES", "3").split(",")]
EVIDENCE = [int(n) for n in os.environ.get("LOADTEST_EVIDENCE", "").split(",") if n]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
counters = {role: itertools.count(1) for role in ("officer", "manager", "committee")}


def field(html, name):
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    return match.group(1) if match else ""


class CouncilUser(HttpUser):
    abstract = True
    role = ""
    wait_time = between(1, 3)

    def on_start(self):
        username = f"load-{self.role}-{next(counters[self.role]):02d}"
        page = self.client.get("/login/", name="login page")
        self.client.post(
            "/login/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": TOKEN.search(page.text).group(1)},
            headers={"Referer": self.host + "/login/"},
            name="sign in",
        )


class Officer(CouncilUser):
    role = "officer"
    weight = 4

    @task(2)
    def scorecard(self):
        self.client.get(f"/reviews/{DRAFT}/", name="scorecard")

    @task(2)
    def objective(self):
        self.client.get(f"/reviews/{DRAFT}/objectives/{random.choice(NUMBERS)}/", name="objective")

    @task(3)
    def edit_and_save(self):
        number = random.choice(NUMBERS)
        url = f"/reviews/{DRAFT}/objectives/{number}/edit/"
        form = self.client.get(url, name="edit form").text
        marker = f"load-{uuid.uuid4()}"
        data = {
            "csrfmiddlewaretoken": TOKEN.search(form).group(1),
            "version": field(form, "version"),
            "score": random.choice(["", "1", "2", "3", "4", "5"]),
            "origin": "continued",
            "comments": f"Progress noted under load.\n\n{marker}",
        }
        with self.client.post(
            url, data, name="save", allow_redirects=False, catch_response=True, headers={"Referer": self.host + url}
        ) as response:
            if response.status_code == 302:
                with open(ACK_LOG, "a") as log:
                    log.write(f"{number} {marker}\n")
                response.success()
            elif response.status_code == 409:
                response.success()  # someone else saved first: the app said so, as it must
            else:
                response.failure(f"save answered {response.status_code}")

    @task(2)
    def download_evidence(self):
        url = f"/evidence/{random.choice(EVIDENCE)}/download/"
        with self.client.get(url, name="evidence download", catch_response=True) as response:
            if response.status_code != 200 or not response.content.startswith(b"%PDF-"):
                response.failure(f"evidence download answered {response.status_code}")
            elif "attachment" not in response.headers.get("Content-Disposition", ""):
                response.failure("evidence download was not an attachment")
            else:
                response.success()


class Manager(CouncilUser):
    role = "manager"
    weight = 2

    @task(3)
    def dashboard(self):
        self.client.get(f"/reviews/{random.choice([DRAFT, PUBLISHED])}/dashboard/", name="dashboard")

    @task(1)
    def theme_dashboard(self):
        self.client.get(f"/reviews/{DRAFT}/dashboard/?theme=achieving-community-benefits", name="dashboard")

    @task(1)
    def reviews(self):
        self.client.get("/reviews/", name="reviews")


class CommitteeMember(CouncilUser):
    role = "committee"
    weight = 3

    @task(2)
    def scorecard(self):
        self.client.get(f"/reviews/{PUBLISHED}/", name="published scorecard")

    @task(2)
    def dashboard(self):
        self.client.get(f"/reviews/{PUBLISHED}/dashboard/", name="dashboard")

    @task(1)
    def report(self):
        self.client.get(f"/reviews/{PUBLISHED}/report.pdf", name="report pdf")
