// Pipeline throughput: the route stage now fills the queue-filter columns of a batch of cases itself
// (one set-based statement), so the 003 trigger only runs for rows inserted without them, and skips
// its three lookups per row otherwise.
export const up = /* sql */ `
DROP TRIGGER cases_fill_filters ON cases;
CREATE TRIGGER cases_fill_filters BEFORE INSERT ON cases FOR EACH ROW WHEN (NEW.platform IS NULL) EXECUTE FUNCTION cases_fill_filters()
`;
