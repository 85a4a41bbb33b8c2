"""Shared helpers for tests and benchmarks that drive the real app on a real X server.

Neither ``tests/`` nor ``benchmarks/`` import each other; both import this package.
"""
