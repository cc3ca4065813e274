"""Where each system KPI's figures come from: the registry of KPI sources (KPI.source keys) in
core/kpis.py, which each app fills from its own kpis.py (casework, reviews, plans, directory,
messaging, quality, engagement, waiting), so the KPI framework imports none of them. The names the
framework uses are here under their old home."""

from core.kpis import SOURCES, Figure, Measured, Source, source_choices

__all__ = ["SOURCES", "Figure", "Measured", "Source", "source_choices"]
