// Hono environment of the web app: what the middleware puts on the context for handlers.
import type { Lang } from '../review/i18n.js';
import type { Principal } from '../review/principal.js';

export type { Principal };

export interface AppEnv {
  Variables: {
    principal: Principal;
    lang: Lang;
  };
}
