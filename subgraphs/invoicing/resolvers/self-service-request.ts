import type { FeatureRequestRow, QuoteRequestRow } from '../entities/self-service-request.entity';

export const QuoteRequest = { addOn: (request: QuoteRequestRow) => ({ key: request.addOnKey }) };
export const FeatureRequest = { addOn: (request: FeatureRequestRow) => ({ key: request.addOnKey }) };
