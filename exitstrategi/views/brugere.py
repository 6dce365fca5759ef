import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import FormView, View
from django_filters.views import FilterView

from ..concurrency import ConcurrentEditError
from ..filters import free_text_filter
from ..forms import InviteForm, UserRoleForm
from ..models import Logpost
from ..revisionslog import Handling, log
from ..roles import ProjektlederRequiredMixin, Rolle, rolle_for
from ..services import invitation_send, person_anonymise, role_state, user_invite, user_set_role
from ..sso import is_sso_user

SSO_ROLLE = (
    "Rollen kommer fra kommunens fælles login (adgangsstyringen) og opdateres, hver gang personen logger "
    "ind; ret den dér."
)


class UserFilter(django_filters.FilterSet):
    q = free_text_filter("first_name__icontains", "last_name__icontains", "email__icontains")
    rolle = django_filters.ChoiceFilter(
        label="Rolle", choices=Rolle.choices, field_name="groups__name", empty_label="Alle roller"
    )

    class Meta:
        model = get_user_model()
        fields = []


class UserListView(ProjektlederRequiredMixin, FilterView):
    filterset_class = UserFilter
    template_name = "exitstrategi/user_list.html"
    queryset = (
        get_user_model()
        .objects.prefetch_related("groups", "fagomraader", "identiteter")
        .order_by("first_name", "last_name", "username")
    )


class UserInviteView(ProjektlederRequiredMixin, FormView):
    form_class = InviteForm
    template_name = "exitstrategi/user_invite.html"

    def form_valid(self, form):
        try:
            user = user_invite(
                base_url=self.request.build_absolute_uri("/"),
                invited_by=self.request.user,
                **form.cleaned_data,
            )
        except IntegrityError:  # someone invited the same e-mail a moment ago
            form.add_error("email", "Der findes allerede en bruger med denne e-mail.")
            return self.form_invalid(form)
        rolle = form.cleaned_data["rolle"]
        log(Handling.INVITATION, request=self.request, beskrivelse=f"{user.email} inviteret som {rolle}")
        messages.success(self.request, f"{user.email} er inviteret og har fået en e-mail med et link.")
        return redirect("user-list")


class UserUpdateView(ProjektlederRequiredMixin, FormView):
    form_class = UserRoleForm
    template_name = "exitstrategi/user_form.html"

    def authorize(self):
        self.person = get_object_or_404(get_user_model(), pk=self.kwargs["pk"])
        self.sso = is_sso_user(self.person)

    def get_initial(self):
        return {
            "rolle": rolle_for(self.person),
            "fagomraader": self.person.fagomraader.all(),
            "is_active": self.person.is_active,
            "shown_state": role_state(self.person),
        }

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.sso:  # the identity provider owns the role: refreshed at every login
            form.fields["rolle"].disabled = True
            form.fields["rolle"].help_text = SSO_ROLLE
        return form

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.person, sso=self.sso, **kwargs)

    def form_valid(self, form):
        if self.person == self.request.user and (
            form.cleaned_data["rolle"] != Rolle.PROJEKTLEDER or not form.cleaned_data["is_active"]
        ):
            form.add_error(
                None, "Du kan ikke fjerne din egen adgang som projektleder; bed en anden projektleder."
            )
            return self.form_invalid(form)
        try:
            user_set_role(user=self.person, **form.cleaned_data)
        except ConcurrentEditError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        data = form.cleaned_data
        areas = ", ".join(str(f) for f in data["fagomraader"]) if data["rolle"] == Rolle.KONTAKTPERSON else ""
        state = "" if data["is_active"] else " (inaktiv)"
        change = f"{self.person.get_username()}: {data['rolle']}{f' for {areas}' if areas else ''}{state}"
        log(Handling.ROLLE, request=self.request, beskrivelse=change)
        messages.success(self.request, "Brugeren er gemt.")
        return redirect("user-list")


class UserReinviteView(ProjektlederRequiredMixin, View):
    """A new invitation link for someone who never chose a password (the first expired or was lost)."""

    def authorize(self):
        self.person = get_object_or_404(get_user_model(), pk=self.kwargs["pk"], is_active=True)

    def post(self, request, pk):
        if self.person.has_usable_password():
            messages.info(request, f"{self.person.email} har allerede valgt en adgangskode.")
        else:
            invitation_send(
                user=self.person, base_url=request.build_absolute_uri("/"), invited_by=request.user
            )
            log(Handling.INVITATION, request=request, beskrivelse=f"Ny invitation til {self.person.email}")
            messages.success(request, f"{self.person.email} har fået en ny invitation med et nyt link.")
        return redirect("user-update", pk=self.person.pk)


DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LogpostFilter(django_filters.FilterSet):
    q = free_text_filter("brugernavn__icontains", "beskrivelse__icontains")
    handling = django_filters.ChoiceFilter(
        label="Handling", choices=Logpost.Handling.choices, empty_label="Alle handlinger"
    )
    fra = django_filters.DateFilter(
        label="Fra og med", field_name="tidspunkt", lookup_expr="date__gte", widget=DATE_INPUT
    )
    til = django_filters.DateFilter(
        label="Til og med", field_name="tidspunkt", lookup_expr="date__lte", widget=DATE_INPUT
    )

    class Meta:
        model = Logpost
        fields = []


class RevisionslogView(ProjektlederRequiredMixin, FilterView):
    """Who logged in, changed roles, brought data in or took it out: for the project leader."""

    filterset_class = LogpostFilter
    template_name = "exitstrategi/revisionslog.html"
    queryset = Logpost.objects.select_related("bruger")
    paginate_by = 100


class AnonymiseForm(forms.Form):
    email = forms.EmailField(label="E-mail på personen, der er stoppet", max_length=254)
    bekraeft = forms.BooleanField(
        label="Jeg forstår, at navn og e-mail fjernes for altid; svarene og Historikken bliver stående",
    )


class PersonAnonymiseView(ProjektlederRequiredMixin, FormView):
    """A person who has left (user or workshop participant): name and e-mail removed everywhere."""

    form_class = AnonymiseForm
    template_name = "exitstrategi/person_anonymise.html"

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if email.lower() == self.request.user.email.lower():
            form.add_error("email", "Du kan ikke anonymisere dig selv; bed en anden projektleder.")
            return self.form_invalid(form)
        users, others = person_anonymise(email=email)
        if not users and not others:
            form.add_error("email", "Ingen bruger eller workshopdeltager har denne e-mail.")
            return self.form_invalid(form)
        log(
            Handling.ROLLE,
            request=self.request,
            beskrivelse=f"En person er anonymiseret ({users + others} steder)",
        )
        messages.success(
            self.request,
            f"Personen er anonymiseret: {users} bruger{'e' if users != 1 else ''} og {others} "
            f"workshopdeltagelse{'r' if others != 1 else ''}. Svarene står nu som «Tidligere bruger».",
        )
        return redirect("user-list")
