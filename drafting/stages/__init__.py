"""The drafting pipeline as stages: one small class per stage with one method, run in order by
one ``StageRunner`` that records time, tokens and errors per stage (``PIPELINE``)."""

from drafting.stages.check import CheckCitations, collect_sources
from drafting.stages.context import BuildContexts, SectionContext
from drafting.stages.criteria import EvaluateCriteria
from drafting.stages.export import Export
from drafting.stages.generate import Generate, Progress, SectionHook
from drafting.stages.pipeline import Prepared, assemble, draft_case, generate, prepare
from drafting.stages.plan import Plan
from drafting.stages.render import PreparedSection, Render
from drafting.stages.retrieve import Grounding, GuidelineSource, Retrieve, fixed
from drafting.stages.runner import PIPELINE, StageRunner
from drafting.stages.store import SaveSection

__all__ = [
    "PIPELINE", "BuildContexts", "CheckCitations", "EvaluateCriteria", "Export", "Generate",
    "Grounding", "GuidelineSource", "Plan", "Prepared", "PreparedSection", "Progress", "Render",
    "Retrieve", "SaveSection", "SectionContext", "SectionHook", "StageRunner", "assemble",
    "collect_sources", "draft_case", "fixed", "generate", "prepare",
]
