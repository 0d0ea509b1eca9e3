import { startGraph, type TestGraph } from '../support/start-graph';
import { ANALYTICS, customer, partner } from '../support/tokens';

const CATALOG_PLANS = /* GraphQL */ `
  query CatalogPlans {
    plans { key name productLine features { feature { key name } availability } includedAddOns { key } }
  }
`;
const CATALOG_ADD_ONS = /* GraphQL */ `
  query CatalogAddOns {
    addOns { key name type seatModel usageType exhaustionPolicy unitPrice { amountMinor currency } }
  }
`;
const PLAN = /* GraphQL */ `
  query ($key: String!) {
    plan(key: $key) {
      key seatPrice { amountMinor currency }
      features { feature { key } availability }
      includedAddOns { key }
      purchasableAddOns { key }
    }
  }
`;
const CREATE_ADD_ON = /* GraphQL */ `
  mutation ($input: CreateAddOnInput!) { createAddOn(input: $input) { key type seatModel usageType exhaustionPolicy unitPrice { amountMinor currency } } }
`;

function matrix(plan: { features: { feature: { key: string }; availability: string }[] }): Record<string, string> {
  return Object.fromEntries(plan.features.map((cell) => [cell.feature.key, cell.availability]));
}

describe('Catalog through the gateway', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startGraph();
  });
  afterAll(() => graph?.stop());

  it('R1: ships the Zoom-style line with the feature matrix of the article', async () => {
    const { plans } = await graph.ok(CATALOG_PLANS, {}, customer('any-tenant', 'AGENT'));
    const byKey = Object.fromEntries(plans.map((plan: any) => [plan.key, plan]));
    const [basic, premium, elite] = [byKey.zoom_basic, byKey.zoom_premium, byKey.zoom_elite].map(matrix);
    for (const feature of ['email_channel', 'social_messaging', 'outbound_dialer', 'cobrowse']) {
      expect([basic![feature], premium![feature], elite![feature]]).toEqual(['UNAVAILABLE', 'INCLUDED', 'INCLUDED']);
    }
    for (const feature of ['ai_expert_assist', 'quality_management', 'workforce_management']) {
      expect([basic![feature], premium![feature], elite![feature]]).toEqual(['ADD_ON', 'ADD_ON', 'INCLUDED']);
    }
    expect(byKey.zoom_elite.includedAddOns.map((a: any) => a.key).sort()).toEqual([
      'ai_expert_assist',
      'quality_management',
      'workforce_management',
    ]);
    expect(byKey.zoom_basic.includedAddOns).toEqual([]);
  });

  it('R1: ships the Aircall-style line (Professional includes AI Assist) and the Webex-style line', async () => {
    const essentials = (await graph.ok(PLAN, { key: 'aircall_essentials' })).plan;
    const professional = (await graph.ok(PLAN, { key: 'aircall_professional' })).plan;
    expect(matrix(essentials).ai_assist).toBe('ADD_ON');
    expect(essentials.purchasableAddOns.map((a: any) => a.key)).toContain('ai_assist');
    expect(professional.includedAddOns.map((a: any) => a.key)).toEqual(['ai_assist']);
    expect(professional.purchasableAddOns.map((a: any) => a.key)).not.toContain('ai_assist');
    const { plans } = await graph.ok(/* GraphQL */ `{ plans(productLine: WEBEX_CONTACT_CENTER) { key } }`);
    expect(plans.map((p: any) => p.key)).toEqual(['webex_standard', 'webex_premium']);
    const webex = (await graph.ok(PLAN, { key: 'webex_premium' })).plan;
    expect(webex.purchasableAddOns.map((a: any) => a.key).sort()).toEqual(
      ['ai_agent', 'ai_assistant', 'ivr_outbound_campaign', 'ivr_ports', 'webex_connect', 'wfo'].sort(),
    );
  });

  it('R2, R3, R4: add-ons carry their type, seat model, usage type, exhaustion policy and price', async () => {
    const { addOns } = await graph.ok(CATALOG_ADD_ONS, {}, ANALYTICS);
    const byKey = Object.fromEntries(addOns.map((addOn: any) => [addOn.key, addOn]));
    expect(byKey.ai_assist).toMatchObject({ type: 'PROVISIONED', seatModel: 'PER_SEAT', exhaustionPolicy: 'AUTO_PURCHASE' });
    expect(byKey.whatsapp.type).toBe('PROVISIONED');
    expect(byKey.analytics_plus.type).toBe('ACCOUNT_LEVEL');
    for (const key of ['communication_hub', 'advanced_messaging', 'aircall_surveys', 'salesforce_service_cloud_voice', 'webchat']) {
      expect(byKey[key].type).toBe('OTHER');
    }
    expect(byKey.zoom_virtual_agent.seatModel).toBe('ACCOUNT_WIDE');
    expect(byKey.ai_expert_assist.exhaustionPolicy).toBe('HARD_CAP');
    expect(byKey.ai_agent.usageType).toBe('AI_AGENT');
    expect(byKey.ai_assistant.usageType).toBe('AI_ASSISTANT');
    expect(byKey.ivr_outbound_campaign.usageType).toBe('IVR_OUTBOUND_CAMPAIGN');
    expect(byKey.webex_connect.usageType).toBe('WEBEX_CONNECT');
    expect(byKey.ai_assist.unitPrice).toEqual({ amountMinor: 900, currency: 'USD' });
    const { usageTypes } = await graph.ok(/* GraphQL */ `{ usageTypes { usageType aggregation responsibility } }`);
    expect(usageTypes).toContainEqual({ usageType: 'AI_AGENT', aggregation: 'SUM', responsibility: 'LONGEST_INCLUDED' });
    expect(usageTypes).toContainEqual({ usageType: 'AGENT_STANDARD', aggregation: 'PEAK', responsibility: 'PRIMARY' });
    expect(usageTypes).toContainEqual({ usageType: 'WEBEX_CONNECT', aggregation: 'SUM', responsibility: 'PRIMARY' });
  });

  it('an operator creates an add-on, a feature and a plan offering it, then changes the plan and the add-on', async () => {
    const created = await graph.ok(CREATE_ADD_ON, {
      input: {
        key: 'sentiment',
        name: 'Sentiment analysis',
        productLine: 'AIRCALL',
        type: 'PROVISIONED',
        seatModel: 'PER_SEAT',
        exhaustionPolicy: 'AUTO_PURCHASE',
        unitPrice: { amountMinor: 1200, currency: 'USD' },
      },
    });
    expect(created.createAddOn).toEqual({
      key: 'sentiment',
      type: 'PROVISIONED',
      seatModel: 'PER_SEAT',
      usageType: null,
      exhaustionPolicy: 'AUTO_PURCHASE',
      unitPrice: { amountMinor: 1200, currency: 'USD' },
    });
    await graph.ok(/* GraphQL */ `mutation { createFeature(input: { key: "sentiment", name: "Sentiment", productLine: AIRCALL, addOnKey: "sentiment" }) { key addOn { key } } }`);
    await graph.ok(/* GraphQL */ `mutation {
      createPlan(input: {
        key: "aircall_custom", name: "Aircall Custom", productLine: AIRCALL, seatUsageType: AGENT_STANDARD,
        seatPrice: { amountMinor: 4000, currency: "USD" },
        features: [{ featureKey: "calling", availability: INCLUDED }, { featureKey: "sentiment", availability: ADD_ON }]
      }) { key }
    }`);
    let plan = (await graph.ok(PLAN, { key: 'aircall_custom' })).plan;
    expect(matrix(plan)).toMatchObject({ calling: 'INCLUDED', sentiment: 'ADD_ON', whatsapp: 'UNAVAILABLE' });
    expect(plan.purchasableAddOns).toEqual([{ key: 'sentiment' }]);

    await graph.ok(/* GraphQL */ `mutation {
      updatePlan(input: { key: "aircall_custom", seatPrice: { amountMinor: 4500, currency: "USD" }, features: [{ featureKey: "sentiment", availability: INCLUDED }] }) { key }
    }`);
    plan = (await graph.ok(PLAN, { key: 'aircall_custom' })).plan;
    expect(plan.seatPrice).toEqual({ amountMinor: 4500, currency: 'USD' });
    expect(matrix(plan)).toMatchObject({ calling: 'INCLUDED', sentiment: 'INCLUDED' });
    expect(plan.includedAddOns).toEqual([{ key: 'sentiment' }]);

    // Catalog keeps add-ons it has read in memory (runtime/process-cache.ts, 10 s): a change is read back at once.
    const addOn = /* GraphQL */ `{ addOn(key: "sentiment") { exhaustionPolicy unitPrice { amountMinor } } }`;
    expect((await graph.ok(addOn)).addOn.exhaustionPolicy).toBe('AUTO_PURCHASE');
    const updated = await graph.ok(/* GraphQL */ `mutation { updateAddOn(input: { key: "sentiment", exhaustionPolicy: HARD_CAP, unitPrice: { amountMinor: 333, currency: "USD" } }) { exhaustionPolicy } }`);
    expect(updated.updateAddOn.exhaustionPolicy).toBe('HARD_CAP');
    expect((await graph.ok(addOn)).addOn).toEqual({ exhaustionPolicy: 'HARD_CAP', unitPrice: { amountMinor: 333 } });
  });

  it('everyone authenticated reads the catalog; only operators change it (FORBIDDEN, nothing written)', async () => {
    const input = {
      key: 'forbidden_add_on',
      name: 'Nope',
      productLine: 'AIRCALL',
      type: 'OTHER',
      seatModel: 'PER_SEAT',
      exhaustionPolicy: 'AUTO_PURCHASE',
      unitPrice: { amountMinor: 100, currency: 'USD' },
    };
    for (const who of [customer('t', 'OWNER'), partner('par_x'), ANALYTICS]) {
      expect(await graph.errorCode(CREATE_ADD_ON, { input }, who)).toBe('FORBIDDEN');
      expect((await graph.ok(CATALOG_ADD_ONS, {}, who)).addOns.length).toBeGreaterThan(10);
    }
    expect(await graph.errorCode(/* GraphQL */ `{ addOn(key: "forbidden_add_on") { key } }`)).toBe('NOT_FOUND');
  });

  it('bad catalog input is refused with BAD_USER_INPUT (or CONFLICT for a taken key) and writes nothing', async () => {
    const base = {
      key: 'bad_add_on',
      name: 'Bad',
      productLine: 'ZOOM_CONTACT_CENTER',
      type: 'PROVISIONED',
      seatModel: 'PER_SEAT',
      exhaustionPolicy: 'HARD_CAP',
      unitPrice: { amountMinor: 100, currency: 'USD' },
    };
    const cases: [object, string][] = [
      [{ unitPrice: { amountMinor: -1, currency: 'USD' } }, 'BAD_USER_INPUT'],
      [{ unitPrice: { amountMinor: 100, currency: 'dollars' } }, 'BAD_USER_INPUT'],
      [{ name: '   ' }, 'BAD_USER_INPUT'],
      [{ key: 'Bad Key' }, 'BAD_USER_INPUT'],
      [{ type: 'SOMETIMES' }, 'BAD_USER_INPUT'],
      [{ seatModel: 'ACCOUNT_WIDE' }, 'BAD_USER_INPUT'],
      [{ key: 'ai_assist' }, 'CONFLICT'],
    ];
    for (const [change, code] of cases) {
      expect([change, await graph.errorCode(CREATE_ADD_ON, { input: { ...base, ...change } })]).toEqual([change, code]);
    }
    expect(await graph.errorCode(/* GraphQL */ `{ addOn(key: "bad_add_on") { key } }`)).toBe('NOT_FOUND');
    expect(await graph.errorCode(/* GraphQL */ `mutation {
      createPlan(input: { key: "zoom_x", name: "X", productLine: ZOOM_CONTACT_CENTER, seatUsageType: AGENT_STANDARD,
        seatPrice: { amountMinor: 1, currency: "USD" }, features: [{ featureKey: "calling", availability: INCLUDED }] }) { key }
    }`)).toBe('BAD_USER_INPUT');
    expect(await graph.errorCode(/* GraphQL */ `mutation {
      createPlan(input: { key: "zoom_y", name: "Y", productLine: ZOOM_CONTACT_CENTER, seatUsageType: AGENT_STANDARD,
        seatPrice: { amountMinor: 1, currency: "USD" }, features: [{ featureKey: "cobrowse", availability: ADD_ON }] }) { key }
    }`)).toBe('BAD_USER_INPUT');
    expect(await graph.errorCode(/* GraphQL */ `{ plan(key: "zoom_x") { key } }`)).toBe('NOT_FOUND');
    expect(await graph.errorCode(/* GraphQL */ `mutation { updatePlan(input: { key: "no_such_plan", name: "N" }) { key } }`)).toBe('NOT_FOUND');
  });
});
