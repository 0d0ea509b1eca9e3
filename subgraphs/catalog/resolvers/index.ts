import { DateTimeScalar } from '../../../server/date-time-scalar';
import { SafeIntScalar } from '../../../server/safe-int-scalar';
import { AddOn } from './add-on';
import { Feature } from './feature';
import { Mutation } from './mutation';
import { Plan } from './plan';
import { Query } from './query';

export const catalogResolvers = { DateTime: DateTimeScalar, SafeInt: SafeIntScalar, Query, Mutation, Plan, Feature, AddOn };
