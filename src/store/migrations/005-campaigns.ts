// Campaign intelligence: MinHash signatures kept per post (route workers rebuild their campaign index
// without re-reading every text), and takedown tracking of referred posts (targets and every re-check).
export const up = /* sql */ `
CREATE TABLE post_signatures (
  post_id    integer PRIMARY KEY REFERENCES posts(id) ON DELETE CASCADE,
  -- SIGNATURE_VERSION of src/campaigns/signature.ts; a row of another version is recomputed from the text.
  version    text NOT NULL,
  -- encodeSignature(): 64 little-endian uint32, 256 bytes.
  signature  bytea NOT NULL
);

CREATE TABLE takedown_targets (
  post_id        integer PRIMARY KEY REFERENCES posts(id) ON DELETE CASCADE,
  case_id        integer NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  platform       text NOT NULL,
  url            text NOT NULL,
  referred_at    timestamptz NOT NULL,
  -- NULL once no more checks are due (removed, or the re-check plan ran out).
  next_check_at  timestamptz,
  last_status    text,
  removed_at     timestamptz,
  checks         integer NOT NULL DEFAULT 0
);
CREATE INDEX takedown_targets_due_idx ON takedown_targets (next_check_at) WHERE next_check_at IS NOT NULL;

CREATE TABLE takedown_observations (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  post_id      integer NOT NULL REFERENCES takedown_targets(post_id) ON DELETE CASCADE,
  checked_at   timestamptz NOT NULL,
  -- up | removed | error (unreachable, blocked, login wall: the post's state is unknown).
  status       text NOT NULL,
  http_status  integer,
  detail       text
);
CREATE INDEX takedown_observations_post_idx ON takedown_observations (post_id, checked_at)
`;
