/**
 * The surface table as ALVH.SURFACE spills it and the taskpane's surface sheet writes it: one row
 * per expiry with every number the surface is rebuilt from but the spot, so that ALVH.VOL reads
 * either (the same columns, the same values).
 */
import { isoToExcelSerial, type SviParams, type SviWing } from '@alvh/shared';

/**
 * The columns of ALVH.SURFACE, in order (the labels of its optional header row). A wing's third
 * number is its width in log-moneyness (the package's `delta`, no option delta); ALVH.VOL finds a
 * header row by its first label, so a table written with the former "put wing delta" and "call
 * wing delta" labels still reads.
 */
export const SURFACE_COLUMNS = [
  'expiry',
  'forward',
  'ATM vol',
  'SVI a',
  'SVI b',
  'SVI rho',
  'SVI m',
  'SVI sigma',
  'fit RMSE (vol pts)',
  'years',
  'discount',
  'put wing k',
  'put wing beta',
  'put wing width',
  'call wing k',
  'call wing beta',
  'call wing width',
] as const;

/** One expiry of the surface as a row is built from it. */
export interface SurfaceRowInput {
  /** ISO date. */
  expiry: string;
  forward: number;
  /** ATM vol as a decimal (0.185). */
  atmVol: number;
  /** The slice's SVI with its far wings, if any. */
  svi: SviParams;
  /** Vol points; null (an empty cell) for a surface not fitted to quotes. */
  rmseVolPts: number | null;
  /** Years from the quotes to settlement. */
  years: number;
  discount: number;
}

/** A wing's three cells (k, beta, width: the package's delta), empty where the slice has none. */
function wingCells(w: SviWing | undefined): (number | string)[] {
  return w === undefined ? ['', '', ''] : [w.k, w.beta, w.delta];
}

/** One row of the table, in the order of {@link SURFACE_COLUMNS}: the expiry as an Excel date serial, wings empty where none. */
export function surfaceRow(s: SurfaceRowInput): (string | number)[] {
  return [
    isoToExcelSerial(s.expiry),
    s.forward,
    s.atmVol,
    s.svi.a,
    s.svi.b,
    s.svi.rho,
    s.svi.m,
    s.svi.sigma,
    s.rmseVolPts ?? '',
    s.years,
    s.discount,
    ...wingCells(s.svi.putWing),
    ...wingCells(s.svi.callWing),
  ];
}
