"""Safe values for files that staff open in a spreadsheet program."""

# A cell starting with one of these is read as a formula by Excel, LibreOffice
# and Google Sheets ("CSV injection"); tab and carriage return can hide one.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """The value as text that no spreadsheet will evaluate.

    A leading apostrophe is the convention spreadsheets themselves use to mark
    a cell as text; it is added only where a formula could start.
    """
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text
