import pytest

from privacy.spreadsheet import neutralise_formula


@pytest.mark.parametrize(
    "value",
    ['=HYPERLINK("http://x")', "+358401234567", "-2+3", "@SUM(A1)", "\t=1", "\r=1"],
)
def test_cells_that_could_start_a_formula_become_text(value):
    assert neutralise_formula(value) == "'" + value


@pytest.mark.parametrize(
    ("value", "expected"), [("Miksei Oy", "Miksei Oy"), (None, ""), (42, "42")]
)
def test_other_cells_are_left_as_they_are(value, expected):
    assert neutralise_formula(value) == expected
