"""Phones (libphonenumber and patterns, with extensions), e-mail, web and IP addresses."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span

# ----------------------------------------------------------------------------- contact

PHONE = re.compile(
    r"(?<![\w-])(?:\+?1[ .-]?)?(?:\(\d{3}\)[ ]?|\d{3}[ .-])\d{3}[ .-]\d{2}[ ]?\d{2}(?![\w-])"
    r"(?:,?[ ]?(?:x|ext\.?|extension)[ ]?\d{1,5})?",
    re.IGNORECASE,
)
# A phone a scan or a fax misread, a letter O or l for a digit ("8O5-555-O162"): seven real
# digits at least.
OCR_PHONE = re.compile(r"(?<![\w-])(?:\([\dOIl]{3}\)[ ]?|[\dOIl]{3}[ .-])[\dOIl]{3}[ .-]"
                       r"[\dOIl]{4}(?![\w-])")
PHONE_BARE = re.compile(r"(?<![\w-])(?:\+?1)?[2-9]\d{9}(?![\w-])")
PHONE_WORD = re.compile(
    r"(?i)\b(?:phone|ph|tel|telephone|cell|mobile|fax|facsimile|home|work|pager|call|calls|"
    r"reached at|contact|from|to|alt)\b[^\n\d]{0,12}$")
# An extension, letters in it too: "x 31C", "ext. R-22"; a menu option before it too: ", option
# 3, ext. 7712".
EXTENSION = re.compile(r"(?:,?[ ](?i:option|opt\.?|press)[ ]\d{1,2}(?![\w-]))?"
                       r"(?:,?[ ]?(?i:ext\.?|extension|x)[ ]?(?:[A-Z]{1,2}-?)?\d{1,5}[A-Z]?"
                       r"(?![\w-]))?")
# A number abroad, its country code first: "+44 7700 900123", "+49 (0)30 1234 5678", "+52 55
# 1234 5678": eight to fifteen digits in groups (not +1: the patterns above read those).
INTERNATIONAL = re.compile(r"(?<![\w+])\+(?!1[ .-]?\(?\d{3})[1-9]\d{0,2}"
                           r"(?:[ .-]?\(?\d{1,5}\)?){2,5}(?![\w-])")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
URL = re.compile(r"(?i)\b(?:(?:https?|ftp)://|www\.)[^\s<>\"'`|]+")
DOMAIN_PATH = re.compile(r"(?i)\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|gov|edu|io|us|"
                         r"health|info|biz|co)/[^\s<>\"'`|]*")
# A host name without a scheme or path: two dots or more and a common top-level domain
# ("results.example-demo.net"), not an e-mail's domain.
HOST = re.compile(r"(?i)(?<![\w@.-])[a-z0-9-]+(?:\.[a-z0-9-]+)+\.(?:com|org|net|gov|edu|io|us|"
                  r"health|info|biz)(?![\w.-]|\.\w)")
IPV4 = re.compile(r"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)"
                  r"(?![\w]|\.\d)")
IPV6 = re.compile(r"(?i)(?<![\w:.])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])")
# (a rule of a state's administrative code too: "NMAC 16.10.14.10", "per CCR 9792.24")
_SECTION_BEFORE = re.compile(r"(?i)(?:section|sec\.|§|table|figure|fig\.|version|v\.?|"
                             r"(?-i:\b[A-Z]{1,3}AC)|\bCCR|\bCFR|\brule|\breg\.?)\s*$")


def _phonenumbers(text: str) -> Iterator[tuple[int, int]]:
    try:
        import phonenumbers
    except ImportError:  # the patterns below still find the usual forms
        return
    for match in phonenumbers.PhoneNumberMatcher(text, "US",
                                                 leniency=phonenumbers.Leniency.VALID):
        # not the digits of a longer code ("WC-2024-017733")
        if not re.match(r"[\w-]", text[match.start - 1:match.start]) and \
                not re.match(r"[\w]|-\w", text[match.end:match.end + 2]) and \
                not _five_digit_codes(match.raw_string):
            yield match.start, match.end


def _five_digit_codes(raw: str) -> bool:
    """Digits grouped as no phone is written: two procedure codes side by side in a table
    ("97163 97110"), a group of five or six digits (a phone is 3-3-4, or 3-7, or 10 in a row)."""
    return any(len(group) in (5, 6) for group in re.findall(r"\d+", raw))


def contacts(text: str) -> Iterator[Span]:
    """Phones (with extensions), e-mail, web and IP addresses."""
    phones = [(m.start(), m.end()) for m in PHONE.finditer(text)]
    phones += list(_phonenumbers(text))
    phones += [(m.start(), m.end()) for m in OCR_PHONE.finditer(text)
               if re.search("[OIl]", m.group(0)) and sum(c.isdigit() for c in m.group(0)) >= 7]
    for match in PHONE_BARE.finditer(text):
        if PHONE_WORD.search(text[max(0, match.start() - 40):match.start()]):
            phones.append((match.start(), match.end()))
    phones += [(m.start(), m.end()) for m in INTERNATIONAL.finditer(text)
               if 8 <= sum(c.isdigit() for c in m.group(0)) <= 15]
    for start, end in phones:
        if ext := EXTENSION.match(text, end):
            end = ext.end()
        yield Span(start, end, PhiKind.phone, 3)
    for match in EMAIL.finditer(text):
        yield Span(match.start(), match.end(), PhiKind.email, 6)
    for pattern in (URL, DOMAIN_PATH, HOST):
        for match in pattern.finditer(text):
            value = match.group(0).rstrip(".,;:)]}'\"")
            yield Span(match.start(), match.start() + len(value), PhiKind.url, 6)
    for match in IPV4.finditer(text):
        octets = match.group(0).split(".")
        if all(len(o) == 1 for o in octets) or \
                _SECTION_BEFORE.search(text[max(0, match.start() - 12):match.start()]):
            continue
        yield Span(match.start(), match.end(), PhiKind.url, 5)
    for match in IPV6.finditer(text):
        try:  # not a time ("08:12:55"): a valid IPv6 address with some digits
            ipaddress.IPv6Address(match.group(0))
        except ValueError:
            continue
        if sum(c.isalnum() for c in match.group(0)) >= 4:
            yield Span(match.start(), match.end(), PhiKind.url, 5)
