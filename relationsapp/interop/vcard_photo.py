"""Contact photos from vCards: decoded, checked by their first bytes, made small.

Only pictures carried inside the card are read (base64 or a ``data:`` URI); a remote
``PHOTO:https://…`` is never fetched (offline-first, and a tracking pixel must not learn
when a card was opened): the mapping keeps it as an other field.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import warnings as py_warnings
from dataclasses import dataclass

from relationsapp.core.records import PHOTO_MAX_SIDE
from relationsapp.i18n.translate import _
from relationsapp.interop.contact_records import MAX_PHOTO_BYTES

_WHITESPACE = re.compile(r"\s+")
#: Image formats accepted, by their first bytes (the TYPE parameter is often wrong).
_MAGIC = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
)
#: Refuse pictures whose pixel count alone would need hundreds of MB to decode.
_MAX_PIXELS = 40_000_000


@dataclass(frozen=True)
class Photo:
    data: bytes
    mime_type: str  # "image/png" or "image/jpeg"


class PhotoError(ValueError):
    """The photo is left out; ``str()`` says why, for the import report."""


def decode_embedded(value: str) -> bytes:
    """The bytes of a base64 value or a ``data:…;base64,…`` URI (escaped ``\\,`` too)."""
    text = value.strip()
    if text[:5].lower() == "data:":
        header, comma, payload = text.replace("\\,", ",").partition(",")
        if not comma:
            raise PhotoError(_("The photo's data: address holds no picture."))
        if ";base64" not in header.lower():
            from urllib.parse import unquote_to_bytes

            return unquote_to_bytes(payload)
        text = payload
    text = _WHITESPACE.sub("", text)
    if len(text) * 3 // 4 > MAX_PHOTO_BYTES:
        raise PhotoError(_too_large())
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as error:
        raise PhotoError(_("The photo is not valid base64 data.")) from error


def _too_large() -> str:
    return _("The photo is larger than %(limit)s MB and was left out.") % {
        "limit": MAX_PHOTO_BYTES // (1024 * 1024)
    }


def image_kind(data: bytes) -> str:
    """``JPEG``, ``PNG``, ``GIF`` or ``WEBP`` from the first bytes; "" for anything else."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return ""


def small_photo(data: bytes) -> Photo:
    """A PNG or JPEG at most PHOTO_MAX_SIDE a side; small PNG/JPEG are kept byte for byte."""
    if len(data) > MAX_PHOTO_BYTES:
        raise PhotoError(_too_large())
    kind = image_kind(data)
    if not kind:
        raise PhotoError(_("The photo is not a JPEG, PNG, GIF or WebP picture and was left out."))
    from PIL import Image, ImageOps

    try:
        with py_warnings.catch_warnings():
            py_warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > _MAX_PIXELS:
                    raise PhotoError(_("The photo has too many pixels and was left out."))
                fits = max(width, height) <= PHOTO_MAX_SIDE
                if fits and kind in ("JPEG", "PNG"):
                    image.load()  # a truncated file fails here, not later on screen
                    return Photo(data, "image/png" if kind == "PNG" else "image/jpeg")
                image.seek(0)
                picture = ImageOps.exif_transpose(image) or image
                picture.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
                return _encode(picture)
    except PhotoError:
        raise
    except Exception as error:  # Pillow raises many types for damaged pictures
        raise PhotoError(
            _("The photo could not be read (%(error)s) and was left out.") % {"error": error}
        ) from error


def _encode(picture: object) -> Photo:
    from PIL import Image

    assert isinstance(picture, Image.Image)
    output = io.BytesIO()
    has_alpha = picture.mode in ("RGBA", "LA", "PA") or (
        picture.mode == "P" and "transparency" in picture.info
    )
    if has_alpha or picture.mode in ("P", "1", "L"):
        if picture.mode not in ("RGBA", "RGB", "L", "LA", "P", "1"):
            picture = picture.convert("RGBA")
        picture.save(output, "PNG", optimize=True)
        return Photo(output.getvalue(), "image/png")
    picture.convert("RGB").save(output, "JPEG", quality=88)
    return Photo(output.getvalue(), "image/jpeg")
