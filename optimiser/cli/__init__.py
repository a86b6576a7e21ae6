"""The `allocate` command line: thin click shells over `optimiser.api`."""
