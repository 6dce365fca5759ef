from django.urls import path

from . import views

app_name = "prioritering"

urlpatterns = [
    path("", views.PrioriteringView.as_view(), name="oversigt"),
    path("brugerniveau/accepter/", views.BrugerniveauAcceptView.as_view(), name="brugerniveau-accept"),
    path("<slug:slug>/<str:kle>/", views.PrioriteringUpdateView.as_view(), name="prioritering-update"),
]
