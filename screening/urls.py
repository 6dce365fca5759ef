from django.urls import path

from . import views

app_name = "screening"
urlpatterns = [
    path("", views.FagomraadeListView.as_view(), name="fagomraade-list"),
    path("<slug:slug>/", views.FagomraadeDetailView.as_view(), name="fagomraade-detail"),
    path("<slug:slug>/tilfoej/", views.SagsomraadeAddView.as_view(), name="sagsomraade-add"),
    path("<slug:slug>/fortryd/", views.SagsomraadeUndoAddView.as_view(), name="sagsomraade-undo-add"),
]
