"""Check characters of unified social credit codes (GB 32100) and organisation codes (GB 11714)."""

from __future__ import annotations

import pytest

from matterkit.codes import (
    credit_code_check_char,
    is_valid_credit_code,
    org_code_check_char,
    org_code_check_ok,
)


@pytest.mark.parametrize("code", ["12441500196720244T", "91310112MA1GBKRE47"])
def test_published_credit_codes_are_valid(code: str) -> None:
    assert is_valid_credit_code(code)
    assert credit_code_check_char(code[:17]) == code[17]


def test_credit_code_with_wrong_check_character_is_invalid() -> None:
    assert not is_valid_credit_code("11440300007542785T")
    assert credit_code_check_char("11440300007542785") == "U"


@pytest.mark.parametrize("code", ["", "12441500196720244", "12441500196720244TX", "12441500I96720244T"])
def test_malformed_credit_codes_are_invalid(code: str) -> None:
    assert not is_valid_credit_code(code)


def test_check_character_rejects_letters_outside_the_alphabet() -> None:
    with pytest.raises(ValueError):
        credit_code_check_char("1244150019672024O")


def test_organisation_code_inside_a_credit_code_is_checked() -> None:
    assert org_code_check_ok("91310112MA1GBKRE47")
    assert org_code_check_ok("MA1GBKRE4")
    assert not org_code_check_ok("MA1GBKRE5")
    assert org_code_check_char("19672024") == "4"
