"""The FastAPI app: routes, middleware (body size limit, JSON request log), error shapes, the
offline API docs at ``/docs`` and ``/redoc`` (served from the fastapi-offline wheel, nothing from
a CDN), and the drafting jobs started and stopped with the app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from anyio import to_thread
from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from drafting import __version__
from drafting.api import case_routes, draft_routes, errors, eval_routes
from drafting.api.context import Api
from drafting.api.jobs import DraftJobs
from drafting.api.limits import BodyLimit
from drafting.api.logs import RequestLog, logger
from drafting.api.ratelimit import RateLimiter
from drafting.api.stores import PooledService, StorePool
from drafting.api.validation import CaseValidator
from drafting.api.views import ViewCache
from drafting.settings import Settings

REQUEST_THREADS = 8
DOCS_ASSETS = "/docs-assets"

DESCRIPTION = """Draft medical-necessity opinions for pain-management care from structured case
files, with every citation checked. Authenticate with `Authorization: Bearer <API key>`; each key
sees only its organisation's cases and drafts. POSTs accept an `Idempotency-Key` header.
Drafts made with the `offline` backend are composed deterministically, without a language model,
and say so in their `label`."""


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service = PooledService(settings, StorePool(settings.store_location))
        jobs = DraftJobs(settings, service)
        app.state.limiter = RateLimiter(settings.api_rate_per_minute, settings.api_rate_burst)
        validator = CaseValidator(settings.api_validation_workers,
                                  settings.api_validation_timeout_s)
        app.state.api = Api(settings, service, jobs, ViewCache(), validator)
        # Few request threads: handlers are short, and each extra thread contending for the
        # interpreter lock slows the event loop that accepts and answers connections.
        to_thread.current_default_thread_limiter().total_tokens = REQUEST_THREADS
        await to_thread.run_sync(jobs.start)
        await to_thread.run_sync(validator.warm)
        resumed = jobs.recover()
        logger().info("started", extra={"event": "started", "resumed": resumed})
        try:
            yield
        finally:
            jobs.shutdown()
            validator.close()
            service.close()

    # FastAPIOffline: /docs (Swagger UI 5) and /redoc served from files in the fastapi-offline
    # wheel, never from a CDN.
    app = FastAPIOffline(title="necessity", version=__version__, description=DESCRIPTION,
                         lifespan=lifespan, static_url=DOCS_ASSETS)
    errors.install(app)
    app.include_router(case_routes.router)
    app.include_router(draft_routes.router)
    app.include_router(eval_routes.router)

    @app.get("/healthz", tags=["service"])
    def health() -> dict[str, Any]:
        """Liveness, without a key: the number of drafts queued or being drafted."""
        return {"status": "ok", "drafts_in_flight": app.state.api.jobs.in_flight}

    app.add_middleware(BodyLimit, limit=settings.api_max_body_bytes)
    app.add_middleware(RequestLog)
    return app

