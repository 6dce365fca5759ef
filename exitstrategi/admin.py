from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import KLE, Fagomraade, ITSystem, Sagsomraade


@admin.register(KLE)
class KLEAdmin(admin.ModelAdmin):
    list_display = ["nummer", "titel", "niveau", "status"]
    list_filter = ["niveau", "status"]
    search_fields = ["nummer", "titel"]


@admin.register(Fagomraade)
class FagomraadeAdmin(admin.ModelAdmin):
    list_display = ["navn"]
    filter_horizontal = ["kontaktpersoner"]


@admin.register(Sagsomraade)
class SagsomraadeAdmin(SimpleHistoryAdmin):
    list_display = ["fagomraade", "kle", "titel"]
    list_filter = ["fagomraade"]
    raw_id_fields = ["kle", "ogsaa_daekker"]
    list_select_related = ["fagomraade", "kle"]


@admin.register(ITSystem)
class ITSystemAdmin(admin.ModelAdmin):
    list_display = ["navn", "leverandoer", "type"]
    list_filter = ["type"]
