"""Token counting works offline from the BPE files shipped in a wheel."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from guideline_index.tokens import BPE_URLS


def test_tiktoken_counts_offline_in_a_fresh_cache(tmp_path):
    # A fresh interpreter, an empty cache dir, and no route to the network: tiktoken must not try.
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('network used')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from guideline_index.tokens import count_tokens, encoding\n"
        "print(count_tokens('Repeat L5-S1 transforaminal epidural steroid injection'))\n"
        "print(encoding('o200k_base').decode(encoding('o200k_base').encode('MME 90/day')))\n"
    )
    env = {"TIKTOKEN_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    count, roundtrip = proc.stdout.splitlines()
    assert 5 < int(count) < 30
    assert roundtrip == "MME 90/day"
    for url in BPE_URLS.values():
        assert (tmp_path / hashlib.sha1(url.encode()).hexdigest()).stat().st_size > 1_000_000
