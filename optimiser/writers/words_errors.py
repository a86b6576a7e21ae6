"""The messages of the errors a run can stop on (a refused output, an option that does
not fit, no allocation found) in every language: the English are `optimiser.errors`'s,
the Dutch stand here. Filed in the one catalogue of `optimiser.writers.words`."""

from __future__ import annotations

from models.phrases import paired
from optimiser.errors import ERROR_TEMPLATES

DUTCH: dict[str, str] = {
    "out_is_input": ("De uitvoer {path} is de invoerwerkmap; de invoer wordt nooit "
                     "overschreven. Kies een ander pad met -o, of gebruik --in-place (houdt een "
                     "reservekopie)."),
    "out_macros": ("{input} bevat macro's; die zouden verloren gaan in {output}. Schrijf naar "
                   "een .xlsm-bestand (de standaard), dan blijven ze behouden."),
    "out_not_xlsx": "De uitvoer moet een .xlsx-bestand zijn, niet {name}.",
    "new_is_input": ("De {word} {path} is de invoerwerkmap; de invoer wordt nooit "
                     "overschreven. Kies een ander pad met -o."),
    "new_not_xlsx": "De {word} moet een .xlsx-bestand zijn, niet {name}.",
    "in_changed": ("{name} is gewijzigd terwijl het werd berekend, dus het resultaat is er "
                   "niet in geschreven. Voer het opnieuw uit."),
    "no_backup": ("Er kan geen reservekopie van {name} naast het bestand worden gemaakt "
                  "({reason}); de invoer is niet gewijzigd."),
    "in_place_example": ("--in-place vraagt een pad naar een werkmap: het meegeleverde "
                         "voorbeeld wordt nooit gewijzigd."),
    "write_folder": "{path} kan niet worden geschreven: het is een map.",
    "write_open": ("{path} kan niet worden geschreven: het is geopend in Excel of LibreOffice "
                   "({lock} staat ernaast). Sluit het en voer opnieuw uit; het bestand is "
                   "ongewijzigd."),
    "write_read_only": ("{path} kan niet worden geschreven: het bestand is alleen-lezen. Maak "
                        "het schrijfbaar of kies een andere uitvoer; het bestand is "
                        "ongewijzigd."),
    "write_no_folder": "Kan niet schrijven naar {parent}: {folder} is geen schrijfbare map.",
    "write_parent": "Kan niet schrijven naar {parent}: {reason}.",
    "write_failed": ("{path} kan niet worden geschreven: {reason}. Is het bestand geopend in "
                     "Excel, sluit het dan en voer opnieuw uit; een eerdere versie van het "
                     "bestand is ongewijzigd."),
    "export_suffix": "--export-model schrijft .mps- of .lp-bestanden, niet {name}.",
    "export_failed": "Het model kon niet worden geschreven naar {path}: {error}",
    "matrix_year_unknown": ("--matrix-year {year} is geen planningsjaar; het blad Envelopes heeft "
                    "{shown}."),
    "sheet_clash": ("De invoerwerkmap heeft zelf een blad met de naam '{name}', de naam die "
                    "het resultaatblad moet krijgen; geef dat blad een andere naam en voer "
                    "opnieuw uit."),
    "no_sheet_name": "Geen vrije bladnaam voor het resultaatblad '{name}'.",
    "alternatives_clash": ("De invoerwerkmap heeft bladen met de naam {names}, de namen die de "
                           "werkmap met alternatieven schrijft; geef ze een andere naam (of "
                           "gebruik de oorspronkelijke werkmap, niet een eerdere werkmap met "
                           "alternatieven)."),
    "steer_syntax": ("--{kind} {text}: schrijf country=NAAM, instrument=NAAM of theme=NAAM, "
                     "bijvoorbeeld --favour country=Libya."),
    "steer_unknown": ("--{kind} {option}: de werkmap heeft geen {column} met die naam (een van "
                      "{known})."),
    "within": "--within {within}: geef een aandeel van 0 tot 1, bijvoorbeeld 0.02 voor 2%.",
    "source_unknown": "--source {name} noemt geen bron van de werkmap (een van {known}).",
    "dask_missing": "--dask-scheduler vraagt Dask: pip install 'allocate[dask]' ({error}).",
    "dask_unreachable": "De Dask-scheduler op {scheduler} is niet bereikbaar: {error}.",
    "scip_missing": ("De MIP-solver staat op scip ({origin}), maar SCIP is niet "
                     "geïnstalleerd: voer {extra} uit, of kies highs."),
    "no_solution_status": ("Geen toewijzing: de solver stopte ({status}) voordat hij er een "
                           "vond. Controleer de werkmap op extreme bedragen, of meld dit met "
                           "de werkmap."),
    "no_solution_time": (
        "Geen toewijzing: de solver bereikte de tijdgrens van {limit} s ({origin}) voordat hij "
        "een toewijzing vond die aan elke regel voldoet. Geef meer tijd: time_limit_s op het "
        "blad Settings, of --time-limit SECONDEN.{hard}"),
    "note_not_written": "De diagnosewerkmap is niet geschreven. {failure}",
    "note_earlier_output": ("{target} is gelaten zoals het was: het komt van een eerdere run, "
                            "het is geen resultaat van deze."),
    "saved_elsewhere": ("{reason}\nDe resultaten zijn bewaard: ze zijn in plaats daarvan "
                        "geschreven naar {path}."),
    "invalid_head_one": "{source} is niet geldig: {count} probleem gevonden",
    "invalid_head": "{source} is niet geldig: {count} problemen gevonden",
    "invalid_item": "  - {problem}",
    "invalid_problem": "{where}: {message}{found}",
    "invalid_found": " (gevonden {value})",
    "invalid_workbook": "werkmap",
    "invalid_where_note": "{where} ({note})",
    "invalid_scenarios_sheet": "het blad Scenarios van {name}",
    "no_solution_hard": (" Minimale programmagroottes en max_countries maken het zoeken "
                         "moeilijk; die versoepelen helpt ook."),
}

ERROR_WORDS: dict[str, dict[str, str]] = paired(ERROR_TEMPLATES, DUTCH)

# The kinds of workbook an output path may be for (`new_is_input`, `new_not_xlsx`).
WORKBOOK_KINDS: dict[str, str] = {
    "diagnostics workbook": "diagnosewerkmap", "scenarios workbook": "scenariowerkmap",
    "sensitivity workbook": "gevoeligheidswerkmap",
    "alternatives workbook": "werkmap met alternatieven",
}

# What the command line itself says (optimiser/cli): a stop, an unexpected error, a
# template written.
CLI_WORDS: dict[str, dict[str, str]] = {
    "cli_interrupted": {"en": "Interrupted; nothing was written.",
                        "nl": "Onderbroken; er is niets geschreven."},
    "cli_stopped_after": {
        "en": "{what} after {done} of {total} points; nothing was written.",
        "nl": "{what} na {done} van {total} punten; er is niets geschreven."},
    "cli_stopped_before": {
        "en": "{what} before any point was solved; nothing was written.",
        "nl": "{what} voordat er een punt was berekend; er is niets geschreven."},
    "cli_what_interrupted": {"en": "Interrupted", "nl": "Onderbroken"},
    "cli_what_terminated": {"en": "Stopped (terminated)", "nl": "Gestopt (beëindigd)"},
    "cli_unexpected": {
        "en": "allocate stopped on an unexpected error: {error}",
        "nl": "allocate stopte op een onverwachte fout: {error}"},
    "cli_log": {"en": "Details are in {log}. Please report it with that file.",
                "nl": "De details staan in {log}. Meld het alstublieft met dat bestand."},
    "cli_example_written": {
        "en": "Example written to {path} (illustrative data, not official figures).",
        "nl": "Voorbeeld geschreven naar {path} (illustratieve gegevens, geen officiële "
              "cijfers)."},
    "cli_example_next": {"en": "Solve it with: allocate run {path}",
                         "nl": "Bereken het met: allocate run {path}"},
    "cli_template_written": {
        "en": "Template written to {path}. The README sheet explains each sheet; every header "
              "has a note.",
        "nl": "Sjabloon geschreven naar {path}. Het blad README legt elk blad uit; elke kop "
              "heeft een notitie."},
    "cli_template_next": {"en": "Fill it in, then check it with: allocate validate {path}",
                          "nl": "Vul het in en controleer het dan met: allocate validate "
                                "{path}"},
}
