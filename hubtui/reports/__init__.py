"""The lägesrapport: a report model built from the KPI engine and SQL listings, and writers
for Markdown, Word, Excel, CSV and the EDIH KPI tool (no Textual here)."""
