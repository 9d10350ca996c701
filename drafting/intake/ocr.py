"""OCR of scanned pages with Debian's tesseract (through pytesseract); PDF pages are rendered to
images with poppler's pdftoppm first."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from guideline_index.ingest.errors import IngestError

OCR_DPI = 300
INSTALL_HINT = "install Debian's tesseract-ocr and tesseract-ocr-eng (apt-get install -y " \
               "tesseract-ocr tesseract-ocr-eng) and poppler-utils"


def ocr_missing() -> str | None:
    """Why OCR cannot run here, or None when it can."""
    missing = [tool for tool in ("tesseract", "pdftoppm") if shutil.which(tool) is None]
    if missing:
        return f"OCR needs {' and '.join(missing)}, which is not installed"
    try:
        import pytesseract  # noqa: F401
    except ImportError:
        return "OCR needs the pytesseract package, which is not installed"
    return None


def ocr_image(path: Path) -> list[str]:
    """Text of each frame of an image file (a multi-page TIFF has several)."""
    import pytesseract
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            return [pytesseract.image_to_string(frame.convert("L"), lang="eng")
                    for frame in ImageSequence.Iterator(image)]
    except (UnidentifiedImageError, OSError) as exc:
        raise IngestError(path, f"the image cannot be read ({exc})",
                          "re-scan or re-export the page as PNG, JPEG or TIFF") from None


def ocr_pdf_page(path: Path, page: int) -> str:
    """OCR of one PDF page (1-based), rendered at ``OCR_DPI`` in greyscale."""
    import pytesseract
    from PIL import Image

    from drafting.intake.pageview import render_pdf_page

    png = render_pdf_page(path, page, OCR_DPI, gray=True)
    with Image.open(io.BytesIO(png)) as image:
        return pytesseract.image_to_string(image, lang="eng")
