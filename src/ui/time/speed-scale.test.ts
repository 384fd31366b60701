import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SPEED_STOP,
  describeSpeed,
  formatVirtualTime,
  SPEED_STOPS,
  speedHint,
  speedToStop,
  stopToSpeed,
} from './speed-scale';

describe('the speed scale', () => {
  it('runs from 0.005 (follow one message) through the default 0.1 up to 10, then max', () => {
    expect(SPEED_STOPS[0]).toBe(0.005);
    expect(stopToSpeed(DEFAULT_SPEED_STOP)).toBe(0.1);
    expect(SPEED_STOPS.at(-2)).toBe(10);
    expect(SPEED_STOPS.at(-1)).toBe('max');
  });

  it('spaces the numeric stops roughly evenly on a log scale', () => {
    const numbers = SPEED_STOPS.filter((s): s is number => s !== 'max');
    for (let i = 1; i < numbers.length; i++) {
      const ratio = numbers[i]! / numbers[i - 1]!;
      expect(ratio).toBeGreaterThanOrEqual(2);
      expect(ratio).toBeLessThanOrEqual(2.5);
    }
  });

  it('maps every stop to its speed and back', () => {
    SPEED_STOPS.forEach((speed, i) => {
      expect(stopToSpeed(i)).toBe(speed);
      expect(speedToStop(speed)).toBe(i);
    });
  });

  it('snaps a speed between stops to the nearest one on a log scale', () => {
    expect(speedToStop(0.3)).toBe(SPEED_STOPS.indexOf(0.25));
    expect(speedToStop(0.4)).toBe(SPEED_STOPS.indexOf(0.5));
    expect(speedToStop(0.001)).toBe(0);
    expect(speedToStop(100)).toBe(SPEED_STOPS.indexOf(10));
    expect(speedToStop(Number.NaN)).toBe(0);
  });

  it('clamps stops outside the scale', () => {
    expect(stopToSpeed(-3)).toBe(0.005);
    expect(stopToSpeed(99)).toBe('max');
    expect(stopToSpeed(4.6)).toBe(SPEED_STOPS[5]);
  });

  it('describes a speed in words', () => {
    expect(describeSpeed(0.25)).toBe('×0.25 (slow)');
    expect(describeSpeed(0.005)).toBe('×0.005 (very slow)');
    expect(describeSpeed(1)).toBe('×1 (real time)');
    expect(describeSpeed(10)).toBe('×10 (fast)');
    expect(describeSpeed('max')).toBe('max (as fast as possible)');
  });

  it('explains what a speed means', () => {
    expect(speedHint(0.005)).toBe(
      '0.005 virtual ms per wall ms: slow enough to follow one message',
    );
    expect(speedHint(2.5)).toBe('2.5 virtual ms per wall ms');
    expect(speedHint('max')).toBe('as fast as the cluster can run');
  });

  it('formats virtual time in milliseconds', () => {
    expect(formatVirtualTime(1234.56)).toBe('1234.6 ms');
    expect(formatVirtualTime(0)).toBe('0.0 ms');
    expect(formatVirtualTime(Number.NaN)).toBe('—');
  });
});
