/** A check whose answer is reused for `reuseMs` after it settles, and shared while it runs. */
export function reusedFor<T>(reuseMs: number, check: () => Promise<T>): () => Promise<T> {
  let last: { readonly answer: Promise<T>; settledAt: number | null } | null = null;
  return () => {
    const now = Date.now();
    if (last && (last.settledAt === null || now - last.settledAt < reuseMs)) return last.answer;
    const current: { answer: Promise<T>; settledAt: number | null } = { answer: check(), settledAt: null };
    void current.answer.finally(() => (current.settledAt = Date.now())).catch(() => undefined);
    last = current;
    return current.answer;
  };
}
