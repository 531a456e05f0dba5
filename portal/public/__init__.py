"""The resident side: every page lives under /<lang>/."""
from portal.public.views import bp

__all__ = ["bp"]
