"""Values read from an address (?workshop=7, ?siden=…): whatever is typed there, an unusable value is
ignored, never an error page."""

from django.utils import timezone
from django.utils.dateparse import parse_datetime

LARGEST_KEY = 2**31 - 1


def key_param(text):
    """A database key from the address (or a form field's name), or None. Its length is checked before
    int() reads it: int() refuses a text of over 4,300 digits with an error."""
    text = (text or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(LARGEST_KEY)):
        return None
    key = int(text)
    return key if key <= LARGEST_KEY else None


def time_param(text):
    """A moment from the address (ISO 8601; local time when it names no zone), or None."""
    try:
        moment = parse_datetime((text or "").strip())
    except ValueError:
        return None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment
