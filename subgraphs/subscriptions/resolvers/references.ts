import { notImplemented } from '../../runtime/authorization';

/** Catalog's AddOn as Subscriptions sees it: only its key. */
export const AddOn = {
  __resolveReference: (ref: { key: string }) => ref,
};

/** Entitlements' User, to which Subscriptions adds the R32 answer. */
export const User = {
  __resolveReference: (ref: { id: string }) => ref,
  aiOverageResponsibility: () => notImplemented('User.aiOverageResponsibility'),
};
