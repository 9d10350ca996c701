"""A side-by-side diff of two versions of a section, sentence against sentence, with the words
removed and added marked inside a changed sentence. Unchanged stretches are folded to one
sentence of context on each side."""

from __future__ import annotations

import difflib
import html

from drafting.citations import sentences

CSS = """<style>
table.nec-diff { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 0.9em; }
table.nec-diff th { background: #f0f2f6; padding: 6px 8px; text-align: left; }
table.nec-diff td { vertical-align: top; padding: 4px 8px; border-top: 1px solid #eceff3;
  white-space: pre-wrap; word-break: break-word; }
table.nec-diff td.nec-n { width: 3em; color: #8a8f98; text-align: right; font-size: 0.85em; }
table.nec-diff tr.nec-fold td { color: #8a8f98; text-align: center; background: #fafbfc; }
td.nec-old { background: #fdf0ef; } td.nec-new { background: #eefaf0; }
del.nec-del { background: #f7c5c1; text-decoration: line-through; }
ins.nec-ins { background: #b9ebc4; text-decoration: none; }
</style>"""


def split(text: str) -> list[str]:
    """One sentence (or list line) per entry, as the citation checks and evals count them."""
    return [text[a:b].strip() for a, b in sentences(text)]


def _words(old: str, new: str) -> tuple[str, str]:
    a, b = old.split(" "), new.split(" ")
    left, right = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        gone, added = html.escape(" ".join(a[i1:i2])), html.escape(" ".join(b[j1:j2]))
        if tag == "equal":
            left.append(gone)
            right.append(added)
            continue
        if gone:
            left.append(f'<del class="nec-del">{gone}</del>')
        if added:
            right.append(f'<ins class="nec-ins">{added}</ins>')
    return " ".join(left), " ".join(right)


def _row(n_old: int | None, old: str | None, n_new: int | None, new: str | None,
         changed: bool) -> str:
    def cells(n: int | None, text: str | None, side: str) -> str:
        number = "" if n is None else str(n + 1)
        shade = f" nec-{side}" if changed and text is not None else ""
        return f'<td class="nec-n">{number}</td><td class="nec-text{shade}">{text or ""}</td>'

    return f"<tr>{cells(n_old, old, 'old')}{cells(n_new, new, 'new')}</tr>"


def side_by_side(old: str, new: str, old_name: str, new_name: str, context: int = 1) -> str:
    """An HTML table: the old version on the left, the new on the right."""
    a, b = split(old), split(new)
    head = (f'<table class="nec-diff"><thead><tr><th colspan="2">{html.escape(old_name)}</th>'
            f'<th colspan="2">{html.escape(new_name)}</th></tr></thead><tbody>')
    rows = []
    groups = list(difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(
        context))
    if a == b:
        groups = []
        rows.append('<tr class="nec-fold"><td colspan="4">no differences</td></tr>')
    for number, group in enumerate(groups):
        if number or group[0][1] > 0:
            rows.append('<tr class="nec-fold"><td colspan="4">⋯ unchanged sentences</td></tr>')
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                rows += [_row(i, html.escape(a[i]), j, html.escape(b[j]), False)
                         for i, j in zip(range(i1, i2), range(j1, j2), strict=True)]
                continue
            for k in range(max(i2 - i1, j2 - j1)):
                i = i1 + k if i1 + k < i2 else None
                j = j1 + k if j1 + k < j2 else None
                if i is not None and j is not None:
                    left, right = _words(a[i], b[j])
                else:
                    left = None if i is None else f'<del class="nec-del">{html.escape(a[i])}</del>'
                    right = None if j is None else f'<ins class="nec-ins">{html.escape(b[j])}</ins>'
                rows.append(_row(i, left, j, right, True))
    if groups and groups[-1][-1][2] < len(a):
        rows.append('<tr class="nec-fold"><td colspan="4">⋯ unchanged sentences</td></tr>')
    return CSS + head + "".join(rows) + "</tbody></table>"
