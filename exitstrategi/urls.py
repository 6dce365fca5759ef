from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import TemplateView

from . import oidc, saml
from .views import (
    brugere,
    fagomraade,
    forside,
    indlaesning,
    indstillinger,
    itsystem,
    kitos,
    kle,
    konto,
    kontrakt,
    paamindelse,
    sagsomraade,
    sagsomraade_admin,
    sheet,
)

KLE_NUMMER = "<str:kle>"

urlpatterns = [
    path("", forside.ForsideView.as_view(), name="home"),
    path("screening/", include("screening.urls")),
    path("", include("workshops.urls")),
    path("prioritering/", include("prioritering.urls")),
    path("dokumentationsark/", sheet.DokumentationsarkView.as_view(), name="dokumentationsark"),
    path(
        "dokumentationsark.xlsx", sheet.DokumentationsarkExportView.as_view(), name="dokumentationsark-export"
    ),
    path("dokumentationsark/indlaes/", indlaesning.UploadView.as_view(), name="indlaesning"),
    path(
        "dokumentationsark/indlaes/<int:pk>/", indlaesning.PreviewView.as_view(), name="indlaesning-preview"
    ),
    path(
        f"sagsomraade/<slug:slug>/{KLE_NUMMER}/",
        sagsomraade.SagsomraadeDetailView.as_view(),
        name="sagsomraade-detail",
    ),
    path(
        f"sagsomraade/<slug:slug>/{KLE_NUMMER}/rediger/",
        sagsomraade.SagsomraadeUpdateView.as_view(),
        name="sagsomraade-update",
    ),
    path(
        f"sagsomraade/<slug:slug>/{KLE_NUMMER}/fjern/",
        sagsomraade_admin.SagsomraadeRemoveView.as_view(),
        name="sagsomraade-remove",
    ),
    path(
        f"sagsomraade/<slug:slug>/{KLE_NUMMER}/flyt/",
        sagsomraade_admin.SagsomraadeMoveView.as_view(),
        name="sagsomraade-move",
    ),
    path("sagsomraader/fjernede/", sagsomraade_admin.RemovedListView.as_view(), name="sagsomraade-removed"),
    path(
        f"sagsomraader/fjernede/<slug:slug>/{KLE_NUMMER}/gendan/",
        sagsomraade_admin.SagsomraadeRestoreView.as_view(),
        name="sagsomraade-restore",
    ),
    path("fagomraader/paamind/", paamindelse.FagomraadeRemindView.as_view(), name="fagomraade-remind"),
    path("fagomraader/ny/", fagomraade.FagomraadeCreateView.as_view(), name="fagomraade-create"),
    path(
        "fagomraader/<slug:slug>/rediger/",
        fagomraade.FagomraadeUpdateView.as_view(),
        name="fagomraade-update",
    ),
    path(
        "fagomraader/<slug:slug>/slet/", fagomraade.FagomraadeDeleteView.as_view(), name="fagomraade-delete"
    ),
    path("systemer/", itsystem.ITSystemListView.as_view(), name="itsystem-list"),
    path("systemer/nyt/", itsystem.ITSystemCreateView.as_view(), name="itsystem-create"),
    path("systemer/<slug:slug>/", itsystem.ITSystemDetailView.as_view(), name="itsystem-detail"),
    path("systemer/<slug:slug>/rediger/", itsystem.ITSystemUpdateView.as_view(), name="itsystem-update"),
    path("systemer/<slug:slug>/slet/", itsystem.ITSystemDeleteView.as_view(), name="itsystem-delete"),
    path("markedsloesninger/", itsystem.MarkedsloesningListView.as_view(), name="markedsloesning-list"),
    path(
        "markedsloesninger/ny/", itsystem.MarkedsloesningCreateView.as_view(), name="markedsloesning-create"
    ),
    path("kle/", kle.KleView.as_view(), name="kle"),
    path("kle/<int:pk>/", kle.KlePreviewView.as_view(), name="kle-preview"),
    path("kitos/", kitos.KitosView.as_view(), name="kitos"),
    path("kitos/<int:pk>/", kitos.KitosPreviewView.as_view(), name="kitos-preview"),
    path("kontrakter/", kontrakt.KontraktListView.as_view(), name="kontrakt-list"),
    path("kontrakter/ny/", kontrakt.KontraktCreateView.as_view(), name="kontrakt-create"),
    path("kontrakter/<int:pk>/rediger/", kontrakt.KontraktUpdateView.as_view(), name="kontrakt-update"),
    path("kontrakter/<int:pk>/slet/", kontrakt.KontraktDeleteView.as_view(), name="kontrakt-delete"),
    path("indstillinger/", indstillinger.KommuneView.as_view(), name="indstillinger"),
    path("brugere/", brugere.UserListView.as_view(), name="user-list"),
    path("brugere/inviter/", brugere.UserInviteView.as_view(), name="user-invite"),
    path("brugere/revisionslog/", brugere.RevisionslogView.as_view(), name="revisionslog"),
    path("brugere/anonymiser/", brugere.PersonAnonymiseView.as_view(), name="person-anonymise"),
    path("brugere/<int:pk>/rediger/", brugere.UserUpdateView.as_view(), name="user-update"),
    path("brugere/<int:pk>/inviter-igen/", brugere.UserReinviteView.as_view(), name="user-reinvite"),
    path("favicon.ico", lambda request: redirect(static("favicon.svg"), permanent=True)),
    path(
        "tilgaengelighed/",
        TemplateView.as_view(template_name="tilgaengelighed.html"),
        name="tilgaengelighed",
    ),
    path("konto/login/", konto.LoginView.as_view(), name="login"),
    path("konto/afvist/", konto.afvist, name="sso-afvist"),
    path("konto/logout/", konto.LogoutView.as_view(), name="logout"),
    path("saml2/", include(saml)),
    path("oidc/authenticate/", oidc.login, name="oidc_authentication_init"),
    path("oidc/callback/", oidc.callback, name="oidc_authentication_callback"),
    path("konto/password_reset/", konto.ResetView.as_view(), name="password_reset"),
    path("konto/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
