"""Coaching content shipped with the package as data files (read with importlib.resources)."""
