"""Thin adapters at the edge of the library (DataFrame); the core never imports them."""
