/**
 * `npm run token -- --scope "licensing:provision" [--tenant T] [--role R] [--sub S] [--partner P] [--ttl 3600]`
 * prints a development token signed with AUTH_JWT_SECRET (default the dev secret),
 * with the contract's issuer, audience and claim names.
 */
import { parseArgs } from 'node:util';

import { signDevToken } from './sign-dev-token';

const { values } = parseArgs({
  options: {
    scope: { type: 'string', default: 'licensing:read' },
    tenant: { type: 'string' },
    role: { type: 'string' },
    sub: { type: 'string' },
    partner: { type: 'string' },
    ttl: { type: 'string', default: '3600' },
  },
});

signDevToken({
  scope: values.scope!,
  ...(values.tenant ? { tenant: values.tenant } : {}),
  ...(values.role ? { role: values.role } : {}),
  ...(values.sub ? { sub: values.sub } : {}),
  ...(values.partner ? { partner: values.partner } : {}),
  ttlSeconds: Number(values.ttl),
})
  .then((token) => console.log(token))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
