import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from people.validators import (
    UPN_ALPHABET,
    nhs_check_digit,
    normalise_postcode,
    upn_check_letter,
    validate_nhs_number,
    validate_upn,
)


@pytest.mark.parametrize("upn", ["B801200005001", "b801200005001", " B801 2000 05001 "])
def test_it_accepts_the_dfe_example_upn(upn):
    assert validate_upn(upn) == "B801200005001"


def test_it_refuses_a_upn_with_the_wrong_check_letter():
    with pytest.raises(ValidationError) as error:
        validate_upn("A801200005001")
    assert error.value.code == "upn_check"
    assert "check letter" in error.value.messages[0]


@pytest.mark.parametrize("upn", ["", "B80120000500", "1801200005001", "B80120000500I", "B8012000050011"])
def test_it_refuses_badly_formed_upns(upn):
    with pytest.raises(ValidationError) as error:
        validate_upn(upn)
    assert error.value.code == "upn_format"


@given(
    st.text(alphabet="0123456789", min_size=11, max_size=11),
    st.sampled_from(list("0123456789") + list(UPN_ALPHABET)),
)
def test_every_upn_built_with_its_check_letter_validates(digits, last):
    body = digits + last
    upn = upn_check_letter(body) + body
    assert validate_upn(upn) == upn


def test_a_temporary_upn_counts_its_last_letter_by_alphabet_position():
    body = "80120000500A"  # 'A' is worth 0 in the UPN alphabet, like the digit 0
    assert upn_check_letter(body) == upn_check_letter("801200005000")


@pytest.mark.parametrize("number", ["9434765870", "4010232137", "943 476 5870", "943-476-5870"])
def test_it_accepts_valid_nhs_numbers(number):
    assert validate_nhs_number(number) == number.replace(" ", "").replace("-", "")


def test_it_refuses_an_nhs_number_with_the_wrong_check_digit():
    with pytest.raises(ValidationError) as error:
        validate_nhs_number("9434765871")
    assert error.value.code == "nhs_check"


@pytest.mark.parametrize("number", ["", "943476587", "94347658700", "94347658a0"])
def test_it_refuses_nhs_numbers_that_are_not_ten_digits(number):
    with pytest.raises(ValidationError) as error:
        validate_nhs_number(number)
    assert error.value.code == "nhs_format"


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_nhs_check_digit_round_trips_or_marks_the_number_impossible(first_nine):
    check = nhs_check_digit(first_nine)
    if check is None:
        # No tenth digit makes these nine valid.
        for digit in "0123456789":
            with pytest.raises(ValidationError):
                validate_nhs_number(first_nine + digit)
    else:
        assert validate_nhs_number(first_nine + str(check)) == first_nine + str(check)


@pytest.mark.parametrize(
    "raw,expected",
    [("bd11hy", "BD1 1HY"), ("SW1A 1AA", "SW1A 1AA"), (" m1  1ae ", "M1 1AE"), ("BF12 3CD", "BF12 3CD")],
)
def test_it_normalises_postcodes(raw, expected):
    assert normalise_postcode(raw) == expected


@pytest.mark.parametrize("raw", ["", "BD1", "12345", "BD1 1H", "<script>"])
def test_it_refuses_things_that_are_not_postcodes(raw):
    with pytest.raises(ValidationError):
        normalise_postcode(raw)
