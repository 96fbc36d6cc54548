-- Trigram matching (similarity, word_similarity, gin_trgm_ops) for names with typos.
create extension if not exists pg_trgm;
