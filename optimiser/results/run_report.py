"""What `allocate run` hands back: the result with where it was read and written."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from optimiser.results.extract import AllocationResult


@dataclass
class RunReport:
    input_path: Path
    output_path: Path | None
    result: AllocationResult
    warnings: tuple[str, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)
    backup_path: Path | None = None

    @property
    def status(self) -> str:
        return self.result.status

    @property
    def impact(self) -> float:
        return self.result.impact

    @property
    def size(self) -> dict[str, int]:
        return self.result.size
