"""The shared registers' edit pages: their own Historik and deletion with a confirmation."""

from django.contrib import messages
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import DeleteView

from ..concurrency import ConcurrentEditError
from ..history import changes_of
from ..registers import delete_consequences
from ..roles import ProjektlederRequiredMixin


class SaveOrConflictMixin:
    """A register's edit page: a save that someone else's overtook re-shows the form with the message."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ConcurrentEditError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)


class HistorikMixin:
    """Adds the record's own Historik (`changes`) to its page, and the way to delete it."""

    delete_url_name = None  # takes the same URL arguments as this page

    def get_context_data(self, **kwargs):
        obj = getattr(self, "object", None)
        if obj is not None and obj.pk:
            kwargs.setdefault("changes", changes_of(obj))
            if self.delete_url_name:
                kwargs.setdefault("delete_url", reverse(self.delete_url_name, kwargs=self.kwargs))
        return super().get_context_data(**kwargs)


class RegisterDeleteView(ProjektlederRequiredMixin, DeleteView):
    """Delete after a confirmation that says what goes with it; refused while something uses it."""

    template_name = "confirm_delete.html"
    cancel_url = None  # the record's own page when None

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            consequences=self.consequences(),
            noun=self.object._meta.verbose_name,
            cancel_url=self.cancel_url or self.object.get_absolute_url(),
            **kwargs,
        )

    def form_valid(self, form):
        consequences = self.consequences()
        if consequences.blockers:
            messages.error(self.request, self.refusal(consequences.blockers))
            return redirect(self.request.path)
        name = str(self.object)
        try:
            with transaction.atomic():
                self.delete_object()
        except (ProtectedError, RestrictedError):  # something came to use it meanwhile
            messages.error(self.request, self.refusal(self.consequences().blockers))
            return redirect(self.request.path)
        messages.success(self.request, f"«{name}» er slettet.")
        return redirect(self.get_success_url())

    def consequences(self):
        return delete_consequences(self.object)

    def delete_object(self):
        self.object.delete()

    def refusal(self, blockers):
        return f"«{self.object}» kan ikke slettes endnu, fordi {', '.join(blockers)} stadig henviser hertil."
