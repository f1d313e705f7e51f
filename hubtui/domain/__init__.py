"""Pure domain rules for hubtui: identifiers, regions, periods, activity types and goals files.

Nothing here touches the database, the UI or the network; import the submodules directly,
e.g. ``from hubtui.domain.orgnr import normalize_orgnr``.
"""
