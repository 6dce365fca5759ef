from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils import timezone
from django.views.generic import TemplateView, View

from .. import dokumentationsark
from ..excel import dokumentationsark_workbook, workbook_bytes
from ..revisionslog import Handling, log
from ..roles import RoleRequiredMixin

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def chosen_phases(request):
    """The phases whose columns the user chose to see (?fase=…); all when none are chosen."""
    return [phase for phase in request.GET.getlist("fase") if phase in dokumentationsark.phases()]


def filtered_sheet(request):
    filterset = dokumentationsark.filterset_class()(
        request.GET or None, queryset=dokumentationsark.queryset()
    )
    return filterset, filterset.qs


FROZEN = {"fagomraade": 1, "kle": 2, "sagsomraade": 3}  # stay in view while the sheet scrolls sideways


class DokumentationsarkView(RoleRequiredMixin, TemplateView):
    template_name = "exitstrategi/dokumentationsark.html"
    paginate_by = 100

    def get_context_data(self, **kwargs):
        filterset, rows = filtered_sheet(self.request)
        page = Paginator(rows, self.paginate_by).get_page(self.request.GET.get("side"))
        page_rows = dokumentationsark.prepare(list(page.object_list))
        columns = dokumentationsark.columns(chosen_phases(self.request))
        column_filters = set(dokumentationsark.column_filter_names())
        sums = dokumentationsark.totals(rows, columns)
        return super().get_context_data(
            phases=dokumentationsark.phases(),
            chosen=chosen_phases(self.request),
            filter=filterset,
            main_filters=[f for f in filterset.form if f.name not in column_filters],
            column_filters=[f for f in filterset.form if f.name in column_filters],
            page=page,
            columns=[(c, FROZEN.get(c.key)) for c in columns],
            table=[(row, [(c.key, c.value(row), FROZEN.get(c.key)) for c in columns]) for row in page_rows],
            totals=[(c.key in sums, sums.get(c.key), FROZEN.get(c.key)) for c in columns] if sums else None,
            sort=self.request.GET.get("sort", ""),
            **kwargs,
        )


class DokumentationsarkExportView(RoleRequiredMixin, View):
    """The same rows as the filtered page, all of them, as an .xlsx file."""

    def get(self, request):
        _filterset, rows = filtered_sheet(request)
        rows = dokumentationsark.prepare(list(rows))
        workbook = dokumentationsark_workbook(rows, dokumentationsark.columns(chosen_phases(request)))
        response = HttpResponse(workbook_bytes(workbook), content_type=XLSX)
        filename = f"dokumentationsark-{timezone.localdate():%Y-%m-%d}.xlsx"
        log(Handling.EKSPORT, request=request, beskrivelse=f"{filename}: {len(rows)} sagsområder")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
