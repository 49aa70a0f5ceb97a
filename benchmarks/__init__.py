"""Benchmarks for Flourish: `make bench` runs them and prints their figures."""
