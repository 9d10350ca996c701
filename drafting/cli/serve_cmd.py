"""``necessity serve``: the HTTP API (FastAPI on uvicorn), and ``necessity keys``: its API keys,
each of one organisation (the secret is printed once and stored only as a hash)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from drafting.api.tenancy import tenancy
from drafting.cli.output import err, error, out
from drafting.cli.store_options import (
    DataDir,
    StoreUrl,
    open_store,
    store_settings,
    stored,
)
from drafting.service import current_user

# Idle keep-alive connections stay open this long (uvicorn's default is 5 s): a client polling a
# draft reuses its connection instead of racing the server closing it as the next request leaves.
KEEP_ALIVE_S = 75

keys = typer.Typer(help="API keys of the HTTP API (necessity serve), one organisation each.",
                   no_args_is_help=True)


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port.")] = 8000,
    concurrency: Annotated[int | None, typer.Option(
        help="Drafts drafted at once; the rest queue (NECESSITY_API_CONCURRENCY).")] = None,
    backends: Annotated[str | None, typer.Option(
        help="Comma list of backends clients may ask for (default: offline).")] = None,
    data_dir: DataDir = None, store_url: StoreUrl = None,
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs); Ctrl-C or SIGTERM stops it, finishing the
    drafts being drafted (queued ones are drafted when it starts again)."""
    import uvicorn

    from drafting.api.app import create_app
    from drafting.api.logs import UVICORN_LOG_CONFIG, logger

    settings = store_settings(data_dir, store_url, api_concurrency=concurrency,
                              api_backends=backends)
    with open_store(settings) as store:  # a bad store URL or a newer schema: exit 2 here
        have_keys = bool(tenancy(store).api_keys())
    log = logger()  # everything the server says is a JSON line on stderr
    if not have_keys:
        log.warning("no API key yet: create one with 'necessity keys create --name NAME "
                    "--org ORGANISATION'", extra={"event": "no_keys"})
    log.info(f"necessity API on http://{host}:{port} (docs at /docs)",
             extra={"event": "listening"})
    try:
        uvicorn.run(create_app(settings), host=host, port=port, access_log=False,
                    log_config=UVICORN_LOG_CONFIG, timeout_graceful_shutdown=30,
                    timeout_keep_alive=KEEP_ALIVE_S)
    except OSError as exc:
        error(f"cannot listen on {host}:{port}: {exc}")
        raise typer.Exit(1) from None


@keys.command("create")
def create_key(
    name: Annotated[str, typer.Option(help="What the key is for (e.g. 'Acme intake system').")],
    org: Annotated[str | None, typer.Option(
        "--org", help="The organisation whose cases the key reaches (default: the name).")] = None,
    data_dir: DataDir = None, store_url: StoreUrl = None,
) -> None:
    """Create a key; its secret is printed once (stdout) and never stored."""
    with stored(data_dir, store_url) as service:
        store = service.store
        key, secret = tenancy(store).create_api_key(name, org or name, current_user())
    err.print(f"API key {key.id} for organisation {key.organisation!r}; keep the secret below, "
              "it is not shown again. Webhook signing secret: " + key.webhook_secret,
              markup=False)
    out.print(secret, markup=False)


@keys.command("list")
def list_keys(data_dir: DataDir = None, store_url: StoreUrl = None) -> None:
    """Every key: id, name, organisation, created, revoked (never the secret)."""
    with stored(data_dir, store_url) as service:
        store = service.store
        found = tenancy(store).api_keys()
    table = Table("key", "name", "organisation", "created", "revoked")
    for key in found:
        table.add_row(key.id, key.name, key.organisation, key.created_at[:19],
                      (key.revoked_at or "")[:19])
    out.print(table)


@keys.command("revoke")
def revoke_key(key_id: Annotated[str, typer.Argument(help="The key's id (key_...).")],
               data_dir: DataDir = None, store_url: StoreUrl = None) -> None:
    """Revoke a key: requests with it are refused from now on (401)."""
    with stored(data_dir, store_url) as service:
        store = service.store
        key = tenancy(store).revoke_api_key(key_id, current_user())
    out.print(f"revoked {key.id} ({key.organisation}) at {key.revoked_at}", markup=False)

