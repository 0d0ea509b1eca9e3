/** The vocabulary of the catalog (R1 to R3), shared by the subgraphs that act on add-ons. */
export const PRODUCT_LINES = ['ZOOM_CONTACT_CENTER', 'AIRCALL', 'WEBEX_CONTACT_CENTER'] as const;
export type ProductLine = (typeof PRODUCT_LINES)[number];

export const FEATURE_AVAILABILITIES = ['INCLUDED', 'ADD_ON', 'UNAVAILABLE'] as const;
export type FeatureAvailability = (typeof FEATURE_AVAILABILITIES)[number];

export const ADD_ON_TYPES = ['PROVISIONED', 'ACCOUNT_LEVEL', 'OTHER'] as const;
export type AddOnType = (typeof ADD_ON_TYPES)[number];

export const SEAT_MODELS = ['PER_SEAT', 'ACCOUNT_WIDE'] as const;
export type SeatModel = (typeof SEAT_MODELS)[number];

export const EXHAUSTION_POLICIES = ['AUTO_PURCHASE', 'HARD_CAP'] as const;
export type ExhaustionPolicy = (typeof EXHAUSTION_POLICIES)[number];
