"""Generate the synthetic record packets in examples/records/ from their text sources.

    python examples/records/generate.py            # rewrite every packet
    python examples/records/generate.py --check    # exit 1 if a committed file differs
    python examples/records/generate.py --out DIR  # write the packets under DIR instead

Each source ``sources/<packet>/NN-name.txt`` starts with ``key: value`` lines, then ``---``:

    format: pdf | docx | txt   the file written as examples/records/<packet>/NN-name.<format>
    scanned: 1, 2              PDF pages replaced by a scan: rendered to an image with pdftoppm,
                               tilted slightly, and put back as an image-only page (OCR needed)
    header: text               a running header printed on PDF pages after the first

In the body, ``# `` starts a title line, ``## `` a section heading, and ``<<<PAGE>>>`` a new
page. Output is byte-for-byte reproducible: fixed dates in every file's metadata, fixed zip
timestamps in DOCX files. Needs fpdf2, python-docx, pypdf, Pillow and poppler's pdftoppm.
Every name, date of birth, address, phone and number in the sources is invented.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
PAGE = "<<<PAGE>>>"
FIXED = dt.datetime(2024, 1, 1, 0, 0, 0, tzinfo=dt.UTC)
SCAN_DPI = 150
SCAN_TILT_DEGREES = 0.6


def parse_source(path: Path) -> tuple[dict[str, str], list[list[str]]]:
    head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
    meta = dict(line.split(": ", 1) for line in head.splitlines() if line.strip())
    pages = [chunk.strip("\n").splitlines() for chunk in body.split(PAGE)]
    return meta, pages


# ----------------------------------------------------------------------------- PDF

def render_pdf(pages: list[list[str]], header: str | None) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="letter")
    pdf.set_creation_date(FIXED)
    pdf.set_creator("necessity examples/records/generate.py (synthetic records)")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    for number, lines in enumerate(pages, start=1):
        pdf.add_page()
        if header and number > 1:
            pdf.set_font("Helvetica", "I", 8)
            pdf.cell(0, 4, header, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        for line in lines:
            if line.startswith("# "):
                pdf.set_font("Helvetica", "B", 12)
                pdf.multi_cell(0, 6, line[2:], new_x="LMARGIN", new_y="NEXT")
                pdf.ln(1)
            elif line.startswith("## "):
                pdf.ln(2)
                pdf.set_font("Helvetica", "B", 10)
                pdf.multi_cell(0, 5, line[3:], new_x="LMARGIN", new_y="NEXT")
            elif not line.strip():
                pdf.ln(3)
            else:
                pdf.set_font("Helvetica", "", 10)
                pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_auto_page_break(False)  # the footer sits in the bottom margin
        pdf.set_y(-14)
        pdf.set_font("Helvetica", "", 8)
        pdf.cell(0, 4, f"Page {number} of {len(pages)}", align="C")
        pdf.set_auto_page_break(True, margin=18)
    return bytes(pdf.output())


def scan_pages(pdf_bytes: bytes, scanned: set[int]) -> bytes:
    """Replace the given pages by image-only pages made from a rendering of them."""
    from PIL import Image
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(pdf_bytes))
    writer = PdfWriter()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.pdf"
        source.write_bytes(pdf_bytes)
        for number, page in enumerate(reader.pages, start=1):
            if number not in scanned:
                writer.add_page(page)
                continue
            prefix = Path(tmp) / f"p{number}"
            subprocess.run(["pdftoppm", "-r", str(SCAN_DPI), "-gray", "-png", "-f", str(number),
                            "-l", str(number), str(source), str(prefix)], check=True)
            png = next(Path(tmp).glob(f"p{number}*.png"))
            with Image.open(png) as image:
                tilted = image.convert("L").rotate(SCAN_TILT_DEGREES, resample=Image.BICUBIC,
                                                   fillcolor=255)
                buffer = io.BytesIO()
                tilted.save(buffer, "PDF", resolution=SCAN_DPI)
            writer.add_page(PdfReader(buffer).pages[0])
    writer.add_metadata({"/Producer": "necessity examples/records/generate.py",
                         "/CreationDate": "D:20240101000000Z"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# ----------------------------------------------------------------------------- DOCX

def render_docx(pages: list[list[str]]) -> bytes:
    import docx

    document = docx.Document()
    props = document.core_properties
    props.author = "necessity synthetic records"
    props.created = props.modified = props.last_printed = FIXED.replace(tzinfo=None)
    props.revision = 1
    for number, lines in enumerate(pages, start=1):
        if number > 1:
            document.add_page_break()
        for line in lines:
            if line.startswith("# "):
                document.add_heading(line[2:], level=1)
            elif line.startswith("## "):
                document.add_heading(line[3:], level=2)
            elif line.strip():
                document.add_paragraph(line)
    raw = io.BytesIO()
    document.save(raw)
    return _fixed_zip(raw.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry's timestamp fixed, so the file is reproducible."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


# ----------------------------------------------------------------------------- text

def render_text(pages: list[list[str]]) -> bytes:
    chunks = ["\n".join(line.lstrip("#").strip() if line.startswith("#") else line
                        for line in lines) + "\n" for lines in pages]
    return "\f".join(chunks).encode("utf-8")


def render(source: Path) -> tuple[str, bytes]:
    meta, pages = parse_source(source)
    kind = meta["format"]
    if kind == "pdf":
        data = render_pdf(pages, meta.get("header"))
        scanned = {int(n) for n in meta.get("scanned", "").replace(",", " ").split()}
        if scanned:
            data = scan_pages(data, scanned)
    elif kind == "docx":
        data = render_docx(pages)
    elif kind == "txt":
        data = render_text(pages)
    else:
        raise SystemExit(f"{source}: unknown format {kind!r}")
    return f"{source.stem}.{kind}", data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare with committed files")
    parser.add_argument("--out", type=Path, default=HERE, help="write the packets here instead")
    args = parser.parse_args()
    stale = []
    for packet in sorted(p for p in SOURCES.iterdir() if p.is_dir()):
        target = args.out / packet.name
        target.mkdir(exist_ok=True)
        for source in sorted(packet.glob("*.txt")):
            name, data = render(source)
            path = target / name
            if args.check:
                if not path.exists() or path.read_bytes() != data:
                    stale.append(path)
                continue
            path.write_bytes(data)
            print(f"wrote {path}")
    for path in stale:
        print(f"out of date: {path.relative_to(HERE)}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
