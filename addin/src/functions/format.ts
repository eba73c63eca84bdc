/**
 * Shaping results for cells: labelled two-column spills and the removal of absent optional fields
 * before they reach the sizing package (which is compiled with exactOptionalPropertyTypes).
 */

/** A value a cell can show. */
export type CellValue = number | string | boolean;

/** One row of a labelled spill: a label and its value. */
export type LabelledRow = readonly [label: string, value: CellValue];

/** A two-column spill [label, value] per row. */
export function labelled(rows: readonly LabelledRow[]): CellValue[][] {
  return rows.map(([label, value]) => [label, value]);
}

/** `{ [key]: value }` when the value is present, `{}` otherwise, to spread into an input object. */
export function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
