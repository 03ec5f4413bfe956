"""Placeholder: commands of this area are registered here."""
