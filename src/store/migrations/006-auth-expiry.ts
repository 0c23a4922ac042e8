// Session idle timeout and API token expiry: when a session was last used (written at most once a
// minute, see src/store/sessions.ts) and an optional end date per token (NULL: tokens made before
// this migration keep working until revoked).
export const up = /* sql */ `
ALTER TABLE sessions ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz;
CREATE INDEX sessions_user_idx ON sessions (user_id)
`;
