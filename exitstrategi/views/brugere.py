import django_filters
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import FormView
from django_filters.views import FilterView

from ..concurrency import ConcurrentEditError
from ..filters import free_text_filter
from ..forms import InviteForm, UserRoleForm
from ..roles import ProjektlederRequiredMixin, Rolle, rolle_for
from ..services import role_state, user_invite, user_set_role


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
        .objects.prefetch_related("groups", "fagomraader")
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
        messages.success(self.request, f"{user.email} er inviteret og har fået en e-mail med et link.")
        return redirect("user-list")


class UserUpdateView(ProjektlederRequiredMixin, FormView):
    form_class = UserRoleForm
    template_name = "exitstrategi/user_form.html"

    def authorize(self):
        self.person = get_object_or_404(get_user_model(), pk=self.kwargs["pk"])

    def get_initial(self):
        return {
            "rolle": rolle_for(self.person),
            "fagomraader": self.person.fagomraader.all(),
            "is_active": self.person.is_active,
            "shown_state": role_state(self.person),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.person, **kwargs)

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
        messages.success(self.request, "Brugeren er gemt.")
        return redirect("user-list")
