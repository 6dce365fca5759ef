"""The logged-in user's role comes with the user: one query, the same answer as asking the groups."""

from itertools import combinations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse

from exitstrategi import oidc, saml
from exitstrategi.roles import PasswordBackend, Rolle, rolle_for, user_with_rolle

from .conftest import make_user

GROUPS = [*(rolle.value for rolle in Rolle), "Økonomi"]  # a group that is no role of ours
EVERY_MEMBERSHIP = [set(chosen) for size in range(len(GROUPS) + 1) for chosen in combinations(GROUPS, size)]


def log_in(client, user):
    """The login page, as a user logs in with a password."""
    response = client.post(reverse("login"), {"username": user.username, "password": "hemmelig-kode-123"})
    assert response.status_code == 302


def executed(compute):
    seen = []
    with connection.execute_wrapper(lambda execute, sql, *args: seen.append(sql) or execute(sql, *args)):
        compute()
    return seen


@pytest.mark.parametrize("superuser", [False, True])
@pytest.mark.parametrize("groups", EVERY_MEMBERSHIP, ids=lambda groups: "+".join(sorted(groups)) or "none")
def test_the_role_loaded_with_the_user_is_the_role_its_groups_give(db, groups, superuser):
    user = make_user("bo")
    user.groups.set([Group.objects.get_or_create(name=name)[0] for name in groups])
    get_user_model().objects.filter(pk=user.pk).update(is_superuser=superuser)

    asked = rolle_for(get_user_model().objects.get(pk=user.pk))  # from its groups, one query more
    loaded = user_with_rolle(user.pk)

    assert executed(lambda: rolle_for(loaded)) == []
    assert rolle_for(loaded) == asked
    ranked = [rolle for rolle in Rolle if rolle.value in groups]  # Rolle lists the roles highest first
    assert asked == (Rolle.PROJEKTLEDER if superuser else next(iter(ranked), None))


@pytest.mark.parametrize("persona", ["projektleder", "kontaktperson", "laeser", "uden_rolle"])
def test_a_page_reads_the_users_role_in_the_query_that_loads_the_user(request, client, persona):
    user = request.getfixturevalue(persona)
    log_in(client, user)

    queries = executed(lambda: client.get(reverse("home")))

    users = [sql for sql in queries if 'FROM "auth_user"' in sql]
    assert len(users) == 1 and [sql for sql in queries if '"auth_group"' in sql] == users


@pytest.mark.parametrize("backend", [PasswordBackend, oidc.Backend, saml.Backend])
def test_every_login_loads_the_role_with_the_user_and_refuses_a_deactivated_user(laeser, backend):
    loaded = backend().get_user(laeser.pk)
    assert loaded == laeser and loaded.rolle_navn == Rolle.LAESER.value

    get_user_model().objects.filter(pk=laeser.pk).update(is_active=False)

    assert backend().get_user(laeser.pk) is None
    assert backend().get_user(laeser.pk + 1000) is None


def test_a_deactivated_user_is_logged_out_at_the_next_page(client, laeser):
    log_in(client, laeser)
    assert client.get(reverse("dokumentationsark")).status_code == 200

    get_user_model().objects.filter(pk=laeser.pk).update(is_active=False)

    response = client.get(reverse("dokumentationsark"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
