"""Memory and time of image intake (website.images, through competitions.images as the entry form
calls it): ``make bench`` runs ``run()`` in ``manage.py shell``.

1. Peak memory added by one upload, for a 50 MP JPEG (8160×6120, photo-like noise) and a 38.5 MP
   PNG of zeros (7168×5376, 112 KB): the process's peak resident size (Linux's VmHWM, reset
   through /proc/self/clear_refs before each case) minus its resident size before. Target ≤ 300 MB.
2. The same PNG posted by eight threads at once: they wait their turn in the cleaning thread.
   A 48 MP HEIC (8000×6000, a phone's 48 MP mode) too: libheif cannot decode at reduced size, so
   this is the largest case; encoding it here takes about a minute, so the file is kept in the
   temporary folder between runs.
3. A 20 MP JPEG (5472×3648, orientation and GPS in EXIF) cleaned (validate, decode, turn, re-encode,
   thumbnail, hash) and both files stored in the private storage. Target ≤ 1.0 s.

Inputs are made before each measurement and are not counted. Figures depend on the machine.
"""

import io
import re
import secrets
import sys
import tempfile
import threading
import time
from pathlib import Path

import pillow_heif
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from PIL import Image

from competitions.images import clean_image
from tests.factories.images import zeros_png
from website import images

MB = 1024 * 1024
STATUS = Path("/proc/self/status")
CLEAR_REFS = Path("/proc/self/clear_refs")


def _memory_mb():
    found = dict(re.findall(r"(VmHWM|VmRSS):\s+(\d+) kB", STATUS.read_text()))
    return int(found["VmHWM"]) / 1024, int(found["VmRSS"]) / 1024


def _photo(width, height, exif=None):
    noise = Image.effect_noise((width, height), 48)
    image = Image.merge(
        "RGB", (noise, noise.rotate(180), noise.transpose(Image.Transpose.FLIP_LEFT_RIGHT))
    )
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=90, **({"exif": exif} if exif else {}))
    return buffer.getvalue()


def _heic_48_megapixels():
    """8000 × 6000 in tiles of 512 px, as a phone's 48 MP mode writes it."""
    cached = Path(tempfile.gettempdir()) / "untold-bench-48mp-tiled.heic"
    if not cached.exists():
        buffer = io.BytesIO()
        gradient = Image.linear_gradient("L").resize((8000, 6000)).convert("RGB")
        before, pillow_heif.options.GRID_TILE_SIZE = pillow_heif.options.GRID_TILE_SIZE, 512
        try:
            gradient.save(buffer, format="HEIF", quality=50)
        finally:
            pillow_heif.options.GRID_TILE_SIZE = before
        cached.write_bytes(buffer.getvalue())
    return cached.read_bytes()


def _peak_added(work):
    """(MB added at the peak, seconds) for `work()`."""
    CLEAR_REFS.write_text("5")
    _peak, before = _memory_mb()
    started = time.perf_counter()
    work()
    elapsed = time.perf_counter() - started
    peak, _now = _memory_mb()
    return peak - before, elapsed


def _memory(stdout):
    if not CLEAR_REFS.exists():
        stdout.write("  peak memory: needs Linux (/proc/self/clear_refs)\n")
        return
    # Warm up: the cleaning thread, the codecs and their tables, once.
    clean_image(io.BytesIO(_photo(640, 480)), max_bytes=100 * MB)
    fifty = _photo(8160, 6120)
    zeros = zeros_png(7168, 5376)
    cases = [
        ("50 MP JPEG", fifty, lambda: clean_image(io.BytesIO(fifty), max_bytes=100 * MB)),
        ("38.5 MP PNG of zeros", zeros, lambda: clean_image(io.BytesIO(zeros), max_bytes=100 * MB)),
    ]

    def eight_at_once():
        threads = [
            threading.Thread(
                target=clean_image, args=(io.BytesIO(zeros),), kwargs={"max_bytes": MB}
            )
            for _ in range(8)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    cases.append(("8 × 38.5 MP PNG at once", zeros, eight_at_once))
    if images.pillow_heif is not None:
        heic = _heic_48_megapixels()
        cases.append(
            ("48 MP HEIC", heic, lambda: clean_image(io.BytesIO(heic), max_bytes=100 * MB))
        )
    stdout.write("  peak memory added per upload (target ≤ 300 MB):\n")
    for label, data, work in cases:
        added, elapsed = _peak_added(work)
        stdout.write(
            f"    {label:<26} {len(data) / MB:6.1f} MB in   +{added:6.0f} MB peak   "
            f"{elapsed * 1000:7.0f} ms\n"
        )


def _time_twenty_megapixels(stdout, runs=3):
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90°
    exif[0x0110] = "Bench Camera"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (41.0, 19.0, 44.0)
    data = _photo(5472, 3648, exif=exif)
    storage = storages["private"]
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        cleaned = clean_image(io.BytesIO(data), max_bytes=100 * MB)
        names = [
            storage.save(f"bench/{secrets.token_hex(8)}.jpg", ContentFile(cleaned.content)),
            storage.save(f"bench/{secrets.token_hex(8)}.jpg", ContentFile(cleaned.thumbnail)),
        ]
        timings.append(time.perf_counter() - started)
        for name in names:
            storage.delete(name)
    stdout.write(
        f"  20 MP JPEG ({len(data) / MB:.1f} MB in, {len(cleaned.content) / MB:.1f} MB kept, "
        f"{cleaned.width}×{cleaned.height}) cleaned and stored (target ≤ 1.0 s): "
        f"best {min(timings) * 1000:.0f} ms, worst {max(timings) * 1000:.0f} ms of {runs}\n"
    )


def run(stdout=sys.stdout):
    stdout.write(
        f"Images (at most {images.MAX_PIXELS / 1e6:.0f} MP; halved above "
        f"{images.FULL_SIZE_PIXELS / 1e6:.0f} MP)\n"
    )
    _memory(stdout)
    _time_twenty_megapixels(stdout)
