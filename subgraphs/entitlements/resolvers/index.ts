import { DateTimeScalar } from '../../../server/date-time-scalar';
import { SafeIntScalar } from '../../../server/safe-int-scalar';
import { Analytics } from './analytics';
import { Mutation } from './mutation';
import { Query } from './query';
import { Tenant, UserConnection } from './tenant';
import { User } from './user';

export const entitlementsResolvers = { DateTime: DateTimeScalar, SafeInt: SafeIntScalar, Query, Mutation, Tenant, UserConnection, User, Analytics };
