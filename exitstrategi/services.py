"""Writes that touch several rows, or that views and commands share."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.dispatch import Signal
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import capfirst

from .bulk import save_with_history
from .concurrency import ConcurrentEditError, check_version
from .models import KLE, ITSystem, Logpost, Sagsomraade
from .opslag import with_registers
from .roles import Rolle, rolle_for
from .text import danish_slugify


class SagsomraadeError(Exception):
    """A change to sagsområder that cannot be made; the message says why, in Danish."""


def sagsomraader_add(*, fagomraade, topics):
    """Add a sagsområde per KLE topic; topics the fagområde already has are skipped.

    Returns (added, skipped, removed): the new sagsområder, the KLE topics it has already, and the
    KLE topics of its removed areas, which come back only by restoring them (with their answers).
    """
    added, skipped, removed = [], [], []
    with transaction.atomic():
        present = dict(Sagsomraade.alle.filter(fagomraade=fagomraade).values_list("kle_id", "fjernet"))
        for topic in topics:
            if topic.pk in present:
                (removed if present[topic.pk] else skipped).append(topic)
                continue
            sagsomraade = Sagsomraade(fagomraade=fagomraade, kle=topic)
            sagsomraade.full_clean()
            sagsomraade.save()
            present[topic.pk] = None
            added.append(sagsomraade)
    return added, skipped, removed


def answers_of(sagsomraade_ids, besides=None):
    """Verbose names of the phase records (screening, As-is, To-be …) the sagsområder have, leaving
    out the model `besides`. Found through the one-to-one relations that point at Sagsomraade, so
    core names no phase app."""
    found = []
    for relation in Sagsomraade._meta.related_objects:
        if not relation.one_to_one or relation.related_model is besides:
            continue
        pointing = {f"{relation.field.name}_id__in": sagsomraade_ids}
        if relation.related_model.objects.filter(**pointing).exists():
            found.append(capfirst(relation.related_model._meta.verbose_name))
    return found


def sagsomraader_undo_add(*, fagomraade, sagsomraade_ids):
    """Take back areas just added, as long as none of them has an answer yet. Returns how many."""
    with transaction.atomic():
        areas = Sagsomraade.objects.select_for_update().filter(fagomraade=fagomraade, pk__in=sagsomraade_ids)
        ids = [s.pk for s in areas]
        if answers := answers_of(ids):
            raise SagsomraadeError(
                f"Tilføjelsen kan ikke fortrydes, fordi nogle af sagsområderne allerede har svar "
                f"({', '.join(answers)}). Fjern dem i stedet et ad gangen."
            )
        for sagsomraade in areas:
            sagsomraade._change_reason = "Tilføjelsen er fortrudt"
            sagsomraade.delete()
    return len(ids)


def _locked(sagsomraade, version):
    current = Sagsomraade.alle.select_for_update().get(pk=sagsomraade.pk)
    check_version(current, version)
    current.version += 1
    return current


def sagsomraade_remove(*, sagsomraade, version):
    """Leave the area out of every list and phase; its answers and history stay for a restore."""
    with transaction.atomic():
        current = _locked(sagsomraade, version)
        current.fjernet = timezone.now()
        current._change_reason = "Fjernet"
        current.save()
    return current


def sagsomraade_restore(*, sagsomraade):
    with transaction.atomic():
        current = Sagsomraade.alle.select_for_update().get(pk=sagsomraade.pk)
        current.fjernet = None
        current.version += 1
        current._change_reason = "Gendannet"
        current.save()
    return current


def sagsomraade_move(*, sagsomraade, version, fagomraade, kle):
    """Move the area to another fagområde and/or re-key it to another KLE number, answers and all."""
    with transaction.atomic():
        current = _locked(sagsomraade, version)
        if (fagomraade, kle) == (current.fagomraade, current.kle):
            raise SagsomraadeError("Vælg et andet fagområde eller et andet KLE-nummer.")
        taken = Sagsomraade.alle.filter(fagomraade=fagomraade, kle=kle).first()
        if taken is not None:
            raise SagsomraadeError(
                f"{fagomraade} har allerede et sagsområde med KLE-nummer {kle.nummer}"
                + (" (fjernet; gendan det i stedet)." if taken.fjernet else ".")
            )
        moves = []
        if fagomraade != current.fagomraade:
            moves.append(f"fra {current.fagomraade} til {fagomraade}")
        if kle != current.kle:
            moves.append(f"fra KLE {current.kle.nummer} til {kle.nummer}")
            if current.titel == current.kle.titel:
                current.titel = kle.titel
        current.fagomraade, current.kle = fagomraade, kle
        current.full_clean()
        current._change_reason = "Flyttet " + " og ".join(moves)
        current.save()
    return current


def itsystem_get_or_create(navn, *, markedsloesning=False):
    """An IT system by name, created when new ("add new" in the As-is and To-be forms). A new name from
    To-be goes to the market catalogue; a market solution that an As-is answer names is evidently one
    the municipality runs, so it moves into the register."""
    navn = navn.strip()
    existing = (
        ITSystem.objects.filter(navn__iexact=navn).first()
        or ITSystem.objects.filter(slug=danish_slugify(navn)).first()  # "KMD-Sag" is KMD Sag
    )
    if existing is None:
        try:
            with transaction.atomic():
                return ITSystem.objects.create(navn=navn, markedsloesning=markedsloesning)
        except IntegrityError:  # someone typed the same new name at the same moment: use theirs
            return ITSystem.objects.get(Q(navn__iexact=navn) | Q(slug=danish_slugify(navn)))
    if existing.markedsloesning and not markedsloesning:
        existing.markedsloesning = False
        existing._change_reason = "Flyttet til kommunens systemer: nævnt i et As-is-svar"
        existing.save()
    return existing


def phase_record_save(
    *,
    model,
    sagsomraade,
    values,
    version,
    user,
    m2m=None,
    nye_systemer=None,
    nye_paa_markedet=False,
    kilde=None,
):
    """Save answers to a sagsområde's phase record, refusing if someone saved it since `version`.

    values: field -> value for the fields the form showed; m2m: field -> objects (only those the form
    showed); nye_systemer: field -> name of an IT system to create and choose (a market solution when
    nye_paa_markedet); kilde: where the
    answers were given (e.g. a workshop), recorded as the source in the history.
    """
    with transaction.atomic():  # a new system named here is gone again if the save is refused
        chosen = {
            field: itsystem_get_or_create(navn, markedsloesning=nye_paa_markedet)
            for field, navn in (nye_systemer or {}).items()
        }
        changes = [(sagsomraade.pk, {**values, **chosen}, version, m2m)]
        (record,) = phase_records_save(model=model, changes=changes, user=user, kilde=kilde)
    return record


def phase_records_save(*, model, changes, user, kilde=None):
    """phase_record_save for many sagsområder at once (a screening table, an Excel import): the same
    version check, derived values and Historik, in a fixed number of queries. `changes`:
    (sagsomraade_id, values, version, m2m) per record. All or nothing: ConcurrentEditError names every
    record saved meanwhile."""
    with transaction.atomic():
        current = model.objects.select_for_update().in_bulk([key for key, *_rest in changes])
        conflicts, new, changed, m2m_sets = {}, [], [], []
        fields = {"version", "aendret_af", *model.derived_fields}
        for key, values, version, m2m in changes:
            record = current.get(key)
            if (record.version if record else 0) != version:
                conflicts[key] = record
                continue
            if record is None:
                record = model(sagsomraade_id=key)
                new.append(record)
            else:
                changed.append(record)
            for field, value in values.items():
                setattr(record, field, value)
            fields |= set(values)
            record.version += 1
            record.aendret_af = user
            record.derive()
            m2m_sets += [(record, name, objects) for name, objects in (m2m or {}).items()]
        if conflicts:
            raise ConcurrentEditError(conflicts)
        records = save_with_history(
            model, new=new, changed=changed, fields=fields, m2m=m2m_sets, user=user, kilde=kilde
        )
        model.after_save_many(records)
        phase_records_saved.send(sender=model, records=records, fields=fields)
    return records


def gruppe_active_emner(gruppe):
    return list(gruppe.children.filter(status=KLE.Status.AKTIV, niveau=KLE.Niveau.EMNE))


def sagsomraade_update(*, sagsomraade, version, titel, noter, ogsaa_daekker, user=None, kilde=None):
    """Save the editable fields, refusing if someone else saved the row since `version`."""
    data = {"titel": titel, "noter": noter, "ogsaa_daekker": ogsaa_daekker, "version": version}
    (current,) = sagsomraader_update(changes=[(sagsomraade, data)], user=user, kilde=kilde)
    return current


def sagsomraader_update(*, changes, user=None, kilde=None):
    """The editable fields of many areas at once (an Excel import), in a fixed number of queries.
    `changes`: (sagsomraade, cleaned SagsomraadeForm data) per area."""
    with transaction.atomic():
        current = Sagsomraade.objects.select_for_update(of=("self",)).select_related("kle")
        current = with_registers(current, ["ogsaa_daekker"]).in_bulk([s.pk for s, _data in changes])
        conflicts, changed, m2m_sets = {}, [], []
        for sagsomraade, data in changes:
            record = current.get(sagsomraade.pk)
            if record is None:  # removed meanwhile
                raise Sagsomraade.DoesNotExist(f"{sagsomraade} er fjernet.")
            if record.version != data["version"]:
                conflicts[record.pk] = record
                continue
            record.titel, record.noter = data["titel"], data["noter"]
            record.version += 1
            record.derive()
            record.full_clean(  # the area's keys are not changed here: no lookups to check them
                exclude=["noegle", "fagomraade", "kle"], validate_unique=False, validate_constraints=False
            )
            if {k.pk for k in record.ogsaa_daekker.all()} != {k.pk for k in data["ogsaa_daekker"]}:
                m2m_sets.append((record, "ogsaa_daekker", data["ogsaa_daekker"]))
            changed.append(record)
        if conflicts:
            raise ConcurrentEditError(conflicts)
        return save_with_history(
            Sagsomraade,
            new=[],
            changed=changed,
            fields={"titel", "noter", "version"},
            m2m=m2m_sets,
            user=user,
            kilde=kilde,
        )


def role_state(user):
    """What the users page shows of a person (role, fagområder, active) as one text: the version its
    form carries, so a save overtaken by someone else's is refused rather than overwriting it."""
    return f"{rolle_for(user)}|{sorted(user.fagomraader.values_list('pk', flat=True))}|{user.is_active}"


def user_set_role(*, user, rolle, fagomraader, is_active=None, shown_state=None):
    """Give the user exactly one role; a kontaktperson answers for the given fagområder. With
    `shown_state` (role_state when the form was shown), refuse if someone changed them since."""
    with transaction.atomic():
        if shown_state is not None:
            current = get_user_model().objects.select_for_update().get(pk=user.pk)
            if role_state(current) != shown_state:
                raise ConcurrentEditError({user.pk: current})
        if is_active is not None and user.is_active != is_active:
            user.is_active = is_active
            user.save(update_fields=["is_active"])
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
    invitation_send(user=user, base_url=base_url, invited_by=invited_by)
    return user


def invitation_send(*, user, base_url, invited_by):
    """E-mail the person a fresh link where they choose their password: the first invitation, or a
    new one when the first expired or was lost ("Send invitationen igen")."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {
        "user": user,
        "rolle": rolle_for(user),
        "link": base_url.rstrip("/") + path,
        "invited_by": invited_by.get_full_name() or invited_by.get_username(),
        "fagomraader": list(user.fagomraader.all()),
    }
    send_mail(
        "Du er inviteret til Exitstrategi",
        render_to_string("registration/invitation_email.txt", context),
        None,
        [user.email],
    )


def fagomraader_remind(*, fagomraader, base_url):
    """E-mail each fagområde's contact persons their link and what is still missing, and note when.

    Returns (reminded, without_contact): the fagområder whose contact persons got the e-mail and
    those that have no contact person with an e-mail address."""
    from . import overblik

    reminded, without_contact = [], []
    for fagomraade in fagomraader:
        emails = [p.email for p in fagomraade.kontaktpersoner.filter(is_active=True) if p.email]
        if not emails:
            without_contact.append(fagomraade)
            continue
        context = {
            "fagomraade": fagomraade,
            "faser": overblik.phases([fagomraade]),
            "forside": base_url.rstrip("/") + reverse("home"),
            "side": base_url.rstrip("/") + fagomraade.get_absolute_url(),
        }
        send_mail(
            f"KMD Sag Exit-strategi: det mangler vi fra {fagomraade.navn}",
            render_to_string("exitstrategi/paamindelse_email.txt", context),
            None,
            emails,
        )
        fagomraade.paamindelse_sendt = timezone.now()
        fagomraade.save(update_fields=["paamindelse_sendt"])
        reminded.append(fagomraade)
    return reminded, without_contact


# sent with records= and fields= after phase_records_save: what a record's post_save does for one
phase_records_saved = Signal()
person_anonymised = Signal()  # sent with email=: phase apps remove the person from their own records


def person_anonymise(*, email):
    """A person who has left: their name and e-mail go from their user and from the revisionslog
    (and, through `person_anonymised`, from workshop participant lists); their answers and the
    Historik stay, shown as "Tidligere bruger". Returns (users, other records) anonymised."""
    email = email.strip().lower()
    with transaction.atomic():
        users = list(get_user_model().objects.filter(email__iexact=email))
        for user in users:
            old = {user.get_username(), user.email, user.get_full_name()} - {""}
            user.first_name, user.last_name, user.email = "Tidligere", "bruger", ""
            user.username = f"tidligere-bruger-{user.pk}"
            user.is_active = False
            user.set_unusable_password()
            user.save()
            user_set_role(user=user, rolle=Rolle.LAESER, fagomraader=[])
            user.groups.clear()
            for post in Logpost.objects.filter(Q(bruger=user) | Q(brugernavn__in=old)):
                post.brugernavn = user.username
                for text in old:
                    post.beskrivelse = post.beskrivelse.replace(text, "tidligere bruger")
                post.save(update_fields=["brugernavn", "beskrivelse"])
        for post in Logpost.objects.filter(beskrivelse__icontains=email):
            post.beskrivelse = re.sub(re.escape(email), "tidligere bruger", post.beskrivelse, flags=re.I)
            post.save(update_fields=["beskrivelse"])
        others = sum(count for _receiver, count in person_anonymised.send(sender=None, email=email))
    return len(users), others
