"""The site's mark: the favicon's square "M", drawn as an image for the demo logo."""

import io

from PIL import Image, ImageDraw

BLUE = (10, 61, 98)
# The favicon's path (static_src/favicon.svg) on a 32-unit grid.
M_OUTLINE = [
    (7, 24),
    (7, 8),
    (10.6, 8),
    (16, 16),
    (21.4, 8),
    (25, 8),
    (25, 24),
    (21.6, 24),
    (21.6, 13.6),
    (16, 21.6),
    (10.4, 13.6),
    (10.4, 24),
]


def mark_png(size=96):
    """The mark as PNG bytes, `size` pixels square."""
    scale = size / 32
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=6 * scale, fill=BLUE)
    draw.polygon([(x * scale, y * scale) for x, y in M_OUTLINE], fill="white")
    output = io.BytesIO()
    image.save(output, format="PNG")
    return output.getvalue()
