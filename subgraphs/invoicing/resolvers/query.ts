import { DomainError } from '../../kernel/domain-error';
import type { InvoicingContext } from '../context';
import { readableInvoice } from './readable';

type Ref = { id: string };

export const Query = {
  invoice: async (_: unknown, { id }: Ref, ctx: InvoicingContext) => {
    const invoice = await readableInvoice(id, ctx);
    if (!invoice) throw new DomainError('NOT_FOUND', `no invoice ${id}`);
    return invoice;
  },
};
