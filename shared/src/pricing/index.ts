/** Option pricing: normal distribution, Black kernel, BSM and Black-76 engines, implied volatility. */
export type { OptionType, BsInput, Black76Input, Greeks, BsImpliedVolInput, Black76ImpliedVolInput } from './types';
export { normCdf, normPdf, normInv } from './normalCdf';
export { blackFormula, blackFormulaLn } from './blackFormula';
export { expBounded, EXP_BOUNDED_MAX } from './expBounded';
export { bsPrice, bsGreeks } from './blackScholes';
export { black76Price, black76Greeks } from './black76';
export { bsImpliedVol, black76ImpliedVol } from './impliedVol';
