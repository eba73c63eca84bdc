/**
 * @alvh/shared: the ALVH sizing package. Pure functions, no I/O; every host (Excel custom
 * functions, the taskpane, the HTTP API) calls only what this barrel exports. It is the errors, the
 * checks and the dates, plus every subpath of package.json's exports (each a hand-written barrel
 * of public names), so a name is the same binding from the root and from its subpath.
 */
export * from './errors';
export * from './validate';
export * from './dates';
export * from './textEncoding';
export * from './httpReasons';
export * from './schemas/index';
export * from './pricing/index';
export * from './market/index';
export * from './signals/index';
export * from './book/index';
export * from './method/index';
export * from './scenario/index';
export * from './replay/index';
export * from './hedge/index';
export * from './surface/index';
export * from './scenario/model/index';
