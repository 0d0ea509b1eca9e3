import { DateTimeScalar } from '../../../server/date-time-scalar';
import { SafeIntScalar } from '../../../server/safe-int-scalar';
import { Analytics } from './analytics';
import { Mutation } from './mutation';
import { Partner } from './partner';
import { Query } from './query';
import { AddOn, User } from './references';
import { TenantSubscription } from './subscription';
import { Tenant, TenantPartner } from './tenant';

export const subscriptionsResolvers = {
  DateTime: DateTimeScalar,
  SafeInt: SafeIntScalar,
  Query,
  Mutation,
  Tenant,
  TenantPartner,
  Partner,
  Analytics,
  TenantSubscription,
  User,
  AddOn,
};
