-- Full-text search over post titles, texts, channel texts and comments.
-- A local index derived from synced rows (never synced itself), kept current
-- by triggers; its rowid is the post's rowid so updates find their row fast.
CREATE VIRTUAL TABLE post_search USING fts5(
  title, body, variants, comments,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3 4'  -- people type the start of a word in the palette
);

CREATE TRIGGER post_search_post_insert AFTER INSERT ON posts BEGIN
  DELETE FROM post_search WHERE rowid = NEW.rowid;
  INSERT INTO post_search(rowid, title, body, variants, comments)
    SELECT NEW.rowid, NEW.title, NEW.body,
      (SELECT group_concat(text, ' ') FROM post_variants WHERE post_id = NEW.id AND deleted_at IS NULL),
      (SELECT group_concat(body, ' ') FROM comments WHERE post_id = NEW.id AND deleted_at IS NULL)
    WHERE NEW.deleted_at IS NULL;
END;

CREATE TRIGGER post_search_post_update AFTER UPDATE OF title, body, deleted_at ON posts BEGIN
  DELETE FROM post_search WHERE rowid = NEW.rowid;
  INSERT INTO post_search(rowid, title, body, variants, comments)
    SELECT NEW.rowid, NEW.title, NEW.body,
      (SELECT group_concat(text, ' ') FROM post_variants WHERE post_id = NEW.id AND deleted_at IS NULL),
      (SELECT group_concat(body, ' ') FROM comments WHERE post_id = NEW.id AND deleted_at IS NULL)
    WHERE NEW.deleted_at IS NULL;
END;

CREATE TRIGGER post_search_variant_insert AFTER INSERT ON post_variants BEGIN
  UPDATE posts SET title = title WHERE id = NEW.post_id;
END;
CREATE TRIGGER post_search_variant_update AFTER UPDATE OF text, deleted_at, post_id ON post_variants BEGIN
  UPDATE posts SET title = title WHERE id = NEW.post_id;
END;
CREATE TRIGGER post_search_comment_insert AFTER INSERT ON comments BEGIN
  UPDATE posts SET title = title WHERE id = NEW.post_id;
END;
CREATE TRIGGER post_search_comment_update AFTER UPDATE OF body, deleted_at, post_id ON comments BEGIN
  UPDATE posts SET title = title WHERE id = NEW.post_id;
END;
