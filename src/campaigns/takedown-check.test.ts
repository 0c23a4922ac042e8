import { describe, expect, it } from 'vitest';
import { classifyTakedown } from './takedown-check.js';

const page = (body: string, status = 200, wall: string | null = null) => ({ kind: 'page' as const, url: 'https://x.test/p/1', status, body, wall });

describe('classifyTakedown', () => {
  it('treats 404 and 410 as removed, whether the fetcher threw or returned', () => {
    expect(classifyTakedown('site', { kind: 'failed', httpStatus: 404, message: 'HTTP 404' }).status).toBe('removed');
    expect(classifyTakedown('site', { kind: 'failed', httpStatus: 410, message: 'HTTP 410' }).status).toBe('removed');
    expect(classifyTakedown('site', page('', 410)).status).toBe('removed');
  });

  it('recognises the platform\'s "content isn\'t available" pages, typographic apostrophes included', () => {
    expect(classifyTakedown('facebook', page('<h2>This content isn’t available right now</h2>')).status).toBe('removed');
    expect(classifyTakedown('instagram', page('Maaf, halaman ini tidak tersedia.')).status).toBe('removed');
    expect(classifyTakedown('x', page('Hmm...this page doesn’t exist. Try searching for something else.')).status).toBe('removed');
    expect(classifyTakedown('telegram', page('<div class="tgme_widget_message_error">Post not found</div>')).status).toBe('removed');
  });

  it('applies a platform\'s markers only to that platform', () => {
    expect(classifyTakedown('telegram', page('Video currently unavailable')).status).toBe('up');
    expect(classifyTakedown('tiktok', page('Video currently unavailable')).status).toBe('removed');
  });

  it('never calls a walled page "up", nor a server error "removed"', () => {
    expect(classifyTakedown('facebook', page('<form id="login_form">', 200, 'login_wall')).status).toBe('error');
    expect(classifyTakedown('facebook', { kind: 'failed', httpStatus: 503, message: 'HTTP 503' }).status).toBe('error');
    expect(classifyTakedown('facebook', { kind: 'failed', httpStatus: null, message: 'timed out' })).toEqual({ status: 'error', httpStatus: null, detail: 'timed out' });
  });

  it('calls an ordinary page up', () => {
    expect(classifyTakedown('facebook', page('<p>LOKER KAMBOJA gaji 15 juta</p>'))).toEqual({ status: 'up', httpStatus: 200, detail: 'HTTP 200' });
  });
});
