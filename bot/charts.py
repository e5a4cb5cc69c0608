"""A bar chart of registrations per region (PNG): staff read a picture faster than a table."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from bot.state import SMALL_CELL

WIDTH, ROW, MARGIN, LABEL = 800, 34, 20, 260
BAR = (200, 40, 40)
MUTED = (160, 160, 160)


def bar_chart(title: str, rows: list[tuple[str, int]]) -> bytes:
    """One bar per label; counts under the small-cell limit are drawn as "< 5" with no bar."""
    height = MARGIN * 3 + ROW * (len(rows) + 1)
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=18)
    draw.text((MARGIN, MARGIN), title, fill="black", font=font)
    biggest = max((count for _, count in rows), default=1) or 1
    span = WIDTH - LABEL - MARGIN * 3 - 60
    for index, (label, count) in enumerate(rows):
        top = MARGIN * 2 + ROW * (index + 1)
        draw.text((MARGIN, top + 6), label[:28], fill="black", font=font)
        if count < SMALL_CELL:
            draw.text((LABEL + MARGIN, top + 6), f"< {SMALL_CELL}", fill=MUTED, font=font)
            continue
        length = max(int(span * count / biggest), 2)
        draw.rectangle((LABEL + MARGIN, top + 4, LABEL + MARGIN + length, top + ROW - 6), fill=BAR)
        draw.text((LABEL + MARGIN * 2 + length, top + 6), str(count), fill="black", font=font)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
