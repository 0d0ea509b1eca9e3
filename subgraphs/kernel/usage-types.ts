import type { Money } from './money';

/** Billable usage types (R4). */
export const USAGE_TYPES = [
  'AGENT_STANDARD',
  'AGENT_PREMIUM',
  'IVR',
  'AI_AGENT',
  'AI_ASSISTANT',
  'IVR_OUTBOUND_CAMPAIGN',
  'WEBEX_CONNECT',
] as const;
export type UsageType = (typeof USAGE_TYPES)[number];

export type UsageAggregation = 'PEAK' | 'SUM';
export type UsageResponsibility = 'PRIMARY' | 'LONGEST_INCLUDED';

export interface UsageTypeDefinition {
  readonly usageType: UsageType;
  readonly name: string;
  /** PEAK: a reading is a level (seats, ports); SUM: a reading is an increment (interactions, minutes, messages). */
  readonly aggregation: UsageAggregation;
  /** R7 for the AI and outbound types; R8 (primary) for agents, IVR and Webex Connect. */
  readonly responsibility: UsageResponsibility;
  /**
   * The price of one unit over the entitlement (R9, R29): per seat or port for a cycle's
   * peak for seat-like types, per interaction, minute or message for metered ones.
   * Illustrative list prices in USD, like the catalog's.
   */
  readonly overageUnitPrice: Money;
}

const usd = (amountMinor: number): Money => ({ amountMinor, currency: 'USD' });

/** The fixed rules of each usage type: how it aggregates (R9) and who is charged (R7, R8). */
export const USAGE_TYPE_DEFINITIONS: Readonly<Record<UsageType, UsageTypeDefinition>> = {
  AGENT_STANDARD: { usageType: 'AGENT_STANDARD', name: 'Standard agents', aggregation: 'PEAK', responsibility: 'PRIMARY', overageUnitPrice: usd(9500) },
  AGENT_PREMIUM: { usageType: 'AGENT_PREMIUM', name: 'Premium agents', aggregation: 'PEAK', responsibility: 'PRIMARY', overageUnitPrice: usd(12500) },
  IVR: { usageType: 'IVR', name: 'IVR ports', aggregation: 'PEAK', responsibility: 'PRIMARY', overageUnitPrice: usd(4000) },
  AI_AGENT: { usageType: 'AI_AGENT', name: 'AI Agent interactions', aggregation: 'SUM', responsibility: 'LONGEST_INCLUDED', overageUnitPrice: usd(10) },
  AI_ASSISTANT: { usageType: 'AI_ASSISTANT', name: 'AI Assistant interactions', aggregation: 'SUM', responsibility: 'LONGEST_INCLUDED', overageUnitPrice: usd(5) },
  IVR_OUTBOUND_CAMPAIGN: {
    usageType: 'IVR_OUTBOUND_CAMPAIGN',
    name: 'IVR outbound campaign minutes',
    aggregation: 'SUM',
    responsibility: 'LONGEST_INCLUDED',
    overageUnitPrice: usd(3),
  },
  WEBEX_CONNECT: { usageType: 'WEBEX_CONNECT', name: 'Webex Connect messages', aggregation: 'SUM', responsibility: 'PRIMARY', overageUnitPrice: usd(1) },
};

/** The AI usage types: their overage is charged to the responsible subscription (R7, R32). */
export const AI_USAGE_TYPES: readonly UsageType[] = ['AI_AGENT', 'AI_ASSISTANT'];
