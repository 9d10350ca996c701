"""Backends registered by name; adding one touches only its own module."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from drafting.backends.base import Backend
from drafting.settings import Settings

Factory = Callable[[Settings], Backend]
_FACTORIES: dict[str, Factory] = {}
# Modules that register a backend when imported (import is deferred: openai pulls in langchain).
_MODULES = {"offline": "drafting.backends.offline", "openai": "drafting.backends.openai"}


def register(name: str) -> Callable[[Factory], Factory]:
    def decorate(factory: Factory) -> Factory:
        _FACTORIES[name] = factory
        return factory

    return decorate


def names() -> list[str]:
    return sorted(_MODULES)


def create(name: str, settings: Settings) -> Backend:
    if name not in _MODULES:
        raise KeyError(f"unknown backend '{name}'; choose one of: {', '.join(names())}")
    import_module(_MODULES[name])
    return _FACTORIES[name](settings)
