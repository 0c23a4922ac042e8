// The adapters' parsers against real pages saved from Telegram, Facebook and X (fixtures/real-pages, MIT),
// and against our own Instagram fixture written in Instagram's JSON structure.
import { describe, expect, it } from 'vitest';
import { PostInput } from '../../src/contracts/post.js';
import { parseFacebookPage } from '../../src/collect/adapters/facebook.js';
import { instagramJsonUrl, parseInstagramJson } from '../../src/collect/adapters/instagram.js';
import { parseTelegramPage, telegramChannelOf } from '../../src/collect/adapters/telegram.js';
import { parseXTimeline } from '../../src/collect/adapters/x.js';
import { realPage } from './helpers/real-pages.js';

describe('telegram preview (real t.me/s/topwar_official page)', () => {
  const page = parseTelegramPage(realPage('telegram/full.html'), 'https://t.me/s/topwar_official');

  it('finds all 12 messages, newest first, with their ids, times and views', () => {
    expect(page.items.map((i) => [i.key, i.post.postedAt, (i.post.reach as { views?: number }).views])).toEqual([
      ['topwar_official/71008', '2023-02-28T13:14:03+00:00', 14900],
      ['topwar_official/71007', '2023-02-28T13:02:00+00:00', 16800],
      ['topwar_official/71006', '2023-02-28T12:48:58+00:00', 17200],
      ['topwar_official/71000', '2023-02-28T10:52:36+00:00', 28700],
      ['topwar_official/70999', '2023-02-28T10:43:08+00:00', 28700],
      ['topwar_official/70998', '2023-02-28T10:29:08+00:00', 29000],
      ['topwar_official/70997', '2023-02-28T10:00:03+00:00', 30300],
      ['topwar_official/70996', '2023-02-28T09:06:02+00:00', 32900],
      ['topwar_official/70995', '2023-02-28T08:54:50+00:00', 33600],
      ['topwar_official/70992', '2023-02-28T08:51:58+00:00', 33800],
      ['topwar_official/70990', '2023-02-28T08:09:50+00:00', 34500],
      ['topwar_official/70989', '2023-02-28T07:47:53+00:00', 37200],
    ]);
  });

  it('reads text with line breaks, the permalink, the author and the photo', () => {
    const oldest = page.items.at(-1);
    expect(oldest?.post).toMatchObject({
      platform: 'telegram',
      externalId: 'topwar_official/70989',
      url: 'https://t.me/topwar_official/70989',
      author: { id: 'topwar_official', name: 'Военное обозрение', url: 'https://t.me/topwar_official' },
      text: 'В Санкт-Петербурге в небо над городом подняли истребители из-за неизвестного объекта в воздухе, аэропорт Пулково не принимает самолеты, сообщает Baza.\nСудя по сервису Flightradar, гражданские самолеты не приближаются к Санкт-Петербургу.',
    });
    const media = oldest?.post.media as Array<{ kind: string; url: string }>;
    expect(media).toHaveLength(1);
    expect(media[0]?.kind).toBe('photo');
    expect(media[0]?.url).toMatch(/^https:\/\/cdn4\.telegram-cdn\.org\/file\/J1iJAZDc.*\.jpg$/);
  });

  it('pages back from the oldest message with ?before=', () => {
    expect(page.next).toBe('https://t.me/s/topwar_official?before=70989');
    expect(page.recognized).toBe(true);
  });

  it('every message passes the PostInput schema', () => {
    for (const item of page.items) expect(PostInput.safeParse(item.post).success).toBe(true);
  });

  it('reads a signed message, a poll, a forward and a link preview from real fragments', () => {
    const signed = parseTelegramPage(realPage('telegram/message_with_from_author.html'), 'https://t.me/s/channel').items[0];
    expect(signed?.post).toMatchObject({ externalId: 'channel/4', text: 'test', postedAt: '2023-02-28T16:38:34+00:00', author: { name: '🅰️rkadiy Ivanov' }, reach: { views: 1 } });
    const poll = parseTelegramPage(realPage('telegram/message_poll.html'), 'https://t.me/s/it_begin').items[0];
    expect(poll?.post.text).toBe('Как лучше?\nНесколько постов в день\nОдин пост в несколько дней\nСвой вариант в комментарии');
    expect(poll?.post.reach).toEqual({ views: 1100 });
    const forwarded = parseTelegramPage(realPage('telegram/message_media_forwarded_from.html'), 'https://t.me/s/oper_goblin').items[0];
    expect(forwarded?.post).toMatchObject({ externalId: 'oper_goblin/22358', notes: ['forwarded from Пул N3'], reach: { views: 214400 } });
    const link = parseTelegramPage(realPage('telegram/message_link_preview.html'), 'https://t.me/s/oper_goblin').items[0];
    expect(link?.post.media).toEqual([{ kind: 'link', url: 'https://vnnews.ru/georgiy-zotov-okkupaciya-volosatym-kr/' }]);
  });

  it('keeps permalinks and pagination on a mirror mounted under a sub-path', () => {
    expect(telegramChannelOf('http://127.0.0.1:8080/demo-web/telegram/s/lokerdemo')).toEqual({ channel: 'lokerdemo', root: 'http://127.0.0.1:8080/demo-web/telegram' });
    const mirrored = parseTelegramPage(realPage('telegram/full.html'), 'http://127.0.0.1:9/m/s/topwar_official');
    expect(mirrored.items[0]?.post.url).toBe('http://127.0.0.1:9/m/topwar_official/71008');
    expect(mirrored.next).toBe('http://127.0.0.1:9/m/s/topwar_official?before=70989');
  });
});

describe('facebook (real m.facebook.com recordings)', () => {
  const group = parseFacebookPage(realPage('facebook/group-posts.html.gz'), 'https://m.facebook.com/groups/117507531664134/');

  it('finds the 21 stories of the group feed with ids and publish times', () => {
    expect(group.items).toHaveLength(21);
    expect(group.items.slice(0, 4).map((i) => [i.key, i.post.postedAt])).toEqual([
      ['1629606003787605', '2018-04-03T20:02:42.000Z'],
      ['4027350330679815', '2021-06-02T01:24:03.000Z'],
      ['4027245694023612', '2021-06-02T00:21:50.000Z'],
      ['4015085418572973', '2021-05-28T17:24:46.000Z'],
    ]);
    expect(group.items.at(-1)?.key).toBe('3969876906427158');
  });

  it('reads the full text behind "More", the author and the group permalink', () => {
    const first = group.items[0]?.post;
    expect(first?.author).toEqual({ name: 'Omar U. Florez', url: 'https://m.facebook.com/omarflorez' });
    expect(first?.url).toBe('https://m.facebook.com/groups/117507531664134/permalink/1629606003787605/');
    expect(first?.text).toMatch(/^Hola!, This group is aimed to create opportunities for South American students/);
    expect(first?.text).toContain('recognized, increase fairness');
    expect(first?.text).not.toContain('More');
    expect(first?.text).toMatch(/3\. Political and religious advertisement are not allowed\.$/);
    expect(group.items[9]?.post).toMatchObject({ externalId: '3993844284030420', text: 'Becas de DeepMind', postedAt: '2021-05-21T15:30:02.000Z' });
  });

  it('takes a shared post\'s text when the sharer wrote none', () => {
    const shared = group.items[2]?.post;
    expect(shared?.text).toMatch(/^Mientras hay gente que se pasa diciendo "en este país no se puede"/);
    expect(shared?.notes).toEqual(["text is the shared post's"]);
  });

  it('follows the "See more posts" link', () => {
    expect(group.next).toBe('https://m.facebook.com/groups/117507531664134?bac=MTYyMDkzNjY3OTozOTY5ODc2OTA2NDI3MTU4OjM5Njk4NzY5MDY0MjcxNTgsMCwwOjIwOkt3PT0%3D&multi_permalinks&refid=18');
  });

  it('reads a page story and a group permalink page', () => {
    const story = parseFacebookPage(realPage('facebook/page-story.html.gz'), 'https://m.facebook.com/story.php?story_fbid=3065154550235644&id=119240841493711');
    expect(story.items[0]?.post).toMatchObject({
      externalId: '3065154550235644',
      postedAt: '2020-05-13T01:01:18.000Z',
      author: { name: 'Nintendo' },
      text: 'Check out these themed wallpapers and many more at the link below for your personal use! We hope you enjoy them!\nhttps://www.nintendo.com/wallpapers/',
    });
    const permalink = parseFacebookPage(realPage('facebook/group-permalink.html.gz'), 'https://m.facebook.com/groups/southamericansincomputing/permalink/1629606003787605/');
    expect(permalink.items.map((i) => i.key)).toEqual(['1629606003787605']);
  });
});

describe('x (real GraphQL responses)', () => {
  it('reads the 20 tweets of a SearchTimeline and its bottom cursor', () => {
    const search = parseXTimeline(JSON.parse(realPage('x/raw_search.json.gz')), 'https://x.com/search?q=tesla');
    expect(search.items).toHaveLength(20);
    expect(search.items[0]?.post).toMatchObject({
      externalId: '2074976613713031490',
      url: 'https://x.com/piloly/status/2074976613713031490',
      author: { id: '20472409', name: 'Roland Pircher', url: 'https://x.com/piloly' },
      postedAt: '2026-07-08T21:59:10.000Z',
      reach: { views: 25900, reactions: 312 },
      lang: 'en',
    });
    // A long post's full text comes from note_tweet, not the 280-character legacy text.
    expect(search.items[0]?.post.text).toMatch(/~60% of Tesla sales in Europe\)$/);
    expect(search.items.at(-1)?.key).toBe('2074951212344992233');
    expect(search.bottomCursor).toMatch(/^DAADDAABCgABHMvMPImbsUIK/);
  });

  it('reads a user timeline, including the pinned tweet and conversation modules', () => {
    const user = parseXTimeline(JSON.parse(realPage('x/raw_user_tweets.json.gz')), 'https://x.com/XDevelopers');
    expect(user.items).toHaveLength(21);
    expect(user.items[0]?.key).toBe('2083305234688803178');
    expect(user.items.map((i) => i.key)).toContain('2019881223666233717');
    expect(user.items.map((i) => i.key)).toContain('2082640276389249363');
  });

  it('reads a tweet detail thread', () => {
    const detail = parseXTimeline(JSON.parse(realPage('x/raw_tweet_details.json.gz')), 'https://x.com/TwitterDev/status/1');
    expect(detail.items).toHaveLength(37);
    expect(detail.items[1]?.post).toMatchObject({ externalId: '1672236226550571009', text: '@TwitterDev ok twitter', postedAt: '2023-06-23T13:32:39.000Z' });
  });

  it('recognizes a response without a timeline as no timeline', () => {
    const profile = parseXTimeline(JSON.parse(realPage('x/raw_user_by_login.json.gz')), 'https://x.com/x');
    expect(profile.recognized).toBe(false);
    expect(profile.items).toEqual([]);
  });
});

describe('instagram (our fixture in the web profile JSON structure)', () => {
  const json: unknown = JSON.parse(realPage('instagram/profile-lokerdemo.json'));

  it('reads captions, times, media and likes of every node, newest first', () => {
    const page = parseInstagramJson(json, 'https://www.instagram.com/lokerdemo.id/');
    expect(page.items.map((i) => i.key)).toEqual(['DEMO0000003', 'DEMO0000002', 'DEMO0000001']);
    expect(page.items[0]?.post).toMatchObject({
      platform: 'instagram',
      url: 'https://www.instagram.com/p/DEMO0000003/',
      postedAt: '2026-11-05T03:00:00.000Z',
      author: { id: '9000000001', url: 'https://www.instagram.com/lokerdemo.id/' },
      reach: { reactions: 87 },
    });
    expect(page.items[0]?.post.text).toMatch(/^LOWONGAN ADMIN 🇰🇭 Kamboja\n/);
    expect(page.items[1]?.post.media).toEqual([{ kind: 'video', url: 'https://example.invalid/ig/DEMO0000002.mp4' }]);
    expect(page.items[2]?.post.media).toHaveLength(2);
    expect(page.items[2]?.post.text).toBe('');
    expect(page.endCursor).toBeNull();
  });

  it('maps profile and hashtag pages to their JSON endpoints, on mirrors too', () => {
    expect(instagramJsonUrl('https://www.instagram.com/lokerdemo.id/')).toBe('https://www.instagram.com/api/v1/users/web_profile_info/?username=lokerdemo.id');
    expect(instagramJsonUrl('https://www.instagram.com/explore/tags/kerjakamboja/')).toBe('https://www.instagram.com/api/v1/tags/web_info/?tag_name=kerjakamboja');
    expect(instagramJsonUrl('http://127.0.0.1:9/ig/lokerdemo.id')).toBe('http://127.0.0.1:9/ig/api/v1/users/web_profile_info/?username=lokerdemo.id');
  });
});
