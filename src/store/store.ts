// The store: every repository over one database connection.
import { CaseRepository } from './cases.js';
import type { Db } from './db.js';
import { EvidenceRepository } from './evidence.js';
import { FeatureRepository, ScoreRepository } from './analysis.js';
import { PostRepository } from './posts.js';
import { RejectRepository } from './rejects.js';
import { AuditRepository } from './audit.js';
import { CaseActionRepository } from './case-actions.js';
import { ReviewReadRepository } from './review-reads.js';
import { LoginFailureRepository, SessionRepository, TokenRepository } from './sessions.js';
import { UserRepository } from './users.js';
import { SourceRepository } from './sources.js';
import { StageBatchRepository } from './stage-batches.js';
import { CampaignRepository } from './campaign-repository.js';
import { TakedownRepository } from './takedown-repository.js';

export class Store {
  readonly posts: PostRepository;
  readonly features: FeatureRepository;
  readonly scores: ScoreRepository;
  readonly cases: CaseRepository;
  readonly sources: SourceRepository;
  readonly rejects: RejectRepository;
  readonly evidence: EvidenceRepository;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly tokens: TokenRepository;
  readonly loginFailures: LoginFailureRepository;
  readonly audit: AuditRepository;
  readonly caseActions: CaseActionRepository;
  readonly review: ReviewReadRepository;
  /** Each pipeline stage's batch read and write, one statement each. */
  readonly stages: StageBatchRepository;
  readonly campaigns: CampaignRepository;
  readonly takedowns: TakedownRepository;

  constructor(readonly db: Db) {
    this.posts = new PostRepository(db);
    this.features = new FeatureRepository(db);
    this.scores = new ScoreRepository(db);
    this.cases = new CaseRepository(db);
    this.sources = new SourceRepository(db);
    this.rejects = new RejectRepository(db);
    this.evidence = new EvidenceRepository(db);
    this.users = new UserRepository(db);
    this.sessions = new SessionRepository(db);
    this.tokens = new TokenRepository(db);
    this.loginFailures = new LoginFailureRepository(db);
    this.audit = new AuditRepository(db);
    this.caseActions = new CaseActionRepository(db);
    this.review = new ReviewReadRepository(db);
    this.stages = new StageBatchRepository(db);
    this.campaigns = new CampaignRepository(db);
    this.takedowns = new TakedownRepository(db);
  }

  async ping(): Promise<boolean> {
    try {
      await this.db.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  /** A random id made once per database; job ids carry it (see JobProducer). */
  async installationId(): Promise<string> {
    await this.db.query(`INSERT INTO meta (key, value) VALUES ('installation.id', to_jsonb(md5(random()::text || clock_timestamp()::text))) ON CONFLICT (key) DO NOTHING`);
    return (await this.getMeta<string>('installation.id'))!;
  }

  async getMeta<T>(key: string): Promise<T | null> {
    const rows = await this.db.query<{ value: T }>('SELECT value FROM meta WHERE key = $1', [key]);
    return rows[0]?.value ?? null;
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    await this.db.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [key, JSON.stringify(value)]);
  }
}
