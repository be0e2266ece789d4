"""Sample pictures for the demo, drawn on the fly (no photo files are shipped).

Each picture is a simple landscape — sky, hills, a river, a few buildings —
in colours picked from the seed, stamped "Ảnh minh họa – dữ liệu mẫu" so
nobody mistakes it for a real photograph.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

from PIL import Image, ImageDraw

ASSETS = Path(__file__).resolve().parent / "assets"
WIDTH, HEIGHT = 1200, 800
LABEL = "Anh minh hoa - du lieu mau"  # ASCII: Pillow's built-in font has no Vietnamese glyphs


def sample_picture(seed: str) -> bytes:
    """A JPEG landscape, the same for the same seed."""
    rng = random.Random(seed)
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    top, bottom = _colour(rng, 120, 220), _colour(rng, 180, 255)
    for y in range(HEIGHT // 2):
        t = y / (HEIGHT / 2)
        draw.line(
            [(0, y), (WIDTH, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    for layer in range(3):
        base = HEIGHT // 2 + layer * 60
        points = (
            [(0, HEIGHT)]
            + [(x, base - rng.randint(0, 120)) for x in range(0, WIDTH + 100, 100)]
            + [(WIDTH, HEIGHT)]
        )
        draw.polygon(points, fill=_colour(rng, 40 + layer * 30, 120 + layer * 30))
    draw.rectangle([0, HEIGHT - 120, WIDTH, HEIGHT - 70], fill=(70, 120, 170))  # a river
    for _ in range(rng.randint(3, 7)):
        x = rng.randint(0, WIDTH - 120)
        h = rng.randint(80, 260)
        draw.rectangle(
            [x, HEIGHT - 120 - h, x + rng.randint(60, 120), HEIGHT - 120],
            fill=_colour(rng, 150, 240),
        )
    draw.rectangle([20, HEIGHT - 50, 360, HEIGHT - 15], fill=(0, 0, 0))
    draw.text((30, HEIGHT - 42), LABEL, fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82)
    return out.getvalue()


def _colour(rng: random.Random, low: int, high: int) -> tuple[int, int, int]:
    return (rng.randint(low, high), rng.randint(low, high), rng.randint(low, high))


def sample_file(name: str) -> bytes:
    """A shipped sample clip (`clip.mp4`, `tone.mp3`)."""
    return (ASSETS / name).read_bytes()
