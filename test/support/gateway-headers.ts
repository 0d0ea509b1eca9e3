import { CALL_HEADER, encodePrincipal, PRINCIPAL_HEADER, signCall, type Principal } from '../../subgraphs/kernel/principal';

/** Both headers the gateway sends with a subgraph call for this principal and body (tests and benchmarks that call a subgraph directly). */
export function gatewayHeaders(principal: Principal, body: string, secret: string, ttlMs = 30_000): Record<string, string> {
  const principalHeader = encodePrincipal(principal, secret);
  return { [PRINCIPAL_HEADER]: principalHeader, [CALL_HEADER]: signCall(principalHeader, body, secret, ttlMs) };
}
