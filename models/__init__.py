"""The Pyomo formulation of the allocation model (SPEC §2).

Import `models.build.build_model` for the model; `models.data` holds the
validated input types and imports no Pyomo, so validation stays light.
"""
