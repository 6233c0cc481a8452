import { existsSync } from "node:fs";
import { join } from "node:path";

/**
 * The shared PIDF-LO validator (schemas of RFC 4119/5139/5491 and a checker; needs xmllint). It
 * lives beside the project, not in it: `PIDF_VALIDATOR` names it, else the workplace's copy next
 * to the clone or at its usual place. Tests that use it fail, never skip, when it is missing.
 */
export function pidfValidator(): string {
  const candidates = [
    process.env.PIDF_VALIDATOR,
    join(process.cwd(), "..", "shared", "standards", "pidf", "validate.sh"),
    "/work/shared/standards/pidf/validate.sh",
  ].filter((path): path is string => !!path);
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`PIDF-LO validator not found (set PIDF_VALIDATOR); looked at ${candidates.join(", ")}`);
  return found;
}
