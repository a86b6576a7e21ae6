"""The Dutch template (`allocate template --lang nl`, SPEC §5.4).

The English template is written first, then its input sheets, headers,
Settings keys, keywords in dropdowns and the named ranges the dropdowns use
are given their Dutch names from `optimiser.readers.schema`. Comments, prompts
and the README stay in English. The reader takes the Dutch names as the English
ones, so the two templates are read alike.
"""

from __future__ import annotations

import re

from openpyxl.utils import quote_sheetname
from openpyxl.workbook.workbook import Workbook

from optimiser.readers import schema
from optimiser.writers.template_sheets import MEANING

MEANING_NL = "betekenis"
LANGUAGES = ("en", "nl")
_LIST_ITEM = re.compile(r"[^,\"]+")


def to_dutch(book: Workbook) -> None:
    """Give the input sheets of an English template their Dutch names, in place."""
    titles = {}
    for declared in schema.INPUT_SHEETS:
        if declared.name not in book.sheetnames:
            continue
        sheet = book[declared.name]
        headers = {column.name: column.nl for column in declared.columns if column.nl}
        headers[MEANING] = MEANING_NL
        for cell in sheet[1]:
            cell.value = headers.get(cell.value, cell.value)
        if declared.nl and declared.nl != declared.name:
            titles[declared.name] = sheet.title = declared.nl
    _dutch_setting_keys(book[schema.SETTINGS.nl or schema.SETTINGS.name])
    for defined in book.defined_names.values():
        for english, dutch in titles.items():
            defined.attr_text = defined.attr_text.replace(
                f"{quote_sheetname(english)}!", f"{quote_sheetname(dutch)}!")
    words = _dutch_words()
    for sheet in book.worksheets:
        for check in sheet.data_validations.dataValidation:
            if check.type == "list" and (check.formula1 or "").startswith('"'):
                check.formula1 = _LIST_ITEM.sub(lambda m: words.get(m.group(0), m.group(0)),
                                                check.formula1)


def _dutch_setting_keys(sheet) -> None:
    keys = {setting.key: setting.nl for setting in schema.SETTING_KEYS if setting.nl}
    for (cell,) in sheet.iter_rows(min_row=2, max_col=1):
        cell.value = keys.get(cell.value, cell.value)


def _dutch_words() -> dict[str, str]:
    """English word of a dropdown list -> its Dutch form: setting keys, sheets, keywords."""
    words = {setting.key: setting.nl for setting in schema.SETTING_KEYS if setting.nl}
    words |= {sheet.name: sheet.nl for sheet in schema.INPUT_SHEETS if sheet.nl}
    words |= {column.name: column.nl for column in schema.LIMITS.columns
              if column.name in schema.SHARE_OF_COLUMNS and column.nl}
    words[schema.TOTAL] = schema.KEYWORDS_NL[schema.TOTAL]
    return words
