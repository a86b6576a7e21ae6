"""`python -m optimiser.cli`: the `allocate` command."""

from optimiser.cli.main import entry

entry()
