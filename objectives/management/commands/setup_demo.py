from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from objectives.frameworks.reading import read
from objectives.imports.apply import import_document
from objectives.models import Framework, Mapping, Review
from objectives.services.evidence import add_evidence
from objectives.services.frameworks import load

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
# The frameworks the new-review page offers from the start, and the mapping between them (fixtures/README.md).
DEMO_FILES = ("nps-2018.framework.json", "pa2023-readiness.framework.json", "pa2023-to-nps-2018.mapping.json")
# The seed does not say when Medway's committee signed its 2021 scorecard off: the demo dates the sign-off at the
# end of the council's 2021/22 year rather than on the day the demo was loaded.
DEMO_SIGNED_OFF = datetime(2022, 3, 31, 17, 0, tzinfo=ZoneInfo("Europe/London"))
DEMO_USERS = [
    # username, password, full name, group (None: the administrator)
    ("officer", "officer-demo-pass", "Olivia Okafor", "Procurement officer"),
    ("manager", "manager-demo-pass", "Morgan Mensah", "Manager"),
    ("committee", "committee-demo-pass", "Cllr Chris Carter", "Committee member"),
    ("admin", "admin-demo-pass", "Ada Administrator", None),
]


class Command(BaseCommand):
    help = (
        "Load the NPS 2018 and Procurement Act 2023 readiness frameworks, the mapping between them and the Medway "
        "2021 scorecard (published) if they are not there yet, and create one demo user per role. Demo mode only: "
        "refuses when DEBUG is off. Keeps existing data."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("setup_demo creates users with published passwords: run it only with DJANGO_DEBUG=1")
        with transaction.atomic():
            for name in DEMO_FILES:
                self.load_catalogue_file(FIXTURES / name)
            users = {
                username: self.demo_user(username, password, name, group)
                for username, password, name, group in DEMO_USERS
            }
            if not Review.objects.filter(framework__slug="nps-2018", year=2021).exists():
                path = FIXTURES / "medway-2021.txt"
                planned = import_document(
                    path.read_bytes(),
                    path.name,
                    framework=Framework.objects.get(slug="nps-2018"),
                    user=users["manager"],
                )
                demo_evidence(planned.reviews[0], by=users["officer"])
                planned.reviews[0].publish(by=users["manager"], when=DEMO_SIGNED_OFF)
                self.stdout.write(f"Imported and published the seed: {planned.summary()}")
        self.stdout.write("\nDemo users (development only):")
        for username, password, _name, group in DEMO_USERS:
            self.stdout.write(f"  {username:<10} password {password:<20} {group or 'Administrator (staff)'}")

    def load_catalogue_file(self, path):
        """Load a framework or mapping file the demo ships, unless it is there already (then left as it is)."""
        content = read(path.read_bytes()).content
        if content.kind == "framework":
            there = Framework.objects.filter(slug=content.slug).exists()
        else:
            frameworks = [Framework.objects.get(slug=slug) for slug in (content.start, content.end)]
            there = Mapping.objects.between(*frameworks).exists()
        if not there:
            self.stdout.write(f"Loaded {load(content).summary()}.")

    def demo_user(self, username, password, full_name, group):
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.first_name, _, user.last_name = full_name.rpartition(" ")
            user.email = f"{username}@council.example"  # for reminder digests; .example is never a real domain
            user.set_password(password)
            user.is_staff = user.is_superuser = group is None
            user.save()
            if group:
                user.groups.add(Group.objects.get(name=group))
        return user


DEMO_PDF = """<html lang="en-GB"><head><title>Councillor procurement training, 2021</title></head><body>
<h1>Councillor procurement training, 2021</h1><p>A demonstration evidence file, made by <code>setup_demo</code>: the
kind of attendance record that shows objective #3 (councillor development) at its score.</p>
<table><tr><th>Session</th><th>Attendance</th></tr><tr><td>Procurement and the Council's Constitution</td>
<td>Demo data</td></tr><tr><td>Social value in commissioning</td><td>Demo data</td></tr></table></body></html>"""


def demo_evidence(review, *, by):
    """Add a little evidence to the demo's 2021 review before it is signed off: a PDF, made here, and a link."""
    from weasyprint import HTML

    assessments = {a.objective.number: a for a in review.assessments.select_related("objective")}
    add_evidence(
        assessment=assessments[3],
        by=by,
        upload=(HTML(string=DEMO_PDF).write_pdf(), "councillor-training-2021.pdf"),
        title="Councillor procurement training record 2021 (demo)",
        shows="Who attended the sessions on procurement and social value.",
        dated=date(2021, 11, 30),
        owner=by,
        review_by=date(2022, 11, 30),
    )
    add_evidence(
        assessment=assessments[33],
        by=by,
        link="https://socialvalueportal.com/",
        title="Social Value Portal: the National TOMs (demo)",
        shows="The themes, outcomes and measures the council reports its social value against.",
        dated=date(2021, 6, 1),
        review_by=date(2023, 6, 1),
    )
