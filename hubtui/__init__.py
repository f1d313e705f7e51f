"""hubtui: a terminal app for Swedish innovation hubs."""

__version__ = "0.1.0"
