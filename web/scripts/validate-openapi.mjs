// Validates docs/openapi.yaml against the OpenAPI 3.1 schema. Exit 0 when valid; otherwise
// prints every error with its place in the document and exits 1.
import { Validator } from "@seriousme/openapi-schema-validator";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const file = process.argv[2] ?? path.join(here, "..", "..", "docs", "openapi.yaml");

const validator = new Validator();
const result = await validator.validate(file);
if (!result.valid) {
  console.error(`${file}: not a valid OpenAPI document`);
  console.error(JSON.stringify(result.errors, null, 2));
  process.exit(1);
}
if (!validator.version.startsWith("3.1")) {
  console.error(`${file}: OpenAPI ${validator.version}, expected 3.1`);
  process.exit(1);
}
try {
  validator.resolveRefs(); // Every $ref must lead somewhere.
} catch (e) {
  console.error(`${file}: ${e.message}`);
  process.exit(1);
}
const paths = Object.keys(validator.specification.paths ?? {}).length;
console.log(`${file}: valid OpenAPI ${validator.version}, ${paths} paths`);
