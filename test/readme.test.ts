// The README stays true: every setting and every CLI command appears in it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildProgramForDocs } from './helpers/program.js';
import { SETTINGS } from '../src/config.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it.each(Object.values(SETTINGS).map((s) => s.env))('documents the setting %s', (env) => {
    expect(readme).toContain(`\`${env}\``);
  });
  it('documents every CLI command', async () => {
    const program = await buildProgramForDocs();
    const names = program.commands.map((c) => c.name());
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) expect(readme, `command ${name}`).toMatch(new RegExp(`waspada ${name}\\b`));
  });
  it('shows the two commands for a fresh machine', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });
});
