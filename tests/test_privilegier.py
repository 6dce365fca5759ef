"""Roles and data constraints from the identity provider (exitstrategi.privilegier): OIO-BPP privilege
lists as KOMBIT's Context Handler sends them, and OpenID Connect claims."""

import base64

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exitstrategi.privilegier import (
    KLE,
    ORGENHED,
    PrivilegieFejl,
    Tildeling,
    laes_privilegier,
    tildeling,
    tildeling_fra_claims,
)

CVR = "29189846"
ROLLER = {
    "http://kommune.dk/roles/usersystemrole/exitstrategi_projektleder/1": "Projektleder",
    "http://kommune.dk/roles/usersystemrole/exitstrategi_kontaktperson/1": "Kontaktperson",
    "http://kommune.dk/roles/usersystemrole/exitstrategi_laeser/1": "Læser",
}
PL, KP, LAESER = ROLLER


def bpp(*groups, namespace="http://digst.dk/oiosaml/basic_privilege_profile"):
    """A base64-encoded PrivilegeList; each group is (cvr, [privileges], [(constraint, value)])."""
    body = "".join(
        f'<PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:{cvr}">'
        + "".join(f"<Privilege>{p}</Privilege>" for p in privileges)
        + "".join(f'<Constraint Name="{name}">{value}</Constraint>' for name, value in constraints)
        + "</PrivilegeGroup>"
        for cvr, privileges, constraints in groups
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><bpp:PrivilegeList '
        f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:bpp="{namespace}">'
        f"{body}</bpp:PrivilegeList>"
    )
    return base64.b64encode(xml.encode()).decode()


def role_of(encoded):
    return tildeling(laes_privilegier(encoded), cvr=CVR, roller=ROLLER)


def test_a_contact_person_limited_to_two_org_units_and_a_kle_group():
    encoded = bpp(
        (
            CVR,
            [KP],
            [
                (ORGENHED, "6F1B5A2C-0000-4000-8000-000000000001"),
                (ORGENHED, "6f1b5a2c-0000-4000-8000-000000000002"),
            ],
        ),
        (CVR, [KP], [(KLE, "32.24")]),
    )

    assert role_of(encoded) == Tildeling(
        "Kontaktperson",
        orgenheder=frozenset(
            {"6f1b5a2c-0000-4000-8000-000000000001", "6f1b5a2c-0000-4000-8000-000000000002"}
        ),
        kle_numre=frozenset({"32.24"}),
    )


def test_without_constraints_the_apps_own_appointment_decides():
    assert not role_of(bpp((CVR, [KP], []))).afgraenset


@pytest.mark.parametrize(
    ("privileges", "expected"),
    [
        ([PL], "Projektleder"),
        ([LAESER], "Læser"),
        ([LAESER, PL], "Projektleder"),
        ([KP, LAESER], "Kontaktperson"),
    ],
)
def test_the_strongest_of_our_roles_wins(privileges, expected):
    assert role_of(bpp((CVR, privileges, []))).rolle == expected


def test_privileges_for_another_municipality_or_of_another_system_give_no_role():
    encoded = bpp(("12345678", [PL], []), (CVR, ["http://kommune.dk/roles/usersystemrole/sbsys_admin/1"], []))

    assert role_of(encoded) == Tildeling(None)


def test_constraints_of_a_project_leader_or_of_another_role_do_not_limit_a_contact_person():
    encoded = bpp((CVR, [PL], [(ORGENHED, "a")]), (CVR, [KP], []), (CVR, ["urn:andet"], [(KLE, "32")]))

    assert role_of(encoded) == Tildeling("Projektleder")
    assert role_of(bpp((CVR, [KP], []), (CVR, ["urn:andet"], [(KLE, "32")]))) == Tildeling("Kontaktperson")


def test_the_older_oiosaml_namespace_and_line_broken_base64_are_read():
    encoded = bpp((CVR, [LAESER], []), namespace="http://itst.dk/oiosaml/basic_privilege_profile")
    wrapped = "\n".join(encoded[i : i + 64] for i in range(0, len(encoded), 64))

    assert role_of(wrapped).rolle == "Læser"


BOMB = (
    '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    "<PrivilegeList><PrivilegeGroup Scope='x'><Privilege>&b;</Privilege></PrivilegeGroup></PrivilegeList>"
)


@pytest.mark.parametrize(
    "encoded",
    [
        "ikke base64!",
        base64.b64encode(b"<ikke xml").decode(),
        base64.b64encode(b"<Andet/>").decode(),
        base64.b64encode(BOMB.encode()).decode(),
        "A" * (300 * 1024),
    ],
)
def test_an_unreadable_or_hostile_attribute_is_refused_in_danish(encoded):
    with pytest.raises(PrivilegieFejl, match="Rettighederne fra identitetsudbyderen"):
        laes_privilegier(encoded)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=200), st.binary(max_size=200).map(lambda b: base64.b64encode(b).decode())))
def test_any_attribute_value_is_read_or_refused_never_a_crash(encoded):
    try:
        privileges = laes_privilegier(encoded)
    except PrivilegieFejl:
        return
    assert tildeling(privileges, cvr=CVR, roller=ROLLER).rolle in (None, *ROLLER.values())


def test_openid_connect_group_claims_map_through_the_municipalitys_table():
    tabel = {
        "0b7e-pl": "Projektleder",
        "1c8f-borgerservice": ("Kontaktperson", "borgerservice"),
        "2d9a-boern": ("Kontaktperson", "boern-og-familie"),
    }

    assert tildeling_fra_claims(["1c8f-borgerservice", "2d9a-boern", "ukendt"], tabel) == (
        Tildeling("Kontaktperson"),
        frozenset({"borgerservice", "boern-og-familie"}),
    )
    assert tildeling_fra_claims(["1c8f-borgerservice", "0b7e-pl"], tabel) == (
        Tildeling("Projektleder"),
        frozenset(),
    )
    assert tildeling_fra_claims([], tabel) == (Tildeling(None), frozenset())
