"""Versions of the software a result was computed with (Run info sheets)."""

from __future__ import annotations

from importlib import metadata


def versions() -> dict[str, str]:
    import highspy
    import pyomo.version

    from optimiser.solve.highs import new_highs

    found = {"allocate": _version("allocate"), "pyomo": pyomo.version.version}
    found["highs"] = new_highs().version() if hasattr(highspy.Highs, "version") else "?"
    scip = _version("pyscipopt")
    if not scip.startswith("unknown"):  # the optional MIP engine, when installed
        found["pyscipopt"] = scip
    return found


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown (not installed)"
