// Review console: sessions, API tokens, login attempts, and the indexes the queue, case and
// related-posts queries need at a million posts.
export const up = /* sql */ `
CREATE TABLE sessions (
  id          text PRIMARY KEY,
  user_id     integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

CREATE TABLE api_tokens (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id       integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash    text NOT NULL UNIQUE,
  label         text NOT NULL DEFAULT '',
  revoked       boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz
);

CREATE TABLE login_failures (
  key  text NOT NULL,
  at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_key_idx ON login_failures (key, at);

CREATE INDEX posts_text_md5_idx ON posts (md5(text));
CREATE INDEX features_contacts_idx ON features USING gin ((data->'contacts') jsonb_path_ops);
CREATE INDEX cases_claim_expiry_idx ON cases (claim_expires_at) WHERE status = 'claimed';
CREATE INDEX cases_status_priority_idx ON cases (status, priority DESC, id);
CREATE INDEX shadow_disagree_idx ON shadow_scores (model_version, created_at DESC) WHERE disagrees;
CREATE INDEX evidence_post_idx ON evidence (post_id);
CREATE INDEX audit_log_action_idx ON audit_log (action, id)
`;
