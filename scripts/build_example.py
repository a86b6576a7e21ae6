"""Build the shipped example workbook inputs/example.xlsx.

Run from the repository root:  .venv/bin/python scripts/build_example.py

The material (countries, instruments, envelopes, commitments, with their
sources) stands in inputs/example-data/*.csv; this script adds the modelling
choices (readable names, weights, settings, limits, fits, tiers, baseline),
each with its reason in a note column, and writes the workbook through
`optimiser.writers.template`, so the example carries the same help as the blank
template. The output depends only on the CSVs and this file.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # a plain script run from a source checkout

from optimiser.readers import schema  # noqa: E402
from optimiser.readers.schema import Kind, Sheet  # noqa: E402
from optimiser.writers.template import write_template  # noqa: E402

DATA = ROOT / "inputs" / "example-data"
OUTPUT = ROOT / "inputs" / "example.xlsx"
M = 1_000_000

NOTICE = (
    "ILLUSTRATIVE EXAMPLE, NOT OFFICIAL FIGURES. Only the EUR 118 million total for "
    "2029 and the named countries, programmes and partnerships are public facts.",
    "All splits (years, BHO/A&M, ODA/non-ODA), scores, weights, capacities, commitment "
    "amounts, baselines and rules are assumptions made to look realistic.",
    "Sources and reasons stand in the note columns (grey headers) next to the data; "
    "docs/example.md describes the example.",
)

ILLUSTRATIVE = (
    "ILLUSTRATIVE EXAMPLE: only the EUR 118M total for 2029 and the named countries and "
    "programmes are public facts; all splits, scores, capacities, amounts and these "
    "settings are assumptions."
)

# Instrument id of the CSVs -> (readable name, short theme). Names carry no
# commas, so that a Limits cell can list several of them.
INSTRUMENTS = {
    "migration_dialogue": ("Migration dialogue", "dialogue"),
    "anti_smuggling_trafficking": ("Anti-smuggling and anti-trafficking", "anti-smuggling"),
    "asylum_migration_management": ("Asylum and migration governance", "governance"),
    "border_management_capacity": ("Border management capacity", "border"),
    "chain_partner_deployment": ("Chain partner deployment", "operational"),
    "return_readmission_ops": ("Return and readmission operations", "return"),
    "reintegration_support": ("Reintegration support", "return"),
    "protection_vulnerable_migrants": ("Protection of vulnerable migrants", "protection"),
    "information_campaigns": ("Information campaigns", "information"),
    "legal_labour_pilot": ("Legal labour migration pilots", "legal migration"),
    "flexible_partnership_facility": ("Flexible partnership facility", "development"),
    "return_hub_pilot": ("Return hub pilot", "pilot"),
    "me_do_no_harm": ("M&E and do-no-harm", "evaluation"),
}
PROTECTION = INSTRUMENTS["protection_vulnerable_migrants"][0]
RETURN_HUB = INSTRUMENTS["return_hub_pilot"][0]
RETURN_OPS = INSTRUMENTS["return_readmission_ops"][0]
REINTEGRATION = INSTRUMENTS["reintegration_support"][0]
DIALOGUE = INSTRUMENTS["migration_dialogue"][0]
BORDER = INSTRUMENTS["border_management_capacity"][0]
ANTI_SMUGGLING = INSTRUMENTS["anti_smuggling_trafficking"][0]
GOVERNANCE = INSTRUMENTS["asylum_migration_management"][0]
LABOUR = INSTRUMENTS["legal_labour_pilot"][0]
M_AND_E = INSTRUMENTS["me_do_no_harm"][0]
INFORMATION = INSTRUMENTS["information_campaigns"][0]
FLEXIBLE = INSTRUMENTS["flexible_partnership_facility"][0]

# The CSVs name their columns like the workbook, except for these.
RENAMED = {"absorption_capacity_eur": "absorption_eur", "commitment_id": "reference"}
# Note columns of the Instruments sheet that keep the material's own id and
# long theme text (CSV field names).
KEPT_AS_NOTES = {"id": "instrument", "description": "theme"}

CRITERIA = (
    ("transit_relevance", 0.30, "Position on routes towards the EU: the taskforce's first aim."),
    ("return_relevance", 0.30, "Number of nationals obliged to leave NL; return cooperation."),
    ("action_perspective", 0.25, "Whether a counterpart exists to work with (stability, ties)."),
    ("eu_added_value", 0.15, "Fit with EU partnerships, so NL money adds to Team Europe."),
)

# Note columns (grey headers) per sheet, after the schema's columns.
EXTRAS = {
    schema.SETTINGS.name: {"note": f"Why this value. {ILLUSTRATIVE}"},
    schema.CRITERIA.name: {"note": "Why this criterion and weight (assumption)."},
    schema.COUNTRIES.name: {
        **{name: "" for name, _, _ in CRITERIA},
        "iso3": "ISO 3166 code.", "region": "Region.",
        "rationale": "Why the scores; sources in the next column.", "sources": "Sources.",
    },
    schema.INSTRUMENTS.name: {
        "id": "Short id used in the source material.", "modality": "How it is delivered.",
        "description": "What the instrument funds.",
        "oda_rationale": "Why this ODA share (OECD DAC rules).", "sources": "Sources.",
    },
    schema.SOURCES.name: {"chapter_name": "The budget chapter in full."},
    schema.ENVELOPES.name: {"basis": "Where the amount comes from."},
    schema.FIT.name: {"reason": "Why this fit or capacity (assumption)."},
    schema.RETURNS.name: {"reason": "Why this tier (assumption)."},
    schema.COMMITMENTS.name: {
        "name": "Programme.", "basis": "What is sourced, what assumed.", "note": "Note.",
    },
    schema.BASELINE.name: {"reason": "What the 2025 amount stands for (assumption)."},
    schema.LIMITS.name: {"reason": "Why this rule (assumption)."},
    schema.SCENARIOS.name: {"note": "What the scenario asks, and why it is written so."},
}

# How far each country's scores may be off (Countries.uncertainty, for the Monte Carlo of
# `allocate sensitivity`): 0.1 for stable partners with a track record, up to 0.3 for
# fragile states and the regional lines, whose scores summarise many places.
UNCERTAINTY = {
    "Morocco": 0.1, "Algeria": 0.2, "Tunisia": 0.15, "Egypt": 0.1, "Libya": 0.3,
    "Turkiye": 0.1, "Jordan": 0.1, "Lebanon": 0.2, "Iraq": 0.2, "Nigeria": 0.15,
    "Niger": 0.3, "Ethiopia": 0.2, "Eritrea": 0.3, "Sudan": 0.3, "Uganda": 0.2,
    "Mauritania": 0.15, "Regional North Africa": 0.3, "Regional Horn of Africa & Sahel": 0.3,
}


def main() -> None:
    build(OUTPUT)
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


def build(path: Path) -> Path:
    """Write the example workbook to `path`."""
    return write_template(path, example_rows(), extra_columns=EXTRAS, notice=NOTICE)


def example_rows() -> dict[str, list[list[object]]]:
    """The records of every sheet of the example, by canonical sheet name."""
    return {
        schema.SETTINGS.name: settings_rows(),
        schema.CRITERIA.name: [[name, weight, why] for name, weight, why in CRITERIA],
        schema.COUNTRIES.name: countries_rows(),
        schema.INSTRUMENTS.name: instruments_rows(),
        schema.SOURCES.name: sources_rows(),
        # Unspent money lapses at year end: plan to spend at least 95% of each line.
        schema.ENVELOPES.name: _from_csv(schema.ENVELOPES, "envelopes.csv",
                                         min_spend_share=0.95),
        schema.FIT.name: fit_rows(),
        schema.RETURNS.name: returns_rows(),
        schema.COMMITMENTS.name: _from_csv(schema.COMMITMENTS, "commitments.csv"),
        schema.BASELINE.name: baseline_rows(),
        schema.LIMITS.name: limits_rows(),
        schema.SCENARIOS.name: scenarios_rows(),
    }


def countries_rows() -> list[list[object]]:
    """The countries of the material, each with its score uncertainty."""
    rows = _from_csv(schema.COUNTRIES, "countries.csv")
    column = [c.name for c in schema.COUNTRIES.columns].index("uncertainty")
    for row in rows:
        row[column] = UNCERTAINTY[row[0]]
    return rows


def scenarios_rows() -> list[list[object]]:
    """[scenario, sheet, match, column, operation, value, note]: the spring questions."""
    cut, tunisia = "A&M non-ODA cut 15% in 2027", "Tunisia drops out"
    return [
        [cut, schema.ENVELOPES.name, "year=2027;source=A&M non-ODA", "amount_eur", "scale",
         0.85, "A cut in the Asylum & Migration non-ODA line in 2027 only."],
        ["Return cooperation weighs more", schema.CRITERIA.name, "criterion=return_relevance",
         "weight", "set", 0.45, "Return relevance weighs 0.45 instead of 0.30."],
        [tunisia, schema.COUNTRIES.name, "country=Tunisia", "absorption_eur", "set", 0,
         "Absorption 0: Tunisia can receive nothing (it stays defined, so rows naming it "
         "stay valid)."],
        [tunisia, schema.COMMITMENTS.name, "country=Tunisia", "amount_eur", "set", 0,
         "Its commitments go too, else the scenario is infeasible (docs/scenarios.md)."],
        [tunisia, schema.BASELINE.name, "country=Tunisia", "amount_eur", "set", 0,
         "And its 2025 baseline, else the ramp rule keeps money there in 2026."],
        ["Extra EUR 10M in 2028 BHO ODA", schema.ENVELOPES.name, "year=2028;source=BHO ODA",
         "amount_eur", "add", 10 * M, "EUR 10M more in the 2028 BHO ODA line."],
        ["Ramp as in the base", schema.SETTINGS.name, "key=ramp_share", "value", "set", 0.4,
         "Sets the value the base already has: a check that gives the base's result."],
    ]


def settings_rows() -> list[list[object]]:
    """[key, value, note]: the rules that make the example a portfolio decision."""
    return [
        ["ramp_share", 0.4, f"{ILLUSTRATIVE} A country's total moves at most 40% a year "
         "(plus ramp_eur): partners and implementers cannot absorb jumps, and cuts break "
         "programmes."],
        ["ramp_eur", 2 * M, "Lets a new country start at up to EUR 2M, and lets small lines "
         "grow faster than 40%, as the budget more than doubles from 2025 to 2029."],
        ["max_countries", 15, "Focus: at most 15 of the 18 lines receive money."],
        ["high_risk_threshold", 4, "Human-rights risk 4 or 5 (of 5) is high-risk."],
        ["high_risk_protection_share", 0.3, "Do-no-harm: in a high-risk country at least "
         "30% of the money goes to protection of vulnerable migrants."],
        ["protection_theme", "protection", "The theme of the protection instrument."],
        ["mip_gap", 0.0001, "The default: stop within 0.01% of the best possible impact."],
        ["time_limit_s", 300, "Ample: the example solves in about a minute on two "
         "cores (no_restart makes the search harder)."],
        ["no_restart", True, "Programmes and partnerships run as wholes: no line and no "
         "country stops and comes back later (a country funded in the Baseline year may "
         "continue or stop, not pause)."],
    ]


# Instruments.min_years by delivery modality: a programme run by an international
# organisation is contracted for about three years, a pilot for two; dialogues,
# operational deployments and cross-cutting work may stop any year.
MIN_YEARS = {"programme via IO": 3, "financing instrument": 3, "pilot": 2}


def instruments_rows() -> list[list[object]]:
    """The instruments of the material, with min_years set from their modality."""
    rows = _from_csv(schema.INSTRUMENTS, "instruments.csv")
    columns = [c.name for c in schema.INSTRUMENTS.columns]
    modality = len(columns) + list(EXTRAS[schema.INSTRUMENTS.name]).index("modality")
    for row in rows:
        row[columns.index("min_years")] = MIN_YEARS.get(row[modality], 1)
    return rows


def sources_rows() -> list[list[object]]:
    bho = "Foreign Trade & Development Cooperation (BHO)"
    am = "Asylum & Migration (A&M)"
    return [
        ["BHO ODA", True, "BHO", bho], ["BHO non-ODA", False, "BHO", bho],
        ["A&M ODA", True, "A&M", am], ["A&M non-ODA", False, "A&M", am],
    ]


def fit_rows() -> list[list[object]]:
    """[country, instrument, fit, capacity_eur, reason]."""
    countries = [row[0] for row in _from_csv(schema.COUNTRIES, "countries.csv")]
    rows: list[list[object]] = [
        ["Uganda", RETURN_HUB, 1, 6 * M, "Letter of intent (Sep 2025) for a small-scale "
         "pilot; capacity assumed."],
    ]
    rows += [[country, RETURN_HUB, 0, None, "The return hub pilot is only explored with "
              "Uganda."] for country in countries if country != "Uganda"]
    rows += [
        ["Morocco", RETURN_OPS, 1.2, 3 * M, "Return cooperation works (letter to parliament)."],
        ["Morocco", REINTEGRATION, 1.1, 4 * M, "IOM reintegration programme runs."],
        ["Morocco", LABOUR, 1.3, 3 * M, "EU Talent Partnership country."],
        ["Tunisia", LABOUR, 1.3, 3 * M, "EU Talent Partnership country."],
        ["Egypt", LABOUR, 1.3, 3 * M, "EU Talent Partnership country."],
        ["Egypt", GOVERNANCE, 1, 4 * M, "UNHCR registration support; capacity assumed."],
        ["Tunisia", BORDER, 0.8, 4 * M, "Do-no-harm: reports of expulsions to desert "
         "border areas; only training and legal frameworks."],
        ["Turkiye", BORDER, 1.2, 5 * M, "IOM border-management track record."],
        ["Libya", BORDER, 0, None, "Do-no-harm: no support to Libyan border and coast "
         "guard authorities."],
        ["Nigeria", ANTI_SMUGGLING, 1.2, 2.5 * M, "COMPASS work with NAPTIP."],
        ["Algeria", RETURN_OPS, 0.5, None, "Very limited readmission cooperation so far."],
        ["Regional North Africa", PROTECTION, 1, 12 * M, "COMPASS phase I spent about "
         "EUR 18M a year over 14 countries."],
    ]
    for country in ("Sudan", "Eritrea"):
        rows += [
            [country, RETURN_OPS, 0, None, "Return not feasible."],
            [country, REINTEGRATION, 0, None, "Return not feasible."],
            [country, DIALOGUE, 0, None, "No dialogue perspective."],
        ]
    rows += [[country, LABOUR, 0, None, "No counterpart for labour pilots."]
             for country in ("Libya", "Niger", "Sudan", "Eritrea")]
    return rows


def returns_rows() -> list[list[object]]:
    return [
        [0, 0.5, 1.0, "The first half of a pair's capacity: full value."],
        [0.5, 0.8, 0.8, "Scaling up: weaker partners and projects."],
        [0.8, 1, 0.6, "Near the ceiling of what the pair can absorb."],
    ]


def baseline_rows() -> list[list[object]]:
    reason = "2025 spending on running programmes (assumed)."
    amounts = (
        ("Morocco", 4.0), ("Algeria", 0.5), ("Tunisia", 6.0), ("Egypt", 4.0),
        ("Libya", 2.0), ("Turkiye", 3.0), ("Jordan", 1.5), ("Lebanon", 1.5),
        ("Iraq", 2.5), ("Nigeria", 2.5), ("Niger", 1.0), ("Ethiopia", 2.0),
        ("Regional North Africa", 9.0), ("Regional Horn of Africa & Sahel", 0.5),
    )
    return [[country, amount * M, reason] for country, amount in amounts]


def limits_rows() -> list[list[object]]:
    """Limits records built by column name (schema order), with a reason note."""
    return [
        _limit(name="Protection floor", theme="protection", min_share=0.2,
               reason="Protection runs through everything: at least 20% of each year."),
        _limit(name="Country cap", country=schema.EACH, max_share=0.15,
               reason="No country (or regional line) gets more than 15% of a year."),
        _limit(name="M&E floor", instrument=M_AND_E, min_share=0.02,
               reason="At least 2% of each year for monitoring, evaluation and "
               "do-no-harm screening."),
        _limit(name="Legal pathways", year=schema.ALL_YEARS, theme="legal migration",
               min_eur=6 * M, reason="Partnerships offer legal pathways too: EUR 6M "
               "over 2026-2030."),
        _limit(name="Return share in return partners", country="Morocco, Iraq, Nigeria",
               theme="return", min_share=0.25, share_of="country",
               reason="Where return is the main interest, at least a quarter of those "
               "countries' money goes to return and reintegration."),
        _limit(name="Regional lines", country="Regional North Africa, Regional Horn of "
               "Africa & Sahel", max_share=0.25,
               reason="Bilateral partnerships first: the regional lines together take "
               "at most 25% of a year."),
        _limit(name="Dialogue", instrument=DIALOGUE, min_eur=1.5 * M,
               reason="Partnerships are negotiated: at least EUR 1.5M a year for the "
               "migration dialogues."),
        _limit(name="Information", instrument=INFORMATION, min_eur=1 * M,
               reason="Information campaigns on the risks of irregular migration: at "
               "least EUR 1M a year."),
        _limit(name="Flexible facility", year=schema.ALL_YEARS, instrument=FLEXIBLE,
               min_eur=15 * M, reason="The flexible development financing instrument "
               "holds at least EUR 15M over 2026-2030."),
    ]


def _limit(*, reason: str, **values: object) -> list[object]:
    columns = [column.name for column in schema.LIMITS.columns]
    unknown = set(values) - set(columns)
    if unknown:
        raise ValueError(f"not a Limits column: {sorted(unknown)}")
    return [*(values.get(column) for column in columns), reason]


def _from_csv(sheet: Sheet, file_name: str, **defaults: object) -> list[list[object]]:
    """The sheet's columns in schema order, then its extra columns, from a CSV.

    `defaults` give values for columns the CSV lacks.
    """
    extras = list(EXTRAS.get(sheet.name, {}))
    criteria = {name for name, _, _ in CRITERIA}
    rows = []
    for record in _read_csv(file_name):
        values = {RENAMED.get(key, key): text for key, text in record.items()}
        values.update({note: values[field] for note, field in KEPT_AS_NOTES.items()
                       if note in extras})
        row = [_convert(column.kind, _readable(values.get(column.name)))
               if column.name in values else defaults.get(column.name)
               for column in sheet.columns]
        row += [_convert(Kind.NUMBER if name in criteria else Kind.TEXT, values.get(name))
                for name in extras]
        rows.append(row)
    return rows


def _readable(text: str | None) -> str | None:
    """An instrument id or long theme text of the material -> the workbook's name."""
    return _readable_names().get(text, text) if text is not None else None


@cache
def _readable_names() -> dict[str, str]:
    id_field, theme_field = KEPT_AS_NOTES["id"], KEPT_AS_NOTES["description"]
    names = {}
    for record in _read_csv("instruments.csv"):
        name, theme = INSTRUMENTS[record[id_field]]
        names[record[id_field]] = name
        names[record[theme_field]] = theme
    return names


def _read_csv(file_name: str) -> Iterator[dict[str, str]]:
    with open(DATA / file_name, newline="", encoding="utf-8") as handle:
        yield from csv.DictReader(handle)


def _convert(kind: Kind, text: str | None) -> object:
    if text is None or text.strip() == "":
        return None
    if kind is Kind.BOOLEAN:
        return text.strip().casefold() == "true"
    if kind in (Kind.NUMBER, Kind.SHARE, Kind.INTEGER):
        number = float(text)
        return int(number) if number.is_integer() else number
    return text.strip()


if __name__ == "__main__":
    main()
