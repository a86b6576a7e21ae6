"""Continuity rules of SPEC.md §5.1 for the independent checker.

Written from SPEC.md alone (no `models`, no `optimiser`). A line (country, instrument) is
active in a year when X[y,c,i] >= EUR 1; a country when T[y,c] >= EUR 1; a country named in
Baseline with amount_eur >= 1 is active in the Baseline year (lines have no baseline).
"""

from __future__ import annotations

from tests.checker_rules import Context

ACTIVE_EUR = 1.0


def _line_active(ctx: Context, year: int, country: str, instrument: str) -> bool:
    return ctx.X.get((year, country, instrument), 0.0) >= ACTIVE_EUR


def _lines(ctx: Context) -> set[tuple[str, str]]:
    return {(country, instrument) for (_, country, instrument) in ctx.X}


def check_min_years(ctx: Context) -> None:
    """A line that starts in y (active in y; y the first planning year or the line
    inactive in y - 1) is active in every planning year from y to y + min_years - 1."""
    years = ctx.inputs.years
    for country, instrument in sorted(_lines(ctx)):
        span = ctx.inputs.instruments[instrument].min_years
        if span <= 1:
            continue
        for year in years:
            started = _line_active(ctx, year, country, instrument) and (
                year == years[0] or not _line_active(ctx, year - 1, country, instrument))
            if not started:
                continue
            for later in (y for y in years if year < y <= year + span - 1):
                if not _line_active(ctx, later, country, instrument):
                    ctx.add("min_years", ctx.where(later, country, instrument),
                            f"the line started in {year} and must run {span} years, but has "
                            f"{ctx.X.get((later, country, instrument), 0.0):,.2f} EUR")


def _restart(active: list[bool]) -> int | None:
    """Index of the first year that is active again after an inactive one, or None."""
    seen, gap = False, False
    for n, on in enumerate(active):
        if on and gap:
            return n
        if on:
            seen = True
        elif seen:
            gap = True
    return None


def check_no_restart(ctx: Context) -> None:
    """With no_restart, the active years of every line and every country form one run
    (for countries, the Baseline year stands before the first planning year)."""
    if not ctx.inputs.settings.no_restart:
        return
    years = ctx.inputs.years
    for country, instrument in sorted(_lines(ctx)):
        again = _restart([_line_active(ctx, y, country, instrument) for y in years])
        if again is not None:
            ctx.add("no_restart (line)", ctx.where(years[again], country, instrument),
                    "the line stopped and started again")
    for country in ctx.inputs.countries:
        before = ctx.inputs.baseline.get(country, 0.0) >= ACTIVE_EUR
        active = [before] + [ctx.T.get((y, country), 0.0) >= ACTIVE_EUR for y in years]
        again = _restart(active)
        if again is not None:
            ctx.add("no_restart (country)", ctx.where(years[again - 1], country),
                    "the country received nothing and then money again"
                    + (" (the Baseline year counts)" if before else ""))
