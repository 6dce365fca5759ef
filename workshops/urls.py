from django.urls import path

from .views import asis, materiale, strategi, tobe, wall, workshop

app_name = "workshops"
SAGSOMRAADE = "<slug:slug>/<str:kle>"

urlpatterns = [
    path("kortlaegning/", asis.KortlaegningView.as_view(), name="kortlaegning"),
    path(
        "kortlaegning/brugsmoenstermodel/", asis.BrugsmoenstermodelView.as_view(), name="brugsmoenstermodel"
    ),
    path("kortlaegning/<slug:slug>/", asis.FagomraadeAsIsView.as_view(), name="fagomraade-asis"),
    path(f"kortlaegning/{SAGSOMRAADE}/", asis.AsIsUpdateView.as_view(), name="asis-update"),
    path(f"kortlaegning/{SAGSOMRAADE}/brugsmoenster/", asis.BrugsmoensterWizardView.as_view(), name="wizard"),
    path("vurdering/", tobe.VurderingView.as_view(), name="vurdering"),
    path("vurdering/<slug:slug>/", tobe.FagomraadeToBeView.as_view(), name="fagomraade-tobe"),
    path(f"vurdering/{SAGSOMRAADE}/", tobe.ToBeUpdateView.as_view(), name="tobe-update"),
    path("strategier/", strategi.StrategiListView.as_view(), name="strategi-list"),
    path("strategier/ny/", strategi.StrategiCreateView.as_view(), name="strategi-create"),
    path("strategier/<int:pk>/rediger/", strategi.StrategiUpdateView.as_view(), name="strategi-update"),
    path("strategier/<int:pk>/slet/", strategi.StrategiDeleteView.as_view(), name="strategi-delete"),
    path("strategier/<int:pk>/fil/", strategi.StrategiFilView.as_view(), name="strategi-fil"),
    path("workshops/", workshop.WorkshopListView.as_view(), name="workshop-list"),
    path("workshops/ny/", workshop.WorkshopCreateView.as_view(), name="workshop-create"),
    path("workshops/<int:pk>/", workshop.WorkshopDetailView.as_view(), name="workshop-detail"),
    path("workshops/<int:pk>/rediger/", workshop.WorkshopUpdateView.as_view(), name="workshop-update"),
    path("workshops/<int:pk>/slet/", workshop.WorkshopDeleteView.as_view(), name="workshop-delete"),
    path("workshops/<int:pk>/materiale/", materiale.MaterialeView.as_view(), name="workshop-materiale"),
    path("workshops/<int:pk>/spoergeguide/", materiale.SpoergeguideView.as_view(), name="spoergeguide"),
    path(
        "workshops/<int:pk>/forberedelse/<slug:slug>/",
        materiale.ForberedelsespakkeView.as_view(),
        name="forberedelsespakke",
    ),
    path("workshops/<int:pk>/vaeggen/", wall.WallView.as_view(), name="wall"),
    path("workshops/<int:pk>/vaeggen/data/", wall.WallDataView.as_view(), name="wall-data"),
    path(
        f"workshops/<int:pk>/vaeggen/<str:question>/{SAGSOMRAADE}/",
        wall.WallCardView.as_view(),
        name="wall-card",
    ),
]
