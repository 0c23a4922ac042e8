// Repeat-offender boost and its bilingual reasons.
import { describe, expect, it } from 'vitest';
import { Reason } from '../contracts/common.js';
import { REPEAT_WEIGHTS, decideRepeatOffender, type PriorDecisions } from './repeat-offender.js';

const none: PriorDecisions = { campaign: { scam: 0, referred: 0 }, contacts: { scam: 0, referred: 0 }, repostAfterTakedown: false };

describe('decideRepeatOffender', () => {
  it('gives no boost and no reason to a first-time campaign', () => {
    expect(decideRepeatOffender(none)).toEqual({ boost: 0, repeat: false, reasons: [] });
  });

  it('raises priority when the campaign or a contact was already decided, more with more priors', () => {
    const once = decideRepeatOffender({ ...none, contacts: { scam: 1, referred: 0 } });
    const often = decideRepeatOffender({ ...none, campaign: { scam: 5, referred: 3 } });
    expect(once.repeat).toBe(true);
    expect(once.boost).toBeGreaterThan(REPEAT_WEIGHTS.repeat);
    expect(often.boost).toBeGreaterThan(once.boost);
    expect(once.reasons.map((r) => r.code)).toEqual(['REPEAT_OFFENDER']);
    expect(once.reasons[0]!.label.en).toContain('contact');
    expect(often.reasons[0]!.label.id).toContain('5 unggahan');
    expect(often.reasons[0]!.label.en).toContain('3 referred');
  });

  it('adds REPOST_AFTER_TAKEDOWN, caps the boost, and returns reasons that satisfy the contract', () => {
    const result = decideRepeatOffender({ campaign: { scam: 500, referred: 500 }, contacts: { scam: 9, referred: 9 }, repostAfterTakedown: true });
    expect(result.boost).toBe(REPEAT_WEIGHTS.max);
    expect(result.reasons.map((r) => r.code)).toEqual(['REPEAT_OFFENDER', 'REPOST_AFTER_TAKEDOWN']);
    for (const reason of result.reasons) {
      expect(Reason.parse(reason)).toEqual(reason);
      expect(reason.label.id).not.toBe(reason.label.en);
    }
    const takedownOnly = decideRepeatOffender({ ...none, repostAfterTakedown: true });
    expect(takedownOnly).toMatchObject({ repeat: true, boost: REPEAT_WEIGHTS.repostAfterTakedown });
  });

  it('treats negative or non-finite counts from a faulty store as zero', () => {
    expect(decideRepeatOffender({ ...none, campaign: { scam: -3, referred: Number.NaN } }).boost).toBe(0);
  });
});
