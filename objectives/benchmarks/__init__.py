"""Benchmarks: a published review's anonymised return, benchmark sets made of other councils' returns or of an
aggregate file, and the command that aggregates returns. The format of both files: README.md beside this."""
