"""Text that XML cannot hold (C0 controls, U+FFFE, U+FFFF, lone surrogates) never reaches the database from any path,
and no stored text stops a backup: every path is fed every such character, then the scorecard is backed up and
restored."""

import re

import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from objectives.forms.actions import ActionForm
from objectives.forms.assessments import AssessmentForm
from objectives.imports import apply as pipeline
from objectives.models import Action, Assessment, Evidence, ProgressNote, Review
from objectives.rules.text import NOT_XML, xml_safe
from tests.factories import make_action
from tests.objectives.imports.files import csv_bytes, table_of

# Every character XML 1.0 cannot hold that a browser can send (surrogates cannot be encoded in a request).
EVERY_BAD = "".join(chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF])
# NUL is refused by every form with Django's own message ("Null characters are not allowed."); the rest are left out.
TYPED = f"Trained{EVERY_BAD[1:]} the buyers."
bad_text = st.text(
    alphabet=st.one_of(st.sampled_from(list(EVERY_BAD) + ["\ud800", "\udfff"]), st.characters(codec="utf-8")),
    max_size=40,
)

pytestmark = pytest.mark.django_db(transaction=True)


def wipe():
    call_command("flush", interactive=False, verbosity=0)
    from objectives.roles import ensure_roles

    ensure_roles()


def back_up_and_restore(tmp_path):
    path = tmp_path / "backup.xml"
    call_command("backup_scorecard", str(path))
    wipe()
    call_command("restore_scorecard", str(path))


def stored_text():
    """Every text the assessments, actions, notes and their histories hold."""
    texts = list(Assessment.objects.values_list("comments", flat=True))
    texts += list(Assessment.history.values_list("comments", flat=True))
    texts += [t for row in Action.objects.values_list("text", "lead", "dropped_reason") for t in row]
    texts += [t for row in Action.history.values_list("text", "lead") for t in row]
    texts += list(ProgressNote.objects.values_list("text", flat=True))
    texts += [t for row in Evidence.objects.values_list("title", "shows") for t in row]
    return texts


@hypothesis_settings(max_examples=30)
@given(text=bad_text)
def test_xml_safe_leaves_only_what_xml_holds_and_keeps_the_rest(text):
    safe = xml_safe(text)
    assert not NOT_XML.search(safe)
    assert safe == "".join(c for c in text if not NOT_XML.match(c))


@hypothesis_settings(max_examples=15)
@given(text=bad_text)
def test_no_form_cleans_a_character_that_xml_cannot_hold(draft, officer, text):
    assessment = draft.assessments.get(objective__number=3)
    form = AssessmentForm(
        {"score": "", "origin": assessment.origin, "comments": text, "version": assessment.version},
        instance=assessment,
        may_set_target=False,
    )
    if form.is_valid():
        assert not NOT_XML.search(form.instance.comments)
    action_form = ActionForm({"text": f"A{text}", "lead": text, "status": "planned"})
    if action_form.is_valid():
        assert not NOT_XML.search(action_form.instance.text + action_form.instance.lead)


def test_every_path_keeps_such_characters_out_and_the_backup_and_restore_go_through(
    client, draft, officer, staff, tmp_path
):
    client.force_login(officer)
    assessment = draft.assessments.get(objective__number=3)
    # The edit form.
    data = {"score": "", "origin": assessment.origin, "comments": TYPED, "version": assessment.version}
    assert client.post("/reviews/2022/objectives/3/edit/", data).status_code == 302
    # Raising, changing and progressing an action.
    response = client.post(
        "/reviews/2022/objectives/3/actions/new/", {"text": TYPED, "lead": TYPED, "status": "planned"}
    )
    assert response.status_code == 302
    action = Action.objects.get(text="Trained the buyers.")
    client.post(f"/actions/{action.pk}/progress/", {"on": "2020-01-01", "text": TYPED, "status": "in_progress"})
    # Evidence, a link with its title and what it shows.
    evidence = {"title": TYPED, "shows": TYPED, "dated": "2021-03-01", "link": "https://www.medway.gov.uk/"}
    assert client.post("/reviews/2022/objectives/3/evidence/new/", evidence).status_code == 302
    # An import.
    rows = [[2022, 31, "", "", f"Imported{EVERY_BAD[1:]}."]]  # a NUL byte: refused as binary
    table = table_of(csv_bytes(rows, headers=["year", "objective", "score", "target", "comments"]), "scores.csv")
    planned = pipeline.preview(table, user=officer)
    pipeline.apply(table, user=officer, fingerprint=planned.fingerprint)
    # The admin.
    client.force_login(staff)
    other = draft.assessments.get(objective__number=7)
    page = client.get(f"/admin/objectives/assessment/{other.pk}/change/").content.decode()
    opened = re.search(r'name="opened_version" value="(\d+)"', page).group(1)
    admin_data = {"score": "", "target": "", "origin": other.origin, "comments": TYPED, "opened_version": opened}
    assert client.post(f"/admin/objectives/assessment/{other.pk}/change/", admin_data).status_code == 302

    texts = stored_text()
    assert "Trained the buyers." in texts and "Imported." in texts and texts.count("Trained the buyers.") >= 6
    assert not [t for t in texts if NOT_XML.search(t)]
    back_up_and_restore(tmp_path)
    assert Review.objects.count() == 2
    assert Assessment.objects.get(review__year=2022, objective__number=3).comments == "Trained the buyers."


def test_text_stored_by_sql_does_not_stop_the_backup_which_names_it(draft, manager, tmp_path, capsys):
    assessment = draft.assessments.get(objective__number=3)
    make_action(review=draft, objective=assessment.objective, text="Train.", by=manager)
    Assessment.objects.filter(pk=assessment.pk).update(comments="Bad\x01 text\ufffe.")
    Assessment.history.filter(id=assessment.pk).update(comments="Old\x02 text\uffff.")
    Action.objects.filter(text="Train.").update(lead="Team\x0b")
    back_up_and_restore(tmp_path)
    output = capsys.readouterr().out
    assert "objectives.assessment" in output and "comments" in output and "XML cannot hold" in output
    assert Assessment.objects.get(pk=assessment.pk).comments == "Bad text."
    assert set(Assessment.history.filter(id=assessment.pk).values_list("comments", flat=True)) >= {"Old text."}
    assert Action.objects.get(text="Train.").lead == "Team"


def test_a_restored_backup_never_brings_such_text_back(draft, tmp_path):
    path = tmp_path / "backup.xml"
    call_command("backup_scorecard", str(path))
    xml = path.read_text()
    assessment = draft.assessments.get(objective__number=3)
    # A hand-edited backup: U+FFFE and U+FFFF are written as they are (XML's parser may or may not take them).
    marker = f'<object model="objectives.assessment" pk="{assessment.pk}">'
    start = xml.index(marker)
    field = '<field name="comments" type="TextField">'
    at = xml.index(field, start) + len(field)
    path.write_text(xml[:at] + "Hand\ufffe edited." + xml[at:])
    wipe()
    call_command("restore_scorecard", str(path))
    assert Assessment.objects.get(pk=assessment.pk).comments.startswith("Hand edited.")
