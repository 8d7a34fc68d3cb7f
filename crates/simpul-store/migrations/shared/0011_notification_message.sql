-- Notifications in the reader's language (issue 9.14): the message key and arguments of
-- the title and body as JSON, rendered by the web UI in the user's language. Rows written
-- before this keep NULL and show their stored Indonesian title and body.
ALTER TABLE notifications ADD COLUMN message_json TEXT;
