/** Types of production.mjs for the tests that import it. */
export declare const DEV_ORIGIN: string;
export declare function productionOrigin(raw: string | undefined): string;
export declare function productionManifest(xml: string, origin: string): string;
export declare function productionFunctionsJson(json: string, origin: string): string;
export declare function writeProduction(root: string, origin: string, out?: string): string;
