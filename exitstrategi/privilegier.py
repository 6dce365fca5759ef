"""A person's role and data constraints from the municipality's identity provider: the OIO Basic Privilege
Profile (OIO-BPP) that KOMBIT's Context Handler sends in the SAML attribute
https://data.gov.dk/model/core/eid/privilegesIntermediate (a base64-encoded XML PrivilegeList), and
the claims an OpenID Connect provider sends. Both end in one Tildeling: the role and what limits a
contact person's fagområder. Plain Python, no Django: the login code maps a Tildeling onto a user.

A PrivilegeList holds PrivilegeGroups; a group's Scope names the organisation (the CVR number), its
Privilege elements the brugersystemroller, its Constraint elements (Name, value) the dataafgrænsninger
that apply to every privilege of the group."""

import base64
import binascii
from dataclasses import dataclass

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

PRIVILEGES_ATTRIBUTE = "https://data.gov.dk/model/core/eid/privilegesIntermediate"
CVR_SCOPE = "urn:dk:gov:saml:cvrNumberIdentifier:"
ORGENHED = "http://sts.kombit.dk/constraints/orgenhed/1"
KLE = "http://sts.kombit.dk/constraints/KLE/1"
ROLLER = ("Projektleder", "Kontaktperson", "Læser")  # the strongest first (ours: one person, one role)
MAX_BYTES = 256 * 1024  # a privilege list is a few KB; more is refused unread


class PrivilegieFejl(ValueError):
    """The privilege attribute cannot be read; the message says why, in Danish."""


@dataclass(frozen=True)
class Privilegium:
    rettighed: str  # the privilege's URI: a brugersystemrolle
    scope: str  # whom it is granted for, e.g. urn:dk:gov:saml:cvrNumberIdentifier:29189846
    afgraensninger: tuple = ()  # (constraint name, value) pairs


@dataclass(frozen=True)
class Tildeling:
    rolle: str | None  # one of ROLLER, or None: the person has none of ours
    orgenheder: frozenset = frozenset()  # org unit UUIDs limiting a contact person, lower case
    kle_numre: frozenset = frozenset()  # KLE numbers (hovedgruppe, gruppe or emne) limiting them

    @property
    def afgraenset(self):
        """Whether the identity provider limits the contact person's fagområder (else the app's own
        appointment in Fase 1 decides)."""
        return bool(self.orgenheder or self.kle_numre)


def laes_privilegier(encoded):
    """The privileges in a base64-encoded PrivilegeList, or PrivilegieFejl."""
    if len(encoded) > MAX_BYTES:
        raise PrivilegieFejl("Rettighederne fra identitetsudbyderen fylder for meget og læses ikke.")
    try:
        document = base64.b64decode("".join(str(encoded).split()), validate=True)  # line breaks allowed
        root = fromstring(document, forbid_dtd=True)
    except (binascii.Error, ValueError, ParseError, DefusedXmlException):
        raise PrivilegieFejl("Rettighederne fra identitetsudbyderen kan ikke læses (ikke OIO-BPP).") from None
    if _local(root.tag) != "PrivilegeList":
        raise PrivilegieFejl("Rettighederne fra identitetsudbyderen er ikke en OIO-BPP PrivilegeList.")
    found = []
    for group in root:
        if _local(group.tag) != "PrivilegeGroup":
            continue
        scope = (group.get("Scope") or "").strip()
        constraints = tuple(
            ((child.get("Name") or "").strip(), (child.text or "").strip())
            for child in group
            if _local(child.tag) == "Constraint"
        )
        found += [
            Privilegium((child.text or "").strip(), scope, constraints)
            for child in group
            if _local(child.tag) == "Privilege" and (child.text or "").strip()
        ]
    return found


def tildeling(privilegier, *, cvr, roller):
    """The person's role and data constraints from their privileges: only those granted for the
    municipality's CVR number count; `roller` maps this installation's privilege URIs to our roles.
    With several of our roles the strongest wins (ours). Constraints limit only a contact person."""
    ours = [p for p in privilegier if p.scope == f"{CVR_SCOPE}{cvr}" and p.rettighed in roller]
    granted = {roller[p.rettighed] for p in ours}
    rolle = next((r for r in ROLLER if r in granted), None)
    if rolle != "Kontaktperson":
        return Tildeling(rolle)
    constraints = [c for p in ours if roller[p.rettighed] == rolle for c in p.afgraensninger]
    return Tildeling(
        rolle,
        orgenheder=frozenset(value.lower() for name, value in constraints if name == ORGENHED and value),
        kle_numre=frozenset(value for name, value in constraints if name == KLE and value),
    )


def tildeling_fra_claims(vaerdier, tabel):
    """The role from an OpenID Connect provider's claim values (e.g. Entra ID group GUIDs in `groups`):
    `tabel` maps a claim value to a role, or to ("Kontaktperson", fagområde key) for a contact person
    of that fagområde. Returns (Tildeling, fagområde keys)."""
    granted, fagomraader = set(), set()
    for value in vaerdier:
        target = tabel.get(str(value))
        if isinstance(target, tuple):
            granted.add(target[0])
            fagomraader.add(target[1])
        elif target is not None:
            granted.add(target)
    rolle = next((r for r in ROLLER if r in granted), None)
    return Tildeling(rolle), frozenset(fagomraader) if rolle == "Kontaktperson" else frozenset()


def _local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
