// The tests validate with the same Ajv set-up as the mock.
export { createAjv } from '../../src/mock/schema.js';
