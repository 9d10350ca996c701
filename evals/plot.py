"""A horizontal bar chart as inline SVG (no plotting library, no script, no external file), so
the HTML report stays one self-contained file."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # 0..1
    target: float | None = None
    note: str = ""

    @property
    def passed(self) -> bool:
        return self.target is None or self.value >= self.target


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]
    width: int = 640
    label_width: int = 170
    row: int = 26

    @property
    def height(self) -> int:
        return self.row * len(self.bars) + 40

    @property
    def plot_width(self) -> int:
        return self.width - self.label_width - 70

    def x(self, value: float) -> float:
        return self.label_width + max(0.0, min(1.0, value)) * self.plot_width
