"""Reproducible demo data: the four template projects with fictitious organisations."""

from hubtui.demo.generate import DemoSummary, generate_demo

__all__ = ["DemoSummary", "generate_demo"]
