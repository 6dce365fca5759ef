"""Writes that touch several rows, or that views and commands share."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .concurrency import check_version
from .models import KLE, Sagsomraade
from .roles import Rolle


def sagsomraader_add(*, fagomraade, topics):
    """Add a sagsområde per KLE topic; topics the fagområde already has are skipped.

    Returns (added, skipped) lists of KLE topics.
    """
    added, skipped = [], []
    with transaction.atomic():
        present = set(fagomraade.sagsomraader.values_list("kle_id", flat=True))
        for topic in topics:
            if topic.pk in present:
                skipped.append(topic)
                continue
            sagsomraade = Sagsomraade(fagomraade=fagomraade, kle=topic)
            sagsomraade.full_clean()
            sagsomraade.save()
            present.add(topic.pk)
            added.append(topic)
    return added, skipped


def gruppe_active_emner(gruppe):
    return list(gruppe.children.filter(status=KLE.Status.AKTIV, niveau=KLE.Niveau.EMNE))


def sagsomraade_update(*, sagsomraade, version, titel, noter, ogsaa_daekker):
    """Save the editable fields, refusing if someone else saved the row since `version`."""
    with transaction.atomic():
        current = Sagsomraade.objects.select_for_update().get(pk=sagsomraade.pk)
        check_version(current, version)
        current.titel = titel
        current.noter = noter
        current.version += 1
        current.full_clean()
        current.save()
        current.ogsaa_daekker.set(ogsaa_daekker)
    return current


def user_set_role(*, user, rolle, fagomraader):
    """Give the user exactly one role; a kontaktperson answers for the given fagområder."""
    with transaction.atomic():
        user.groups.set([Group.objects.get_or_create(name=rolle)[0]])
        wanted = set(fagomraader) if rolle == Rolle.KONTAKTPERSON else set()
        current = set(user.fagomraader.all())
        # Through each fagområde, so its Historik records who became or stopped being contact person.
        for fagomraade in current - wanted:
            fagomraade.kontaktpersoner.remove(user)
        for fagomraade in wanted - current:
            fagomraade.kontaktpersoner.add(user)


def user_invite(*, email, fulde_navn, rolle, fagomraader, base_url, invited_by):
    """Create a user without a password and e-mail a link where they choose their own."""
    email = email.strip().lower()
    first_name, _, last_name = fulde_navn.strip().partition(" ")
    with transaction.atomic():
        user = get_user_model().objects.create(
            username=email, email=email, first_name=first_name, last_name=last_name
        )
        user.set_unusable_password()
        user.save()
        user_set_role(user=user, rolle=rolle, fagomraader=fagomraader)
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {
        "user": user,
        "rolle": rolle,
        "link": base_url.rstrip("/") + path,
        "invited_by": invited_by.get_full_name() or invited_by.get_username(),
        "fagomraader": fagomraader,
    }
    send_mail(
        "Du er inviteret til Exitstrategi",
        render_to_string("registration/invitation_email.txt", context),
        None,
        [email],
    )
    return user
