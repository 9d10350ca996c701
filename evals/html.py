"""The self-contained HTML report: verdict, per-check scores with a bar chart, the mutation
study, and every finding linked to its sentence in the draft text."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from evals.checks import CHECKS
from evals.plot import Bar, BarChart
from evals.runner import SuiteReport

TEMPLATES = Path(__file__).parent / "templates"


def _charts(report: SuiteReport) -> list[BarChart]:
    gates = {g.check: g.threshold for g in report.gates}
    charts = [BarChart("Checks: share of units without an error", [
        Bar(s.check, s.score, gates.get(s.check), f"{s.failed}/{s.units} {s.unit}")
        for s in report.scores])]
    if report.detection:
        charts.append(BarChart("Mutation classes: share detected", [
            Bar(c.mutation, c.rate, c.target, f"{c.caught}/{c.tried}")
            for c in report.detection.classes]))
    return charts


def render_html(report: SuiteReport, title: str | None = None) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["j2"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    flagged = []
    for run in report.runs:
        marks: dict[tuple[str, int], str] = {}
        for f in run.findings:
            if f.sentence is not None and marks.get((f.section, f.sentence)) != "flagged":
                marks[(f.section, f.sentence)] = "flagged" if f.severity == "error" else "warned"
        flagged.append(marks)
    return env.get_template("report.html.j2").render(
        title=title or f"necessity eval report: {report.name}", report=report,
        charts=_charts(report), gates={g.check: g for g in report.gates},
        descriptions={name: c.description for name, c in CHECKS.items()},
        findings_total=sum(len(r.findings) for r in report.runs), flagged=flagged)


def write_html(report: SuiteReport, path: Path, title: str | None = None) -> Path:
    from drafting.atomic_files import write_text_atomic

    return write_text_atomic(path, render_html(report, title))
