/** One variant of fixtures/broken/variants.json. */
export interface BrokenVariant {
  name: string;
  fault: string;
  args?: string[];
  edit?: { file: string; find: string; replace: string };
  rename?: { from: string; to: string };
  append?: { file: string; bytes: string };
  expect: { file: string; line: number; column: number; ruleId: string }[];
}
export function applyFault(dir: string, variant: BrokenVariant): void;
