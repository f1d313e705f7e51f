"""Operations on records, with validation; each returns frozen views, never ORM objects."""
