"""The reversible map from stable placeholders (``[NAME_1]``) to the identifiers they replace.

It is kept locally (a JSON file the user controls, or memory) and never sent anywhere: text that
left the machine carries placeholders only, and ``restore`` puts the real values back.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from drafting.deid.dates import shift_text


class PhiKind(StrEnum):
    """Kinds of identifier replaced. Placeholders are written ``[<KIND>_<n>]``; no kind starts
    with F or G, so a placeholder is never mistaken for a citation marker ([F12], [G:id])."""

    name = "name"
    dob = "dob"
    address = "address"
    phone = "phone"
    member_id = "member_id"  # member, subscriber, policy, claim and other account numbers
    mrn = "mrn"
    ssn = "ssn"
    email = "email"
    employer = "employer"
    age = "age"  # ages over 89 (HIPAA)
    date = "date"  # a date that cannot be shifted (OCR-damaged)
    url = "url"  # web addresses and IP addresses
    license = "license"  # NPI, DEA, state licence, bar, QME and driver licence numbers
    device = "device"  # device serials, VINs, licence plates
    id = "id"  # other record numbers (prescription, accession, report, employee numbers)


PLACEHOLDER = re.compile(r"\[(" + "|".join(k.upper() for k in PhiKind) + r")_(\d+)\]")
MAP_VERSION = 1


class PhiMapError(Exception):
    def __init__(self, file: Path, problem: str, fix: str = ""):
        self.file, self.problem, self.fix = file, problem, fix
        super().__init__(f"{file}: {problem}." + (f" Fix: {fix}" if fix else ""))


@dataclass(frozen=True)
class Entry:
    placeholder: str
    kind: PhiKind
    value: str


class PhiMap:
    """Placeholder <-> identifier, one placeholder per distinct written value and kind, so the
    same identifier gets the same placeholder in every document and every call."""

    def __init__(self, shift_days: int | None = None) -> None:
        self.shift_days = shift_days
        self._entries: dict[str, Entry] = {}
        self._by_value: dict[tuple[PhiKind, str], str] = {}

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def entries(self) -> list[Entry]:
        return list(self._entries.values())

    def placeholder(self, kind: PhiKind, value: str) -> str:
        key = (kind, value)
        if key not in self._by_value:
            count = sum(1 for e in self._entries.values() if e.kind is kind) + 1
            token = f"[{kind.upper()}_{count}]"
            self._entries[token] = Entry(token, kind, value)
            self._by_value[key] = token
        return self._by_value[key]

    def restore(self, text: str) -> str:
        """Put the real values back, and undo the date shift if one was applied."""
        if self.shift_days:
            text = shift_dates(text, -self.shift_days)
        return PLACEHOLDER.sub(lambda m: self._value(m.group(0)), text)

    def _value(self, token: str) -> str:
        entry = self._entries.get(token)
        return entry.value if entry else token

    # ------------------------------------------------------------------ persistence

    def to_json(self) -> str:
        data = {"version": MAP_VERSION, "shift_days": self.shift_days,
                "note": "Re-identification map: keep it local; it holds the real identifiers.",
                "entries": [{"placeholder": e.placeholder, "kind": e.kind.value,
                             "value": e.value} for e in self._entries.values()]}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    def save(self, path: Path) -> None:
        """Write the map owner-only (0600): it holds the real identifiers."""
        from drafting.atomic_files import write_text_atomic

        write_text_atomic(path, self.to_json())

    @classmethod
    def load(cls, path: Path) -> PhiMap:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise PhiMapError(path, "no such map file", "check the path given to --map") from None
        except (ValueError, UnicodeDecodeError) as exc:
            raise PhiMapError(path, f"not a JSON map file ({exc})",
                              "give the map written by 'necessity deidentify'") from None
        if not isinstance(data, dict) or data.get("version") != MAP_VERSION:
            raise PhiMapError(path, f"map version is not {MAP_VERSION}",
                              "give the map written by 'necessity deidentify'")
        phi = cls(shift_days=data.get("shift_days"))
        for index, item in enumerate(data.get("entries") or []):
            try:
                entry = Entry(item["placeholder"], PhiKind(item["kind"]), item["value"])
            except (KeyError, TypeError, ValueError):
                raise PhiMapError(path, f"entries[{index}] is not a placeholder, kind and value",
                                  "restore the map from a backup") from None
            phi._entries[entry.placeholder] = entry
            phi._by_value[(entry.kind, entry.value)] = entry.placeholder
        return phi


def shift_dates(text: str, days: int) -> str:
    """Every date in ``text`` moved by ``days``, each written in its own style; a month and day
    without a year too (on a 365-day cycle, so that shifting back undoes it)."""
    return shift_text(text, days)
