import { breakerSettingsOf } from '@agora/subgraph-kit';
import { DEFAULT_LIMITS, loadConfig, operationLimitsOf } from '../src/config';
import { LIMIT_OFF, limitsOn, OPERATION_LIMITS } from '../src/operation-limits';

const allOff = { MAX_TOKENS: '0', MAX_DEPTH: '0', MAX_ALIASES: '0', MAX_DIRECTIVES: '0', MAX_COST: '0' };

describe('router protections config', () => {
  it('defaults to every operation limit on, and a breaker after 5 failures', () => {
    const config = loadConfig({});

    expect(operationLimitsOf(config)).toEqual(DEFAULT_LIMITS);
    expect(limitsOn(operationLimitsOf(config))).toEqual(OPERATION_LIMITS);
    expect(breakerSettingsOf(config)).toEqual({ failures: 5, halfOpenAfterMs: 5_000 });
  });

  it('reads 0 as off for each operation limit, aliases and directives included', () => {
    const limits = operationLimitsOf(loadConfig({ ...allOff }));

    expect(limits).toEqual({
      tokens: LIMIT_OFF,
      depth: LIMIT_OFF,
      aliases: LIMIT_OFF,
      directives: LIMIT_OFF,
      cost: LIMIT_OFF,
    });
    expect(limitsOn(limits)).toEqual([]);
    expect(limitsOn(operationLimitsOf(loadConfig({ MAX_DEPTH: '0', MAX_COST: '0' })))).toEqual([
      'tokens',
      'aliases',
      'directives',
    ]);
  });

  it('reads BREAKER_FAILURES=0 (no breaker, no retries)', () => {
    expect(loadConfig({ BREAKER_FAILURES: '0' }).BREAKER_FAILURES).toBe(0);
  });

  it('refuses negative limits and failure counts, naming them', () => {
    expect(() => loadConfig({ MAX_DEPTH: '-1' })).toThrow(/MAX_DEPTH/);
    expect(() => loadConfig({ MAX_COST: 'lots' })).toThrow(/MAX_COST/);
    expect(() => loadConfig({ BREAKER_FAILURES: '-1' })).toThrow(/BREAKER_FAILURES/);
  });
});
