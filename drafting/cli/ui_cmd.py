"""``necessity ui``: start the physicians' Streamlit app on 127.0.0.1 (headless: open the
printed URL in a browser)."""

from __future__ import annotations

import signal
import subprocess
import threading
from pathlib import Path
from typing import Annotated

import typer

from drafting.cli.output import err, error
from drafting.cli.store_options import EXIT_USAGE


def ui(
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port on 127.0.0.1.")] = 8501,
    data_dir: Annotated[Path | None, typer.Option(
        "--data-dir", help="Data directory (draft store, index, exports, app settings).")] = None,
) -> None:
    """Start the physicians' app (Streamlit) on 127.0.0.1; Ctrl-C stops it."""
    from ui.launch import ADDRESS, command, environment

    if data_dir is not None and data_dir.exists() and not data_dir.is_dir():
        error(f"--data-dir {data_dir}: not a directory")
        raise typer.Exit(EXIT_USAGE)
    err.print(f"necessity app on http://{ADDRESS}:{port} (Ctrl-C stops it)", markup=False)
    try:
        app = subprocess.Popen(command(port), env=environment(data_dir))
    except OSError as exc:
        error(f"cannot start streamlit: {exc}")
        raise typer.Exit(1) from None
    code = _wait(app)
    if code not in (0, 130, -signal.SIGINT, -signal.SIGTERM):
        raise typer.Exit(code)


def _wait(app: subprocess.Popen[bytes]) -> int:
    """Wait for the app; SIGTERM or Ctrl-C here stops it too (it never outlives this command)."""
    def stop(signum: int, frame: object) -> None:
        app.terminate()

    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, stop) if main else None
    try:
        return app.wait()
    except KeyboardInterrupt:
        app.terminate()
        app.wait()
        return 130
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)
