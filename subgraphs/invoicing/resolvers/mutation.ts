import { DomainError } from '../../kernel/domain-error';
import { assertOperator } from '../../runtime/authorization';
import { purchaseAddOn } from '../commands/purchase-add-on';
import { runBilling } from '../commands/run-billing';
import { requestFeature, requestQuote, submitQuote } from '../commands/self-service-requests';
import type { InvoicingContext } from '../context';
import { assertMayTake } from '../domain/self-service';
import { QuoteRequest } from '../entities/self-service-request.entity';

type WithAt<T> = T & { at?: Date | null };

export const Mutation = {
  purchaseAddOn: async (
    _: unknown,
    { input }: { input: WithAt<{ tenantId: string; addOnKey: string; quantity: number; idempotencyKey: string }> },
    ctx: InvoicingContext,
  ) => {
    const at = ctx.effectiveAt(input.at);
    await ctx.tenants.assertWritable(input.tenantId);
    assertMayTake(ctx.principal, 'SUBSCRIBE_NOW');
    const { tenantId, addOnKey, quantity, idempotencyKey } = input;
    return purchaseAddOn(ctx.em, { tenantId, addOnKey, quantity, idempotencyKey, requestedAt: input.at ?? null }, at, ctx.principal.sub);
  },
  requestQuote: async (_: unknown, args: WithAt<{ tenantId: string; addOnKey: string; quantity: number }>, ctx: InvoicingContext) => {
    const at = ctx.effectiveAt(args.at);
    await ctx.tenants.assertWritable(args.tenantId);
    assertMayTake(ctx.principal, 'REQUEST_QUOTE');
    return requestQuote(ctx.em, { tenantId: args.tenantId, addOnKey: args.addOnKey, quantity: args.quantity }, ctx.principal, at);
  },
  submitQuote: async (_: unknown, args: WithAt<{ requestId: string }>, ctx: InvoicingContext) => {
    const at = ctx.effectiveAt(args.at);
    const request = await ctx.em.findOne(QuoteRequest, { id: args.requestId });
    if (!request || !(await ctx.tenants.canRead(request.tenantId))) throw new DomainError('NOT_FOUND', `no quote request ${args.requestId}`);
    await ctx.tenants.assertWritable(request.tenantId);
    // R30: only an owner submits (an operator for one); an admin only prepares.
    assertMayTake(ctx.principal, 'SUBSCRIBE_NOW');
    return submitQuote(ctx.em, request, ctx.principal, at);
  },
  requestFeature: async (_: unknown, args: WithAt<{ tenantId: string; addOnKey: string }>, ctx: InvoicingContext) => {
    const at = ctx.effectiveAt(args.at);
    await ctx.tenants.assertWritable(args.tenantId);
    assertMayTake(ctx.principal, 'REQUEST_FEATURE');
    return requestFeature(ctx.em, { tenantId: args.tenantId, addOnKey: args.addOnKey }, ctx.principal, at);
  },
  runBilling: async (_: unknown, args: { tenantId?: string | null; at: Date }, ctx: InvoicingContext) => {
    assertOperator(ctx.principal, 'run billing');
    // Cycles that have not ended yet are not billed: their usage is still coming in.
    if (args.at.getTime() > ctx.now.getTime()) throw new DomainError('BAD_USER_INPUT', 'a billing run bills cycles that have ended: `at` may not be in the future');
    if (args.tenantId) await ctx.tenants.assertReadable(args.tenantId);
    return { invoicesIssued: await runBilling(ctx.em, { tenantId: args.tenantId ?? null, at: args.at, issuedAt: ctx.now, actor: ctx.principal.sub }) };
  },
};
