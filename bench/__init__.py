"""``make bench``: throughput, incremental re-run, memory and parallel batch, side by side.

``python -m bench --size N`` builds corpora from the seed directives under output/bench/, runs
every configuration in its own process (so each peak memory is its own), and writes
output/bench.json and output/bench.md. Not a test: nothing here asserts a timing.
"""
