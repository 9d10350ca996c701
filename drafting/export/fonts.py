"""Fonts for the PDF: DejaVu Sans (Unicode) when it is installed, else a core PDF font with the
text transliterated to Latin-1, so export never fails on a character the font cannot encode."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian, Ubuntu (fonts-dejavu-core)
    Path("/usr/share/fonts/dejavu"),  # Fedora, Arch
    Path("/usr/share/fonts/TTF"),
    Path("/Library/Fonts"),
)
# Style -> file; bold and oblique may be missing (fonts-dejavu-core has no oblique).
DEJAVU = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
CORE_FAMILY = "helvetica"

_LATIN1 = str.maketrans({
    "≥": ">=", "≤": "<=", "≠": "!=", "≈": "~", "–": "-", "—": "-", "―": "-", "‐": "-",
    "‑": "-", "−": "-", "‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"',
    "„": '"', "‟": '"', "′": "'", "″": '"', "→": "->", "←": "<-", "↔": "<->", "⇒": "=>",
    "…": "...", "•": "-", "‣": "-", "◦": "-", "✓": "[x]", "✔": "[x]", "✗": "[ ]",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200b": "", "€": "EUR", "™": "(TM)",
    "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Œ": "OE", "œ": "oe", "ı": "i",
})


@dataclass(frozen=True)
class FontChoice:
    family: str
    files: dict[str, Path]  # style -> TTF file; empty for a core font

    @property
    def unicode(self) -> bool:
        return bool(self.files)

    def text(self, value: str) -> str:
        """The text as this font can show it."""
        return value if self.unicode else transliterate(value)


def transliterate(value: str) -> str:
    """Latin-1 text: typographic characters spelled in ASCII, accents kept where Latin-1 has
    them, other letters reduced to their base letter, anything left becomes '?'."""
    out = []
    for char in value.translate(_LATIN1):
        if ord(char) < 256:
            out.append(char)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", char)
                       if not unicodedata.combining(c))
        out.append(base if base and all(ord(c) < 256 for c in base) else "?")
    return "".join(out)


def choose_font(font_dir: Path | None = None) -> FontChoice:
    """DejaVu Sans from ``font_dir`` (or the usual system folders when None), else Helvetica."""
    for folder in (font_dir,) if font_dir is not None else FONT_DIRS:
        regular = folder / DEJAVU[""]
        if regular.is_file():
            files = {style: folder / name if (folder / name).is_file() else regular
                     for style, name in DEJAVU.items()}
            return FontChoice("dejavu", files)
    return FontChoice(CORE_FAMILY, {})
