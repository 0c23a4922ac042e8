// Posts the database refused to store a stage's results for (SQLSTATE 22/54, isolated in a job of their
// own by the worker host). The periodic reconciler skips them: re-queueing such a post every round only
// failed it again. `waspada jobs reconcile --include-refused` queues them once more after a fix, and
// clears their marks. No foreign key, like the other rows derived from a post (migration 007): the
// retention purge deletes them with their post.
export const up = /* sql */ `
CREATE TABLE post_refusals (
  post_id integer PRIMARY KEY,
  job text NOT NULL,
  error text NOT NULL,
  refused_at timestamptz NOT NULL DEFAULT now()
)
`;
