import type { FeatureAvailability } from '../../kernel/catalog-terms';
import type { CatalogAddOn, CatalogFeature, CatalogPlan } from '../../kernel/catalog-model';

/**
 * The three product lines of the source articles (SPEC R1), loaded into an empty
 * catalog at start-up. Prices are per seat per month in USD minor units; they are
 * illustrative list prices, not the vendors' own.
 */
const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

// ---------------------------------------------------------------- Zoom-style (seeds/002)

const ZOOM = 'ZOOM_CONTACT_CENTER' as const;

const zoomAddOns: CatalogAddOn[] = [
  { key: 'ai_expert_assist', name: 'AI Expert Assist', productLine: ZOOM, type: 'PROVISIONED', seatModel: 'PER_SEAT', usageType: null, exhaustionPolicy: 'HARD_CAP', unitPrice: usd(2500) },
  { key: 'quality_management', name: 'Zoom Quality Management', productLine: ZOOM, type: 'PROVISIONED', seatModel: 'PER_SEAT', usageType: null, exhaustionPolicy: 'HARD_CAP', unitPrice: usd(2000) },
  { key: 'workforce_management', name: 'Zoom Workforce Management', productLine: ZOOM, type: 'PROVISIONED', seatModel: 'PER_SEAT', usageType: null, exhaustionPolicy: 'HARD_CAP', unitPrice: usd(2000) },
  { key: 'zoom_virtual_agent', name: 'Zoom Virtual Agent', productLine: ZOOM, type: 'OTHER', seatModel: 'ACCOUNT_WIDE', usageType: null, exhaustionPolicy: 'HARD_CAP', unitPrice: usd(50000) },
  { key: 'toll_free_numbers', name: 'Toll-free numbers', productLine: ZOOM, type: 'OTHER', seatModel: 'ACCOUNT_WIDE', usageType: null, exhaustionPolicy: 'HARD_CAP', unitPrice: usd(1000) },
  { key: 'cloud_storage', name: 'Cloud storage', productLine: ZOOM, type: 'OTHER', seatModel: 'ACCOUNT_WIDE', usageType: null, exhaustionPolicy: 'HARD_CAP', unitPrice: usd(5000) },
  { key: 'global_numbers', name: 'Global phone numbers', productLine: ZOOM, type: 'OTHER', seatModel: 'ACCOUNT_WIDE', usageType: null, exhaustionPolicy: 'HARD_CAP', unitPrice: usd(800) },
];

const zoomFeatures: [key: string, name: string, addOnKey: string | null, basic: FeatureAvailability, premium: FeatureAvailability, elite: FeatureAvailability][] = [
  ['voice_video_chat_sms', 'Voice, video, chat and SMS channels', null, 'INCLUDED', 'INCLUDED', 'INCLUDED'],
  ['flow_editor', 'Flow editor', null, 'INCLUDED', 'INCLUDED', 'INCLUDED'],
  ['interactive_voice_response', 'Interactive voice response', null, 'INCLUDED', 'INCLUDED', 'INCLUDED'],
  ['real_time_transcription', 'Real-time transcription', null, 'INCLUDED', 'INCLUDED', 'INCLUDED'],
  ['remote_control', 'Remote control', null, 'INCLUDED', 'INCLUDED', 'INCLUDED'],
  ['agent_cti_integration', 'Agent CTI integration', null, 'INCLUDED', 'INCLUDED', 'INCLUDED'],
  ['surveys', 'Surveys', null, 'INCLUDED', 'INCLUDED', 'INCLUDED'],
  ['pii_redaction', 'PII redaction', null, 'INCLUDED', 'INCLUDED', 'INCLUDED'],
  ['customer_managed_keys', 'Customer-managed key encryption', null, 'INCLUDED', 'INCLUDED', 'INCLUDED'],
  ['ai_companion', 'Zoom AI Companion', null, 'INCLUDED', 'INCLUDED', 'INCLUDED'],
  ['reporting_analytics', 'Reporting and analytics', null, 'INCLUDED', 'INCLUDED', 'INCLUDED'],
  ['email_channel', 'E-mail contact channel', null, 'UNAVAILABLE', 'INCLUDED', 'INCLUDED'],
  ['social_messaging', 'Social media messaging channel', null, 'UNAVAILABLE', 'INCLUDED', 'INCLUDED'],
  ['outbound_dialer', 'Automated outbound dialer', null, 'UNAVAILABLE', 'INCLUDED', 'INCLUDED'],
  ['cobrowse', 'Cobrowse', null, 'UNAVAILABLE', 'INCLUDED', 'INCLUDED'],
  ['ai_expert_assist', 'AI Expert Assist', 'ai_expert_assist', 'ADD_ON', 'ADD_ON', 'INCLUDED'],
  ['quality_management', 'Zoom Quality Management', 'quality_management', 'ADD_ON', 'ADD_ON', 'INCLUDED'],
  ['workforce_management', 'Zoom Workforce Management', 'workforce_management', 'ADD_ON', 'ADD_ON', 'INCLUDED'],
  ['zoom_virtual_agent', 'Zoom Virtual Agent', 'zoom_virtual_agent', 'ADD_ON', 'ADD_ON', 'ADD_ON'],
];

// ------------------------------------------------------------- Aircall-style (seeds/000, 004)

const AIRCALL = 'AIRCALL' as const;

const aircallAddOns: CatalogAddOn[] = [
  { key: 'ai_assist', name: 'AI Assist', productLine: AIRCALL, type: 'PROVISIONED', seatModel: 'PER_SEAT', usageType: null, exhaustionPolicy: 'AUTO_PURCHASE', unitPrice: usd(900) },
  { key: 'whatsapp', name: 'WhatsApp in Aircall', productLine: AIRCALL, type: 'PROVISIONED', seatModel: 'PER_SEAT', usageType: null, exhaustionPolicy: 'AUTO_PURCHASE', unitPrice: usd(1000) },
  { key: 'analytics_plus', name: 'Analytics+', productLine: AIRCALL, type: 'ACCOUNT_LEVEL', seatModel: 'PER_SEAT', usageType: null, exhaustionPolicy: 'AUTO_PURCHASE', unitPrice: usd(500) },
  { key: 'communication_hub', name: 'Communication Hub', productLine: AIRCALL, type: 'OTHER', seatModel: 'PER_SEAT', usageType: null, exhaustionPolicy: 'AUTO_PURCHASE', unitPrice: usd(300) },
  { key: 'advanced_messaging', name: 'Advanced Messaging', productLine: AIRCALL, type: 'OTHER', seatModel: 'PER_SEAT', usageType: null, exhaustionPolicy: 'AUTO_PURCHASE', unitPrice: usd(400) },
  { key: 'aircall_surveys', name: 'Aircall Surveys', productLine: AIRCALL, type: 'OTHER', seatModel: 'ACCOUNT_WIDE', usageType: null, exhaustionPolicy: 'AUTO_PURCHASE', unitPrice: usd(2000) },
  { key: 'salesforce_service_cloud_voice', name: 'Salesforce Service Cloud Voice', productLine: AIRCALL, type: 'OTHER', seatModel: 'PER_SEAT', usageType: null, exhaustionPolicy: 'AUTO_PURCHASE', unitPrice: usd(1500) },
  { key: 'webchat', name: 'WebChat', productLine: AIRCALL, type: 'OTHER', seatModel: 'ACCOUNT_WIDE', usageType: null, exhaustionPolicy: 'AUTO_PURCHASE', unitPrice: usd(2500) },
];

const aircallFeatures: [key: string, name: string, addOnKey: string | null, essentials: FeatureAvailability, professional: FeatureAvailability][] = [
  ['calling', 'Calling and IVR', null, 'INCLUDED', 'INCLUDED'],
  ['call_recording', 'Call recording', null, 'INCLUDED', 'INCLUDED'],
  ['ai_assist', 'AI Assist', 'ai_assist', 'ADD_ON', 'INCLUDED'],
  ['whatsapp', 'WhatsApp in Aircall', 'whatsapp', 'ADD_ON', 'ADD_ON'],
  ['analytics_plus', 'Analytics+', 'analytics_plus', 'ADD_ON', 'ADD_ON'],
  ['communication_hub', 'Communication Hub', 'communication_hub', 'ADD_ON', 'ADD_ON'],
  ['advanced_messaging', 'Advanced Messaging', 'advanced_messaging', 'ADD_ON', 'ADD_ON'],
  ['aircall_surveys', 'Aircall Surveys', 'aircall_surveys', 'ADD_ON', 'ADD_ON'],
  ['salesforce_service_cloud_voice', 'Salesforce Service Cloud Voice', 'salesforce_service_cloud_voice', 'ADD_ON', 'ADD_ON'],
  ['webchat', 'WebChat', 'webchat', 'ADD_ON', 'ADD_ON'],
];

// --------------------------------------------------------------- Webex-style (seeds/001, 003)

const WEBEX = 'WEBEX_CONTACT_CENTER' as const;

const webexAddOns: CatalogAddOn[] = [
  { key: 'ivr_ports', name: 'IVR ports', productLine: WEBEX, type: 'OTHER', seatModel: 'ACCOUNT_WIDE', usageType: 'IVR', exhaustionPolicy: 'AUTO_PURCHASE', unitPrice: usd(4000) },
  { key: 'ai_agent', name: 'AI Agent', productLine: WEBEX, type: 'PROVISIONED', seatModel: 'PER_SEAT', usageType: 'AI_AGENT', exhaustionPolicy: 'AUTO_PURCHASE', unitPrice: usd(3000) },
  { key: 'ai_assistant', name: 'AI Assistant', productLine: WEBEX, type: 'PROVISIONED', seatModel: 'PER_SEAT', usageType: 'AI_ASSISTANT', exhaustionPolicy: 'AUTO_PURCHASE', unitPrice: usd(2500) },
  { key: 'ivr_outbound_campaign', name: 'IVR outbound campaigns', productLine: WEBEX, type: 'OTHER', seatModel: 'ACCOUNT_WIDE', usageType: 'IVR_OUTBOUND_CAMPAIGN', exhaustionPolicy: 'AUTO_PURCHASE', unitPrice: usd(10000) },
  { key: 'webex_connect', name: 'Webex Connect', productLine: WEBEX, type: 'OTHER', seatModel: 'ACCOUNT_WIDE', usageType: 'WEBEX_CONNECT', exhaustionPolicy: 'AUTO_PURCHASE', unitPrice: usd(5000) },
  { key: 'wfo', name: 'Workforce Optimization (WFO)', productLine: WEBEX, type: 'PROVISIONED', seatModel: 'PER_SEAT', usageType: null, exhaustionPolicy: 'AUTO_PURCHASE', unitPrice: usd(3500) },
];

const webexFeatures: [key: string, name: string, addOnKey: string | null, standard: FeatureAvailability, premium: FeatureAvailability][] = [
  ['voice_digital_channels', 'Voice and digital channels', null, 'INCLUDED', 'INCLUDED'],
  ['flow_designer', 'Flow designer', null, 'INCLUDED', 'INCLUDED'],
  ['supervisor_desktop', 'Supervisor desktop', null, 'UNAVAILABLE', 'INCLUDED'],
  ['ivr_ports', 'IVR', 'ivr_ports', 'ADD_ON', 'ADD_ON'],
  ['ai_agent', 'AI Agent', 'ai_agent', 'ADD_ON', 'ADD_ON'],
  ['ai_assistant', 'AI Assistant', 'ai_assistant', 'ADD_ON', 'ADD_ON'],
  ['ivr_outbound_campaign', 'IVR outbound campaigns', 'ivr_outbound_campaign', 'ADD_ON', 'ADD_ON'],
  ['webex_connect', 'Webex Connect', 'webex_connect', 'ADD_ON', 'ADD_ON'],
  ['wfo', 'Workforce Optimization (WFO)', 'wfo', 'ADD_ON', 'ADD_ON'],
];

// ----------------------------------------------------------------------- assembled

export const SEED_ADD_ONS: readonly CatalogAddOn[] = [...zoomAddOns, ...aircallAddOns, ...webexAddOns];

export const SEED_FEATURES: readonly CatalogFeature[] = [
  ...zoomFeatures.map(([key, name, addOnKey]) => ({ key, name, addOnKey, productLine: ZOOM })),
  ...aircallFeatures.map(([key, name, addOnKey]) => ({ key, name, addOnKey, productLine: AIRCALL })),
  ...webexFeatures.map(([key, name, addOnKey]) => ({ key, name, addOnKey, productLine: WEBEX })),
];

export const SEED_PLANS: readonly CatalogPlan[] = [
  { key: 'zoom_basic', name: 'Zoom Contact Center Basic', productLine: ZOOM, seatUsageType: 'AGENT_STANDARD', seatPrice: usd(6900), features: zoomFeatures.map(([featureKey, , , availability]) => ({ featureKey, availability })) },
  { key: 'zoom_premium', name: 'Zoom Contact Center Premium', productLine: ZOOM, seatUsageType: 'AGENT_STANDARD', seatPrice: usd(9900), features: zoomFeatures.map(([featureKey, , , , availability]) => ({ featureKey, availability })) },
  { key: 'zoom_elite', name: 'Zoom Contact Center Elite', productLine: ZOOM, seatUsageType: 'AGENT_PREMIUM', seatPrice: usd(14900), features: zoomFeatures.map(([featureKey, , , , , availability]) => ({ featureKey, availability })) },
  { key: 'aircall_essentials', name: 'Aircall Essentials', productLine: AIRCALL, seatUsageType: 'AGENT_STANDARD', seatPrice: usd(3000), features: aircallFeatures.map(([featureKey, , , availability]) => ({ featureKey, availability })) },
  { key: 'aircall_professional', name: 'Aircall Professional', productLine: AIRCALL, seatUsageType: 'AGENT_STANDARD', seatPrice: usd(5000), features: aircallFeatures.map(([featureKey, , , , availability]) => ({ featureKey, availability })) },
  { key: 'webex_standard', name: 'Webex Contact Center Standard agent', productLine: WEBEX, seatUsageType: 'AGENT_STANDARD', seatPrice: usd(9500), features: webexFeatures.map(([featureKey, , , availability]) => ({ featureKey, availability })) },
  { key: 'webex_premium', name: 'Webex Contact Center Premium agent', productLine: WEBEX, seatUsageType: 'AGENT_PREMIUM', seatPrice: usd(12500), features: webexFeatures.map(([featureKey, , , , availability]) => ({ featureKey, availability })) },
];
