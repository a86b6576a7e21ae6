"""What the readers tell a user about a workbook — its problems, warnings and notes — in
English, each a `Told` that keeps its template key and values.

A module of its own, importing only `models.phrases`: `optimiser/writers/words_readers.py`
files these templates in the message catalogue beside their Dutch texts, so a Dutch run
says them in Dutch (`words.localise`) while every English reader keeps the str as it is.
Sheet, column and setting names are values: they stay as the workbook spells them.
"""

from __future__ import annotations

from typing import ClassVar

from models.phrases import Phrase

TEMPLATES: dict[str, str] = {
    # -- one cell (optimiser/readers/cells.py); a column's name starts most messages
    "told_at": "{label} {text}",
    "told_expect_number": "a number",
    "told_expect_integer": "a whole number",
    "told_expect_boolean": "TRUE or FALSE (or yes/no, ja/nee, y/n, j/n, 1/0)",
    "told_expect_share": "a share from 0 to 1 (e.g. 0.15, shown as 15%)",
    "told_expect_name": "a name",
    "told_expect_text": "text",
    "told_expect_names": "blank, {each}, or names separated by commas",
    "told_expect_years": "blank, {all_years}, or years separated by commas",
    "told_expect_share_of": "blank, {total}, or some of {names} separated by commas",
    "told_expect_positive": "{what} > 0",
    "told_expect_minimum": "{what} >= {minimum}",
    "told_blank": "is blank; expected {what}",
    "told_date_for_year": ("{label} holds the date {seen} where a year belongs; did you mean "
                           "{year}? Format the cell as Number and type the year"),
    "told_one_of": "should be one of: {choices}",
    "told_uncalculated": ("holds a formula without a calculated value; open the workbook in "
                          "Excel or LibreOffice and save it, so the formula is calculated"),
    "told_error_code": "shows the error {code}; fix the formula or the value; expected {what}",
    "told_date": ("holds a date or time; expected {what} (format the cell as Number or Text "
                  "and retype it)"),
    "told_true_false": "holds TRUE/FALSE; expected a number",
    "told_finite": "must be a finite number",
    "told_number_text": ("holds text that looks like a number; type it as a plain number (no "
                         "thousands separators, no % or currency sign in text) or format the "
                         "cell as Number: the tool never guesses what text means"),
    "told_number": "must be a number",
    "told_whole": "must be a whole number",
    "told_positive": "must be > 0",
    "told_minimum": "must be >= {minimum}",
    "told_must_be": "must be {what}",
    "told_share_range": "must be a share from 0 to 1{hint}",
    "told_share_hint": ": {number} — did you mean {share}?",
    "told_name": "must be a name (text)",
    "told_each_with_names": "cannot combine {each} with names",
    "told_whole_year": ("must be a whole year; to list years type them as text separated by "
                        "commas, e.g. '2027, 2028'"),
    # -- suggestions (validate_tables.did_you_mean)
    "told_did_you_mean": "; did you mean {name}?",
    "told_did_you_mean_or": "; did you mean {names} or {last}?",
    "told_dutch_country": "; did you mean '{known}' ('{name}' is Dutch)?",
    # -- sheets and tables (workbook.py, validate_tables.py, wide.py, grouping.py)
    "told_chart_sheet": ("the sheet is a chart or macro sheet, not a table; the {sheet} sheet "
                         "must be a worksheet"),
    "told_sheet_twice_lang": ("sheets '{first}' and '{second}' are the same input sheet under "
                              "its English and its Dutch name; keep one of them"),
    "told_sheet_twice": ("two sheets are named '{first}' and '{second}'; sheet names are "
                         "matched ignoring case and spaces: rename or remove one"),
    "told_sheet_missing": "the sheet is missing{hint}",
    "told_too_few_rows": ("the sheet has {count} rows below its header; it needs at least "
                          "{minimum}{hint}"),
    "told_too_few_rows_hint": " (or delete the sheet to use the default)",
    "told_totals_row": ("row {row} looks like a totals row under the table; the tool adds the "
                        "rows up itself, so delete the row (keep totals on a sheet of your own)"),
    "told_hidden_sheet": ("the sheet is hidden; unhide it (right-click a sheet tab > Unhide) or "
                          "remove it, so nothing is read unseen"),
    "told_header_row": ("the header must be in row 1, but it was found in row {row}; delete "
                        "the rows above it"),
    "told_merged": ("cells {cells} are merged; unmerge them and give every cell of the table "
                    "its own value"),
    "told_column_twice": "column '{text}' appears twice (also in {first}1); remove or rename one",
    "told_column_twice_lang": ("column '{text}' is column '{written}' (in {first}1) under its "
                               "Dutch or English name; keep one of them"),
    "told_column_missing": "column '{name}' is missing from the header row (row 1)",
    "told_column_meant": "{missing}; is this header meant to be '{name}'?",
    "told_names_no": "names no {ref} of the {sheet} sheet{hint}",
    # the sets of names (schema.Ref), by their member's name
    "told_ref_criterion": "criterion",
    "told_ref_country": "country",
    "told_ref_instrument": "instrument",
    "told_ref_theme": "theme",
    "told_ref_source": "source",
    "told_ref_year": "planning year",
    "told_not_planning_year": "{year} is not a planning year (the {sheet} sheet has {years})",
    "told_repeats": ("this {what} repeats row {row} (names are matched ignoring case); each "
                     "may appear only once"),
    "told_wide": ("the years stand across the header row; the sheet needs one row per year and "
                  "source, with columns {names}: {example}"),
    "told_wide_rows": "one row per year and source",
    "told_grouped": "{text} (the same in all {count} cells; the first is shown)",
    # -- rules across sheets (validate_rules.py) and the Scenarios sheet (validate.py)
    "told_not_numeric": "must name a numeric column of the {sheet} sheet, not '{name}'",
    "told_no_column": "names no column of the {sheet} sheet{hint}",
    "told_last_tier": "of the last tier must be 1 (tiers must tile 0 to 1 exactly)",
    "told_tier_equal": "equals from_share ({start}); every tier needs a width above 0",
    "told_tier_below": "is below from_share ({start}); every tier needs a width above 0",
    "told_tier_rising": ("must not increase from one tier to the next (the previous tier's is "
                         "{previous})"),
    "told_first_tier": "of the first tier (sorted by from_share) must be 0",
    "told_tier_gap": ("must equal the previous tier's to_share ({end}): there is a gap; tiers "
                      "must tile 0 to 1 exactly"),
    "told_tier_overlap": ("must equal the previous tier's to_share ({end}): the tiers overlap; "
                          "tiers must tile 0 to 1 exactly"),
    "told_no_bound": "the row sets no bound; fill at least one of {names}",
    "told_above": "is above {high} ({upper}) in the same row",
    "told_unknown_lang": "lang '{value}' is not a known language; use {languages}",
    "told_unknown_setting": "'{setting}' is not a known setting{hint}",
    "told_setting_twice": ("'{setting}' is the setting '{earlier}' of row {row} under its Dutch or "
                           "English name; keep one"),
    "told_operation": "must be one of {operations}{hint}",
    "told_no_input_sheet": "names no input sheet{hint}",
    "told_no_input_sheet_list": "names no input sheet (one of {sheets})",
    # -- a Scenarios row as the scenario commands check it (optimiser/whatif/scenarios_target.py)
    "told_scen_no_sheet": "the workbook has no {sheet} sheet, so there is no row to change",
    "told_scen_note_column": ("is a column of the {sheet} sheet that the tool does not read (a "
                              "note){hint}"),
    "told_scen_one_of": " (one of {names})",
    "told_scen_not_numeric": ("is a {kind} column; {operation} needs a numeric column of the "
                              "{sheet} sheet ({numeric})"),
    "told_scen_match_form": ("a match is blank (every row) or column=value conditions separated "
                             "by '{separator}', e.g. year=2027;source=BHO ODA"),
    "told_scen_no_condition": "holds no column=value condition; {form}",
    "told_scen_not_condition": "'{part}' is not column=value; {form}",
    "told_scen_no_such_column": ("names column '{name}', which the {sheet} sheet does not "
                                 "have{hint}"),
    "told_scen_condition": "'{part}': {what}",
    "told_scen_plain_number": "expected a plain number after '=' (e.g. 2027 or 0.5, no separators)",
    "told_scen_boolean": "expected {what} after '='",
    "told_scen_value_for": "value for {name}",
    "told_scen_factor": "the factor",
    "told_scen_amount": "the amount to add",
    "told_scen_blank_operand": "is blank; {operation} needs a number ({role})",
    "told_scen_setting_hint": ("; to change {setting}, write match {key_column}{equals}{setting} "
                               "and column {value_column}"),
    "told_scen_value_column": ("must be {value_column} for the {sheet} sheet (match picks the "
                               "setting){hint}"),
    "told_scen_setting_not_numeric": ("names {setting}, a {kind} setting; {operation} needs a "
                                      "numeric one ({numeric})"),
    "told_scen_setting_match": ("must be {key_column}{equals}NAME for the {sheet} sheet, e.g. "
                                "{key_column}{equals}{example}"),
    "told_scen_no_rows": "the {sheet} sheet has no rows to change",
    "told_scen_no_row_has": "selects no row of the {sheet} sheet: no row has {condition}{hint}",
    "told_scen_no_row_all": ("selects no row of the {sheet} sheet: each condition holds in some "
                             "row, but no row meets all of them"),
    "told_scen_it_has": " (it has {listed})",
    "told_scen_all_blank": " (the column is blank in every row)",
    # -- warnings and notes (validate.py, validate_rules.py, habits.py, workbook.py)
    "told_scenario_problems": ("the {sheet} sheet has {count} problem(s); the scenario "
                               "commands will list them"),
    "told_unknown_column": ("{place}: column '{text}' is not one the tool knows and is "
                            "ignored{hint}"),
    "told_unknown_sheet": "sheet '{title}' is not an input sheet and is ignored{hint}",
    "told_share_of_ignored": "{place}: share_of only matters with {bounds}; it is ignored",
    "told_no_protection_theme": (
        "the protection theme '{theme}' is the theme of no instrument while the do-no-harm "
        "rule is on (high_risk_threshold is set), so high-risk countries can get no money; "
        "check protection_theme and the instruments' themes"),
    "told_millions": ("every amount_eur on the {sheet} sheet is below EUR {below} (the largest "
                      "is {largest}); amounts are in euros: if these are millions, multiply "
                      "them by 1,000,000 (type 6000000, not 6)"),
    "told_hidden_rows": ("{sheet}: row(s) {rows}{more} are hidden (by hand or by a filter) and "
                         "are read like every other row"),
    "told_hidden_more": " and more",
    "told_absent_column": ("{sheet} has no {name} column, so every row takes its default "
                           "({means})"),
    # what a blank cell means, as the schema's help says it ("(blank: off)")
    "told_means_no_ramp_rule": "no ramp rule",
    "told_means_off": "off",
    "told_means_no_limit": "no limit",
    "told_means_the_uncertainty_option": "the --uncertainty option",
    "told_means_none_of_its_own": "none of its own",
    "told_means_from_any_source": "from any source",
    "told_lock_file": ("{lock} is beside the workbook, so it seems to be open in Excel or "
                       "LibreOffice; unsaved changes are not included"),
    # -- the file itself, before its sheets are read (guard.py)
    "told_file_save_as": "open it in Excel and save it as Excel Workbook (.xlsx)",
    "told_file_absent": "the file {path} does not exist",
    "told_file_folder": "{path} is a folder, not a workbook file",
    "told_file_empty": "the file is empty (0 bytes); it was perhaps not saved completely",
    "told_file_size": "the file is {size} MiB; the limit is {limit} MiB",
    "told_file_unreadable": ("the file cannot be read ({reason}); if it is open in Excel, close "
                             "it and try again"),
    "told_file_pdf": "the file is a PDF document, not an Excel workbook",
    "told_file_not_xlsx": "the file is not an Excel workbook (.xlsx); {save_as}",
    "told_file_html": ("the file is an HTML or XML file with an Excel name, not an Excel "
                       "workbook; {save_as}"),
    "told_file_text": "the file is a text file (CSV or similar), not an Excel workbook; {save_as}",
    "told_file_encrypted": ("the workbook is password-protected (encrypted); remove the "
                            "password (File > Info > Protect Workbook > Encrypt with Password) "
                            "and save it again"),
    "told_file_xls": "the file is a legacy Excel 97-2003 workbook (.xls); {save_as}",
    "told_file_ole": "the file is an old-style Office document, not an Excel workbook; {save_as}",
    "told_file_damaged": "the file is damaged or not an Excel workbook ({reason})",
    "told_file_no_directory": "the file is damaged (its ZIP directory is missing or cut off)",
    "told_file_parts": "the workbook has {count} parts inside; the limit is {limit}",
    "told_file_unpacked": "the workbook decompresses to {size} MiB; the limit is {limit} MiB",
    "told_file_ratio": ("the part {part} is compressed {ratio} to 1; the limit is {limit} to 1 "
                        "(a 'zip bomb' is refused)"),
    "told_file_xlsb": "the file is a binary Excel workbook (.xlsb); {save_as}",
    "told_file_ods": ("the file is an OpenDocument spreadsheet (.ods), which the tool does not "
                      "read; open it in LibreOffice (File > Save As, file type Excel 2007-365 "
                      ".xlsx) or in Excel (File > Save As, Excel Workbook .xlsx) and run the "
                      "tool on the .xlsx"),
    "told_file_word": "the file is a Word document, not an Excel workbook",
    "told_file_zip": "the file is a ZIP archive but not an Excel workbook (.xlsx)",
    "told_file_dtd": ("the part {part} declares a DTD or XML entities, which Excel never writes "
                      "and which can make a reader exhaust memory ('billion laughs'); refused"),
    "told_file_no_element": "the part {part} has no XML element in its first {size} KiB; refused",
    "told_file_sheet_unreadable": "the file is damaged: sheet '{sheet}' cannot be read ({reason})",
    "told_file_rows": ("the sheet has rows down to row {rows}; the limit is {limit} rows (delete "
                       "the unused rows below the table and save)"),
    "told_file_columns": ("the sheet has {columns} columns; the limit is {limit} (delete the "
                          "unused columns right of the table and save)"),
    "told_file_broken": "the file is damaged and cannot be read ({reason})",
    "told_file_sheet_xml": "the file is damaged: sheet '{sheet}' is not valid XML ({reason})",
}


class Told(Phrase):
    """A problem, warning or note about a workbook, in the workbook's own names."""

    templates: ClassVar[dict[str, str]] = TEMPLATES
