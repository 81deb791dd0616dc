-- Who applied each import and why: /changes shows the reason to readers, /admin/log the actor
-- (an admin session, the API token, the command line or the system loading built-in data).
ALTER TABLE imports ADD COLUMN actor TEXT NOT NULL DEFAULT 'system';
ALTER TABLE imports ADD COLUMN reason TEXT NOT NULL DEFAULT '';
