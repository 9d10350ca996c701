"""A section's text as HTML: one span per sentence (with an anchor that eval findings link
to, flagged when a finding lands on it) and each citation marker as a chip. A chip shows its
source when hovered (title) and when opened (details): a fact's statement with its document,
date and page, or an excerpt's text with its guideline citation. An invalid marker is a red
chip that says why. The popover opens under the chip's line and is placed against the section's
text block (left edge, at most its width), so it never runs past the text column or the window's
right edge."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from drafting.case import Case
from drafting.citations import marker_spans, sentences
from drafting.context import fact_label
from drafting.draft import Draft, SectionDraft
from evals.findings import Finding
from guideline_index.excerpt import Excerpt

_BOLD = re.compile(r"\*\*(.+?)\*\*")
FINDING_ICON = ":material/flag:"  # marks an eval finding's message (not an error of the app)

CSS = """<style>
.nec-text { line-height: 1.75; font-size: 1rem; position: relative; }
.nec-sent { border-radius: 3px; }
.nec-sent.nec-error { background: #fde2e1; border-bottom: 2px solid #d93025; }
.nec-sent.nec-warning { background: #fff4d6; border-bottom: 2px solid #e8a400; }
.nec-flag { color: #b3261e; font-weight: 600; font-size: 0.75em; margin-left: 2px; }
details.nec-chip { display: inline-block; }
details.nec-chip > summary { display: inline-block; list-style: none; cursor: pointer;
  padding: 0 6px; margin: 0 1px; border-radius: 10px; font-size: 0.78em; line-height: 1.5;
  font-weight: 600; vertical-align: baseline; white-space: nowrap; }
details.nec-chip > summary::-webkit-details-marker { display: none; }
details.nec-fact > summary { background: #e3efff; color: #0b4f9c; border: 1px solid #b6d1f5; }
details.nec-excerpt > summary { background: #e6f4ea; color: #1e6b34; border: 1px solid #b7dfc2; }
details.nec-invalid > summary { background: #fde2e1; color: #b3261e; border: 1px solid #f3b8b4; }
details.nec-chip > .nec-pop { position: absolute; z-index: 20; left: 0; margin-top: 1.7em;
  width: 30rem; max-width: 100%; box-sizing: border-box; padding: 8px 12px;
  border: 1px solid #c9d3e0;
  border-radius: 6px; background: #ffffff; box-shadow: 0 4px 14px rgba(0, 0, 0, 0.15);
  font-size: 0.88em; line-height: 1.45; font-weight: normal; white-space: normal; }
.nec-pop .nec-label { font-weight: 600; display: block; margin-bottom: 2px; }
</style>"""


@dataclass(frozen=True)
class Chip:
    marker: str
    kind: str  # fact | excerpt | invalid
    short: str  # what the chip shows
    label: str  # where: document, date and page; or the guideline citation
    text: str  # the fact statement or excerpt text; for an invalid marker, the problem


def resolve(marker: str, section: SectionDraft, draft: Draft, case: Case,
            excerpts: dict[str, Excerpt]) -> Chip:
    """What a marker in ``section`` points at: the case fact or the excerpt (the bundled
    corpus), else the draft's own source record (an excerpt found in an index the corpus does
    not hold); an invalid marker carries the problem the citation check found."""
    problem = next((c.problem for c in section.citations if c.marker == marker and not c.valid),
                   None)
    if problem is not None:
        return Chip(marker, "invalid", marker, "Invalid citation", problem)
    facts = {f.id: f for f in case.facts}
    if marker in facts:
        fact = facts[marker]
        return Chip(marker, "fact", marker, fact_label(case, fact), fact.statement)
    if marker.startswith("G:"):
        excerpt = excerpts.get(marker[2:])
        if excerpt is not None:
            return Chip(marker, "excerpt", excerpt.short, excerpt.citation, excerpt.text)
    source = draft.sources.get(marker)
    if source is not None:
        return Chip(marker, source.kind, marker, source.label, source.text)
    return Chip(marker, "invalid", marker, "Unresolved citation",
                f"{marker} is neither a fact of this case nor an excerpt of the index")


def chip_html(chip: Chip) -> str:
    tip = html.escape(f"{chip.label}: {chip.text}", quote=True)
    return (f'<details class="nec-chip nec-{chip.kind}" data-marker="{html.escape(chip.marker)}">'
            f'<summary title="{tip}">{html.escape(chip.short)}</summary>'
            f'<span class="nec-pop"><span class="nec-label">{html.escape(chip.label)}</span>'
            f'{html.escape(chip.text)}</span></details>')


def sentence_anchor(key: str, index: int) -> str:
    return f"s-{key}-{index}"


def section_html(section: SectionDraft, draft: Draft, case: Case, excerpts: dict[str, Excerpt],
                 findings: list[Finding]) -> str:
    """The section's text with chips, each sentence anchored and flagged by its findings."""
    text = section.text
    by_sentence: dict[int, list[Finding]] = {}
    for finding in findings:
        if finding.section == section.key and finding.sentence is not None:
            by_sentence.setdefault(finding.sentence, []).append(finding)
    parts, previous = [], 0
    for index, (start, end) in enumerate(sentences(text)):
        gap = text[previous:start]
        parts.append("<br>" * min(gap.count("\n"), 2) if "\n" in gap else (" " if parts else ""))
        previous = end
        body = _inline(_bullet(text[start:end].strip()), section, draft, case, excerpts)
        found = by_sentence.get(index, [])
        severity = ("error" if any(f.severity == "error" for f in found) else "warning"
                    if found else "")
        flag = (f'<sup class="nec-flag" title="{len(found)} eval finding(s)">⚑{len(found)}</sup>'
                if found else "")
        parts.append(f'<span id="{sentence_anchor(section.key, index)}" '
                     f'class="nec-sent{" nec-" + severity if severity else ""}">{body}{flag}'
                     "</span>")
    return f'<div class="nec-text" data-section="{html.escape(section.key)}">{"".join(parts)}</div>'


def _inline(sentence: str, section: SectionDraft, draft: Draft, case: Case,
            excerpts: dict[str, Excerpt]) -> str:
    """Each citation (as drafting.citations reads them, well-formed or not) as chips: one per
    marker, so "[F3, F4]" shows two."""
    out, last = [], 0
    for start, end, markers in marker_spans(sentence):
        out.append(_plain(sentence[last:start]))
        out += [chip_html(resolve(m, section, draft, case, excerpts)) for m in markers]
        last = end
    out.append(_plain(sentence[last:]))
    return "".join(out)


def _plain(text: str) -> str:
    return _BOLD.sub(r"<b>\1</b>", html.escape(text, quote=False))


def _bullet(sentence: str) -> str:
    """A Markdown list line ("- ...") shown with a bullet."""
    return "• " + sentence[2:] if sentence.startswith("- ") else sentence
