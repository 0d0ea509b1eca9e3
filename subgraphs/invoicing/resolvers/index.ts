import { DateTimeScalar } from '../../../server/date-time-scalar';
import { SafeIntScalar } from '../../../server/safe-int-scalar';
import { Invoice } from './invoice';
import { Mutation } from './mutation';
import { Purchase } from './purchase';
import { Query } from './query';
import { FeatureRequest, QuoteRequest } from './self-service-request';
import { Tenant } from './tenant';
import { TenantSubscription } from './tenant-subscription';

export const invoicingResolvers = { DateTime: DateTimeScalar, SafeInt: SafeIntScalar, Query, Mutation, Tenant, TenantSubscription, Invoice, Purchase, QuoteRequest, FeatureRequest };
