"""State aid documents: the notice to the company, its declaration form, the register export."""
