"""Image handling for the media library: bounded decoding, clean originals, WebP renditions.

- :func:`open_image` reads the header only and refuses decompression bombs
  (too many pixels) before a single pixel is decoded. Pillow's own
  ``DecompressionBombWarning`` is turned into an error too.
- :func:`process_image` (CPU-bound: run it in a thread) applies the EXIF
  orientation, re-encodes the original in its own format without metadata
  (EXIF, XMP, comments: GPS positions and camera serials stay private; the
  ICC colour profile is kept) and makes the WebP renditions.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field

from PIL import Image, ImageOps, UnidentifiedImageError

# 50 megapixels: a 48 MP phone photo passes, a bomb does not. Below Pillow's own
# bound (MAX_IMAGE_PIXELS, ~89 MP), so its warning can only fire on refused images.
MAX_IMAGE_PIXELS = 50_000_000
MAX_IMAGE_SIDE = 16_383  # WebP cannot encode a longer side
RENDITION_WIDTHS = (320, 640, 1024, 1600)
RENDITION_QUALITY = 80
JPEG_QUALITY = 90

_PIL_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/gif": "GIF", "image/webp": "WEBP"}
# Image-structure info the encoders need; everything else (exif, xmp, comment, dpi…) is dropped.
_KEEP_INFO = ("transparency", "background")


class ImageTooLarge(ValueError):
    """More pixels (or a longer side) than the hub decodes."""


class ImageUnreadable(ValueError):
    """The bytes open like an image but do not decode as one."""


@dataclass
class Rendition:
    """One encoded WebP rendition."""

    width: int
    height: int
    data: bytes


@dataclass
class ProcessedImage:
    """The cleaned original and its renditions."""

    data: bytes
    width: int
    height: int
    renditions: list[Rendition] = field(default_factory=list)


def open_image(data: bytes, content_type: str) -> Image.Image:
    """The image's header, checked against the pixel bounds; no pixel is decoded yet.

    Only the decoder of the sniffed format may open it: Pillow never gets to
    guess (some of its plugins hand files to external programs).
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=[_PIL_FORMATS[content_type]])
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
            raise ImageTooLarge(str(exc)) from exc
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError, KeyError) as exc:
            raise ImageUnreadable("the image cannot be read") from exc
    width, height = image.size
    if width * height > MAX_IMAGE_PIXELS or max(width, height) > MAX_IMAGE_SIDE:
        image.close()
        raise ImageTooLarge(
            f"{width} × {height} pixels is more than the {MAX_IMAGE_PIXELS:,} pixels "
            f"(or {MAX_IMAGE_SIDE} per side) accepted"
        )
    return image


def process_image(image: Image.Image, content_type: str) -> ProcessedImage:
    """Orient, strip and re-encode ``image``; make its renditions (run in a thread)."""
    try:
        with image:
            image.load()
            oriented = ImageOps.exif_transpose(image)
            icc_profile = image.info.get("icc_profile")
            oriented.info = {k: v for k, v in image.info.items() if k in _KEEP_INFO}
            original = _encode(oriented, _PIL_FORMATS[content_type], icc_profile)
            source = _webp_ready(oriented)
            renditions = [_rendition(source, w) for w in rendition_widths(oriented.width)]
            return ProcessedImage(original, oriented.width, oriented.height, renditions)
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError) as exc:
        raise ImageUnreadable("the image cannot be decoded") from exc


def rendition_widths(width: int) -> list[int]:
    """The rendition widths for an original ``width`` pixels wide.

    Never wider than the original; an image narrower than the smallest
    width still gets one WebP rendition at its own width.
    """
    return [w for w in RENDITION_WIDTHS if w <= width] or [width]


def _encode(image: Image.Image, pil_format: str, icc_profile: bytes | None) -> bytes:
    out = io.BytesIO()
    options: dict[str, object] = {"icc_profile": icc_profile} if icc_profile else {}
    if pil_format == "JPEG":
        options |= {"quality": JPEG_QUALITY, "optimize": True, "progressive": True}
    elif pil_format == "WEBP":
        options |= {"quality": JPEG_QUALITY}
    image.save(out, format=pil_format, **options)
    return out.getvalue()


def _webp_ready(image: Image.Image) -> Image.Image:
    if image.mode in ("RGB", "RGBA"):
        return image
    return image.convert("RGBA" if image.has_transparency_data else "RGB")


def _rendition(image: Image.Image, width: int) -> Rendition:
    height = max(1, round(image.height * width / image.width))
    resized = image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
    out = io.BytesIO()
    resized.save(out, format="WEBP", quality=RENDITION_QUALITY, method=4)
    return Rendition(width, height, out.getvalue())
