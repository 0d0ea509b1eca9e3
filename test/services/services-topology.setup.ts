// The services jest project: every graph a suite starts is the five-process topology (test/support/start-graph.ts).
process.env.GRAPH_TOPOLOGY = 'services';
