"""Stage 6: what-if on top of the pipeline: re-solves, batches, scenarios, sensitivity.

Entry points: `optimiser.whatif.commands.scenarios` and `.sensitivity`
(re-exported by `optimiser.api`); `resolve.Session` is the re-solve engine.
"""
