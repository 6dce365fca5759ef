"""Requests refused before any view sees them."""

import time

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import translation

NUL = "\x00"


class DanishMiddleware:
    """Every request in Danish (LANGUAGE_CODE), whatever the browser asks for, with the language made
    active: without it Django looks for an active language, and fails to find one, on each text,
    date and number it formats (~1,600 times on the wall: a few of its ~55 ms in a worker)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        translation.activate(settings.LANGUAGE_CODE)
        return self.get_response(request)


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


class RefuseOversizedMiddleware:
    """A request body larger than any upload we take is refused before it is read (413, in Danish)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            return HttpResponse(
                f"Forespørgslen er for stor (højst {settings.MAX_REQUEST_BYTES // (1024 * 1024)} MB).",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class PrivatePagesMiddleware:
    """Pages and downloads for a logged-in user are never kept by a browser or a proxy cache, and the
    pages ask the browser for no camera, microphone, location or payment."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response["Cache-Control"] = "no-store"
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


RENEW_AFTER = 5 * 60  # seconds: a session in use is written at most this often, not on every request


def renew_session(session):
    session["fornyet"] = int(time.time())


class SlidingSessionMiddleware:
    """The session's expiry counts from the last request, not from the login; written at most every
    few minutes instead of on every request (Django's SESSION_SAVE_EVERY_REQUEST costs a write each)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        signed_in = session is not None and user is not None and user.is_authenticated
        if signed_in and time.time() - session.get("fornyet", 0) > RENEW_AFTER:
            renew_session(session)
        return response


PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


def client_ip(request):
    """The address a login comes from, for the lockout: REMOTE_ADDR, or behind TRUSTED_PROXIES proxies
    the address the outermost of them saw, read from the right of X-Forwarded-For (what a client puts
    on the left of that header itself counts for nothing)."""
    trusted = settings.TRUSTED_PROXIES
    remote = request.META.get("REMOTE_ADDR")
    if trusted <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    return hops[-trusted] if len(hops) >= trusted else remote
