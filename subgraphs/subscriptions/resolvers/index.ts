import { DateTimeScalar } from '../../runtime/date-time-scalar';
import { Analytics } from './analytics';
import { Mutation } from './mutation';
import { Partner } from './partner';
import { Query } from './query';
import { AddOn, User } from './references';
import { Subscription } from './subscription';
import { Tenant, TenantPartner } from './tenant';

export const subscriptionsResolvers = {
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Tenant,
  TenantPartner,
  Partner,
  Analytics,
  Subscription,
  User,
  AddOn,
};
