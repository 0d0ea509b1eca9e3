import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

import type { TelemetrySettings } from './settings';

export interface Tracing {
  /** Sends what is buffered and stops. */
  shutdown(): Promise<void>;
}

/**
 * Traces over OTLP/HTTP when `OTEL_EXPORTER_OTLP_ENDPOINT` is set (`<endpoint>/v1/traces`);
 * otherwise nothing is registered and every span call is OpenTelemetry's no-op. Registers
 * the tracer provider, AsyncLocalStorage context and W3C trace-context propagation for the
 * process: `@apollo/gateway`'s own spans (request, plan, execute, fetch) then have a home,
 * the gateway's subgraph calls carry `traceparent`, and each subgraph's server span
 * (server/http/request-telemetry.ts) joins the request's trace. One trace per client request.
 */
export function startTracing(serviceName: string, settings: TelemetrySettings): Tracing | null {
  if (!settings.otlpEndpoint) return null;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.serviceName ?? `licensing-${serviceName}` }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${settings.otlpEndpoint.replace(/\/$/, '')}/v1/traces` }), { scheduledDelayMillis: 1_000 })],
  });
  provider.register();
  return { shutdown: () => provider.shutdown() };
}
