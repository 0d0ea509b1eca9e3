import { notImplemented } from '../../runtime/authorization';
import { DateTimeScalar } from '../../runtime/date-time-scalar';
import { Mutation } from './mutation';
import { Query } from './query';
import { Tenant, UserConnection } from './tenant';
import { User } from './user';

const Analytics = {
  __resolveReference: (ref: { id: string }) => ref,
  addOnUtilization: () => notImplemented('Analytics.addOnUtilization'),
};

export const entitlementsResolvers = { DateTime: DateTimeScalar, Query, Mutation, Tenant, UserConnection, User, Analytics };
