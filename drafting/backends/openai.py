"""The openai backend: any OpenAI-compatible chat-completions server (OpenAI, vLLM, Ollama,
llama.cpp...) through LangChain's ``ChatOpenAI``.

Case text leaves the machine only with consent: a base URL whose host is not loopback is
external, and the backend refuses to be built for it unless ``allow_external`` is set. Retries are
done here rather than by the SDK (``max_retries=0``), so attempts are counted and every failure
ends in one ``BackendError`` naming its cause.
"""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import os
import random
import ssl
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

import httpx
import openai
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage
from langchain_openai import ChatOpenAI

from drafting.backends.base import BackendError, Completion
from drafting.backends.bounded_http import ResponseTooLarge, bounded_client
from drafting.backends.registry import register
from drafting.deid import PromptGuard
from drafting.prompting import Prompt
from drafting.settings import Settings
from guideline_index.tokens import count_prompt_tokens, count_tokens

DEFAULT_BASE_URL = "https://api.openai.com/v1"
OPENAI_HOST = "api.openai.com"
NO_KEY = "not-needed"  # local servers ignore the key, but the SDK insists on one
MAX_RETRY_AFTER_S = 30.0  # never sleep longer than this on a server's Retry-After
RETRYABLE_STATUS = frozenset({408, 429})  # plus every 5xx
# Idle connections kept open for reuse: one backend serves a whole batch (up to 256 calls in
# flight), and httpx's default of 20 would close and reopen the rest around every call.
KEEPALIVE_CONNECTIONS = 256
GUARDS_KEPT = 512  # de-identification maps kept, one per case (more than cases ever in flight)

# (backend id, attempts) of the last call made in the current asyncio task, so that concurrent
# sections sharing one backend each read their own count (see ``last_attempts``).
_TASK_ATTEMPTS: ContextVar[tuple[int, int] | None] = ContextVar("openai_attempts", default=None)


def is_loopback(host: str) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1 (also written as ::ffff:127.x.x.x)."""
    host = host.strip("[]").rstrip(".").lower()
    if host == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return address.is_loopback or (mapped is not None and mapped.is_loopback)


def resolve_api_key(settings: Settings) -> str | None:
    """The key from settings, else NECESSITY_API_KEY, else OPENAI_API_KEY."""
    if settings.api_key is not None and settings.api_key.get_secret_value():
        return settings.api_key.get_secret_value()
    return os.environ.get("NECESSITY_API_KEY") or os.environ.get("OPENAI_API_KEY") or None


class _Failure(Exception):
    """One failed attempt: why, whether another attempt may help, and a server-asked delay."""

    def __init__(self, cause: str, retryable: bool, wait_s: float = 0.0) -> None:
        super().__init__(cause)
        self.cause, self.retryable, self.wait_s = cause, retryable, wait_s


class OpenAIBackend:
    name = "openai"
    language_model = True
    backoff_base_s = 0.5  # first retry waits this long, then x backoff_factor each time
    backoff_factor = 2.0
    jitter = 0.1  # up to +10 % on every wait

    def __init__(self, settings: Settings) -> None:
        self.model = settings.model
        self.base_url = (settings.base_url or DEFAULT_BASE_URL).rstrip("/")
        parts = urlsplit(self.base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise BackendError(f"base URL {self.base_url!r} is not an http(s) URL with a host")
        self.base_url_host: str = parts.hostname
        self.endpoint = parts.netloc.rpartition("@")[2]  # host[:port], never credentials
        self.external = not is_loopback(self.base_url_host)
        if self.external and not settings.allow_external:
            raise BackendError(
                f"refusing to send case text to the external host {self.endpoint} without "
                "consent; pass --allow-external (or set NECESSITY_ALLOW_EXTERNAL=1) to allow it, "
                "or point --base-url at a local server (localhost/127.0.0.1)")
        # Identifiers are replaced by placeholders before text goes to a non-local host, and put
        # back in the reply: one guard per case (placeholders stay stable across its sections),
        # so a batch drafting many cases through one backend never restores one case's
        # identifiers into another's text.
        self.deidentify = self.external
        self._guards: OrderedDict[str | None, PromptGuard] = OrderedDict()
        self.temperature = settings.temperature
        self.max_tokens = settings.max_tokens
        self.timeout_s = settings.timeout_s
        self.max_response_bytes = settings.max_response_bytes
        self.retries = settings.retries
        self._api_key = resolve_api_key(settings)
        self._last_attempts = 0
        self._loop: asyncio.AbstractEventLoop | None = None  # the loop the client is bound to
        self._http: httpx.AsyncClient | None = None
        self._llm: ChatOpenAI | None = self._build_client()  # built now: bad options fail early

    @property
    def last_attempts(self) -> int:
        """Attempts made by the last ``complete`` call: the last one awaited in this asyncio task
        when there is one (so concurrent sections don't read each other's), else on the instance."""
        task_value = _TASK_ATTEMPTS.get()
        if task_value is not None and task_value[0] == id(self):
            return task_value[1]
        return self._last_attempts

    async def aclose(self) -> None:
        """Close pooled connections (call it in the event loop that made the calls)."""
        if self._http is not None and self._loop is asyncio.get_running_loop():
            await self._http.aclose()
        self._llm = self._http = self._loop = None

    def _build_client(self) -> ChatOpenAI:
        # Our own httpx client, one per event loop: LangChain's default one is shared process-wide
        # and its pooled connections belong to the loop that opened them, so a second asyncio.run
        # would fail with "Event loop is closed".
        # One TLS context for the process: loading the CA bundle costs ~50 ms per client, and
        # the API's drafting workers build a backend per draft.
        self._http = bounded_client(
            self.max_response_bytes, timeout=self.timeout_s, verify=_tls_context(),
            limits=httpx.Limits(max_connections=None,
                                max_keepalive_connections=KEEPALIVE_CONNECTIONS))
        return ChatOpenAI(model=self.model, base_url=self.base_url,
                          api_key=self._api_key or NO_KEY,  # type: ignore[arg-type]
                          temperature=self.temperature, **self._token_limit(),
                          timeout=self.timeout_s, max_retries=0,
                          use_responses_api=False, http_async_client=self._http)

    def _token_limit(self) -> dict[str, Any]:
        """OpenAI's own API takes ``max_completion_tokens`` (what LangChain's ``max_tokens``
        sends); other servers (llama.cpp's, Ollama, older vLLM) read only the classic
        ``max_tokens`` and silently ignore the new name, so they get that one."""
        if self.max_tokens is None:
            return {}
        if self.base_url_host == OPENAI_HOST:
            return {"max_tokens": self.max_tokens}
        return {"extra_body": {"max_tokens": self.max_tokens}}

    def _client(self) -> ChatOpenAI:
        loop = asyncio.get_running_loop()
        if self._llm is None or self._loop not in (None, loop):
            self._llm = self._build_client()
        self._loop = loop
        return self._llm

    async def complete(self, prompt: Prompt) -> Completion:
        guard = None
        if self.deidentify:
            guard = self._guard_for(prompt)
            system, user = guard.protect(prompt.system, prompt.user)
            prompt = replace(prompt, system=system, user=user)
        completion = await self._complete(prompt)
        return replace(completion, text=guard.restore(completion.text)) if guard else completion

    def learn_case(self, case_id: str, texts: Iterable[str]) -> None:
        """Teach the case's guard its whole text before the first call (``LearnsCase``): names
        are then replaced in every prompt, the first one included."""
        if self.deidentify:
            self._guard(case_id).learn(texts)

    def _guard_for(self, prompt: Prompt) -> PromptGuard:
        """The guard of the prompt's case (by the case id in its context); a prompt without a
        case gets one shared guard."""
        case = prompt.context.get("case")
        return self._guard(case.get("id") if isinstance(case, Mapping) else None)

    def _guard(self, key: str | None) -> PromptGuard:
        """The guard of case ``key``, kept for the most recent ``GUARDS_KEPT`` cases."""
        guard = self._guards.pop(key, None) or PromptGuard()
        self._guards[key] = guard  # most recently used last
        while len(self._guards) > GUARDS_KEPT:
            self._guards.popitem(last=False)
        return guard

    async def _complete(self, prompt: Prompt) -> Completion:
        messages = [SystemMessage(prompt.system), HumanMessage(prompt.user)]
        client = self._client()
        attempts = self.retries + 1
        failure = _Failure("no attempt made", False)
        for attempt in range(1, attempts + 1):
            self._record_attempts(attempt)
            try:
                return replace(await self._attempt(client, messages, prompt), attempts=attempt)
            except _Failure as exc:
                failure = exc
            if not failure.retryable:
                raise BackendError(f"{failure.cause} ({_count(attempt)}; not retried)",
                                   attempt) from failure.__cause__
            if attempt < attempts:
                await asyncio.sleep(max(self._backoff(attempt), failure.wait_s))
        raise BackendError(f"{failure.cause} ({_count(attempts)})",
                           attempts) from failure.__cause__

    async def _attempt(self, client: ChatOpenAI, messages: list[Any], prompt: Prompt
                       ) -> Completion:
        try:
            response = await asyncio.wait_for(client.ainvoke(messages), self.timeout_s)
        except Exception as exc:
            raise self._diagnose(exc) from exc
        if not isinstance(response, AIMessage) or not response.text.strip():
            raise _Failure(f"empty response from {self.endpoint}", retryable=True)
        text = response.text
        usage = response.usage_metadata
        if usage:
            prompt_tokens, completion_tokens = usage["input_tokens"], usage["output_tokens"]
        else:  # the server sent no usage: count offline with tiktoken
            prompt_tokens = count_prompt_tokens(f"{prompt.system}\n{prompt.user}")
            completion_tokens = count_tokens(text)
        model = response.response_metadata.get("model_name") or self.model
        return Completion(text=text, prompt_tokens=prompt_tokens,
                          completion_tokens=completion_tokens, model=model)

    def _diagnose(self, exc: Exception) -> _Failure:
        """Classify a failed call; anything unrecognised is a bug and propagates as it is."""
        if isinstance(exc, ResponseTooLarge) or isinstance(exc.__cause__, ResponseTooLarge):
            too_large = exc if isinstance(exc, ResponseTooLarge) else exc.__cause__
            return _Failure(f"{too_large} from {self.endpoint}", False)
        if isinstance(exc, TimeoutError | openai.APITimeoutError | httpx.TimeoutException):
            return _Failure(f"timed out after {self.timeout_s} s waiting for {self.endpoint}", True)
        if isinstance(exc, openai.APIStatusError):
            status = exc.status_code
            cause = f"HTTP {status} from {self.endpoint}: {_detail(exc)}"
            if status in (401, 403):
                cause += " (check the API key: NECESSITY_API_KEY or OPENAI_API_KEY)"
            elif status == 404:
                cause += f" (check the model {self.model!r} and the base URL {self.base_url})"
            retryable = status in RETRYABLE_STATUS or status >= 500
            return _Failure(cause, retryable, _retry_after(exc.response))
        if isinstance(exc, openai.APIConnectionError | httpx.TransportError):
            reason = exc.__cause__ or exc
            return _Failure(f"could not connect to {self.endpoint}: {reason}", True)
        if isinstance(exc, openai.APIResponseValidationError | KeyError | TypeError | ValueError
                      | IndexError):
            # a body that is not JSON, has no choices (LangChain raises KeyError/TypeError) or
            # an empty list of choices (IndexError)
            return _Failure(f"malformed response from {self.endpoint}: "
                            f"{type(exc).__name__}: {str(exc)[:200]}", True)
        raise exc

    def _backoff(self, attempt: int) -> float:
        delay = self.backoff_base_s * self.backoff_factor ** (attempt - 1)
        return delay * (1 + random.uniform(0, self.jitter))

    def _record_attempts(self, attempts: int) -> None:
        self._last_attempts = attempts
        _TASK_ATTEMPTS.set((id(self), attempts))


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """httpx's default verification (its CA bundle, SSL_CERT_FILE/SSL_CERT_DIR), built once."""
    return httpx.create_ssl_context()


def _count(attempts: int) -> str:
    return f"{attempts} attempt" if attempts == 1 else f"{attempts} attempts"


def _detail(exc: openai.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict):
        error = body.get("error", body)
        message = error.get("message") if isinstance(error, dict) else error
        if message:
            return str(message)[:200]
    return str(exc.message)[:200]


def _retry_after(response: httpx.Response) -> float:
    """The server's Retry-After in seconds (capped), 0 when absent or an HTTP date."""
    try:
        return min(max(float(response.headers.get("retry-after", 0)), 0.0), MAX_RETRY_AFTER_S)
    except ValueError:
        return 0.0


@register("openai")
def _create(settings: Settings) -> OpenAIBackend:
    return OpenAIBackend(settings)
