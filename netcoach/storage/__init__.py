"""Durable storage of each member's documents: TinyDB on locked, atomic JSON-file writes."""
