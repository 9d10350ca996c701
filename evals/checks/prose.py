"""A section is prose for a physician to sign: no markup, code, data or echoed prompt. (A model
that answers with HTML, a script tag or the case record as JSON has not drafted anything.)"""

from __future__ import annotations

import re

from evals.context import EvalContext
from evals.findings import Finding

# Each sign with a character every match of it holds (a section without it is not searched).
_SIGNS = [
    (re.compile(r"</?(?:case_record|section_text|sentence|cited_text)>", re.I),
     "echoes the prompt's data block", "<"),
    (re.compile(r"<\s*/?\s*(?:script|html|body|div|span|p|br|table|style|head)\b[^>]*>", re.I),
     "contains HTML markup", "<"),
    (re.compile(r"```"), "contains a code block", "`"),
    (re.compile(r"(?m)^\s*[\[{]\s*\"[\w ]+\"\s*:"), "contains JSON data", '"'),
    (re.compile(r"\{\s*\"[\w ]+\"\s*:\s*[\[{\"\d]"), "contains JSON data", "{"),
]


def check_prose(ctx: EvalContext) -> list[Finding]:
    findings = []
    for section in ctx.draft.sections:
        seen = set()
        for pattern, problem, needs in _SIGNS:
            match = pattern.search(section.text) if needs in section.text else None
            if match and problem not in seen:
                seen.add(problem)
                start = max(0, match.start() - 60)
                findings.append(Finding(check="prose", severity="error", section=section.key,
                                        sentence=None, text=section.text[start:match.end() + 60],
                                        message=f"not prose: {problem}"))
    return findings
