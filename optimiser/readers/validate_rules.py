"""The rules of SPEC §1 that span several cells or sheets.

Criteria name Countries columns; Returns tiers tile [0, 1] with multipliers
that never increase; every Limits row sets a bound and no lower bound exceeds
its upper bound; Settings keys are known. Only malformed data is rejected:
rules that merely contradict each other make the model infeasible, which the
solver reports.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from models.data import DEFAULT_TIERS, Origin, Settings, Tier
from optimiser.errors import Problem
from optimiser.readers import schema
from optimiser.readers.cells import At, number_text, read_column, read_setting
from optimiser.readers.schema import Kind, Ref, Setting
from optimiser.readers.texts import Told
from optimiser.readers.validate_tables import Catalogue, Record, Report, Table, did_you_mean
from optimiser.readers.workbook import normalise

# Tolerance for "each from_share equals the previous to_share": shares typed as
# 0.3 and computed as 0.1 + 0.2 differ in the last bit.
TILE_TOLERANCE = 1e-9
FROM_SHARE, TO_SHARE, MULTIPLIER = (column.name for column in schema.RETURNS.columns)
LIMIT_NAME = schema.LIMITS.columns[0].name
SETTING_KEY, SETTING_VALUE = schema.SETTINGS.columns
EUR_BOUNDS, SHARE_BOUNDS = schema.LIMIT_BOUNDS
# Dutch keys (SPEC §5.4) read as the English ones.
SETTINGS_BY_KEY = {name.casefold(): setting for setting in schema.SETTING_KEYS
                   for name in setting.names}


def read_scores(criteria: Table, countries: Table, report: Report) -> dict[int, dict[str, float]]:
    """Each country's score per criterion (keyed by Countries row), from the criterion columns."""
    scores: dict[int, dict[str, float]] = {record.origin.row: {} for record in countries.records}
    if not (criteria.usable and countries.usable):
        return scores
    name_column = criteria.sheet.columns[0].name
    for criterion in criteria.records:
        name = criterion.values.get(name_column)
        if name is None or not _names_column(name, criterion, criteria, countries, report):
            continue
        letter = countries.raw.columns[normalise(name)]
        for country in countries.records:
            cell = country.raw.cells.get(normalise(name))
            ref = cell.ref if cell else f"{letter}{country.origin.row}"
            at = At(countries.title, ref, _header(countries, name))
            score = read_column(cell.value if cell else None, schema.CRITERION_SCORE, at)
            if isinstance(score, Problem):
                report.add(score)
            else:
                scores[country.origin.row][name] = score
    return scores


def _names_column(
    name: str, criterion: Record, criteria: Table, countries: Table, report: Report
) -> bool:
    """Whether the criterion names a numeric column of the Countries sheet; reports if not."""
    at = criteria.at(criterion, criteria.sheet.columns[0].name)
    key = normalise(name)
    declared = {normalise(column.name): column for column in countries.sheet.columns}
    if key in declared and declared[key].kind is not Kind.NUMBER:
        report.add(at.problem(name, Told("told_not_numeric", sheet=countries.title,
                                         name=declared[key].name)))
        return False
    if key not in countries.raw.columns:
        others = [text for _, text in countries.raw.headers if normalise(text) not in declared]
        report.add(at.problem(name, Told("told_no_column", sheet=countries.title,
                                         hint=did_you_mean(name, others))))
        return False
    return True


def _header(table: Table, name: str) -> str:
    letter = table.raw.columns[normalise(name)]
    return next(text for column, text in table.raw.headers if column == letter)


def read_tiers(table: Table, report: Report) -> tuple[Tier, ...]:
    """The Returns tiers sorted by from_share, once they tile [0, 1] with falling multipliers."""
    if table.raw is None:
        return DEFAULT_TIERS
    if not table.usable or not all(record.ok for record in table.records):
        return ()
    records = sorted(table.records, key=lambda record: record.values[FROM_SHARE])
    tiers = []
    end, multiplier = 0.0, None
    for record in records:
        start, stop, factor = (record.values[c] for c in (FROM_SHARE, TO_SHARE, MULTIPLIER))
        _check_tier(table, record, end, multiplier, report)
        start = end if abs(start - end) <= TILE_TOLERANCE else start
        tiers.append(Tier(start, stop, factor, record.origin))
        end, multiplier = stop, factor
    if records and abs(end - 1.0) > TILE_TOLERANCE:
        last = records[-1]
        report.add(table.at(last, TO_SHARE).problem(end, Told("told_last_tier")))
    return tuple(tiers)


def _check_tier(
    table: Table, record: Record, end: float, multiplier: float | None, report: Report
) -> None:
    start, stop, factor = (record.values[c] for c in (FROM_SHARE, TO_SHARE, MULTIPLIER))
    if stop <= start:
        width = "told_tier_equal" if stop == start else "told_tier_below"
        report.add(table.at(record, TO_SHARE).problem(stop, Told(width,
                                                                 start=number_text(start))))
    if abs(start - end) > TILE_TOLERANCE:
        report.add(table.at(record, FROM_SHARE).problem(start, _tiling_error(start, end)))
    if multiplier is not None and factor > multiplier:
        report.add(table.at(record, MULTIPLIER).problem(factor, Told(
            "told_tier_rising", previous=number_text(multiplier))))


def _tiling_error(start: float, end: float) -> Told:
    if end == 0:
        return Told("told_first_tier")
    relation = "told_tier_gap" if start > end else "told_tier_overlap"
    return Told(relation, end=number_text(end))


def check_limits(table: Table, report: Report) -> None:
    """Each row sets a bound, no lower bound above its upper bound; name the unnamed rows."""
    share_of = next(c.name for c in table.sheet.columns if c.kind is Kind.SHARE_OF)
    for record in table.records:
        if record.values.get(LIMIT_NAME) is None:
            record.values[LIMIT_NAME] = f"{schema.LIMITS.name} row {record.origin.row}"
        bounds = [column for pair in schema.LIMIT_BOUNDS for column in pair]
        if not all(column in record.values for column in (*bounds, share_of)):
            continue  # a bound could not be read: already reported
        if all(record.values[column] is None for column in bounds):
            report.add(table.at(record, LIMIT_NAME, "").problem(None, Told(
                "told_no_bound", names=", ".join(bounds))))
        for low, high in schema.LIMIT_BOUNDS:
            _check_order(table, record, low, high, report)
        if record.values[share_of] and all(record.values[c] is None for c in SHARE_BOUNDS):
            report.warnings.append(Told("told_share_of_ignored",
                                        place=f"{table.title}!{record.ref(share_of)}",
                                        bounds=" or ".join(SHARE_BOUNDS)))


def _check_order(table: Table, record: Record, low: str, high: str, report: Report) -> None:
    lower, upper = record.values[low], record.values[high]
    if lower is not None and upper is not None and lower > upper:
        report.add(table.at(record, low).problem(lower, Told("told_above", high=high,
                                                             upper=number_text(upper))))


@dataclass(frozen=True)
class SettingRow:
    value: object
    origin: Origin
    key: str = ""  # as written


def read_settings(table: Table, catalogue: Catalogue, report: Report) -> Settings:
    """The Settings sheet with defaults applied; the protection theme spelled as instruments do."""
    found: dict[str, SettingRow] = {}
    for record in table.records:
        key = record.values.get(SETTING_KEY.name)
        if key is None:
            continue
        setting = _setting(table, record, key, found, report)
        if setting is None:
            continue
        at = At(table.title, record.ref(SETTING_VALUE.name), setting.key)
        value = read_setting(record.values.get(SETTING_VALUE.name), setting, at)
        if isinstance(value, Problem):
            report.add(value)
        elif setting.key == "lang" and str(value).casefold() not in schema.LANGUAGES:
            report.add(at.problem(value, Told("told_unknown_lang", value=value,
                                              languages=" or ".join(schema.LANGUAGES))))
        elif setting.key not in found:  # a repeated key is reported by check_unique
            found[setting.key] = SettingRow(
                str(value).casefold() if setting.key == "lang" else value, record.origin, key)
    settings = Settings(
        **{key: row.value for key, row in found.items()},
        origins={key: row.origin for key, row in found.items()},
    )
    return _with_protection_theme(settings, catalogue, report)


def _setting(table: Table, record, key: str, found: dict, report: Report) -> Setting | None:
    """The setting a Settings row names; None (and a problem) for an unknown key or one
    given before under its other language's name."""
    setting = SETTINGS_BY_KEY.get(key.casefold())
    at = table.at(record, SETTING_KEY.name, "")
    if setting is None:
        known = [name for known in schema.SETTING_KEYS for name in known.names]
        report.add(at.problem(key, Told("told_unknown_setting", setting=key,
                                        hint=did_you_mean(key, known))))
        return None
    earlier = found.get(setting.key)
    if earlier is not None and earlier.key.casefold() != key.casefold():
        report.add(at.problem(key, Told("told_setting_twice", setting=key, earlier=earlier.key,
                                        row=earlier.origin.row)))
        return None
    return setting


def _with_protection_theme(settings: Settings, catalogue: Catalogue, report: Report) -> Settings:
    themes = catalogue.names.get(Ref.THEME)
    if themes is None:
        return settings
    spelled = themes.find(settings.protection_theme)
    if spelled is not None:
        return replace(settings, protection_theme=spelled)
    if settings.high_risk_threshold is not None and settings.high_risk_protection_share > 0:
        report.warnings.append(
            Told("told_no_protection_theme", theme=settings.protection_theme))
    return settings


