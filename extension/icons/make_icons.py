#!/usr/bin/python3
"""Draws the toolbar and menu icons of the Raadsbrief commands (16x16 small, 26x26 large PNGs, the
sizes LibreOffice's add-on toolbars use) with nothing but the standard library, so that they can
be remade anywhere: `python3 extension/icons/make_icons.py` (writes next to this script).

Shapes are described in a unit square and sampled 5x5 per pixel (anti-aliased)."""
import math
import os
import struct
import zlib

BLUE = (0x1F, 0x5A, 0x96)    # the house colour of the memo's charts
GREEN = (0x2E, 0x8B, 0x3D)
ORANGE = (0xD9, 0x6C, 0x00)
GREY = (0x55, 0x5D, 0x66)
PAGE = (0xFF, 0xFF, 0xFF)


def png(path, size, pixels):
    raw = b"".join(b"\0" + bytes(c for px in pixels[y * size:(y + 1) * size] for c in px) for y in range(size))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def render(size, layers):
    """layers: list of (colour, inside(x, y) -> bool), later layers on top."""
    n = 5
    out = []
    for py in range(size):
        for px in range(size):
            acc = [0.0, 0.0, 0.0, 0.0]
            for sy in range(n):
                for sx in range(n):
                    x, y = (px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size
                    colour = None
                    for c, inside in layers:
                        if inside(x, y):
                            colour = c
                    if colour is not None:
                        acc[0] += colour[0]; acc[1] += colour[1]; acc[2] += colour[2]; acc[3] += 1
            a = acc[3]
            out.append((0, 0, 0, 0) if a == 0 else
                       (round(acc[0] / a), round(acc[1] / a), round(acc[2] / a), round(255 * a / (n * n))))
    return out


def rect(x0, y0, x1, y1):
    return lambda x, y: x0 <= x <= x1 and y0 <= y <= y1


def page_outline(x, y):  # a sheet with a folded corner, outline
    return rect(0.14, 0.04, 0.80, 0.96)(x, y) and not (x > 0.62 and y < 0.04 + (x - 0.62)) 


def page_inside(x, y):
    return rect(0.20, 0.10, 0.74, 0.90)(x, y) and not (x > 0.56 and y < 0.10 + (x - 0.56) + 0.06)


def lines(x, y):
    return 0.28 <= x <= 0.62 and any(abs(y - t) < 0.035 for t in (0.40, 0.55, 0.70))


def plus(x, y):
    return (rect(0.52, 0.66, 0.98, 0.80)(x, y) or rect(0.68, 0.50, 0.82, 0.96)(x, y))


def plus_halo(x, y):
    return (rect(0.47, 0.61, 1.0, 0.85)(x, y) or rect(0.63, 0.45, 0.87, 1.0)(x, y))


def bars(x, y):
    return (rect(0.10, 0.52, 0.30, 0.90)(x, y) or rect(0.40, 0.28, 0.60, 0.90)(x, y)
            or rect(0.70, 0.08, 0.90, 0.90)(x, y))


def axis(x, y):
    return rect(0.04, 0.90, 0.96, 0.97)(x, y)


def ring(x, y):
    r = math.hypot(x - 0.5, y - 0.5)
    angle = math.degrees(math.atan2(0.5 - y, x - 0.5)) % 360
    return 0.26 <= r <= 0.40 and not (20 <= angle <= 70) and not (200 <= angle <= 250)


def arrowheads(x, y):
    def tri(ax, ay, bx, by, cx, cy):
        d = (by - cy) * (ax - cx) + (cx - bx) * (ay - cy)
        l1 = ((by - cy) * (x - cx) + (cx - bx) * (y - cy)) / d
        l2 = ((cy - ay) * (x - cx) + (ax - cx) * (y - cy)) / d
        return l1 >= 0 and l2 >= 0 and 1 - l1 - l2 >= 0
    # at the ends of the two arcs (20 degrees and 200 degrees), pointing along the turn
    return tri(0.72, 0.50, 0.98, 0.50, 0.85, 0.26) or tri(0.02, 0.50, 0.28, 0.50, 0.15, 0.74)


def sliders(x, y):
    return any(abs(y - t) < 0.05 and 0.08 <= x <= 0.92 for t in (0.22, 0.50, 0.78))


def knobs(x, y):
    return any(math.hypot(x - kx, y - ky) <= 0.12 for kx, ky in ((0.32, 0.22), (0.68, 0.50), (0.42, 0.78)))


ICONS = {
    "newbriefing": [(GREY, page_outline), (PAGE, page_inside), (GREY, lines), (PAGE, plus_halo), (GREEN, plus)],
    "insertfigure": [(GREY, axis), (BLUE, bars)],
    "refresh": [(BLUE, ring), (BLUE, arrowheads)],
    "options": [(GREY, sliders), (ORANGE, knobs)],
}

if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    for name, layers in ICONS.items():
        for size in (16, 26):
            png(os.path.join(here, "%s_%d.png" % (name, size)), size, render(size, layers))
