"""``python -m drafting`` runs the ``necessity`` command."""

from drafting.cli.app import main

main()
