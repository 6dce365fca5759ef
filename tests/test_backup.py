"""`backup` and `restore`: the whole municipality, Historik and uploaded files included, back into an
empty installation exactly as it was; encrypted when a key is set."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from exitstrategi.backup import NOT_BACKED_UP, BackupError, backup_bytes, restore
from exitstrategi.models import Sagsomraade
from workshops.models import Strategi

MANAGE = Path(__file__).resolve().parents[1] / "manage.py"


def everything():
    out = io.StringIO()
    call_command("dumpdata", natural_foreign=True, natural_primary=True, exclude=NOT_BACKED_UP, stdout=out)
    return sorted(json.loads(out.getvalue()), key=lambda row: (row["model"], json.dumps(row, sort_keys=True)))


@pytest.fixture
def municipality(transactional_db, demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    Strategi.objects.create(titel="ESDH-strategi", fil=SimpleUploadedFile("esdh.pdf", b"%PDF-1.4 strategi"))
    return settings


def empty_the_installation(settings):
    call_command("flush", interactive=False, verbosity=0)
    for path in sorted(settings.MEDIA_ROOT.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()


def test_a_restored_backup_equals_the_original_with_its_historik_and_files(municipality, tmp_path):
    before = everything()
    moments = sorted(Sagsomraade.history.values_list("history_date", flat=True))  # to the microsecond
    histories = [row for row in before if row["model"].split(".")[1].startswith("historical")]
    assert histories  # the demo has a Historik to keep
    path = tmp_path / "kopi.backup"
    call_command("backup", str(path), stdout=io.StringIO())
    empty_the_installation(municipality)

    call_command("restore", str(path), stdout=io.StringIO())

    assert everything() == before  # no false history rows, nothing lost
    assert sorted(Sagsomraade.history.values_list("history_date", flat=True)) == moments
    strategi = Strategi.objects.get(titel="ESDH-strategi")
    assert strategi.fil.read() == b"%PDF-1.4 strategi"


def test_with_a_key_the_file_is_encrypted_and_needs_the_key_back(municipality):
    municipality.BACKUP_KEY = ""
    plain = backup_bytes()
    municipality.BACKUP_KEY = Fernet.generate_key().decode()
    data = backup_bytes()
    # Names with a dot or a slash: Fernet's ciphertext is URL-safe base64, which has neither, so it
    # cannot hold them by chance (it once held the letters "esdh").
    for name in (b"manifest.json", b"media/strategier/esdh.pdf"):
        assert name in plain and name not in data
    empty_the_installation(municipality)

    municipality.BACKUP_KEY = Fernet.generate_key().decode()
    with pytest.raises(BackupError, match="kan ikke dekrypteres"):
        restore(data)
    municipality.BACKUP_KEY = ""
    with pytest.raises(BackupError, match="Sikkerhedskopien er krypteret"):
        restore(data)


def test_a_restore_into_an_installation_in_use_is_refused(municipality, tmp_path):
    path = tmp_path / "kopi.backup"
    path.write_bytes(backup_bytes())

    with pytest.raises(CommandError, match="Installationen er ikke tom"):
        call_command("restore", str(path), stdout=io.StringIO())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="moves a SQLite trial into PostgreSQL")
def test_a_sqlite_trial_is_restored_into_postgresql_unchanged(transactional_db, settings, tmp_path):
    """The README's path to production: a trial run on the embedded SQLite, backed up by its own
    manage.py, restored into PostgreSQL."""
    settings.MEDIA_ROOT = tmp_path / "media"
    trial = {
        **os.environ,
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "exitstrategi.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'proeve.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "proeve-media"),
    }
    excluded = [arg for label in NOT_BACKED_UP for arg in ("-e", label)]
    for command in (
        ["migrate", "--no-input", "-v", "0"],
        ["load_demo"],
        ["backup", str(tmp_path / "proeve.backup")],
        [
            "dumpdata",
            "--natural-foreign",
            "--natural-primary",
            *excluded,
            "-o",
            str(tmp_path / "proeve.json"),
        ],
    ):
        subprocess.run([sys.executable, str(MANAGE), *command], env=trial, check=True, capture_output=True)
    in_sqlite = sorted(
        json.loads((tmp_path / "proeve.json").read_text()),
        key=lambda row: (row["model"], json.dumps(row, sort_keys=True)),
    )
    empty_the_installation(settings)

    call_command("restore", str(tmp_path / "proeve.backup"), stdout=io.StringIO())

    assert len(in_sqlite) > 100
    assert everything() == in_sqlite
