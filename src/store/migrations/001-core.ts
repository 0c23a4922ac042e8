// Core pipeline tables: posts through every stage, sources, evidence, cases and decisions, audit.
export const up = /* sql */ `
CREATE TABLE posts (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dedupe_key    text NOT NULL UNIQUE,
  platform      text NOT NULL,
  external_id   text,
  url           text,
  author        jsonb,
  text          text NOT NULL,
  posted_at     timestamptz,
  collected_at  timestamptz NOT NULL DEFAULT now(),
  source        text,
  media         jsonb NOT NULL DEFAULT '[]',
  reach         jsonb NOT NULL DEFAULT '{}',
  notes         jsonb NOT NULL DEFAULT '[]',
  -- How far the post has gone: collected -> extracted -> scored -> routed.
  stage         text NOT NULL DEFAULT 'collected',
  campaign_id   integer,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX posts_stage_idx ON posts (stage);
CREATE INDEX posts_campaign_idx ON posts (campaign_id) WHERE campaign_id IS NOT NULL;
CREATE INDEX posts_created_idx ON posts (created_at);

CREATE TABLE features (
  post_id     integer PRIMARY KEY REFERENCES posts(id) ON DELETE CASCADE,
  version     text NOT NULL,
  data        jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE scores (
  post_id        integer PRIMARY KEY REFERENCES posts(id) ON DELETE CASCADE,
  model_version  text NOT NULL,
  probability    double precision NOT NULL,
  threshold      double precision NOT NULL,
  verdict        text NOT NULL,
  uncertain      boolean NOT NULL DEFAULT false,
  reasons        jsonb NOT NULL DEFAULT '[]',
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX scores_verdict_idx ON scores (verdict);

CREATE TABLE shadow_scores (
  post_id        integer NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  model_version  text NOT NULL,
  probability    double precision NOT NULL,
  verdict        text NOT NULL,
  disagrees      boolean NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (post_id, model_version)
);

CREATE TABLE cases (
  id                integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  post_id           integer NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  queue             text NOT NULL,
  status            text NOT NULL DEFAULT 'open',
  priority          double precision NOT NULL DEFAULT 0,
  reasons           jsonb NOT NULL DEFAULT '[]',
  flags             jsonb NOT NULL DEFAULT '[]',
  claimed_by        text,
  claim_expires_at  timestamptz,
  decision          text,
  outcome           text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (post_id, queue)
);
CREATE INDEX cases_queue_status_priority_idx ON cases (queue, status, priority DESC, id);

CREATE TABLE case_events (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id      integer NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  actor        text NOT NULL,
  action       text NOT NULL,
  from_status  text,
  to_status    text,
  data         jsonb NOT NULL DEFAULT '{}',
  at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_events_case_idx ON case_events (case_id, id);

CREATE TABLE decisions (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id     integer NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  label       text NOT NULL,
  reason      text NOT NULL DEFAULT '',
  notes       text NOT NULL DEFAULT '',
  decided_by  text NOT NULL,
  decided_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX decisions_case_idx ON decisions (case_id);

CREATE TABLE sources (
  id             integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name           text NOT NULL UNIQUE,
  adapter        text NOT NULL,
  url            text NOT NULL,
  schedule       text NOT NULL,
  enabled        boolean NOT NULL DEFAULT true,
  options        jsonb NOT NULL DEFAULT '{}',
  ignore_robots  jsonb,
  cursor         text,
  health         text NOT NULL DEFAULT 'never_run',
  last_run_at    timestamptz,
  last_items     integer NOT NULL DEFAULT 0,
  last_error     text,
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE evidence (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  post_id          integer NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  kind             text NOT NULL,
  storage_key      text NOT NULL,
  sha256           text NOT NULL,
  bytes            integer NOT NULL,
  captured_at      timestamptz NOT NULL,
  url              text,
  crawler_version  text,
  UNIQUE (post_id, sha256)
);

CREATE TABLE rejects (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  origin      text NOT NULL,
  record      text NOT NULL,
  error       text NOT NULL,
  snippet     text,
  at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id             integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username       text NOT NULL UNIQUE,
  role           text NOT NULL,
  password_hash  text NOT NULL,
  disabled       boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_log (
  id         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  actor      text NOT NULL,
  action     text NOT NULL,
  subject    text,
  data       jsonb NOT NULL DEFAULT '{}',
  prev_hash  text NOT NULL,
  hash       text NOT NULL
);

CREATE TABLE meta (
  key    text PRIMARY KEY,
  value  jsonb NOT NULL
);
`;
