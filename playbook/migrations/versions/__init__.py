"""The store's schema revisions, oldest first (``down_revision`` links them)."""
