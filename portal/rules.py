"""Permissions (django-rules)."""
