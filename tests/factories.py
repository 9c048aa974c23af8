"""Plain keyword-only factories for tests: each makes the smallest valid object and what it needs."""

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.utils.text import slugify

from objectives.models import Action, Assessment, Framework, KeyArea, MaturityLevel, Objective, Review, Theme
from objectives.queries.action_plan import attach_actions
from objectives.roles import ensure_roles
from objectives.rules.text import items

NPS_LEVELS = ["Minimum", "Developing", "Mature", "Leader", "Innovator"]
# The personas of tests/conftest.py, as make_user's arguments.
PERSONAS = {
    "officer": {"username": "olivia", "group": "Procurement officer", "first_name": "Olivia", "last_name": "Okafor"},
    "manager": {"username": "morgan", "group": "Manager", "first_name": "Morgan", "last_name": "Mensah"},
    "committee_member": {
        "username": "chris",
        "group": "Committee member",
        "first_name": "Chris",
        "last_name": "Carter",
    },
    "outsider": {"username": "oscar"},
    "staff": {"username": "sam", "is_staff": True, "is_superuser": True},
}


def make_framework(*, name="Test framework", levels=NPS_LEVELS, slug=None, allows_not_applicable=False):
    """Make a framework; the one of that default name is the council's main framework, whose reviews' URLs are
    /reviews/<year>/ (settings.SCORECARD_MAIN_FRAMEWORK), as every test wrote them before there were several."""
    if slug is None:
        slug = settings.SCORECARD_MAIN_FRAMEWORK if name == "Test framework" else slugify(name)
    framework = Framework.objects.create(
        name=name, slug=slug, title=f"{name} (title)", allows_not_applicable=allows_not_applicable
    )
    for number, level in enumerate(levels, start=1):
        MaturityLevel.objects.create(framework=framework, number=number, name=level)
    return framework


def make_theme(*, framework, name="Showing leadership", position=1):
    return Theme.objects.create(framework=framework, name=name, slug=name.lower().replace(" ", "-"), position=position)


def make_key_area(*, theme, name="Engaging councillors", position=1):
    return KeyArea.objects.create(theme=theme, name=name, slug=name.lower().replace(" ", "-"), position=position)


def make_objective(*, key_area, number, title=None, description=None):
    return Objective.objects.create(
        framework=key_area.theme.framework,
        key_area=key_area,
        number=number,
        title=title or f"Objective {number}",
        description=description or f"The extent to which objective {number} is met.",
    )


def make_review(*, framework, year=2021, published_by=None):
    """Make a review, published if `published_by` is given: then it takes no assessments (add them first)."""
    review = Review.objects.create(framework=framework, year=year)
    if published_by:
        review.publish(by=published_by)
    return review


def make_assessment(*, review, objective, score=None, target=None, origin="continued", comments="", actions=""):
    """Make an assessment, and an action for each paragraph or list item of `actions`."""
    assessment = Assessment.objects.create(
        review=review, objective=objective, score=score, target=target, origin=origin, comments=comments
    )
    for text in items(actions):
        make_action(review=review, objective=objective, text=text)
    return assessment


def make_action(*, review, objective, text="Run two training sessions.", by=None, **fields):
    """Raise an action in `review` as the action page does (after sign-off if the review is published)."""
    return Action.raise_in(review, objective=objective, by=by, text=text, **fields)


def set_actions(assessment, text):
    """Give an assessment of a draft exactly one planned action per paragraph or list item of `text`."""
    Action.objects.filter(raised_in=assessment.review, objective=assessment.objective).delete()
    for words in items(text):
        make_action(review=assessment.review, objective=assessment.objective, text=words)


def actions_text(assessment):
    """Return the words of an assessment's actions, a paragraph each, as its scorecard row prints them."""
    return attach_actions([assessment])[0].actions


def make_evidence(*, assessment, by, title="Training record", data=None, name="record.pdf", link="", **fields):
    """Add an evidence item as the page does: a file (`data`, named `name`) or, given `link`, a link.

    The assessment's review must be a draft; publish it afterwards for a frozen one.
    """
    from datetime import date

    from objectives.services.evidence import add_evidence

    fields.setdefault("dated", date(2021, 3, 1))
    upload = None if link else (data or b"%PDF-1.4\n%test\n", name)
    return add_evidence(assessment=assessment, by=by, upload=upload, title=title, link=link, **fields)


def make_user(*, username, group=None, **extra):
    user = User.objects.create_user(username=username, password="correct-horse-battery", **extra)
    if group:
        if not Group.objects.filter(name=group).exists():
            ensure_roles()  # a transactional test (live server, backups) flushed the migration's groups
        user.groups.add(Group.objects.get(name=group))
    return user


def make_seed_review(*, framework, published_by=None, user=None):
    """Write the Medway 2021 seed (tests/data/medway-2021.json) into `framework`, which has its 13 objectives.

    The NPS 2018 fixture holds them; the document's parser is not involved.
    """
    from tests.seed import seed_data

    data = seed_data()
    review = Review.objects.create(framework=framework, year=data["year"])
    objectives = {o.number: o for o in Objective.objects.filter(framework=framework)}
    for row in data["objectives"]:
        assessment = Assessment(
            review=review,
            objective=objectives[row["number"]],
            score=row["score"],
            origin=row["origin"],
            comments=row["comments"],
        )
        assessment._history_user = user
        assessment.save()
        for text in items(row["actions"]):  # as migration 0008 turned the text into actions
            make_action(review=review, objective=assessment.objective, text=text, by=user)
    if published_by:
        review.publish(by=published_by)
    return review


def make_second_year(*, seed_review, manager, publish=True):
    """Give the published seed a 2022 review, started from it and scored: a committee pack of two years.

    Every objective is scored (half a level up, #3 and #32 down to where they were), with last year's comments and
    one sentence more; targets are 3 Mature, 4 Leader for the four at 3; every action carried in has a lead and a
    due date, one is done, one in progress, one overdue; #31 gets a new action. Published unless `publish` is False.
    """
    import datetime

    from objectives.services.reviews import start_review

    review = start_review(previous=seed_review, year=seed_review.year + 1, by=manager, carry_text=True)
    last = {a.objective.number: a.score for a in seed_review.assessments.select_related("objective")}
    for assessment in review.assessments.select_related("objective"):
        number = assessment.objective.number
        assessment.score = min(5, last[number] + (1 if number % 2 else 0))
        assessment.target = 4 if last[number] == 3 and number in (31, 33, 35, 37) else 3
        assessment.comments += f"\n\nIn {review.year} the team reported progress on objective {number}."
        assessment._history_user = manager
        assessment.save()
    statuses = ["planned", "in_progress", "done", "planned"]
    for index, action in enumerate(Action.objects.filter(reviews=review).order_by("objective__number", "position")):
        action.lead = ["Head of Procurement", "Category Manager", "Contracts Team", "Social Value Officer"][index % 4]
        action.due_date = datetime.date(review.year, 3 + index % 9, 28)
        action.status = statuses[index % 4]
        if action.status == "done":
            action.done_on = datetime.date(review.year, 2, 14)
        action._history_user = manager
        action.save()
    objective = review.assessments.get(objective__number=31).objective
    make_action(
        review=review,
        objective=objective,
        text="Publish a social value statement with every tender over the threshold.",
        by=manager,
        lead="Social Value Officer",
        due_date=datetime.date(review.year + 1, 3, 31),
    )
    if publish:
        review.publish(by=manager)
    return review


READINESS_LEVELS = ("Not started", "In progress", "In place", "Evidenced")


def make_not_applicable_review(*, year=2022, by=None, previous_year=None):
    """Make a draft review of a framework that allows "Not applicable", four levels: #1 scored 2 (target 3), #2
    scored 4 (target 3), #3 marked not applicable with its reason, #4 not scored. With `previous_year`, a published
    review of that year before it: #1 scored 1, #2 2, #3 3 (so that #3 has a score then), #4 not applicable."""
    framework = make_framework(name="Readiness", levels=READINESS_LEVELS, allows_not_applicable=True)
    area = make_key_area(theme=make_theme(framework=framework, name="Duties"), name="Publishing notices")
    objectives = [make_objective(key_area=area, number=n, title=f"Duty {n}") for n in (1, 2, 3, 4)]
    if previous_year:
        earlier = make_review(framework=framework, year=previous_year)
        for objective, score in zip(objectives, (1, 2, 3), strict=False):
            make_assessment(review=earlier, objective=objective, score=score)
        Assessment.objects.create(
            review=earlier, objective=objectives[3], not_applicable=True, not_applicable_reason="No contracts then."
        )
        earlier.publish(by=by or make_user(username="publisher", group="Manager"))
    review = make_review(framework=framework, year=year)
    make_assessment(review=review, objective=objectives[0], score=2, target=3)
    make_assessment(review=review, objective=objectives[1], score=4, target=3)
    Assessment.objects.create(
        review=review,
        objective=objectives[2],
        not_applicable=True,
        not_applicable_reason="The council lets no concession contracts.",
    )
    make_assessment(review=review, objective=objectives[3])
    return review
