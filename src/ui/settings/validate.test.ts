import { describe, expect, it } from 'vitest';
import { checkSettings, formFrom, type SettingsForm, sameNetwork } from './validate';

const good: SettingsForm = {
  nodes: '5',
  seed: '42',
  electionMin: '150',
  electionMax: '300',
  heartbeat: '50',
  delayMin: '1',
  delayMax: '5',
  dropPercent: '10',
  duplicatePercent: '0',
};

const timing = { electionTimeoutMs: [150, 300] as const, heartbeatMs: 50 };

describe('checking the settings form', () => {
  it('turns good fields into a cluster and network settings (rates from percent)', () => {
    const c = checkSettings(good);
    expect(c.errors).toEqual({});
    expect(c.cluster).toEqual({
      nodes: 5,
      seed: 42,
      electionTimeoutMs: [150, 300],
      heartbeatMs: 50,
    });
    expect(c.network).toEqual({ delayMs: [1, 5], dropRate: 0.1, duplicateRate: 0 });
  });

  it('fills the form from the current settings', () => {
    expect(
      formFrom(
        { nodes: 5, seed: 42, ...timing },
        { delayMs: [1, 5], dropRate: 0.1, duplicateRate: 0 },
      ),
    ).toEqual(good);
    expect(
      formFrom(
        { nodes: 3, seed: 1, ...timing },
        { delayMs: [0, 2], dropRate: 0.123, duplicateRate: 1 },
      ),
    ).toMatchObject({ dropPercent: '12.3', duplicatePercent: '100' });
  });

  it('says what is wrong with a node count or seed, and keeps the network usable', () => {
    for (const nodes of ['2', '10', '4.5', 'five', '']) {
      const c = checkSettings({ ...good, nodes });
      expect(c.errors.nodes).toBe('Nodes: a whole number from 3 to 9.');
      expect(c.cluster).toBeNull();
      expect(c.network).not.toBeNull();
    }
    for (const seed of ['-1', '1.5', '9999999999', 'x']) {
      expect(checkSettings({ ...good, seed }).errors.seed).toMatch(/^Seed: a whole number/);
    }
  });

  it('says what is wrong with a delay range', () => {
    expect(checkSettings({ ...good, delayMin: '-1' }).errors.delayMin).toMatch(/Minimum delay/);
    expect(checkSettings({ ...good, delayMax: 'abc' }).errors.delayMax).toMatch(/Maximum delay/);
    const backwards = checkSettings({ ...good, delayMin: '8', delayMax: '3' });
    expect(backwards.errors.delayMax).toBe('Maximum delay: at least the minimum delay.');
    expect(backwards.network).toBeNull();
    expect(backwards.cluster).toMatchObject({ nodes: 5, seed: 42 });
  });

  it('keeps rates between 0 and 100 percent', () => {
    expect(checkSettings({ ...good, dropPercent: '101' }).errors.dropPercent).toBe(
      'Drop rate: a percentage from 0 to 100.',
    );
    expect(checkSettings({ ...good, duplicatePercent: '-3' }).errors.duplicatePercent).toBe(
      'Duplicate rate: a percentage from 0 to 100.',
    );
    expect(checkSettings({ ...good, dropPercent: '1e999' }).network).toBeNull();
    expect(checkSettings({ ...good, dropPercent: '100' }).network?.dropRate).toBe(1);
  });

  it('never throws, whatever the text', () => {
    const junk = ['', ' ', 'NaN', 'Infinity', '0x1g', '{}', '1,5'];
    for (const text of junk) {
      const form = Object.fromEntries(
        Object.keys(good).map((k) => [k, text]),
      ) as unknown as SettingsForm;
      expect(() => checkSettings(form)).not.toThrow();
    }
  });

  it('says what is wrong with a timing: the field and why', () => {
    const c = checkSettings({ ...good, electionMin: '400', electionMax: '300' });
    expect(c.errors).toEqual({ electionMax: 'Election timeout max: at least the minimum.' });
    expect(c.cluster).toBeNull();
    expect(checkSettings({ ...good, heartbeat: '150' }).errors.heartbeat).toMatch(
      /shorter than the election timeout min/,
    );
    expect(checkSettings({ ...good, electionMin: '' }).errors.electionMin).toMatch(/whole number/);
    expect(
      checkSettings({ ...good, electionMin: '1500', electionMax: '3000', heartbeat: '200' })
        .cluster,
    ).toMatchObject({ electionTimeoutMs: [1500, 3000], heartbeatMs: 200 });
  });

  it('tells equal network settings apart from changed ones', () => {
    const a = { delayMs: [1, 5] as const, dropRate: 0, duplicateRate: 0 };
    expect(sameNetwork(a, { ...a, delayMs: [1, 5] })).toBe(true);
    expect(sameNetwork(a, { ...a, dropRate: 0.1 })).toBe(false);
  });
});
