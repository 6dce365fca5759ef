"""Sikkerhedskopi: the whole municipality (every record, the Historik and the uploaded files) in one
file, and back into an empty, migrated installation, also on another database engine.

The records go as Django's XML fixture with natural keys (XML keeps timestamps to the microsecond;
the JSON fixture rounds them to milliseconds); the Historik is restored as it was written, never
re-created by the restore itself. With BACKUP_KEY set the file is encrypted (Fernet:
AES with an authentication code), since it holds personal data and password hashes.
"""

import io
import json
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.migrations.recorder import MigrationRecorder
from django.test.utils import override_settings
from django.utils import timezone

from .models import Fagomraade, Sagsomraade

FORMAT = 1
ENCRYPTED = b"EXITSTRATEGI-KRYPTERET\n"
NOT_BACKED_UP = [  # made again by the target installation (the change counters: by its own triggers)
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "axes",
    "exitstrategi.generation",
]


class BackupError(Exception):
    """The backup cannot be read or restored here; the message says why, in Danish."""


def _migrations():
    return sorted(MigrationRecorder.Migration.objects.values_list("app", "name"))


def backup_bytes():
    """The whole installation as one file (encrypted when BACKUP_KEY is set)."""
    records = io.StringIO()
    call_command(
        "dumpdata",
        format="xml",
        natural_foreign=True,
        natural_primary=True,
        exclude=NOT_BACKED_UP,
        stdout=records,
    )
    media = Path(settings.MEDIA_ROOT)
    files = sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []
    manifest = {
        "format": FORMAT,
        "oprettet": timezone.now().isoformat(),
        "migrationer": _migrations(),
        "filer": len(files),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        archive.writestr("data.xml", records.getvalue())
        for path in files:
            archive.write(path, f"media/{path.relative_to(media).as_posix()}")
    data = buffer.getvalue()
    return ENCRYPTED + Fernet(settings.BACKUP_KEY).encrypt(data) if settings.BACKUP_KEY else data


def restore(data):
    """Bring a backup back into this installation, which must be empty and migrated to the same
    version. All records or none; the files after the records."""
    archive = _open(data)
    manifest = json.loads(archive.read("manifest.json"))
    if manifest.get("format") != FORMAT:
        raise BackupError("Filen er ikke en sikkerhedskopi fra Exitstrategi i et kendt format.")
    if [list(m) for m in _migrations()] != [list(m) for m in manifest["migrationer"]]:
        raise BackupError(
            "Sikkerhedskopien er fra en anden version af Exitstrategi. Installér samme version, kør "
            "migrate, og prøv igen."
        )
    if get_user_model().objects.exists() or Fagomraade.objects.exists() or Sagsomraade.alle.exists():
        raise BackupError("Installationen er ikke tom. Gendan kun i en ny, migreret installation.")
    with tempfile.TemporaryDirectory() as folder:
        fixture = Path(folder) / "data.xml"
        fixture.write_bytes(archive.read("data.xml"))
        with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
            call_command("loaddata", str(fixture), verbosity=0)
    media = Path(settings.MEDIA_ROOT)
    for name in archive.namelist():
        if name.startswith("media/"):
            relative = PurePosixPath(name).relative_to("media")
            if ".." in relative.parts or relative.is_absolute():
                raise BackupError(f"Filen indeholder en ugyldig sti: {name}.")
            target = media.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(name))
    return manifest


def _open(data):
    if data.startswith(ENCRYPTED):
        if not settings.BACKUP_KEY:
            raise BackupError(
                "Sikkerhedskopien er krypteret. Sæt BACKUP_KEY (eller BACKUP_KEY_FILE) og prøv igen."
            )
        try:
            data = Fernet(settings.BACKUP_KEY).decrypt(data[len(ENCRYPTED) :])
        except InvalidToken:
            raise BackupError("Sikkerhedskopien kan ikke dekrypteres med denne BACKUP_KEY.") from None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        archive.getinfo("manifest.json")
    except (zipfile.BadZipFile, KeyError):
        raise BackupError("Filen er ikke en sikkerhedskopi fra Exitstrategi.") from None
    return archive
