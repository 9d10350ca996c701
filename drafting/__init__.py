"""necessity: grounded medical-necessity opinions for pain-management care."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("necessity")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0+local"
