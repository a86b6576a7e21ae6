"""What the readers say about a workbook — its problems, warnings and notes — and the
lines of `allocate validate`, in every language.

The English texts are the readers' own (`optimiser.readers.texts`); the Dutch stand here.
Filed in the one catalogue of `optimiser.writers.words`. Sheet, column and setting names
of the input workbook stay as the workbook has them; Excel's menus are named as a Dutch
Excel shows them.
"""

from __future__ import annotations

from models.phrases import paired
from optimiser.readers.texts import TEMPLATES

DUTCH: dict[str, str] = {
    # -- one cell
    "told_at": "{label} {text}",
    "told_expect_number": "een getal",
    "told_expect_integer": "een geheel getal",
    "told_expect_boolean": "TRUE of FALSE (of ja/nee, yes/no, j/n, y/n, 1/0)",
    "told_expect_share": "een aandeel van 0 tot 1 (bijv. 0.15, getoond als 15%)",
    "told_expect_name": "een naam",
    "told_expect_text": "tekst",
    "told_expect_names": "leeg, {each}, of namen gescheiden door komma's",
    "told_expect_years": "leeg, {all_years}, of jaren gescheiden door komma's",
    "told_expect_share_of": "leeg, {total}, of enkele van {names} gescheiden door komma's",
    "told_expect_positive": "{what} > 0",
    "told_expect_minimum": "{what} >= {minimum}",
    "told_blank": "is leeg; verwacht {what}",
    "told_date_for_year": ("{label} bevat de datum {seen} waar een jaar hoort; bedoelt u "
                           "{year}? Maak de cel op als Getal en typ het jaar"),
    "told_one_of": "moet een van deze zijn: {choices}",
    "told_uncalculated": ("bevat een formule zonder berekende waarde; open de werkmap in Excel "
                          "of LibreOffice en sla hem op, zodat de formule wordt berekend"),
    "told_error_code": ("toont de fout {code}; herstel de formule of de waarde; verwacht "
                        "{what}"),
    "told_date": ("bevat een datum of tijd; verwacht {what} (maak de cel op als Getal of Tekst "
                  "en typ de waarde opnieuw)"),
    "told_true_false": "bevat TRUE/FALSE; verwacht een getal",
    "told_finite": "moet een eindig getal zijn",
    "told_number_text": ("bevat tekst die op een getal lijkt; typ het als een gewoon getal "
                         "(geen scheidingstekens voor duizendtallen, geen % of valutateken in "
                         "tekst) of maak de cel op als Getal: het programma raadt nooit wat "
                         "tekst betekent"),
    "told_number": "moet een getal zijn",
    "told_whole": "moet een geheel getal zijn",
    "told_positive": "moet > 0 zijn",
    "told_minimum": "moet >= {minimum} zijn",
    "told_must_be": "moet {what} zijn",
    "told_share_range": "moet een aandeel van 0 tot 1 zijn{hint}",
    "told_share_hint": ": {number} — bedoelt u {share}?",
    "told_name": "moet een naam (tekst) zijn",
    "told_each_with_names": "kan {each} niet combineren met namen",
    "told_whole_year": ("moet een heel jaar zijn; typ meerdere jaren als tekst gescheiden door "
                        "komma's, bijv. '2027, 2028'"),
    # -- suggestions
    "told_did_you_mean": "; bedoelt u {name}?",
    "told_did_you_mean_or": "; bedoelt u {names} of {last}?",
    "told_dutch_country": "; bedoelt u '{known}' ('{name}' is Nederlands)?",
    # -- sheets and tables
    "told_chart_sheet": ("het blad is een grafiek- of macroblad, geen tabel; het blad {sheet} "
                         "moet een werkblad zijn"),
    "told_sheet_twice_lang": ("de bladen '{first}' en '{second}' zijn hetzelfde invoerblad onder "
                              "zijn Engelse en zijn Nederlandse naam; houd er één"),
    "told_sheet_twice": ("twee bladen heten '{first}' en '{second}'; bladnamen worden vergeleken "
                         "zonder op hoofdletters en spaties te letten: hernoem of verwijder er "
                         "één"),
    "told_sheet_missing": "het blad ontbreekt{hint}",
    "told_too_few_rows": ("het blad heeft {count} rijen onder de kopregel; het heeft er ten "
                          "minste {minimum} nodig{hint}"),
    "told_too_few_rows_hint": " (of verwijder het blad om de standaard te gebruiken)",
    "told_totals_row": ("rij {row} lijkt een totaalrij onder de tabel; het programma telt de "
                        "rijen zelf op, dus verwijder de rij (houd totalen op een eigen blad)"),
    "told_hidden_sheet": ("het blad is verborgen; maak het zichtbaar (rechtsklik op een "
                          "bladtab > Zichtbaar maken) of verwijder het, zodat niets ongezien "
                          "wordt gelezen"),
    "told_header_row": ("de kopregel moet in rij 1 staan, maar staat in rij {row}; verwijder "
                        "de rijen erboven"),
    "told_merged": ("de cellen {cells} zijn samengevoegd; maak het samenvoegen ongedaan en geef "
                    "elke cel van de tabel een eigen waarde"),
    "told_column_twice": ("kolom '{text}' staat er twee keer (ook in {first}1); verwijder of "
                          "hernoem er één"),
    "told_column_twice_lang": ("kolom '{text}' is kolom '{written}' (in {first}1) onder zijn "
                               "Nederlandse of Engelse naam; houd er één"),
    "told_column_missing": "kolom '{name}' ontbreekt in de kopregel (rij 1)",
    "told_column_meant": "{missing}; is deze kop bedoeld als '{name}'?",
    "told_names_no": "noemt geen {ref} van het blad {sheet}{hint}",
    "told_ref_criterion": "criterium",
    "told_ref_country": "land",
    "told_ref_instrument": "instrument",
    "told_ref_theme": "thema",
    "told_ref_source": "bron",
    "told_ref_year": "planjaar",
    "told_not_planning_year": "{year} is geen planjaar (het blad {sheet} heeft {years})",
    "told_repeats": ("deze {what} herhaalt rij {row} (namen worden vergeleken zonder op "
                     "hoofdletters te letten); elke mag maar één keer voorkomen"),
    "told_wide": ("de jaren staan naast elkaar in de kopregel; het blad heeft één rij per jaar "
                  "en bron nodig, met de kolommen {names}: {example}"),
    "told_wide_rows": "één rij per jaar en bron",
    "told_grouped": "{text} (hetzelfde in alle {count} cellen; de eerste wordt getoond)",
    # -- rules across sheets and the Scenarios sheet
    "told_not_numeric": "moet een numerieke kolom van het blad {sheet} noemen, niet '{name}'",
    "told_no_column": "noemt geen kolom van het blad {sheet}{hint}",
    "told_last_tier": ("van de laatste schijf moet 1 zijn (de schijven moeten 0 tot 1 precies "
                       "bedekken)"),
    "told_tier_equal": "is gelijk aan from_share ({start}); elke schijf moet breder dan 0 zijn",
    "told_tier_below": "ligt onder from_share ({start}); elke schijf moet breder dan 0 zijn",
    "told_tier_rising": ("mag niet stijgen van de ene schijf naar de volgende (die van de vorige "
                         "schijf is {previous})"),
    "told_first_tier": "van de eerste schijf (gesorteerd op from_share) moet 0 zijn",
    "told_tier_gap": ("moet gelijk zijn aan de to_share van de vorige schijf ({end}): er zit "
                      "een gat tussen; de schijven moeten 0 tot 1 precies bedekken"),
    "told_tier_overlap": ("moet gelijk zijn aan de to_share van de vorige schijf ({end}): de "
                          "schijven overlappen; de schijven moeten 0 tot 1 precies bedekken"),
    "told_no_bound": "de rij stelt geen grens; vul ten minste één van {names} in",
    "told_above": "ligt boven {high} ({upper}) in dezelfde rij",
    "told_unknown_lang": "lang '{value}' is geen bekende taal; gebruik {languages}",
    "told_unknown_setting": "'{setting}' is geen bekende instelling{hint}",
    "told_setting_twice": ("'{setting}' is de instelling '{earlier}' van rij {row} onder zijn "
                           "Nederlandse of Engelse naam; houd er één"),
    "told_operation": "moet een van {operations} zijn{hint}",
    "told_no_input_sheet": "noemt geen invoerblad{hint}",
    "told_no_input_sheet_list": "noemt geen invoerblad (een van {sheets})",
    # -- a Scenarios row as the scenario commands check it
    "told_scen_no_sheet": "de werkmap heeft geen blad {sheet}, dus er is geen rij om te wijzigen",
    "told_scen_note_column": ("is een kolom van het blad {sheet} die het programma niet leest "
                              "(een notitie){hint}"),
    "told_scen_one_of": " (een van {names})",
    "told_scen_not_numeric": ("is een kolom van de soort {kind}; {operation} heeft een "
                              "numerieke kolom van het blad {sheet} nodig ({numeric})"),
    "told_scen_match_form": ("een selectie is leeg (elke rij) of kolom=waarde-voorwaarden "
                             "gescheiden door '{separator}', bijv. year=2027;source=BHO ODA"),
    "told_scen_no_condition": "bevat geen kolom=waarde-voorwaarde; {form}",
    "told_scen_not_condition": "'{part}' is geen kolom=waarde; {form}",
    "told_scen_no_such_column": ("noemt kolom '{name}', die het blad {sheet} niet heeft"
                                 "{hint}"),
    "told_scen_condition": "'{part}': {what}",
    "told_scen_plain_number": ("verwacht een gewoon getal na '=' (bijv. 2027 of 0.5, zonder "
                               "scheidingstekens)"),
    "told_scen_boolean": "verwacht {what} na '='",
    "told_scen_value_for": "waarde voor {name}",
    "told_scen_factor": "de factor",
    "told_scen_amount": "het bedrag om op te tellen",
    "told_scen_blank_operand": "is leeg; {operation} heeft een getal nodig ({role})",
    "told_scen_setting_hint": ("; om {setting} te wijzigen, schrijf selectie "
                               "{key_column}{equals}{setting} en kolom {value_column}"),
    "told_scen_value_column": ("moet {value_column} zijn voor het blad {sheet} (de selectie "
                               "kiest de instelling){hint}"),
    "told_scen_setting_not_numeric": ("noemt {setting}, een instelling van de soort {kind}; "
                                      "{operation} heeft een numerieke nodig ({numeric})"),
    "told_scen_setting_match": ("moet {key_column}{equals}NAAM zijn voor het blad {sheet}, "
                                "bijv. {key_column}{equals}{example}"),
    "told_scen_no_rows": "het blad {sheet} heeft geen rijen om te wijzigen",
    "told_scen_no_row_has": ("selecteert geen rij van het blad {sheet}: geen rij heeft "
                             "{condition}{hint}"),
    "told_scen_no_row_all": ("selecteert geen rij van het blad {sheet}: elke voorwaarde geldt "
                             "in een rij, maar geen rij voldoet aan alle"),
    "told_scen_it_has": " (de kolom heeft {listed})",
    "told_scen_all_blank": " (de kolom is in elke rij leeg)",
    # -- warnings and notes
    "told_scenario_problems": ("het blad {sheet} heeft {count} probleem/problemen; de "
                               "scenario-opdrachten noemen ze"),
    "told_unknown_column": ("{place}: kolom '{text}' kent het programma niet en wordt "
                            "genegeerd{hint}"),
    "told_unknown_sheet": "blad '{title}' is geen invoerblad en wordt genegeerd{hint}",
    "told_share_of_ignored": "{place}: share_of telt alleen met {bounds}; het wordt genegeerd",
    "told_no_protection_theme": (
        "het beschermingsthema '{theme}' is het thema van geen enkel instrument terwijl de "
        "do-no-harm-regel aan staat (high_risk_threshold is ingevuld), dus landen met een hoog "
        "risico kunnen geen geld krijgen; controleer protection_theme en de thema's van de "
        "instrumenten"),
    "told_millions": ("elke amount_eur op het blad {sheet} ligt onder EUR {below} (de grootste "
                      "is {largest}); bedragen zijn in euro's: zijn dit miljoenen, "
                      "vermenigvuldig ze dan met 1,000,000 (typ 6000000, niet 6)"),
    "told_hidden_rows": ("{sheet}: rij(en) {rows}{more} zijn verborgen (met de hand of door een "
                         "filter) en worden gelezen zoals elke andere rij"),
    "told_hidden_more": " en meer",
    "told_absent_column": ("{sheet} heeft geen kolom {name}, dus elke rij krijgt de standaard "
                           "({means})"),
    "told_means_no_ramp_rule": "geen groeigrens",
    "told_means_off": "uit",
    "told_means_no_limit": "geen grens",
    "told_means_the_uncertainty_option": "de optie --uncertainty",
    "told_means_none_of_its_own": "geen eigen waarde",
    "told_means_from_any_source": "uit elke bron",
    "told_lock_file": ("{lock} staat naast de werkmap, dus die lijkt open te zijn in Excel of "
                       "LibreOffice; niet-opgeslagen wijzigingen tellen niet mee"),
    # -- the file itself
    "told_file_save_as": "open het in Excel en sla het op als Excel-werkmap (.xlsx)",
    "told_file_absent": "het bestand {path} bestaat niet",
    "told_file_folder": "{path} is een map, geen werkmapbestand",
    "told_file_empty": ("het bestand is leeg (0 bytes); het is misschien niet volledig "
                        "opgeslagen"),
    "told_file_size": "het bestand is {size} MiB; de grens is {limit} MiB",
    "told_file_unreadable": ("het bestand kan niet worden gelezen ({reason}); als het open is "
                             "in Excel, sluit het en probeer het opnieuw"),
    "told_file_pdf": "het bestand is een PDF-document, geen Excel-werkmap",
    "told_file_not_xlsx": "het bestand is geen Excel-werkmap (.xlsx); {save_as}",
    "told_file_html": ("het bestand is een HTML- of XML-bestand met een Excel-naam, geen "
                       "Excel-werkmap; {save_as}"),
    "told_file_text": ("het bestand is een tekstbestand (CSV of iets dergelijks), geen "
                       "Excel-werkmap; {save_as}"),
    "told_file_encrypted": ("de werkmap is met een wachtwoord beveiligd (versleuteld); "
                            "verwijder het wachtwoord (Bestand > Info > Werkmap beveiligen > "
                            "Versleutelen met wachtwoord) en sla hem opnieuw op"),
    "told_file_xls": "het bestand is een oude Excel 97-2003-werkmap (.xls); {save_as}",
    "told_file_ole": "het bestand is een ouder Office-document, geen Excel-werkmap; {save_as}",
    "told_file_damaged": "het bestand is beschadigd of geen Excel-werkmap ({reason})",
    "told_file_no_directory": ("het bestand is beschadigd (de ZIP-inhoudsopgave ontbreekt of is "
                               "afgebroken)"),
    "told_file_parts": "de werkmap bevat {count} onderdelen; de grens is {limit}",
    "told_file_unpacked": "de werkmap pakt uit tot {size} MiB; de grens is {limit} MiB",
    "told_file_ratio": ("het onderdeel {part} is {ratio} op 1 gecomprimeerd; de grens is "
                        "{limit} op 1 (een 'zip-bom' wordt geweigerd)"),
    "told_file_xlsb": "het bestand is een binaire Excel-werkmap (.xlsb); {save_as}",
    "told_file_ods": ("het bestand is een OpenDocument-spreadsheet (.ods), die het programma "
                      "niet leest; open het in LibreOffice (Bestand > Opslaan als, bestandstype "
                      "Excel 2007-365 .xlsx) of in Excel (Bestand > Opslaan als, Excel-werkmap "
                      ".xlsx) en gebruik het programma op de .xlsx"),
    "told_file_word": "het bestand is een Word-document, geen Excel-werkmap",
    "told_file_zip": "het bestand is een ZIP-archief maar geen Excel-werkmap (.xlsx)",
    "told_file_dtd": ("het onderdeel {part} declareert een DTD of XML-entiteiten, wat Excel "
                      "nooit schrijft en waarmee een lezer zijn geheugen kan uitputten "
                      "('billion laughs'); geweigerd"),
    "told_file_no_element": ("het onderdeel {part} heeft geen XML-element in de eerste {size} "
                             "KiB; geweigerd"),
    "told_file_sheet_unreadable": ("het bestand is beschadigd: blad '{sheet}' kan niet worden "
                                   "gelezen ({reason})"),
    "told_file_rows": ("het blad heeft rijen tot rij {rows}; de grens is {limit} rijen "
                       "(verwijder de ongebruikte rijen onder de tabel en sla op)"),
    "told_file_columns": ("het blad heeft {columns} kolommen; de grens is {limit} (verwijder de "
                          "ongebruikte kolommen rechts van de tabel en sla op)"),
    "told_file_broken": "het bestand is beschadigd en kan niet worden gelezen ({reason})",
    "told_file_sheet_xml": ("het bestand is beschadigd: blad '{sheet}' is geen geldige XML "
                            "({reason})"),
}

READER_WORDS: dict[str, dict[str, str]] = paired(TEMPLATES, DUTCH)
# WorkbookInvalid and `allocate validate` on the terminal (optimiser/writers/problems.py)
READER_WORDS.update({
    "valid_summary": {"en": "{name} is valid: {years}, {countries}, {instruments}, {sources}.",
                      "nl": "{name} is geldig: {years}, {countries}, {instruments}, {sources}."},
    "count_year_one": {"en": "{count} year", "nl": "{count} jaar"},
    "count_year": {"en": "{count} years", "nl": "{count} jaren"},
    "count_country_one": {"en": "{count} country", "nl": "{count} land"},
    "count_country": {"en": "{count} countries", "nl": "{count} landen"},
    "count_instrument_one": {"en": "{count} instrument", "nl": "{count} instrument"},
    "count_instrument": {"en": "{count} instruments", "nl": "{count} instrumenten"},
    "count_source_one": {"en": "{count} source", "nl": "{count} bron"},
    "count_source": {"en": "{count} sources", "nl": "{count} bronnen"},
})
