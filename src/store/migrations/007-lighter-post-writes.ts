// Pipeline throughput: fewer writes per post on its way through the stages.
//
// The rows derived from a post — features, scores, shadow scores, campaign signature — lose their foreign
// key to posts. Every insert's key check locked the post's row (SELECT … FOR KEY SHARE): a write to the
// posts page and a WAL record per derived row, ~20 µs each on the embedded database, three or four per post.
// Instead every writer inserts only for posts that exist (checked in the same statement), and the retention
// purge deletes these rows with their post and sweeps any orphan left by a post deleted between that check
// and the insert. Cases, case events, evidence and takedown rows keep their keys: they hold analysts' work
// and are written far less often.
//
// The posts' stage index keeps only unfinished posts: the move to 'routed' rewrites the row, and each
// rewrite inserts into every index of the table; routed posts (nearly all of them) were never looked up by
// stage, only counted, which reads the table anyway. posts_created_idx goes: no query used it.
export const up = /* sql */ `
ALTER TABLE features DROP CONSTRAINT IF EXISTS features_post_id_fkey;
ALTER TABLE scores DROP CONSTRAINT IF EXISTS scores_post_id_fkey;
ALTER TABLE shadow_scores DROP CONSTRAINT IF EXISTS shadow_scores_post_id_fkey;
ALTER TABLE post_signatures DROP CONSTRAINT IF EXISTS post_signatures_post_id_fkey;
CREATE INDEX posts_unfinished_idx ON posts (stage, id) WHERE stage <> 'routed';
DROP INDEX posts_stage_idx;
DROP INDEX posts_created_idx
`;
