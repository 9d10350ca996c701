"""The ``necessity`` command line."""
