"""`manage.py load_framework`: framework and mapping files, all or nothing, with what they do or every problem."""

import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from objectives.models import Framework, Mapping
from tests.objectives.frameworks.files import MAPPING_FILE, PA_FILE, as_bytes, small
from tests.seed import NPS_FILE, ROOT


def test_it_loads_frameworks_before_the_mappings_that_name_them_and_says_what_each_adds(db, capsys):
    call_command("load_framework", str(MAPPING_FILE), str(NPS_FILE), str(PA_FILE))
    out = capsys.readouterr().out.splitlines()
    assert f"{NPS_FILE}: framework NPS 2018 (nps-2018), version 2018: adds 34" in out
    assert f"{MAPPING_FILE}: mapping from pa2023-readiness to nps-2018: adds 14" in out
    assert (
        '  adds objective #18 (PA-18) "Registered on the Central Digital Platform; notices published there '
        + ('(17 notice …"')
        in out
    )
    assert Framework.objects.count() == 2 and Mapping.objects.count() == 14
    call_command("load_framework", str(NPS_FILE))
    assert capsys.readouterr().out == (
        f"{NPS_FILE}: framework NPS 2018 (nps-2018), version 2018: no changes, the catalogue holds it already\n"
    )


def test_a_dry_run_says_what_it_would_do_and_writes_nothing(db, capsys):
    call_command("load_framework", str(NPS_FILE), str(PA_FILE), str(MAPPING_FILE), "--dry-run")
    out = capsys.readouterr().out
    assert "mapping from pa2023-readiness to nps-2018: adds 14" in out
    assert out.endswith("Dry run: nothing was written.\n")
    assert not Framework.objects.exists()


def test_a_refused_file_loads_none_of_them_and_names_every_problem_with_its_file_and_place(db, tmp_path):
    broken = small(slug="new")
    broken["levels"].append({"number": 1, "name": "Again"})
    path = tmp_path / "broken.framework.json"
    path.write_bytes(as_bytes(broken))
    with pytest.raises(CommandError) as refused:
        call_command("load_framework", str(NPS_FILE), str(path), str(tmp_path / "absent.json"))
    assert str(refused.value).splitlines() == [
        "nothing was loaded:",
        f'{path}: slug: "new" is reserved: the address /reviews/new/ is a page',
        f"{path}: levels[3].number: level 1 is given twice: also at levels[0]",
        f"{tmp_path / 'absent.json'}: cannot be read: No such file or directory",
    ]
    assert not Framework.objects.exists()


def test_a_refusal_exits_with_a_status_that_is_not_zero(tmp_path):
    path = tmp_path / "not.json"
    path.write_bytes(b"{")
    run = subprocess.run(
        [sys.executable, "manage.py", "load_framework", str(path)], cwd=ROOT, capture_output=True, text=True
    )
    assert run.returncode == 1
    assert "line 1, column 2: not JSON: Expecting property name enclosed in double quotes" in run.stderr
