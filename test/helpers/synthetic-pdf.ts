// The synthetic-document writer lives with the demo, which ships a synthetic SOC 2 report; tests use the same one.
export * from '../../src/demo/synthetic-pdf.js'
