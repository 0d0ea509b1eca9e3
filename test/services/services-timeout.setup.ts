// Five processes start (and migrate their schemas) in every suite's beforeAll: give hooks and
// tests room on a slower CI machine than the 30 s the in-process graph needs.
jest.setTimeout(120_000);
