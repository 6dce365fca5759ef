from django.urls import path

from . import views

app_name = "prioritering"

urlpatterns = [
    path("", views.PrioriteringView.as_view(), name="oversigt"),
    path("brugerniveau/accepter/", views.BrugerniveauAcceptView.as_view(), name="brugerniveau-accept"),
    path("fagomraade/<slug:slug>/", views.UdsnitView.as_view(), name="fagomraade"),
    path("scenarie/<int:scenarie>/", views.UdsnitView.as_view(), name="scenarie"),
    path("notat/", views.NotatView.as_view(), name="notat"),
    path("notat/tekster/", views.NotatTeksterView.as_view(), name="notat-tekster"),
    path("notat/beslutningsnotat.docx", views.NotatDocxView.as_view(), name="notat-docx"),
    path("notat/bilag.xlsx", views.NotatBilagView.as_view(), name="notat-bilag"),
    path("notat/send/", views.NotatSendView.as_view(), name="notat-send"),
    path("notat/version/<int:nummer>/<str:fil>/", views.NotatVersionView.as_view(), name="notat-version"),
    path("billeder/", views.BillederView.as_view(), name="billeder"),
    path("beslutninger/", views.BeslutningListView.as_view(), name="beslutning-list"),
    path("beslutninger/ny/", views.BeslutningCreateView.as_view(), name="beslutning-create"),
    path("beslutninger/<int:pk>/", views.BeslutningDetailView.as_view(), name="beslutning-detail"),
    path("<slug:slug>/<str:kle>/", views.PrioriteringUpdateView.as_view(), name="prioritering-update"),
    path("<slug:slug>/<str:kle>/opgaver/", views.OpgaverView.as_view(), name="opgaver"),
]
