"""How the app is started: ``streamlit run ui/app.py`` headless, on the loopback address only,
with no usage statistics sent and no tracebacks shown in the browser. ``necessity ui`` and the
browser test both start it from here, so the flags live in one place."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = Path(__file__).resolve().parent / "app.py"
ADDRESS = "127.0.0.1"

# Each is a streamlit config option; command-line flags win over any config.toml.
OPTIONS = {
    "server.headless": "true",
    "server.address": ADDRESS,
    "browser.gatherUsageStats": "false",  # no telemetry: the app makes no outside requests
    "browser.serverAddress": ADDRESS,
    "server.fileWatcherType": "none",
    "server.runOnSave": "false",
    "client.showErrorDetails": "none",  # an unexpected exception: a message, never a traceback
    "client.toolbarMode": "minimal",
    "theme.base": "light",
}


def command(port: int) -> list[str]:
    """The ``streamlit run`` command line for the app on ``127.0.0.1:port``."""
    flags = [f"--{name}={value}" for name, value in OPTIONS.items()]
    return [sys.executable, "-m", "streamlit", "run", str(APP), *flags,
            f"--server.port={port}", f"--browser.serverPort={port}"]


def environment(data_dir: Path | None) -> dict[str, str]:
    """The app's environment: this one, the data directory if given, and no telemetry from the
    libraries it loads (Chroma, Hugging Face)."""
    env = dict(os.environ)
    if data_dir is not None:
        env["NECESSITY_DATA_DIR"] = str(Path(data_dir).expanduser().resolve())
    env.setdefault("HF_HUB_OFFLINE", "1")
    env.setdefault("ANONYMIZED_TELEMETRY", "False")
    env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] = "false"
    return env
