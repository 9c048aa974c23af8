"""`/reviews/<year>/paper/`: a manager sets the draft's front sheet and edits the key messages the figures propose;
sign-off keeps them, whatever moves afterwards."""

import datetime

import time_machine

from objectives.models import Action, FrontSheet
from objectives.rules.scoring import reviews_to_compare
from reports.pack import review_pack

NOW = datetime.datetime(2022, 6, 1, 9, 0, tzinfo=datetime.UTC)


def form_data(**changes):
    data = {
        "report_to": "Audit Committee",
        "meeting_date": "2022-07-14",
        "agenda_item": "7",
        "report_author": "Head of Procurement",
        "contact_officer": "Sam Lee",
        "classification": "open",
        "purpose": "To report the 2022 scores.",
        "recommendations": "The committee notes the scores.\nThe committee comments on the plan.",
        "financial_implications": "None.",
        "legal_implications": "None.",
        "risk_implications": "Low.",
        "background_papers": "The NPS 2018.",
        "key_messages": "One.\nTwo.\nThree.",
    }
    return {**data, **changes}


def sections(review):
    pack = review_pack(review, earlier=reviews_to_compare(review, published_only=True))
    return {section.heading: section for section in pack.sections}, pack


@time_machine.travel(NOW, tick=False)
def test_the_page_offers_the_settings_defaults_and_the_proposed_key_messages(client, draft, manager, settings):
    settings.SCORECARD_PAPER_REPORT_TO = "Overview and Scrutiny Committee"
    client.force_login(manager)
    response = client.get("/reviews/2022/paper/")
    form = response.context["form"]
    assert form["report_to"].value() == "Overview and Scrutiny Committee"
    proposed = response.context["proposed"]
    assert 3 <= len(proposed) <= 5 and proposed[0] == "No objective of the 2022 review is scored yet."
    assert form["key_messages"].value() == "\n".join(proposed)
    assert "have no lead, owner or due date yet" in proposed[2]


@time_machine.travel(NOW, tick=False)
def test_a_manager_saves_the_front_sheet_and_the_pack_shows_it(client, draft, manager):
    client.force_login(manager)
    response = client.post("/reviews/2022/paper/", form_data(classification="exempt"))
    assert response.status_code == 302 and response["Location"] == "/reviews/2022/paper/"
    sheet = FrontSheet.objects.get(review=draft)
    assert (sheet.meeting_date, sheet.classification) == (datetime.date(2022, 7, 14), "exempt")
    assert sheet.history.first().history_user == manager
    found, pack = sections(draft)
    assert ("Meeting date", "14 July 2022") in pack.front and ("Classification", "Exempt") in pack.front
    assert [p.text for p in found["Key messages"].blocks] == ["One.", "Two.", "Three."]  # no "proposed" note
    assert [p.text for p in found["Recommendations"].blocks] == [
        "1. The committee notes the scores.",
        "2. The committee comments on the plan.",
    ]


def test_three_to_five_key_messages_or_nothing_is_saved(client, draft, manager):
    client.force_login(manager)
    for messages, count in (("Only one.\n\n  \nTwo.", 2), ("1\n2\n3\n4\n5\n6", 6)):
        response = client.post("/reviews/2022/paper/", form_data(key_messages=messages))
        assert response.status_code == 200
        assert f"Give 3 to 5 key messages, one a line (there are {count})." in response.content.decode()
    assert not FrontSheet.objects.filter(review=draft).exists()


@time_machine.travel(NOW, tick=False)
def test_sign_off_keeps_the_proposed_messages_and_the_page_is_then_refused(client, draft, manager, officer):
    client.force_login(manager)
    assert client.post("/reviews/2022/publish/").status_code == 302
    sheet = FrontSheet.objects.get(review=draft)
    kept = sheet.lines("key_messages")
    assert kept[0] == "No objective of the 2022 review is scored yet."
    assert sheet.history.first().history_change_reason == "Key messages as proposed, kept at sign-off"
    # The actions move after sign-off; the signed-off pack's messages stay as signed.
    Action.objects.filter(reviews=draft).open().update(lead="Procurement", due_date=datetime.date(2022, 1, 1))
    found, _ = sections(draft)
    assert [p.text for p in found["Key messages"].blocks] == kept
    assert client.get("/reviews/2022/paper/").status_code == 403
    assert client.post("/reviews/2022/paper/", form_data()).status_code == 403
    client.force_login(officer)
    assert client.post("/reviews/2022/paper/", form_data()).status_code == 403


def test_a_draft_pack_says_its_messages_are_only_proposed(draft):
    found, _ = sections(draft)
    assert found["Key messages"].blocks[-1].text == "Proposed from the figures; a manager edits them before sign-off."
