from datetime import date

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView, View

from .. import dokumentationsark
from ..excel import dokumentationsark_xlsx
from ..forms import choices_in_one_query
from ..model_loading import LetsGoOfRowsMixin
from ..renderers import shown
from ..revisionslog import Handling, log
from ..roles import RoleRequiredMixin

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def chosen_phases(request):
    """The phases whose columns the user chose to see (?fase=…); all when none are chosen."""
    return [phase for phase in request.GET.getlist("fase") if phase in dokumentationsark.phases()]


def filtered_sheet(request, columns):
    """The filter and the rows it lets through, loaded with what the shown columns read."""
    filterset = dokumentationsark.filterset_class()(
        request.GET or None, queryset=dokumentationsark.queryset(columns)
    )
    for field in filterset.form.fields.values():
        choices_in_one_query(field)
    return filterset, filterset.qs


def page_of(rows, number, per_page, columns, count):
    """The page, its rows ready for the columns: the page's keys found in the filtered and sorted
    order first, joining only what the filter and the sort need, then those rows loaded with every
    join the columns read; the database joins and sorts a page of rows, not all of them. `count`: how
    many rows there are (counted with the column sums)."""
    paginator = Paginator(rows.values_list("pk", flat=True), per_page)
    paginator.count = count
    page = paginator.get_page(number)
    keys = list(page.object_list)
    loaded = {row.pk: row for row in dokumentationsark.queryset(columns).filter(pk__in_array=keys).order_by()}
    rows = [loaded[key] for key in keys if key in loaded]  # one removed in between is left out
    page.object_list = dokumentationsark.prepare(rows, columns)
    return page


# The values two equal ones of which are always shown alike (unlike Decimal("1.0") and Decimal("1.00"))
SHOWN_ALIKE_WHEN_EQUAL = frozenset({str, int, bool, type(None), date})

FROZEN = {"fagomraade": 1, "kle": 2, "sagsomraade": 3}  # stay in view while the sheet scrolls sideways


def table_html(rows, columns):
    """The sheet's <tr>s, written in Python: a page is thousands of cells, and a template tag per cell was
    most of its time. Each value is shown as {{ value }} would show it."""
    cells_of = [
        (
            column.value,
            f'<td class="frozen frozen-{FROZEN[column.key]}">' if column.key in FROZEN else "<td>",
            column.key == "sagsomraade",  # the area's title links to its page
        )
        for column in columns
    ]
    lines = []
    written = {}  # value -> as shown: most cells repeat a few answers, labels and names
    for row in rows:
        cells = []
        for value, opening, linked in cells_of:
            found = value(row)
            if type(found) in SHOWN_ALIKE_WHEN_EQUAL:
                key = (type(found), found)  # True == 1, yet shown apart
                text = written.get(key)
                if text is None:
                    text = written[key] = shown(found)
            else:
                text = shown(found)
            if linked:
                text = f'<a href="{conditional_escape(row.get_absolute_url())}">{text}</a>'
            cells.append(f"{opening}{text}</td>")
        lines.append(f"    <tr>{''.join(cells)}</tr>")
    return mark_safe("\n".join(lines))  # noqa: S308 (every value escaped)


class DokumentationsarkView(RoleRequiredMixin, LetsGoOfRowsMixin, TemplateView):
    template_name = "exitstrategi/dokumentationsark.html"
    paginate_by = 100

    def get_context_data(self, **kwargs):
        columns = dokumentationsark.columns(chosen_phases(self.request))
        filterset, rows = filtered_sheet(self.request, columns)
        count, sums = dokumentationsark.count_and_totals(rows, columns)
        page = page_of(rows, self.request.GET.get("side"), self.paginate_by, columns, count)
        self.rows_shown = page.object_list
        column_filters = set(dokumentationsark.column_filter_names())
        return super().get_context_data(
            phases=dokumentationsark.phases(),
            chosen=chosen_phases(self.request),
            filter=filterset,
            main_filters=[f for f in filterset.form if f.name not in column_filters],
            column_filters=[f for f in filterset.form if f.name in column_filters],
            page=page,
            columns=[(c, FROZEN.get(c.key)) for c in columns],
            table_html=table_html(page.object_list, columns),
            totals=[(c.key in sums, sums.get(c.key), FROZEN.get(c.key)) for c in columns] if sums else None,
            sort=self.request.GET.get("sort", ""),
            **kwargs,
        )


class DokumentationsarkExportView(RoleRequiredMixin, View):
    """The same rows as the filtered page, all of them, as an .xlsx file."""

    def get(self, request):
        columns = dokumentationsark.columns(chosen_phases(request))
        _filterset, rows = filtered_sheet(request, columns)
        data, count = dokumentationsark_xlsx(rows, columns)
        response = HttpResponse(data, content_type=XLSX)
        filename = f"dokumentationsark-{timezone.localdate():%Y-%m-%d}.xlsx"
        log(Handling.EKSPORT, request=request, beskrivelse=f"{filename}: {count} sagsområder")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
