"""Where an image file ends, and the text it carries: each container walked by its own rules
(JPEG markers, PNG chunks, RIFF for WebP, ISO-BMFF boxes for HEIF and AVIF, GIF blocks), without
decoding a pixel. `website.images` refuses a file that ends before its image does and searches
only the text chunks and what comes after the end for markup.
"""

import struct
import zlib

MAX_TEXT_BYTES = 1_000_000


class Incomplete(Exception):
    """The container ends before its image does."""


def _jpeg_end(data, pos):
    """The offset after the EOI of the JPEG stream starting at `pos`."""
    if data[pos : pos + 2] != b"\xff\xd8":
        raise Incomplete
    pos += 2
    size = len(data)
    while True:
        if pos + 2 > size:
            raise Incomplete
        if data[pos] != 0xFF:
            raise Incomplete
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xD9:
            return pos + 2
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            pos += 2
            continue
        if pos + 4 > size:
            raise Incomplete
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        pos += 2 + length
        if marker != 0xDA:
            continue
        # Entropy-coded data: the next marker is a 0xFF not followed by 0x00 or a restart.
        while True:
            pos = data.find(b"\xff", pos)
            if pos == -1 or pos + 1 >= size:
                raise Incomplete
            following = data[pos + 1]
            if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                pos += 1 if following == 0xFF else 2
                continue
            break


def _jpeg_structure(data):
    # A multi-picture JPEG (MPO: gain maps, stereo pairs) is several JPEG streams in a row.
    end = _jpeg_end(data, 0)
    while data[end : end + 3] == b"\xff\xd8\xff":
        end = _jpeg_end(data, end)
    return end, []


def _png_structure(data):
    pos, texts = 8, []
    while True:
        if pos + 12 > len(data):
            raise Incomplete
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if len(body) < length or pos + 12 + length > len(data):
            raise Incomplete
        if kind == b"tEXt":
            texts.append(body)
        elif kind == b"zTXt":
            texts.append(_inflate(body.split(b"\x00", 1)[-1][1:]))
        elif kind == b"iTXt":
            keyword, _sep, rest = body.partition(b"\x00")
            compressed = rest[:1] == b"\x01"
            # compression flag, method, language tag\0, translated keyword\0, text
            text = rest[2:].split(b"\x00", 2)[-1]
            texts.append(keyword + b" " + (_inflate(text) if compressed else text))
        pos += 12 + length
        if kind == b"IEND":
            return pos, texts


def _inflate(data):
    try:
        return zlib.decompressobj().decompress(data, MAX_TEXT_BYTES)
    except zlib.error:
        return data


def _webp_structure(data):
    if len(data) < 12:
        raise Incomplete
    (size,) = struct.unpack("<I", data[4:8])
    end = 8 + size + (size & 1)
    if end > len(data):
        raise Incomplete
    return end, []


def _bmff_structure(data):
    """HEIF and AVIF: top-level boxes, each with its size; a box that runs past the end is a cut."""
    pos = 0
    while pos + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[pos : pos + 8])
        if not kind.isascii() or not kind.decode("ascii").isprintable():
            break  # not a box: data after the image
        if size == 1:
            if pos + 16 > len(data):
                raise Incomplete
            (size,) = struct.unpack(">Q", data[pos + 8 : pos + 16])
        elif size == 0:
            size = len(data) - pos
        if size < 8 or pos + size > len(data):
            raise Incomplete
        pos += size
    return pos, []


def _gif_structure(data):
    pos, texts = 13, []
    if len(data) < pos:
        raise Incomplete
    flags = data[10]
    if flags & 0x80:
        pos += 3 * (2 ** ((flags & 7) + 1))

    def sub_blocks(at):
        chunks = []
        while True:
            if at >= len(data):
                raise Incomplete
            length = data[at]
            if length == 0:
                return at + 1, b"".join(chunks)
            chunks.append(data[at + 1 : at + 1 + length])
            at += 1 + length

    while True:
        if pos >= len(data):
            raise Incomplete
        block = data[pos]
        if block == 0x3B:
            return pos + 1, texts
        if block == 0x21:
            if pos + 2 > len(data):
                raise Incomplete
            label = data[pos + 1]
            pos, body = sub_blocks(pos + 2)
            if label in (0xFE, 0x01):  # comment, plain text
                texts.append(body)
        elif block == 0x2C:
            if pos + 10 > len(data):
                raise Incomplete
            local = data[pos + 9]
            pos += 10
            if local & 0x80:
                pos += 3 * (2 ** ((local & 7) + 1))
            pos, _pixels = sub_blocks(pos + 1)  # after the LZW minimum code size
        else:
            raise Incomplete


WALKERS = {
    "JPEG": _jpeg_structure,
    "PNG": _png_structure,
    "WEBP": _webp_structure,
    "HEIF": _bmff_structure,
    "AVIF": _bmff_structure,
    "GIF": _gif_structure,
}


def structure(data, fmt):
    """(offset where the image ends, [text payloads]); raises Incomplete or struct.error."""
    return WALKERS[fmt](data)
