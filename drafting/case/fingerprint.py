"""What ties a draft to the exact case file it was drafted from: the SHA-256 of the file's
bytes, computed the same way wherever a case is drafted, stored or checked."""

from __future__ import annotations

import hashlib


def case_file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
