"""Image files as people really send them, generated here (nothing downloaded, nothing in git).

jpeg(size, color, exif=...)          a plain JPEG from Pillow
phone_exif(model=..., gps=True)      EXIF of a phone photo: model, date, serial, GPS
mpo(...)                             a multi-picture JPEG (primary + gain map), as phones write
photoshop_jpeg(...)                  a JPEG with an XMP packet `<?xml …` and a Photoshop IPTC block
heic(size, exif=..., grid=512)       an HEIC made by pillow_heif; with `grid`, tiled as iPhones write it
zeros_png(width, height)             a PNG of zeros made without holding its pixels in memory
with_size(jpeg_data, width, height)  the same JPEG whose header claims another size
cut(data, 0.6)                       the first 60 % of a file
"""

import io
import struct
import zlib

import pillow_heif
from PIL import Image

GPS_IFD = 0x8825
EXIF_IFD = 0x8769
SERIAL = "SERIAL-123456"


def phone_exif(model="Pixel 8", orientation=1, gps=True):
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x0110] = model
    exif.get_ifd(EXIF_IFD)[0x9003] = "2025:05:01 10:20:30"
    exif.get_ifd(EXIF_IFD)[0xA431] = SERIAL  # BodySerialNumber
    if gps:
        gps_ifd = exif.get_ifd(GPS_IFD)
        gps_ifd[1], gps_ifd[2] = "N", (41.0, 19.0, 44.0)
        gps_ifd[3], gps_ifd[4] = "E", (19.0, 49.0, 8.0)
    return exif


def picture(size=(1200, 900), color=(200, 40, 40), mode="RGB"):
    """A flat picture with a white mark in its top-left corner (to see which way is up)."""
    image = Image.new(mode, size, color)
    mark = (255, 255, 255) if mode == "RGB" else 255
    image.paste(mark, (0, 0, max(1, size[0] // 10), max(1, size[1] // 10)))
    return image


def jpeg(size=(1200, 900), color=(200, 40, 40), exif=None, mode="RGB", **options):
    buffer = io.BytesIO()
    if exif is not None:
        options["exif"] = exif
    picture(size, color, mode).save(buffer, format="JPEG", **options)
    return buffer.getvalue()


def mpo(size=(1200, 900), exif=None):
    """A red primary picture and a blue second one (a gain map, say) in one multi-picture file."""
    buffer = io.BytesIO()
    primary = picture(size, (200, 40, 40))
    second = Image.new("RGB", (size[0] // 2, size[1] // 2), (40, 40, 200))
    options = {"exif": exif} if exif is not None else {}
    primary.save(buffer, format="MPO", save_all=True, append_images=[second], **options)
    return buffer.getvalue()


def _segment(marker, payload):
    return b"\xff" + bytes([marker]) + struct.pack(">H", len(payload) + 2) + payload


XMP = (
    b'<?xml version="1.0" encoding="UTF-8"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
    b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
    b'photoshop:City="Tirana" photoshop:Credit="Studio Example"/></rdf:RDF></x:xmpmeta>'
)


def photoshop_jpeg(size=(1200, 900)):
    """A JPEG as Photoshop saves it: an XMP packet that starts with `<?xml` (APP1) and an IPTC
    record inside a Photoshop 8BIM block (APP13) with the city."""
    data = jpeg(size)
    iptc = b"\x1c\x02\x5a" + struct.pack(">H", 6) + b"Tirana"  # IPTC 2:90 City
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(iptc))
    blocks = _segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + XMP) + _segment(
        0xED, b"Photoshop 3.0\x00" + resource + iptc
    )
    return data[:2] + blocks + data[2:]


def heic(size=(400, 200), exif=None, color=(30, 160, 30), grid=0):
    """`grid` (e.g. 512, Apple's tile size) splits the picture into a grid of separately coded
    tiles, as iPhones and recent Android phones write HEIC; 0 codes it as one picture."""
    buffer = io.BytesIO()
    options = {"exif": exif.tobytes()} if exif is not None else {}
    before = pillow_heif.options.GRID_TILE_SIZE
    pillow_heif.options.GRID_TILE_SIZE = grid
    try:
        picture(size, color).save(buffer, format="HEIF", quality=80, **options)
    finally:
        pillow_heif.options.GRID_TILE_SIZE = before
    return buffer.getvalue()


def webp(size=(600, 400), exif=None):
    buffer = io.BytesIO()
    options = {"exif": exif.tobytes()} if exif is not None else {}
    Image.effect_noise(size, 40).convert("RGB").save(buffer, format="WEBP", **options)
    return buffer.getvalue()


def noisy_png(size=(600, 400)):
    buffer = io.BytesIO()
    Image.effect_noise(size, 40).convert("RGB").save(buffer, format="PNG")
    return buffer.getvalue()


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def zeros_png(width, height):
    """An RGB PNG of zeros (black), compressed row by row: ~100 KB for 38.5 megapixels."""
    compressor = zlib.compressobj(9)
    row = b"\x00" * (1 + 3 * width)  # filter byte + pixels
    parts = [compressor.compress(row) for _ in range(height)]
    parts.append(compressor.flush())
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", b"".join(parts))
        + _png_chunk(b"IEND", b"")
    )


def png_claiming(width, height):
    """A tiny PNG whose header claims `width` × `height` (its pixel data is empty)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b""))
        + _png_chunk(b"IEND", b"")
    )


def png_with_text(keyword, text, size=(300, 200)):
    buffer = io.BytesIO()
    picture(size).save(buffer, format="PNG")
    data = buffer.getvalue()
    chunk = _png_chunk(b"tEXt", keyword.encode() + b"\x00" + text.encode())
    return data[:33] + chunk + data[33:]  # after the signature and IHDR


def with_size(data, width, height):
    """`data` (a JPEG) whose start-of-frame header claims `width` × `height`."""
    pos = 2
    while True:
        marker = data[pos + 1]
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if marker in (0xC0, 0xC1, 0xC2):
            start = pos + 5  # length (2), precision (1)
            return data[:start] + struct.pack(">HH", height, width) + data[start + 4 :]
        pos += 2 + length


def cut(data, fraction):
    return data[: int(len(data) * fraction)]
