/** Checks shared by the signal functions: a series of finite numbers long enough for a calculation. */
import { insufficientData, invalidInput } from '../errors';
import { checkInteger } from '../validate';

/** Throws unless `values` is an array of finite numbers with at least `needed` entries. */
export function checkSeries(field: string, values: readonly number[], needed: number, why: string): void {
  if (!Array.isArray(values))
    throw invalidInput(field, 'is not a list of numbers', 'pass an array of numbers, oldest first');
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw invalidInput(
        `${field}[${i}]`,
        `is ${typeof v === 'number' ? String(v) : typeof v}, not a finite number`,
        'remove or fill the missing value',
      );
    }
  });
  if (values.length < needed) {
    throw insufficientData(
      field,
      `has ${values.length} value${values.length === 1 ? '' : 's'}, but ${why} needs at least ${needed}`,
      `pass at least ${needed} values, oldest first`,
    );
  }
}

/** A whole period ≥ 1. */
export function checkPeriod(field: string, n: number): number {
  return checkInteger(field, n, 1);
}
