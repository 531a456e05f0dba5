"""Admins manage the topics residents choose from: names in every language, order, on or off."""
