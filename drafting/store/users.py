"""The physician app's users (``store.users``): a username, the name and credentials a
sign-off carries (the profile), and a password hash for signing in to the app. A user set up
for a reverse proxy that authenticates (the app then trusts a header naming the user) may have
no password. Adding a user and changing a profile are audited; passwords never leave this
module, only whether one matched."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from drafting.store import writing
from drafting.store.connection import Database, now
from drafting.store.records import AuditAction

# scrypt parameters (RFC 7914): memory-hard enough for interactive sign-in on a laptop.
SCRYPT_N, SCRYPT_R, SCRYPT_P, SALT_BYTES = 2 ** 14, 8, 1, 16
MIN_PASSWORD_CHARS = 8
USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")


@dataclass(frozen=True)
class User:
    """A user's profile: what goes on the record and on a signature."""

    username: str
    display_name: str
    credentials: str
    has_password: bool

    @property
    def principal(self) -> str:
        """The audit log's actor for what this user does in the app."""
        return f"user:{self.username}"


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(SALT_BYTES)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R,
                            p=SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def password_matches(password: str, stored: str | None) -> bool:
    if not stored:
        return False
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        found = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n),
                               r=int(r), p=int(p))
    except ValueError:
        return False
    return hmac.compare_digest(found.hex(), digest)


def _user(row: object) -> User:
    return User(row["username"], row["display_name"], row["credentials"],  # type: ignore[index]
                bool(row["password_hash"]))  # type: ignore[index]


class Users:
    def __init__(self, db: Database):
        self.db = db

    def add(self, username: str, display_name: str, *, credentials: str = "",
            password: str | None = None, added_by: str | None = None) -> User:
        """Add a user; ``password`` None: the user signs in only through the reverse proxy."""
        username, display_name = username.strip(), display_name.strip()
        if not USERNAME.match(username):
            raise ValueError(f"username {username!r}: use 1-64 letters, digits, '.', '_', '@' "
                             "or '-', starting with a letter or digit")
        if not display_name:
            raise ValueError("a display name is required (it goes on the record)")
        if password is not None and len(password) < MIN_PASSWORD_CHARS:
            raise ValueError(f"the password must have at least {MIN_PASSWORD_CHARS} characters")
        with self.db.transaction() as conn:
            if conn.execute("SELECT 1 FROM users WHERE username = ?", (username,)).fetchone():
                raise ValueError(f"there is already a user {username!r}")
            at = now()
            conn.execute("INSERT INTO users (username, display_name, credentials, password_hash, "
                         "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                         (username, display_name, credentials.strip(),
                          None if password is None else hash_password(password), at, at))
            writing.append_audit(conn, added_by or f"user:{username}", AuditAction.user_added,
                                 None, username=username, display_name=display_name,
                                 credentials=credentials.strip(),
                                 password=password is not None)
        return User(username, display_name, credentials.strip(), password is not None)

    def get(self, username: str) -> User | None:
        with self.db.snapshot() as conn:
            row = conn.execute("SELECT * FROM users WHERE username = ?",
                               (username.strip(),)).fetchone()
        return None if row is None else _user(row)

    def all(self) -> list[User]:
        with self.db.snapshot() as conn:
            return [_user(r) for r in conn.execute("SELECT * FROM users ORDER BY username")]

    def count(self) -> int:
        with self.db.snapshot() as conn:
            return int(conn.execute("SELECT count(*) FROM users").fetchone()[0])

    def authenticate(self, username: str, password: str) -> User | None:
        """The user if the password is theirs, else None (unknown user or wrong password)."""
        with self.db.snapshot() as conn:
            row = conn.execute("SELECT * FROM users WHERE username = ?",
                               (username.strip(),)).fetchone()
        if row is None or not password_matches(password, row["password_hash"]):
            return None
        return _user(row)

    def set_profile(self, username: str, display_name: str, credentials: str) -> User:
        """Change the name and credentials a user's actions and sign-offs carry (audited)."""
        display_name, credentials = display_name.strip(), credentials.strip()
        if not display_name:
            raise ValueError("a display name is required (it goes on the record)")
        with self.db.transaction() as conn:
            row = conn.execute("SELECT * FROM users WHERE username = ?", (username,)).fetchone()
            if row is None:
                raise ValueError(f"there is no user {username!r}")
            conn.execute("UPDATE users SET display_name = ?, credentials = ?, updated_at = ? "
                         "WHERE username = ?", (display_name, credentials, now(), username))
            writing.append_audit(conn, f"user:{username}", AuditAction.profile_changed, None,
                                 username=username, display_name=display_name,
                                 credentials=credentials,
                                 previous_display_name=row["display_name"],
                                 previous_credentials=row["credentials"])
            return User(username, display_name, credentials, bool(row["password_hash"]))
