// Pipeline throughput: the rows derived from a post — features, scores, shadow scores, campaign signature —
// lose their foreign key to posts. Every insert's key check locked the post's row (SELECT … FOR KEY SHARE):
// a write to the posts page and a WAL record per derived row, ~20 µs each on the embedded database, three or
// four per post. Instead every writer inserts only for posts that exist (checked in the same statement), and
// the retention purge deletes these rows with their post and sweeps any orphan left by a post deleted between
// that check and the insert. Cases, case events, evidence and takedown rows keep their keys: they hold
// analysts' work, and are written far less often.
export const up = /* sql */ `
ALTER TABLE features DROP CONSTRAINT IF EXISTS features_post_id_fkey;
ALTER TABLE scores DROP CONSTRAINT IF EXISTS scores_post_id_fkey;
ALTER TABLE shadow_scores DROP CONSTRAINT IF EXISTS shadow_scores_post_id_fkey;
ALTER TABLE post_signatures DROP CONSTRAINT IF EXISTS post_signatures_post_id_fkey
`;
