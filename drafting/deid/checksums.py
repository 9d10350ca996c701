"""Check digits of identifiers that carry one, so they are recognised without a label: NPI
(Luhn over the prefix 80840), DEA registration numbers and vehicle identification numbers."""

from __future__ import annotations


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, char in enumerate(reversed(digits)):
        d = int(char)
        if i % 2:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return total % 10 == 0


def npi_ok(number: str) -> bool:
    """A 10-digit National Provider Identifier: starts with 1 or 2, Luhn check digit computed
    with the card-issuer prefix 80840."""
    return (len(number) == 10 and number.isdigit() and number[0] in "12"
            and luhn_ok("80840" + number))


def dea_ok(number: str) -> bool:
    """Two letters (registrant type, then the initial of the surname or 9) and seven digits whose
    last is (d1 + d3 + d5 + 2 (d2 + d4 + d6)) mod 10."""
    if len(number) != 9 or not number[:2].isalnum() or not number[2:].isdigit():
        return False
    if not number[0].isalpha() or not (number[1].isalpha() or number[1] == "9"):
        return False
    d = [int(c) for c in number[2:]]
    return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 == d[6]


_VIN_VALUES = {**{str(i): i for i in range(10)},
               **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
               **dict(zip("JKLMN", range(1, 6), strict=True)), "P": 7, "R": 9,
               **dict(zip("STUVWXYZ", range(2, 10), strict=True))}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def vin_ok(vin: str) -> bool:
    """A 17-character North American VIN (no I, O or Q) whose ninth character is its check
    digit (weighted sum mod 11, 10 written X)."""
    vin = vin.upper()
    if len(vin) != 17 or any(c not in _VIN_VALUES for c in vin):
        return False
    total = sum(_VIN_VALUES[c] * w for c, w in zip(vin, _VIN_WEIGHTS, strict=True)) % 11
    return vin[8] == ("X" if total == 10 else str(total))
