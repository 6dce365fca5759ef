"""Requests refused before any view sees them."""

from django.http import HttpResponseBadRequest

NUL = "\x00"


class RefuseNulMiddleware:
    """A NUL character in the address or a form cannot be stored (PostgreSQL refuses it mid-query):
    the request is refused whole, in Danish, instead of failing half-way."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        values = [request.path, *request.GET.keys(), *(v for vs in request.GET.lists() for v in vs[1])]
        if request.method == "POST" and request.content_type != "multipart/form-data":
            values += [*request.POST.keys(), *(v for vs in request.POST.lists() for v in vs[1])]
        if any(NUL in value for value in values):
            return HttpResponseBadRequest(
                "Adressen eller formularen indeholder et ugyldigt tegn (NUL). Ret den, og prøv igen.",
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
