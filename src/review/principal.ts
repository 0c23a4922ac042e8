// The authenticated user behind a request (console session or API token).
import type { Role } from './roles.js';

export interface Principal {
  userId: number;
  username: string;
  role: Role;
  /** Console sessions only: the CSRF token forms and fetches must echo. */
  csrf?: string;
  sessionId?: string;
}
