"""Headless Debian Chromium driven over the DevTools protocol, for pages that render with
JavaScript and a websocket (Streamlit): chromium's one-shot ``--screenshot``/``--dump-dom`` modes
capture before such a page has drawn. Uses only the standard library and ``websockets`` (a
dependency of streamlit); no browser is downloaded.

Also a script that regenerates the README's screenshots of the app:
``python -m tests.browser docs/screenshots``."""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from websockets.sync.client import connect

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--hide-scrollbars", "--mute-audio"]
# True while Streamlit is still running the script or the page has not connected yet.
BUSY_JS = ("!document.querySelector('[data-testid=\"stApp\"]') || "
           "!!document.querySelector('[data-testid=\"stStatusWidget\"]') || "
           "!!document.querySelector('[data-testid=\"stSkeleton\"]')")


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def stop(process: subprocess.Popen[bytes], timeout: float) -> None:
    """SIGTERM, and SIGKILL if it has not exited within ``timeout`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Browser:
    """One headless Chromium page."""

    def __init__(self, executable: str, profile: Path, width: int = 1400, height: int = 1800):
        self.width, self.height = width, height
        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}",
             "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._closing = ExitStack()
        self._next = 0
        self.events: list[dict[str, Any]] = []  # what the browser reported between calls
        try:
            port = self._devtools_port(profile / "DevToolsActivePort")
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
                page = next(t for t in json.load(r) if t["type"] == "page")
            self.socket = self._closing.enter_context(
                connect(page["webSocketDebuggerUrl"], max_size=None, open_timeout=10))
            self.call("Emulation.setDeviceMetricsOverride", width=width, height=height,
                      deviceScaleFactor=1, mobile=False)
        except BaseException:
            self.close()
            raise

    def _devtools_port(self, file: Path, timeout: float = 30) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if file.is_file() and file.read_text().strip():
                return int(file.read_text().split()[0])
            if self.process.poll() is not None:
                raise RuntimeError(f"chromium exited with {self.process.returncode}")
            time.sleep(0.1)
        raise TimeoutError("chromium did not open its DevTools port")

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self._next += 1
        self.socket.send(json.dumps({"id": self._next, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv(timeout=60))
            if "method" in message:
                self.events.append(message)
            elif message.get("id") == self._next:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return dict(message.get("result", {}))

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def requested(self) -> list[str]:
        """Every URL the page requested since ``Network.enable`` was called."""
        return [e["params"]["request"]["url"] for e in self.events
                if e["method"] == "Network.requestWillBeSent"]

    def goto(self, url: str) -> None:
        self.call("Page.navigate", url=url)

    def text(self) -> str:
        return str(self.evaluate("document.body ? document.body.innerText : ''") or "")

    def dom(self) -> str:
        return str(self.evaluate("document.documentElement.outerHTML") or "")

    def wait_for(self, *needles: str, timeout: float = 90, busy: str = BUSY_JS) -> str:
        """Wait until the page shows every needle and is not ``busy`` (a JavaScript test; by
        default: Streamlit still running); returns the visible text. Raises TimeoutError
        naming what is missing."""
        deadline = time.monotonic() + timeout
        text, settled = "", 0
        while time.monotonic() < deadline:
            text = self.text()
            ready = all(n in text for n in needles) and not self.evaluate(busy)
            settled = settled + 1 if ready else 0
            if settled >= 3:  # the same state three polls running: rendering has settled
                return text
            time.sleep(0.5)
        missing = [n for n in needles if n not in text]
        raise TimeoutError(f"page never showed {missing}; it shows: {text[:2000]!r}")

    def click(self, selector: str) -> None:
        self.evaluate(f"document.querySelector({json.dumps(selector)}).click()")

    def upload(self, selector: str, files: list[Path]) -> None:
        """Give files to the <input type=file> matching ``selector``, as a user's choice would
        (the page gets its input and change events)."""
        root = self.call("DOM.getDocument", depth=-1, pierce=True)["root"]["nodeId"]
        node = self.call("DOM.querySelector", nodeId=root, selector=selector)["nodeId"]
        if not node:
            raise RuntimeError(f"no element matches {selector!r}")
        self.call("DOM.setFileInputFiles", nodeId=node, files=[str(f.resolve()) for f in files])

    def type_into(self, selector: str, text: str, *, within: str = "document") -> None:
        """Replace the value of the first element matching ``selector`` (inside the element
        the JavaScript expression ``within`` gives) as typing would, then leave the field (a
        Streamlit text box sends its value when it loses focus)."""
        self.evaluate(f"""(() => {{
          const el = ({within}).querySelector({json.dumps(selector)});
          el.scrollIntoView({{block: 'center'}}); el.focus(); el.select();
        }})()""")
        self.call("Input.insertText", text=text)
        self.evaluate("document.activeElement && document.activeElement.blur()")

    def click_text(self, label: str, *, tag: str = "button", within: str = "document",
                   match: str = "exact") -> None:
        """Click the first ``tag`` element inside ``within`` whose visible text is ``label``
        (``match``: "exact", "prefix" or "contains"); raises if there is none."""
        test = {"exact": "t === l", "prefix": "t.startsWith(l)", "contains": "t.includes(l)"}
        found = self.evaluate(f"""(() => {{
          const l = {json.dumps(label)};
          const el = [...({within}).querySelectorAll({json.dumps(tag)})]
            .find(e => {{ const t = e.innerText.trim(); return {test[match]}; }});
          if (!el) {{ return false; }}
          el.scrollIntoView({{block: 'center'}}); el.click(); return true;
        }})()""")
        if not found:
            raise RuntimeError(f"no {tag} {label!r} on the page: {self.text()[:1500]!r}")

    def screenshot(self, path: Path) -> Path:
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        try:
            self._closing.close()
        finally:
            stop(self.process, timeout=10)


@contextmanager
def browser(executable: str, profile: Path, **size: int) -> Iterator[Browser]:
    page = Browser(executable, profile, **size)
    try:
        yield page
    finally:
        page.close()


def sign_in(page: Browser, url: str, username: str, password: str) -> None:
    """Open ``url`` (a page of the app) and sign in with the form, as a user would."""
    page.goto(url)
    page.wait_for("Sign in", "Username")
    page.type_into('input[aria-label="Username"]', username)
    page.type_into('input[aria-label="Password"]', password)
    page.click_text("Sign in")
    page.wait_for("Signed in as")


@contextmanager
def running_app(data_dir: Path, log: Path, extra_env: dict[str, str] | None = None
                ) -> Iterator[str]:
    """``necessity ui`` on a free loopback port with ``data_dir``; yields its URL once it
    answers, and stops it (by its own pid) afterwards."""
    port = free_port()
    env = {**os.environ, **(extra_env or {})}
    with log.open("wb") as out:
        app = subprocess.Popen([sys.executable, "-c", "from drafting.cli.app import main; main()",
                                "ui", "--port", str(port), "--data-dir", str(data_dir)],
                               env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(f"{url}/_stcore/health", app, log)
            yield url
        finally:
            stop(app, timeout=20)


def wait_healthy(health_url: str, process: subprocess.Popen[bytes], log: Path,
                 timeout: float = 60) -> None:
    """Wait until ``health_url`` answers 200; fail with the server's log if it exits first or
    never answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{' '.join(map(str, process.args))} exited with "
                               f"{process.returncode}: {log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(health_url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"nothing answered at {health_url}: {log.read_text(errors='replace')}")


def _capture(out: Path) -> None:  # pragma: no cover - run by hand to refresh the README images
    from tests.test_ui_browser import capture_screens
    from tests.test_ui_intake import capture_intake

    executable = chromium()
    if executable is None:
        raise SystemExit("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="necessity-shots-") as tmp:
        for path in capture_screens(executable, Path(tmp), out):
            print(f"wrote {path}")
        print(f"wrote {capture_intake(executable, Path(tmp) / 'intake', out)}")


if __name__ == "__main__":  # pragma: no cover
    _capture(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
