import { validateAddOn } from '../domain/add-on-kinds';
import { completeMatrix, includedAddOnKeys, validateFeature, validatePlan } from '../domain/feature-matrix';
import { SEED_ADD_ONS, SEED_FEATURES, SEED_PLANS } from './catalog-seed';

const features = new Map(SEED_FEATURES.map((f) => [f.key, f]));
const addOns = new Map(SEED_ADD_ONS.map((a) => [a.key, a]));
const plan = (key: string) => SEED_PLANS.find((p) => p.key === key)!;
const cell = (planKey: string, featureKey: string) => plan(planKey).features.find((c) => c.featureKey === featureKey)?.availability;

describe('seed catalog', () => {
  it('obeys the catalog rules it is loaded through', () => {
    for (const addOn of SEED_ADD_ONS) validateAddOn(addOn);
    for (const feature of SEED_FEATURES) validateFeature(feature, feature.addOnKey ? addOns.get(feature.addOnKey)! : null);
    for (const p of SEED_PLANS) validatePlan(p, features);
    expect(new Set(SEED_ADD_ONS.map((a) => a.key)).size).toBe(SEED_ADD_ONS.length);
    expect(new Set(SEED_FEATURES.map((f) => f.key)).size).toBe(SEED_FEATURES.length);
  });

  it('R1: Zoom-style Basic lacks e-mail, social messaging, outbound dialer and cobrowse; Premium and Elite have them', () => {
    for (const feature of ['email_channel', 'social_messaging', 'outbound_dialer', 'cobrowse']) {
      expect([cell('zoom_basic', feature), cell('zoom_premium', feature), cell('zoom_elite', feature)]).toEqual([
        'UNAVAILABLE',
        'INCLUDED',
        'INCLUDED',
      ]);
    }
  });

  it('R1: AI Expert Assist, QM and WFM are add-ons on Basic and Premium and included in Elite', () => {
    for (const feature of ['ai_expert_assist', 'quality_management', 'workforce_management']) {
      expect([cell('zoom_basic', feature), cell('zoom_premium', feature), cell('zoom_elite', feature)]).toEqual([
        'ADD_ON',
        'ADD_ON',
        'INCLUDED',
      ]);
    }
    expect(includedAddOnKeys(plan('zoom_elite').features, features).sort()).toEqual([
      'ai_expert_assist',
      'quality_management',
      'workforce_management',
    ]);
  });

  it('R1: Aircall-style Professional includes AI Assist at no extra cost; Essentials sells it', () => {
    expect(cell('aircall_professional', 'ai_assist')).toBe('INCLUDED');
    expect(cell('aircall_essentials', 'ai_assist')).toBe('ADD_ON');
  });

  it('R1: the Webex-style line has Standard and Premium agents and its metered add-ons', () => {
    expect(plan('webex_standard').seatUsageType).toBe('AGENT_STANDARD');
    expect(plan('webex_premium').seatUsageType).toBe('AGENT_PREMIUM');
    const metered = SEED_ADD_ONS.filter((a) => a.productLine === 'WEBEX_CONTACT_CENTER' && a.usageType).map((a) => a.usageType);
    expect(metered.sort()).toEqual(['AI_AGENT', 'AI_ASSISTANT', 'IVR', 'IVR_OUTBOUND_CAMPAIGN', 'WEBEX_CONNECT']);
  });

  it('R2: the Aircall add-on types of the article', () => {
    expect(['ai_assist', 'whatsapp'].map((k) => addOns.get(k)!.type)).toEqual(['PROVISIONED', 'PROVISIONED']);
    expect(addOns.get('analytics_plus')!.type).toBe('ACCOUNT_LEVEL');
    for (const key of ['communication_hub', 'advanced_messaging', 'aircall_surveys', 'salesforce_service_cloud_voice', 'webchat']) {
      expect(addOns.get(key)!.type).toBe('OTHER');
    }
  });

  it('R3, R21: Zoom Virtual Agent is one licence for the account; Zoom add-ons are hard-capped, Aircall ones auto-purchased', () => {
    expect(addOns.get('zoom_virtual_agent')!.seatModel).toBe('ACCOUNT_WIDE');
    for (const addOn of SEED_ADD_ONS.filter((a) => a.type === 'PROVISIONED')) {
      expect([addOn.key, addOn.exhaustionPolicy]).toEqual([addOn.key, addOn.productLine === 'ZOOM_CONTACT_CENTER' ? 'HARD_CAP' : 'AUTO_PURCHASE']);
    }
  });

  it('every plan has a cell for every feature of its line', () => {
    for (const p of SEED_PLANS) {
      const line = SEED_FEATURES.filter((f) => f.productLine === p.productLine);
      expect(completeMatrix(p.features, line).length).toBe(p.features.length);
    }
  });
});
