"""Continuity rules of SPEC v2 §5.1: programmes run as wholes, no stop-go.

A line is a pair (c, i); it is active in year y when X[y,c,i] >= EUR 1, a
country when T[y,c] >= EUR 1. Lines that a rule concerns get a yes/no
activity u[y,c,i]: the existing funded[y,c,i] where the instrument has a
minimum programme, else a new binary running[y,c,i]. Money in the model is
in EUR million; an active line carries at least ACTIVE_FLOOR_EUR so that
rounding cells to whole euros keeps it at EUR 1 or more (SPEC's threshold).

Both rules are stated in their tightest linear form: minimum duration as
minimum up-time with start variables, and "one unbroken run" as a choice of
at most one run [a, b] of consecutive years (the convex hull of the run
patterns), so the LP relaxation already knows most of the answer.
"""

from __future__ import annotations

from collections import defaultdict

from models.builder import Builder, to_unit
from models.constraints import item_big_m
from models.index import Item
from models.labels import Label, RuleKey
from models.phrases import RuleText

ACTIVE_FLOOR_EUR = 10.0  # least money of an active line; >= EUR 1 after rounding

Run = tuple[int, int]  # (first year, last year) of a run of consecutive planning years


def min_years_of(b: Builder) -> dict[str, int]:
    return {i.name: i.min_years for i in b.data.instruments}


def line_items(b: Builder) -> list[Item]:
    """Items whose line a continuity rule concerns: every item under no_restart, else
    the items of instruments with min_years > 1 (on a horizon of two years or more)."""
    if len(b.ix.years) < 2:
        return []
    if b.data.settings.no_restart:
        return list(b.ix.items)
    duration = min_years_of(b)  # once, not per item: L has 400k items
    return [item for item in b.ix.items if duration[item[2]] > 1]


def activity_items(b: Builder) -> list[Item]:
    """Line items that need a new binary: those without a funded[y,c,i] already."""
    programmes = {i.name for i in b.data.instruments if i.min_programme_eur > 0}
    return [item for item in line_items(b) if item[2] not in programmes]


def start_items(b: Builder) -> list[Item]:
    """Items of instruments with min_years > 1: they carry a start variable."""
    duration = min_years_of(b)
    return [item for item in line_items(b) if duration[item[2]] > 1]


def activity(b: Builder, item: Item):
    """u[y,c,i]: the item's yes/no activity variable, or None (inactive: no cells)."""
    m = b.model
    if item in m.running:
        return m.running[item]
    if item in m.funded:
        return m.funded[item]
    return None


def runs(years: tuple[int, ...], present: set[int]) -> list[Run]:
    """Every run of consecutive planning years in which all years are `present`."""
    found = []
    for a, first in enumerate(years):
        for last in years[a:]:
            if last not in present:
                break
            found.append((first, last))
    return found


def line_runs(b: Builder) -> list[tuple[str, str, int, int]]:
    """(c, i, first, last) for every run a line under no_restart may take."""
    if not b.data.settings.no_restart or len(b.ix.years) < 2:
        return []
    present: dict[tuple[str, str], set[int]] = defaultdict(set)
    for y, c, i in b.ix.items:
        present[(c, i)].add(y)
    return [(c, i, a, z) for (c, i), years in present.items()
            for a, z in runs(b.ix.years, years)]


def baseline_active(b: Builder) -> dict[str, object]:
    """Countries active in the Baseline year (amount >= EUR 1), with their Baseline row."""
    return {row.country: row.origin for row in b.data.baseline if row.amount_eur >= 1.0}


def country_runs(b: Builder) -> list[tuple[str, int, int]]:
    """(c, first, last) for every run a country under no_restart may take; a country
    active in the Baseline year may only continue that run (runs from the first year)."""
    if not b.data.settings.no_restart or len(b.ix.years) < 2:
        return []
    before = baseline_active(b)
    found = []
    for c in b.ix.countries:
        years = {y for y in b.ix.years if (y, c) in b.ix.items_by_country_year}
        found += [(c, a, z) for a, z in runs(b.ix.years, years)
                  if c not in before or a == b.ix.years[0]]
    return found


def add_line_activity(b: Builder) -> None:
    """Line activity: u[y,c,i] = 1 exactly when the line has money that year.

    floor × u[y,c,i] <= X[y,c,i] <= M_yci × u[y,c,i]
        ∀ (y, c, i) a continuity rule concerns (no_restart, or min_years_i > 1);
    u = funded where min_programme_eur_i > 0 (its rows already say so; only the
    floor is added where min_programme_eur_i < floor), else a new binary running.
    floor = EUR 10 (an active line keeps EUR 1 after rounding to whole euros);
    M_yci as for the minimum programme (cap, absorption, envelopes × headroom).
    """
    m = b.model
    floor = to_unit(ACTIVE_FLOOR_EUR)
    minimum = {i.name: to_unit(i.min_programme_eur) for i in b.data.instruments}
    instruments = {i.name: i for i in b.data.instruments}
    lower_rows, upper_rows, labels = {}, {}, {}
    for item in line_items(b):
        u = activity(b, item)
        total = b.item_total(item)
        terms = list(zip(total.linear_coefs, total.linear_vars, strict=True))
        if item in m.running:
            upper_rows[item] = (None, b.linear([*terms, (-item_big_m(b, item), u)]), 0)
        if item in m.running or minimum[item[2]] < floor:
            lower_rows[item] = (0, b.linear([*terms, (-floor, u)]), None)
        labels[item] = Label(RuleKey.LINE_ACTIVE, (instruments[item[2]].origin,),
                             RuleText("rule_line_active", country=item[1], instrument=item[2],
                                      year=item[0]))
    b.add_rows("active_floor", lower_rows, labels, doc="An active line carries money")
    b.add_rows("active_link", upper_rows, labels, doc="No money on an inactive line")


def add_min_years(b: Builder) -> None:
    """Minimum duration: a line that starts runs at least min_years_i years.

    start[y,c,i] − u[y,c,i] + u[y−1,c,i] >= 0
    u[y,c,i] − Σ_{t ∈ Y, y − min_years_i < t <= y} start[t,c,i] >= 0
        ∀ (y, c, i) with min_years_i > 1; u[y−1] = 0 where y − 1 is not a planning
        year or the line has no cells then; 0 <= start <= 1 (it follows u).
    A start in t keeps the line on in every planning year up to t + min_years_i − 1;
    years past the horizon are not constrained.

    min_years: Instruments.min_years.
    """
    m = b.model
    duration = min_years_of(b)
    instruments = {i.name: i for i in b.data.instruments}
    starts, spans, start_labels, labels = {}, {}, {}, {}
    for item in start_items(b):
        y, c, i = item
        terms = [(1.0, m.line_start[item]), (-1.0, activity(b, item))]
        terms += _activity_term(b, (y - 1, c, i), 1.0)
        starts[item] = (0, b.linear(terms), None)
        start_labels[item] = Label(RuleKey.RUN_START, (instruments[i].origin,),
                                   RuleText("rule_run_start", country=c, instrument=i, year=y))
        window = [(t, c, i) for t in b.ix.years if y - duration[i] < t <= y]
        spans[item] = (0, b.linear([(1.0, activity(b, item)), *(
            (-1.0, m.line_start[key]) for key in window if key in m.line_start)]), None)
        labels[item] = Label(
            RuleKey.MIN_YEARS, (instruments[i].origin,),
            RuleText("rule_min_years", country=c, instrument=i, year=y,
                     before=duration[i] - 1, years=duration[i]),
        )
    b.add_rows("line_start_link", starts, start_labels, doc="A line starts in y")
    b.add_rows("min_years", spans, labels, doc="A line that starts runs min_years years")


def _activity_term(b: Builder, item: Item, coef: float) -> list:
    u = activity(b, item)
    return [] if u is None else [(coef, u)]


def add_no_restart(b: Builder) -> None:
    """No restart: the active years of every line, and of every country, are one run.

    u[y,c,i] − Σ_{runs r ∋ y} run[c,i,r] = 0;      Σ_r run[c,i,r] <= 1
    Σ_{r ∋ y} run_c[c,r] − u[y,c,i] >= 0 ∀ i;      Σ_{r ∋ y} run_c[c,r] − Σ_i u[y,c,i] <= 0;
    Σ_r run_c[c,r] <= 1
        ∀ lines (c, i) and countries c with cells, when no_restart is TRUE; runs r
        are the spans [a, b] of consecutive planning years with cells in every year;
        run, run_c >= 0 (with u binary, each line and country takes one whole run or
        none: a run's weight must cover every year it is active and no other).
        A country active in the Baseline year
        (amount_eur >= EUR 1) may only take runs that start in the first planning
        year: it continues its Baseline run or stops for good.

    no_restart: Settings.no_restart; Baseline.amount_eur.
    """
    if not b.data.settings.no_restart or len(b.ix.years) < 2:
        return
    _line_no_restart(b)
    _country_no_restart(b)


def _line_no_restart(b: Builder) -> None:
    m = b.model
    origin = b.data.settings.origin("no_restart")
    covering: dict[Item, list] = defaultdict(list)
    per_line: dict[tuple[str, str], list] = defaultdict(list)
    for key in m.line_run:
        c, i, first, last = key
        per_line[(c, i)].append(m.line_run[key])
        for y in (y for y in b.ix.years if first <= y <= last):
            covering[(y, c, i)].append(m.line_run[key])
    links, once, labels, once_labels = {}, {}, {}, {}
    for item, chosen in covering.items():
        links[item] = (0, b.linear([(1.0, activity(b, item)), *((-1.0, r) for r in chosen)]),
                       0)
        labels[item] = Label(RuleKey.RUN, (origin,),
                             RuleText("rule_run", country=item[1], instrument=item[2],
                                      year=item[0]))
    for (c, i), chosen in per_line.items():
        once[(c, i)] = (None, b.linear((1.0, r) for r in chosen), 1)
        once_labels[(c, i)] = Label(RuleKey.NO_RESTART, (origin,),
                                    RuleText("rule_line_no_restart", country=c, instrument=i))
    b.add_rows("line_run_link", links, labels, doc="A line's years form its chosen run")
    b.add_rows("line_no_restart", once, once_labels, doc="A line runs in one unbroken run")


def _country_no_restart(b: Builder) -> None:
    m = b.model
    origin = b.data.settings.origin("no_restart")
    before = baseline_active(b)
    covering: dict[tuple[int, str], list] = defaultdict(list)
    per_country: dict[str, list] = defaultdict(list)
    for key in m.country_run:
        c, first, last = key
        per_country[c].append(m.country_run[key])
        for y in (y for y in b.ix.years if first <= y <= last):
            covering[(y, c)].append(m.country_run[key])
    lower, upper, labels, once, once_labels = {}, {}, {}, {}, {}
    for (y, c), items in b.ix.items_by_country_year.items():
        run = [(1.0, r) for r in covering[(y, c)]]
        label = Label(RuleKey.COUNTRY_ACTIVE, (origin,),
                      RuleText("rule_country_active", country=c, year=y))
        for item in items:
            lower[item] = (0, b.linear([*run, (-1.0, activity(b, item))]), None)
            labels[item] = label
        upper[(y, c)] = (None, b.linear([*run, *((-1.0, activity(b, k)) for k in items)]), 0)
        labels[(y, c)] = label
    for c, chosen in per_country.items():
        rows = (origin, before[c]) if c in before else (origin,)
        once[c] = (None, b.linear((1.0, r) for r in chosen), 1)
        once_labels[c] = Label(RuleKey.NO_RESTART, rows,
                               RuleText("rule_country_no_restart_baseline" if c in before
                                        else "rule_country_no_restart", country=c))
    b.add_rows("country_run_min", lower, {k: labels[k] for k in lower},
               doc="A country is active when a line of it is")
    b.add_rows("country_run_max", upper, {k: labels[k] for k in upper},
               doc="A country is inactive when none of its lines is")
    b.add_rows("country_no_restart", once, once_labels,
               doc="A country's money runs in one unbroken run")
