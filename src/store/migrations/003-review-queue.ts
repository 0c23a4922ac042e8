// Queue filters on the cases table itself (platform, collection time, score, destination countries),
// filled by a trigger at insert so the route stage's INSERT is unchanged; a filtered queue page then
// scans one index instead of joining a million posts.
export const up = /* sql */ `
ALTER TABLE cases ADD COLUMN platform text, ADD COLUMN collected_at timestamptz, ADD COLUMN probability double precision, ADD COLUMN countries text[] NOT NULL DEFAULT '{}';

CREATE FUNCTION cases_fill_filters() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN SELECT p.platform, p.collected_at INTO NEW.platform, NEW.collected_at FROM posts p WHERE p.id = NEW.post_id; SELECT s.probability INTO NEW.probability FROM scores s WHERE s.post_id = NEW.post_id; SELECT coalesce(array_agg(DISTINCT d->>'country') FILTER (WHERE d->>'country' IS NOT NULL), '{}') INTO NEW.countries FROM features f, jsonb_array_elements(f.data->'destinations') d WHERE f.post_id = NEW.post_id; RETURN NEW; END $$;

CREATE TRIGGER cases_fill_filters BEFORE INSERT ON cases FOR EACH ROW EXECUTE FUNCTION cases_fill_filters();

UPDATE cases c SET platform = p.platform, collected_at = p.collected_at FROM posts p WHERE p.id = c.post_id;
UPDATE cases c SET probability = s.probability FROM scores s WHERE s.post_id = c.post_id;
UPDATE cases c SET countries = coalesce((SELECT array_agg(DISTINCT d->>'country') FROM features f, jsonb_array_elements(f.data->'destinations') d WHERE f.post_id = c.post_id AND d->>'country' IS NOT NULL), '{}');

CREATE INDEX cases_queue_platform_idx ON cases (queue, status, platform, priority DESC, id)
`;
