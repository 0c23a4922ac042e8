// The sources the demo schedules, all on the local fixture web (see fixture-web.ts).
import type { SourceInput } from '../contracts/source.js';
import { DEMO_JOB_BOARD_SELECTORS } from './fixture-web.js';

/** `baseUrl` is where the fixture web is mounted, e.g. http://127.0.0.1:8080/demo-web. */
export function demoSources(baseUrl: string): SourceInput[] {
  const base = baseUrl.replace(/\/$/, '');
  return [
    { name: 'demo-telegram-lokerdemo', adapter: 'telegram', url: `${base}/telegram/s/lokerdemo`, schedule: '*/10 * * * *', enabled: true, options: {} },
    { name: 'demo-facebook-lokerluarnegeri', adapter: 'facebook', url: `${base}/facebook/groups/lokerluarnegeri`, schedule: '*/10 * * * *', enabled: true, options: {} },
    { name: 'demo-jobs-board', adapter: 'site', url: `${base}/jobs/lowongan`, schedule: '*/15 * * * *', enabled: true, options: { ...DEMO_JOB_BOARD_SELECTORS, root: base } },
    { name: 'demo-jobs-feed', adapter: 'feed', url: `${base}/jobs/feed.xml`, schedule: '*/15 * * * *', enabled: true, options: {} },
  ];
}
