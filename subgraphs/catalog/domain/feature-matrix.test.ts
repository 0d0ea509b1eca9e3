import { DomainError } from '../../kernel/domain-error';
import type { CatalogFeature, CatalogPlan } from '../../kernel/catalog-model';
import { completeMatrix, includedAddOnKeys, purchasableAddOnKeys, validateFeature, validatePlan } from './feature-matrix';

const ZOOM = 'ZOOM_CONTACT_CENTER' as const;
const features: CatalogFeature[] = [
  { key: 'email_channel', name: 'E-mail', productLine: ZOOM, addOnKey: null },
  { key: 'ai_expert_assist', name: 'AI Expert Assist', productLine: ZOOM, addOnKey: 'ai_expert_assist' },
  { key: 'quality_management', name: 'QM', productLine: ZOOM, addOnKey: 'quality_management' },
  { key: 'calling', name: 'Calling', productLine: 'AIRCALL', addOnKey: null },
];
const byKey = new Map(features.map((f) => [f.key, f]));
const plan = (cells: CatalogPlan['features']): CatalogPlan => ({
  key: 'zoom_test',
  name: 'Zoom test',
  productLine: ZOOM,
  seatUsageType: 'AGENT_STANDARD',
  seatPrice: { amountMinor: 6900, currency: 'USD' },
  features: cells,
});

function refusal(fn: () => void): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'accepted';
}

describe('feature matrix (R1)', () => {
  it('R1: accepts INCLUDED, ADD_ON and UNAVAILABLE cells of the plan line', () => {
    expect(
      refusal(() =>
        validatePlan(
          plan([
            { featureKey: 'email_channel', availability: 'UNAVAILABLE' },
            { featureKey: 'ai_expert_assist', availability: 'ADD_ON' },
            { featureKey: 'quality_management', availability: 'INCLUDED' },
          ]),
          byKey,
        ),
      ),
    ).toBe('accepted');
  });

  it('R1: refuses ADD_ON for a feature no add-on sells, a feature of another line, an unknown or repeated feature', () => {
    expect(refusal(() => validatePlan(plan([{ featureKey: 'email_channel', availability: 'ADD_ON' }]), byKey))).toMatch(/^BAD_USER_INPUT: .*has no add-on/);
    expect(refusal(() => validatePlan(plan([{ featureKey: 'calling', availability: 'INCLUDED' }]), byKey))).toMatch(/belongs to AIRCALL/);
    expect(refusal(() => validatePlan(plan([{ featureKey: 'teleport', availability: 'INCLUDED' }]), byKey))).toMatch(/unknown feature/);
    expect(
      refusal(() =>
        validatePlan(
          plan([
            { featureKey: 'email_channel', availability: 'INCLUDED' },
            { featureKey: 'email_channel', availability: 'UNAVAILABLE' },
          ]),
          byKey,
        ),
      ),
    ).toMatch(/listed twice/);
  });

  it('R1, R39: refuses a negative seat price or one past the bound, an empty name and a malformed key', () => {
    expect(refusal(() => validatePlan({ ...plan([]), seatPrice: { amountMinor: -1, currency: 'USD' } }, byKey))).toMatch(/from 0 to 1,000,000/);
    expect(refusal(() => validatePlan({ ...plan([]), seatPrice: { amountMinor: 1_000_001, currency: 'USD' } }, byKey))).toMatch(/from 0 to 1,000,000/);
    expect(refusal(() => validatePlan({ ...plan([]), name: '  ' }, byKey))).toMatch(/must not be empty/);
    expect(refusal(() => validatePlan({ ...plan([]), key: 'Zoom Test' }, byKey))).toMatch(/lower case/);
  });

  it('R1: the complete matrix lists every feature of the line, UNAVAILABLE where the plan is silent', () => {
    const zoomFeatures = features.filter((f) => f.productLine === ZOOM);
    const cells = completeMatrix([{ featureKey: 'ai_expert_assist', availability: 'ADD_ON' }], zoomFeatures);
    expect(cells.map((c) => [c.feature.key, c.availability])).toEqual([
      ['email_channel', 'UNAVAILABLE'],
      ['ai_expert_assist', 'ADD_ON'],
      ['quality_management', 'UNAVAILABLE'],
    ]);
  });

  it('R1: included add-ons are the INCLUDED cells sold by an add-on; purchasable ones the ADD_ON cells', () => {
    const cells: CatalogPlan['features'] = [
      { featureKey: 'email_channel', availability: 'INCLUDED' },
      { featureKey: 'ai_expert_assist', availability: 'INCLUDED' },
      { featureKey: 'quality_management', availability: 'ADD_ON' },
    ];
    expect(includedAddOnKeys(cells, byKey)).toEqual(['ai_expert_assist']);
    expect(purchasableAddOnKeys(cells, byKey)).toEqual(['quality_management']);
  });

  it('R1: a feature sold by an add-on must name an add-on of its own line', () => {
    const feature: CatalogFeature = { key: 'qm', name: 'QM', productLine: ZOOM, addOnKey: 'ai_assist' };
    expect(refusal(() => validateFeature(feature, null))).toMatch(/unknown add-on/);
    expect(
      refusal(() =>
        validateFeature(feature, {
          key: 'ai_assist',
          name: 'AI Assist',
          productLine: 'AIRCALL',
          type: 'PROVISIONED',
          seatModel: 'PER_SEAT',
          usageType: null,
          exhaustionPolicy: 'AUTO_PURCHASE',
          unitPrice: { amountMinor: 900, currency: 'USD' },
        }),
      ),
    ).toMatch(/belongs to AIRCALL/);
  });
});
