// The demo's local fixture web: Telegram-preview, Facebook-group and job-board pages (with pagination,
// robots.txt and an RSS feed) rendered from the data in fixtures/sites/, in the platforms' own markup.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { z } from 'zod';

const TelegramData = z.object({
  channel: z.string(),
  title: z.string(),
  description: z.string(),
  messages: z.array(z.object({ id: z.number().int().positive(), date: z.string(), views: z.number().int(), text: z.string() })),
});
const FacebookData = z.object({
  group: z.string(),
  groupId: z.string(),
  title: z.string(),
  members: z.number().int(),
  posts: z.array(z.object({ id: z.string(), author: z.string(), time: z.number().int(), text: z.string(), reactions: z.number().int() })),
});
const JobsData = z.object({
  name: z.string(),
  ads: z.array(z.object({ id: z.string(), title: z.string(), company: z.string(), location: z.string(), date: z.string(), body: z.string() })),
});

const TELEGRAM_PAGE = 5;
const FACEBOOK_PAGE = 3;
const JOBS_PAGE = 4;

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const withBreaks = (s: string): string => esc(s).replace(/\n/g, '<br/>');

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  return schema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

function telegramMessage(channel: string, title: string, m: z.infer<typeof TelegramData>['messages'][number]): string {
  const post = `${channel}/${m.id}`;
  return `<div class="tgme_widget_message_wrap js-widget_message_wrap">
  <div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="${post}">
    <div class="tgme_widget_message_user"><a href="https://t.me/${channel}"><i class="tgme_widget_message_user_photo bgcolor1" data-content="${esc(title.slice(0, 1))}"></i></a></div>
    <div class="tgme_widget_message_bubble">
      <div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name" href="https://t.me/${channel}"><span dir="auto">${esc(title)}</span></a></div>
      <div class="tgme_widget_message_text js-message_text" dir="auto">${withBreaks(m.text)}</div>
      <div class="tgme_widget_message_footer compact js-message_footer">
        <div class="tgme_widget_message_info short js-message_info">
          <span class="tgme_widget_message_views">${m.views >= 1000 ? `${(m.views / 1000).toFixed(1)}K` : m.views}</span><span class="copyonly"> views</span><span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/${post}"><time datetime="${m.date.replace('Z', '+00:00')}" class="time">${m.date.slice(11, 16)}</time></a></span>
        </div>
      </div>
    </div>
  </div>
</div>`;
}

function telegramPage(data: z.infer<typeof TelegramData>, before: number | null): string {
  const all = [...data.messages].sort((a, b) => a.id - b.id);
  const eligible = before === null ? all : all.filter((m) => m.id < before);
  const shown = eligible.slice(-TELEGRAM_PAGE);
  const first = shown[0];
  const older = first !== undefined && all.some((m) => m.id < first.id);
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${esc(data.title)} – Telegram</title>
${older && first ? `<link rel="prev" href="/s/${data.channel}?before=${first.id}">` : ''}
<link rel="canonical" href="/s/${data.channel}">
</head><body class="widget_frame_base tgme_webpreview">
<header class="tgme_header"><div class="tgme_header_info"><div class="tgme_channel_info"><div class="tgme_channel_info_header_title"><span dir="auto">${esc(data.title)}</span></div><div class="tgme_channel_info_description">${withBreaks(data.description)}</div></div></div></header>
<main class="tgme_main"><section class="tgme_channel_history js-message_history">
${older && first ? `<div class="tme_messages_more js-messages_more" data-before="${first.id}"><a href="/s/${data.channel}?before=${first.id}" class="tme_messages_more js-messages_more" data-before="${first.id}"></a></div>` : ''}
${shown.map((m) => telegramMessage(data.channel, data.title, m)).join('\n')}
</section></main></body></html>`;
}

function facebookStory(data: z.infer<typeof FacebookData>, p: z.infer<typeof FacebookData>['posts'][number]): string {
  const ft = {
    top_level_post_id: p.id,
    mf_story_key: p.id,
    page_id: data.groupId,
    page_insights: { [data.groupId]: { page_id: data.groupId, page_id_type: 'group', post_context: { publish_time: p.time, story_fbid: [p.id] } } },
  };
  const when = new Date(p.time * 1000).toUTCString().slice(5, 22);
  return `<article class="_55wo _5rgr _5gh8 async_like" data-ft="${esc(JSON.stringify(ft))}" data-sigil="story-div story-popup-metadata">
  <div class="story_body_container">
    <header class="_7om2"><h3 class="_52jd"><strong><a href="/profile.php?id=${esc(p.author.replace(/\s+/g, '.').toLowerCase())}">${esc(p.author)}</a></strong></h3><div data-sigil="m-feed-voice-subtitle"><abbr>${esc(when)}</abbr></div></header>
    <div class="_5rgt _5nk5" data-ft="{&quot;tn&quot;:&quot;*s&quot;}"><div dir="auto"><p>${withBreaks(p.text)}</p></div></div>
  </div>
  <footer><div data-sigil="reactions-sentence-container"><div class="_1g06">${p.reactions}</div></div></footer>
</article>`;
}

function facebookPage(data: z.infer<typeof FacebookData>, offset: number): string {
  const posts = [...data.posts].sort((a, b) => b.time - a.time);
  const shown = posts.slice(offset, offset + FACEBOOK_PAGE);
  const more = offset + FACEBOOK_PAGE < posts.length;
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${esc(data.title)} | Facebook</title></head>
<body><div id="viewport"><div id="root">
<div id="m_group_stories_container">
<div class="_5-lx"><h1>${esc(data.title)}</h1><div>Grup Publik · ${data.members.toLocaleString('id-ID')} anggota</div></div>
<section>${shown.map((p) => facebookStory(data, p)).join('\n')}</section>
${more ? `<div id="see_more_pager"><a href="/groups/${data.group}?bac=${offset + FACEBOOK_PAGE}&amp;multi_permalinks&amp;refid=18">See more posts</a></div>` : ''}
</div></div></div></body></html>`;
}

function jobsPage(data: z.infer<typeof JobsData>, page: number): string {
  const shown = data.ads.slice((page - 1) * JOBS_PAGE, page * JOBS_PAGE);
  const more = page * JOBS_PAGE < data.ads.length;
  const card = (a: z.infer<typeof JobsData>['ads'][number]): string => `<li class="job-card">
  <h2 class="job-title"><a href="lowongan/${a.id}">${esc(a.title)}</a></h2>
  <div class="job-company">${esc(a.company)}</div><div class="job-location">${esc(a.location)}</div>
  <time datetime="${a.date}">${a.date}</time>
  <p class="job-desc">${esc(a.body)}</p>
</li>`;
  return `<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>Lowongan Kerja – ${esc(data.name)}</title></head>
<body><header><h1>${esc(data.name)}</h1></header>
<main><ul class="job-list">${shown.map(card).join('\n')}</ul>
<nav class="pagination">${page > 1 ? `<a class="prev" href="?page=${page - 1}">Sebelumnya</a>` : ''}${more ? `<a class="next" rel="next" href="?page=${page + 1}">Berikutnya</a>` : ''}</nav></main>
</body></html>`;
}

function jobsFeed(data: z.infer<typeof JobsData>, base: string): string {
  const items = data.ads
    .map((a) => `<item><title>${esc(a.title)} – ${esc(a.company)}</title><link>${esc(`${base}/jobs/lowongan/${a.id}`)}</link><guid isPermaLink="false">bursa-demo-${a.id}</guid><pubDate>${new Date(`${a.date}T08:00:00Z`).toUTCString()}</pubDate><description>${esc(`<p>${a.location}</p><p>${a.body}</p>`)}</description></item>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${esc(data.name)}</title><link>${esc(`${base}/jobs/lowongan`)}</link><description>Lowongan terbaru (demo)</description>
${items}
</channel></rss>`;
}

/** The fixture web's Hono app; mount it anywhere (the app mounts it at /demo-web). */
export function createFixtureWeb(rootDir: string): Hono {
  const app = new Hono();
  const load = {
    telegram: (channel: string) => readJson(path.join(rootDir, 'telegram', `${path.basename(channel)}.json`), TelegramData),
    facebook: (group: string) => readJson(path.join(rootDir, 'facebook', `${path.basename(group)}.json`), FacebookData),
    jobs: () => readJson(path.join(rootDir, 'jobs', 'board.json'), JobsData),
  };
  const exists = (fn: () => unknown): boolean => {
    try {
      fn();
      return true;
    } catch {
      return false;
    }
  };
  // The mount point, seen from a request: everything in the path before the route's own part.
  const baseOf = (url: string, routePath: string): string => {
    const u = new URL(url);
    return `${u.origin}${u.pathname.slice(0, u.pathname.length - routePath.length)}`;
  };

  app.get('/robots.txt', (c) => c.text(readFileSync(path.join(rootDir, 'robots.txt'), 'utf8')));
  app.get('/private/*', (c) => c.html('<html><body>private</body></html>'));
  app.get('/telegram/s/:channel', (c) => {
    const channel = c.req.param('channel');
    if (!/^\w+$/.test(channel) || !exists(() => load.telegram(channel))) return c.html('<html><body><div class="tgme_page">Channel not found</div></body></html>', 404);
    const before = c.req.query('before');
    return c.html(telegramPage(load.telegram(channel), before && /^\d+$/.test(before) ? Number(before) : null));
  });
  app.get('/telegram/:channel/:id', (c) => {
    const channel = c.req.param('channel');
    if (!/^\w+$/.test(channel) || !exists(() => load.telegram(channel))) return c.notFound();
    const data = load.telegram(channel);
    const m = data.messages.find((x) => String(x.id) === c.req.param('id'));
    if (!m) return c.notFound();
    return c.html(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>${esc(data.title)}</title></head><body class="tgme_page">${telegramMessage(data.channel, data.title, m)}</body></html>`);
  });
  app.get('/facebook/groups/:group', (c) => {
    const group = c.req.param('group');
    if (!/^\w+$/.test(group) || !exists(() => load.facebook(group))) return c.notFound();
    const bac = c.req.query('bac');
    return c.html(facebookPage(load.facebook(group), bac && /^\d+$/.test(bac) ? Number(bac) : 0));
  });
  app.get('/facebook/groups/:group/permalink/:id/', (c) => {
    const group = c.req.param('group');
    if (!/^\w+$/.test(group) || !exists(() => load.facebook(group))) return c.notFound();
    const data = load.facebook(group);
    const p = data.posts.find((x) => x.id === c.req.param('id'));
    if (!p) return c.notFound();
    return c.html(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>${esc(data.title)} | Facebook</title></head><body><div id="m_story_permalink_view">${facebookStory(data, p)}</div></body></html>`);
  });
  app.get('/jobs/lowongan', (c) => {
    const page = Number(c.req.query('page') ?? '1');
    return c.html(jobsPage(load.jobs(), Number.isInteger(page) && page > 0 ? page : 1));
  });
  app.get('/jobs/lowongan/:id', (c) => {
    const ad = load.jobs().ads.find((a) => a.id === c.req.param('id'));
    if (!ad) return c.notFound();
    return c.html(`<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>${esc(ad.title)}</title></head><body><article class="job-detail"><h1>${esc(ad.title)}</h1><div>${esc(ad.company)} · ${esc(ad.location)}</div><time datetime="${ad.date}">${ad.date}</time><p>${esc(ad.body)}</p></article></body></html>`);
  });
  app.get('/jobs/feed.xml', (c) => {
    c.header('content-type', 'application/rss+xml; charset=utf-8');
    return c.body(jobsFeed(load.jobs(), baseOf(c.req.url, '/jobs/feed.xml')));
  });
  return app;
}

/** Selectors of the demo job board, also an example for operators adding a site. */
export const DEMO_JOB_BOARD_SELECTORS = {
  list: 'ul.job-list',
  item: 'li.job-card',
  text: '.job-title, .job-company, .job-location, .job-desc',
  link: '.job-title a',
  date: 'time',
  author: '.job-company',
  next: 'a.next',
};
