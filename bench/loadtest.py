"""`make loadtest`: 50 simulated council users for 60 seconds against gunicorn on PostgreSQL, on this machine.

It creates a database of its own, serves it with gunicorn (production settings, plain HTTP on 127.0.0.1), runs
bench/locustfile.py headless, prints requests per second, median and 95th-percentile times per page and the
errors, then checks that every acknowledged edit is in the database. Officers also download evidence files (PDFs
of the 2022 draft, kept in a folder of the run's own under artifacts/loadtest/). With --fault it restarts
PostgreSQL in the middle of the run and checks that the app serves again by itself, with no half-written assessment.
Only 127.0.0.1 is ever a target.
"""

import argparse
import csv
import os
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "artifacts" / "loadtest"
PASSWORD = "load-test-password-" + secrets.token_hex(4)
HTML_PAGES = {"login page", "scorecard", "objective", "edit form", "dashboard", "reviews", "published scorecard"}


def sh(*command, check=True, **kwargs):
    return subprocess.run(command, check=check, capture_output=True, text=True, **kwargs)


def setup_environment(database):
    os.environ.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{database}",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_DEBUG="0",
        DJANGO_HTTPS="0",
        DJANGO_SETTINGS_MODULE="scorecard.settings",
        DJANGO_LOG_LEVEL="ERROR",
        SCORECARD_EVIDENCE_DIR=str(OUT / "evidence"),
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def build_council(officers, managers, committee):
    """Load the demo council: the 2021 seed published, a 2022 draft to edit, and the load-test users."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    from objectives.imports.apply import import_document
    from objectives.models import Framework
    from objectives.services.frameworks import load_file
    from objectives.services.reviews import start_review

    call_command("migrate", verbosity=0)
    load_file((ROOT / "fixtures" / "nps-2018.framework.json").read_bytes())
    password = make_password(PASSWORD)  # hashed once: the hash is the same for every user
    groups = {"officer": "Procurement officer", "manager": "Manager", "committee": "Committee member"}
    users = {}
    for role, count in (("officer", officers), ("manager", managers), ("committee", committee)):
        for n in range(1, count + 1):
            user = User.objects.create(username=f"load-{role}-{n:02d}", password=password, first_name=role.title())
            user.groups.add(Group.objects.get(name=groups[role]))
            users.setdefault(role, user)
    seed = ROOT / "fixtures" / "medway-2021.txt"
    review = import_document(seed.read_bytes(), seed.name, framework=Framework.objects.get(name="NPS 2018")).reviews[0]
    review.publish(by=users["manager"])
    draft = start_review(previous=review, year=2022, by=users["manager"])
    return sorted(draft.assessments.values_list("objective__number", flat=True)), add_evidence_files(draft, users)


def add_evidence_files(draft, users):
    """Give each objective of the draft a PDF of evidence, from about 4 KB to about 2 MB; return their ids."""
    from datetime import date

    from weasyprint import HTML

    from objectives.services.evidence import add_evidence

    pdf = HTML(string="<h1>Contract management training record</h1>").write_pdf()
    ids = []
    for n, assessment in enumerate(draft.assessments.select_related("objective").order_by("objective__number")):
        data = pdf + b"%" + b"x" * (n * 160 * 1024) + b"\n"  # a PDF comment pads it: still a PDF
        item = add_evidence(
            assessment=assessment,
            by=users["officer"],
            upload=(data, f"evidence-{assessment.objective.number}.pdf"),
            title=f"Evidence for #{assessment.objective.number}",
            dated=date(2022, 3, 1),
        )
        ids.append(item.pk)
    return ids


def wait_for(url, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    return False


def warm_up(host, numbers, evidence):
    """Open every page a few times first, as a server that has been up a while would have: each worker's
    templates compiled and the published report rendered once (it is cached by its HTML afterwards)."""
    import requests

    session = requests.Session()
    login = session.get(host + "/login/")
    token = login.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    session.post(
        host + "/login/",
        {"username": "load-manager-01", "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": host + "/login/"},
    )
    urls = [
        "/reviews/",
        "/reviews/2021/",
        "/reviews/2022/",
        "/reviews/2021/dashboard/",
        "/reviews/2022/dashboard/",
        f"/reviews/2022/objectives/{numbers[0]}/",
        f"/reviews/2022/objectives/{numbers[0]}/edit/",
        "/reviews/2021/report.pdf",
        f"/evidence/{evidence[0]}/download/",
    ]
    for _ in range(6):
        for url in urls:
            # A new connection each time, so that every worker gets some of them.
            session.get(host + url, headers={"Connection": "close"}).raise_for_status()


def restart_postgres_later(after, log):
    def restart():
        time.sleep(after)
        cluster = sorted(os.listdir("/etc/postgresql"))[-1]
        started = time.time()
        log.append(f"PostgreSQL restart began at t+{after:.0f}s")
        sh("pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "restart", check=False)
        log.append(f"PostgreSQL was back after {time.time() - started:.1f}s")

    thread = threading.Thread(target=restart, daemon=True)
    thread.start()
    return thread


def report(stats_csv):
    rows = list(csv.DictReader(Path(stats_csv).read_text().splitlines()))
    print(f"\n{'page':<22}{'requests':>9}{'errors':>8}{'req/s':>8}{'median ms':>11}{'p95 ms':>8}  p95<250ms")
    worst = 0
    for row in rows:
        name = row["Name"]
        p95 = float(row["95%"] or 0)
        flag = ""
        if name in HTML_PAGES:
            flag = "yes" if p95 < 250 else "NO"
            worst = max(worst, p95)
        print(
            f"{name:<22}{row['Request Count']:>9}{row['Failure Count']:>8}{float(row['Requests/s']):>8.1f}"
            f"{float(row['Median Response Time']):>11.0f}{p95:>8.0f}  {flag}"
        )
    total = next(r for r in rows if r["Name"] == "Aggregated")
    return int(total["Failure Count"]), worst


def check_edits(ack_log):
    """Return (acknowledged edits, those missing from the database, assessments half-written)."""
    from django.db import connection

    from objectives.models import Assessment

    connection.close()  # a connection from before a PostgreSQL restart is gone
    acknowledged = [line.split() for line in Path(ack_log).read_text().splitlines() if line.strip()]
    recorded = set(Assessment.history.filter(review__year=2022).values_list("comments", flat=True))
    missing = [marker for _, marker in acknowledged if not any(marker in text for text in recorded)]
    half_written = []
    for assessment in Assessment.objects.filter(review__year=2022):
        last = assessment.history.order_by("-history_date").first()
        if (last.version, last.comments, last.score) != (assessment.version, assessment.comments, assessment.score):
            half_written.append(assessment.objective_id)
    return len(acknowledged), missing, half_written


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--port", type=int, default=8971)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "3")))
    parser.add_argument("--threads", type=int, default=int(os.environ.get("GUNICORN_THREADS", "4")))
    parser.add_argument("--fault", action="store_true", help="restart PostgreSQL in the middle of the run")
    parser.add_argument("--database", help="the database to create and drop (default: one named after this run)")
    args = parser.parse_args()

    if sh("pg_isready", "-h", "127.0.0.1", "-p", "5432", check=False).returncode != 0:
        sys.exit("PostgreSQL is not answering on 127.0.0.1:5432: start it first (pg_ctlcluster 15 main start)")
    database = args.database or f"scorecard_loadtest_{os.getpid()}"
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-q", "-c"]
    sh(*psql, f"CREATE DATABASE {database}")
    OUT.mkdir(parents=True, exist_ok=True)
    ack_log = OUT / "acknowledged-edits.txt"
    ack_log.write_text("")
    (OUT / "access.log").write_text("")
    server = None
    gunicorn_log, locust_log = (OUT / "gunicorn.log").open("w"), (OUT / "locust.log").open("w")  # noqa: SIM115
    try:
        setup_environment(database)
        shutil.rmtree(OUT / "evidence", ignore_errors=True)
        numbers, evidence = build_council(officers=args.users, managers=args.users, committee=args.users)
        sh(
            sys.executable,
            "manage.py",
            "collectstatic",
            "--noinput",
            "-v0",
            cwd=ROOT,
            env={**os.environ, "DJANGO_MANIFEST_STATIC": "1"},
        )
        env = {
            **os.environ,
            "DJANGO_MANIFEST_STATIC": "1",
            "BIND": f"127.0.0.1:{args.port}",
            "WEB_CONCURRENCY": str(args.workers),
            "GUNICORN_THREADS": str(args.threads),
            "GUNICORN_ACCESS_LOG": str(OUT / "access.log"),
        }
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "-c", "scorecard/gunicorn.conf.py", "scorecard.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=gunicorn_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        host = f"http://127.0.0.1:{args.port}"
        if not wait_for(host + "/healthz"):
            sys.exit(f"gunicorn did not answer on {host}: see {OUT / 'gunicorn.log'}")
        print(f"gunicorn: {args.workers} workers x {args.threads} threads on {host}, PostgreSQL database {database}")
        print(f"locust: {args.users} users for {args.seconds}s (officers 4 : committee 3 : managers 2)")
        warm_up(host, numbers, evidence)
        fault_log = []
        if args.fault:
            restart_postgres_later(args.seconds / 3, fault_log)
        locust_env = {
            **os.environ,
            "LOADTEST_PASSWORD": PASSWORD,
            "LOADTEST_ACK_LOG": str(ack_log),
            "LOADTEST_OBJECTIVES": ",".join(map(str, numbers)),
            "LOADTEST_EVIDENCE": ",".join(map(str, evidence)),
        }
        subprocess.run(
            [
                str(Path(sys.executable).parent / "locust"),
                "-f",
                "bench/locustfile.py",
                "--headless",
                "-u",
                str(args.users),
                "-r",
                "10",
                "-t",
                f"{args.seconds}s",
                "--host",
                host,
                "--csv",
                str(OUT / "locust"),
                "--only-summary",
                "--loglevel",
                "ERROR",
            ],
            cwd=ROOT,
            env=locust_env,
            check=False,
            stdout=locust_log,
            stderr=subprocess.STDOUT,
        )
        errors, worst = report(OUT / "locust_stats.csv")
        for line in fault_log:
            print(line)
        healthy = wait_for(host + "/healthz", 30)
        acknowledged, missing, half_written = check_edits(ack_log)
        print(f"\nrequests that failed: {errors}; slowest HTML page p95: {worst:.0f} ms")
        print(f"acknowledged edits: {acknowledged}; missing from the database: {len(missing)}")
        print(f"assessments half-written: {len(half_written)}; serving after the run: {'yes' if healthy else 'NO'}")
        access = (OUT / "access.log").read_text()
        failed, unavailable = access.count('" 500 '), access.count('" 503 ')
        print(f"answers 500 (server error): {failed}; answers 503 (the database-unavailable page): {unavailable}")
        clean = failed == 0
        ok = not missing and not half_written and healthy and clean and (args.fault or (errors == 0 and worst < 250))
        print("RESULT:", "pass" if ok else "FAIL")
        return 0 if ok else 1
    finally:
        gunicorn_log.close()
        locust_log.close()
        if server:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        from django.db import connections

        connections.close_all()
        sh(*psql, f"DROP DATABASE IF EXISTS {database} WITH (FORCE)", check=False)
        shutil.rmtree(OUT / "evidence", ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
