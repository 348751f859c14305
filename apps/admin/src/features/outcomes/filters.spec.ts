import { comparisonQuery, NO_FILTERS, parseDiagnoses, toQuery } from './filters';

describe('toQuery', () => {
  it('sends nothing for no filters', () => {
    expect(toQuery(NO_FILTERS)).toEqual({});
  });

  it('sends every filter set, lists as lists and booster as a boolean', () => {
    expect(
      toQuery({
        from: '2025-01-01',
        to: '2025-12-31',
        protocolKey: ['IV_FIVE_DAY_LOW_DOSE'],
        protocolVersion: 2,
        painMechanism: ['NEUROPATHIC', 'MIXED'],
        diagnosis: ['G57'],
        route: ['IV'],
        ageBand: ['AGE_65_AND_OVER'],
        sex: ['FEMALE'],
        booster: 'INITIAL',
      }),
    ).toEqual({
      from: '2025-01-01',
      to: '2025-12-31',
      protocolKey: ['IV_FIVE_DAY_LOW_DOSE'],
      protocolVersion: 2,
      painMechanism: ['NEUROPATHIC', 'MIXED'],
      diagnosis: ['G57'],
      route: ['IV'],
      ageBand: ['AGE_65_AND_OVER'],
      sex: ['FEMALE'],
      booster: false,
    });
  });

  it('sends a version only with exactly one protocol', () => {
    expect(toQuery({ ...NO_FILTERS, protocolVersion: 2 })).toEqual({});
    expect(toQuery({ ...NO_FILTERS, protocolKey: ['A', 'B'], protocolVersion: 2 })).toEqual({
      protocolKey: ['A', 'B'],
    });
    expect(toQuery({ ...NO_FILTERS, booster: 'BOOSTER' })).toEqual({ booster: true });
  });
});

describe('comparisonQuery', () => {
  const filtered = {
    ...NO_FILTERS,
    protocolKey: ['IV_SINGLE_INFUSION'],
    painMechanism: ['MIXED'],
    booster: 'INITIAL' as const,
  };

  it("puts the two values in the dimension's own filter, keeping the others", () => {
    expect(comparisonQuery(filtered, 'painMechanism', ['NEUROPATHIC', 'NOCIPLASTIC'])).toEqual({
      protocolKey: ['IV_SINGLE_INFUSION'],
      painMechanism: ['NEUROPATHIC', 'NOCIPLASTIC'],
      booster: false,
      groupBy: 'painMechanism',
    });
  });

  it('compares protocols across versions, and boosters by grouping alone', () => {
    expect(
      comparisonQuery({ ...filtered, protocolVersion: 1 }, 'protocol', ['IV_SINGLE_INFUSION', 'ORAL_MAINTENANCE']),
    ).toEqual({
      protocolKey: ['IV_SINGLE_INFUSION', 'ORAL_MAINTENANCE'],
      painMechanism: ['MIXED'],
      booster: false,
      groupBy: 'protocol',
    });
    expect(comparisonQuery(filtered, 'booster', ['INITIAL', 'BOOSTER'])).toEqual({
      protocolKey: ['IV_SINGLE_INFUSION'],
      painMechanism: ['MIXED'],
      groupBy: 'booster',
    });
  });
});

describe('parseDiagnoses', () => {
  it('splits on commas, semicolons and spaces, upper-cases, and drops empty parts', () => {
    expect(parseDiagnoses(' g57, M79.7;;  m54 ')).toEqual(['G57', 'M79.7', 'M54']);
    expect(parseDiagnoses('')).toEqual([]);
  });
});
