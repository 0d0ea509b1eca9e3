import type { IncomingHttpHeaders } from 'node:http';

import { BoundedCache } from '../../server/bounded-cache';
import {
  CALL_HEADER,
  PRINCIPAL_HEADER,
  principalIfHonoured,
  verifyCall,
  verifyPrincipalHeader,
  type Principal,
  type VerifiedCall,
  type VerifiedPrincipalHeader,
} from '../kernel/principal';

/**
 * Whether a request came through the gateway, and for whom: its principal header is
 * signed by the gateway and honoured, and its call binding holds for this exact body and
 * is used for the first time. The principal, or null for anything else.
 */
export function gatewayCallCheck(gatewaySecret: string): (headers: IncomingHttpHeaders, body: Buffer | null) => Principal | null {
  // The gateway signs one header per request and sends it with each of that request's
  // subgraph calls: its signature is checked once, its expiry on every use.
  const verified = new BoundedCache<string, VerifiedPrincipalHeader>(1_000);
  const principalOf = (header: string): Principal | null => {
    let found = verified.get(header);
    if (!found) {
      const checked = verifyPrincipalHeader(header, gatewaySecret);
      if (!checked) return null;
      verified.set(header, (found = checked));
    }
    return principalIfHonoured(found);
  };

  // A call is honoured once: its nonce is remembered until the call's deadline. Past this
  // many calls within one deadline the oldest nonces are forgotten first.
  const usedCalls = new BoundedCache<string, number>(100_000);
  const isFirstUse = (call: VerifiedCall | null): boolean => {
    if (!call) return false;
    const seen = usedCalls.get(call.nonce);
    if (seen !== undefined && seen > Date.now()) return false;
    usedCalls.set(call.nonce, call.expiresAtMs);
    return true;
  };

  return (headers, body) => {
    const header = firstOf(headers[PRINCIPAL_HEADER]);
    const principal = header ? principalOf(header) : null;
    if (!principal || !body || !isFirstUse(verifyCall(firstOf(headers[CALL_HEADER]), header!, body, gatewaySecret))) return null;
    return principal;
  };
}

const firstOf = (header: string | string[] | undefined): string | undefined => (Array.isArray(header) ? header[0] : header);
